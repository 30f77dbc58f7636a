"""Time ``mbc-docs check`` against translate-toolkit's ``pofilter`` on the same catalogs.

Prerequisites: ``pip install -e .[bench]`` (translate-toolkit) and
``python benchmarks/make_corpus.py`` (writes build/bench-corpus/).

Prints, in one run: pofilter's time (its default checks, one process over the
whole locale folder), the checker's time with the 10,000-concept termbase (cold:
the termbase cache is empty, so the TBX is parsed and indexed; warm: read back from
the cache, as on every later run; warm in one process, ``--jobs 1``; and warm as
Python, ``MBC_DOCS_PURE_PYTHON=1``, where the install compiled the checker with
mypyc) and with the 100-concept one, the speed-ups and the termbase scaling ratio. Targets: >= 10x
faster than pofilter, ratio <= 1.3. Wall-clock times on a shared machine vary: run
it on an idle one, best of N (``--repeat N``, taken in turns); the median speed-up
over the N turns is printed too, since a short run catches a fast spell of a noisy
machine more often than a long one. Every tool runs with its bytecode cache, as
installed tools do (see BASE_ENV).

The corpus is built from templates, so its words repeat as a real guide's do; the
checker's per-chunk token cache benefits from that, pofilter has no such cache.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


#: The environment every tool runs in. Without PYTHONDONTWRITEBYTECODE (set in some
#: sandboxes), Python keeps the bytecode of the modules it compiles, as it does on a
#: user's machine: pip writes it for installed packages (pofilter's), and an editable
#: install writes it on its first run (the cold runs below). With the variable set,
#: an editable mbc-docs compiled its ~40 modules from source on every run (~50 ms).
BASE_ENV = {key: value for key, value in os.environ.items()
            if key != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, check=False,
                            env={**BASE_ENV, **(env or {})})
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit(f"{argv[0]} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path(
        "/proc/loadavg").exists() else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "build" / "bench-corpus")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    locale = args.corpus / "locale"
    if not locale.is_dir():
        sys.exit(f"no corpus at {args.corpus}: run python benchmarks/make_corpus.py first")
    pofilter = shutil.which("pofilter", path=str(BIN)) or shutil.which("pofilter")
    if not pofilter:
        sys.exit("pofilter not found: pip install -e '.[bench]'")
    entries = sum(p.read_text(encoding="utf-8").count("\nmsgid ") for p in locale.rglob("*.po"))
    print(f"load average before: {load()}")
    mbc = str(BIN / "mbc-docs")

    def check(size: int, *extra: str) -> list[str]:
        return [mbc, "check", str(locale), "--termbase",
                str(args.corpus / f"termbase-{size}.tbx"), "--format", "json", "-o", "/dev/null",
                *extra]

    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache_dir:
        # Cold: an empty termbase cache, so the TBX is parsed and indexed (first run
        # after the termbase changes). Warm: the cache from that run (every later run).
        env = {"MBC_DOCS_CACHE_DIR": cache_dir}
        w_cold, c_cold = timed(check(10_000), env)
        timed(check(100), env)
        runs: dict[str, list[tuple[float, float]]] = {}
        # Round robin, so that a slow spell of a shared machine slows every tool alike.
        for _ in range(args.repeat):
            for key, argv, extra_env in (
                    ("pofilter", [pofilter, "--progress=none", "-i", str(locale), "-o", out], {}),
                    ("big", check(10_000), env),
                    ("one", check(10_000, "--jobs", "1"), env),
                    ("python", check(10_000), {**env, "MBC_DOCS_PURE_PYTHON": "1"}),
                    ("small", check(100), env)):
                runs.setdefault(key, []).append(timed(argv, extra_env))
    (w_pof, c_pof), (w_big, c_big), (w_one, c_one), (w_py, c_py), (w_small, c_small) = (
        (min(w for w, _ in runs[key]), min(c for _, c in runs[key]))
        for key in ("pofilter", "big", "one", "python", "small"))
    status = subprocess.run([mbc, "--version"], capture_output=True, text=True,
                            check=False).stdout.strip()
    print(status)
    print(f"corpus: {entries} entries, {len(list(locale.rglob('*.po')))} catalogs "
          f"(best of {args.repeat}; wall and CPU incl. interpreter start-up and workers)")
    rows = [("pofilter (default checks, no termbase)", w_pof, c_pof),
            ("mbc-docs check, 10,000 concepts, cold cache", w_cold, c_cold),
            ("mbc-docs check, 10,000-concept termbase", w_big, c_big),
            ("  the same, one process (--jobs 1)", w_one, c_one),
            ("  the same, as Python (MBC_DOCS_PURE_PYTHON=1)", w_py, c_py),
            ("mbc-docs check, 100-concept termbase", w_small, c_small)]
    for label, wall, cpu in rows:
        print(f"{label + ':':<50} wall {wall:7.2f} s  CPU {cpu:7.2f} s")
    print(f"speed-up over pofilter (10,000 concepts): wall {w_pof / w_big:6.1f}x  "
          f"CPU {c_pof / c_big:6.1f}x  cold wall {w_pof / w_cold:6.1f}x  "
          f"as Python {w_pof / w_py:6.1f}x  (target >= 10)")
    turns = [pof[0] / big[0] for pof, big in zip(runs["pofilter"], runs["big"], strict=True)]
    print(f"  wall speed-up in each turn: {' '.join(f'{t:.1f}x' for t in turns)}  "
          f"(median {statistics.median(turns):.1f}x)")
    print(f"CPU per entry: pofilter {c_pof / entries * 1e6:5.0f} us, "
          f"mbc-docs {c_big / entries * 1e6:5.0f} us (one process {c_one / entries * 1e6:5.0f} us)")
    print(f"termbase scaling 10,000 / 100 concepts:   wall {w_big / w_small:6.2f}   "
          f"CPU {c_big / c_small:6.2f}   (target <= 1.3)")
    print(f"load average after: {load()}")

if __name__ == "__main__":
    main()
