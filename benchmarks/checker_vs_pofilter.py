"""Time ``mbc-docs check`` against translate-toolkit's ``pofilter`` on the same catalogs.

Prerequisites: ``pip install -e .[bench]`` (translate-toolkit) and
``python benchmarks/make_corpus.py`` (writes build/bench-corpus/).

Prints, in one run: pofilter's time (its default checks, one process per
language folder, the way it is usually run), the checker's time with the
10,000-concept termbase and with the 100-concept one, the speed-up and the
termbase scaling ratio. Targets: >= 10x faster than pofilter, ratio <= 1.3.
Wall-clock times on a shared machine vary: run it on an idle one, best of N.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"{argv[0]} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def best(argv: list[str], repeat: int) -> float:
    return min(timed(argv) for _ in range(repeat))


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
    check = str(BIN / "mbc-docs")
    with tempfile.TemporaryDirectory() as out:
        t_pofilter = best([pofilter, "--progress=none", "-i", str(locale), "-o", out],
                          args.repeat)
    t_big = best([check, "check", str(locale), "--termbase",
                  str(args.corpus / "termbase-10000.tbx"), "--format", "json",
                  "-o", "/dev/null"], args.repeat)
    t_small = best([check, "check", str(locale), "--termbase",
                    str(args.corpus / "termbase-100.tbx"), "--format", "json",
                    "-o", "/dev/null"], args.repeat)
    print(f"corpus: {entries} entries, {len(list(locale.rglob('*.po')))} catalogs")
    print(f"pofilter (default checks, no termbase):  {t_pofilter:8.2f} s")
    print(f"mbc-docs check, 10,000-concept termbase: {t_big:8.2f} s")
    print(f"mbc-docs check, 100-concept termbase:    {t_small:8.2f} s")
    print(f"speed-up over pofilter (10,000 concepts): {t_pofilter / t_big:6.1f}x  (target >= 10)")
    print(f"termbase scaling 10,000 / 100 concepts:   {t_big / t_small:6.2f}   (target <= 1.3)")


if __name__ == "__main__":
    main()
