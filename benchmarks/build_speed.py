"""How long building the guide takes: parallel vs one-after-another, and incremental.

Prints, in seconds:
  1. ``make all`` from clean (languages in parallel on every core);
  2. the same twelve builds (6 languages x html/epub) run one after another;
  3. ``make all`` again with nothing changed (no-op rebuild);
  4. ``make all`` after editing one message of one ``.po`` file (only that language,
     and within it only that page, should be rebuilt).

Run: ``.venv/bin/python benchmarks/build_speed.py``. It rebuilds build/ from scratch and
restores the edited catalog afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mbc_docs import languages  # noqa: E402


def timed(*cmd: str) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def clean() -> None:
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    for mo in (ROOT / "locale").rglob("*.mo"):
        mo.unlink()


def edit_one_message(path: Path) -> str:
    """Append a word to the first translated message; return the original text."""
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith('msgstr "') and line.strip() != 'msgstr ""':
            lines[i] = line.rstrip().removesuffix('"') + ' (bench)"\n'
            break
    path.write_text("".join(lines), encoding="utf-8")
    return original


def main() -> None:
    codes = languages.all_codes(ROOT)
    subprocess.run(["make", "venv"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    clean()
    parallel = timed("make", "all")

    clean()
    sequential = 0.0
    for fmt in ("epub", "html"):
        for code in codes:
            sequential += timed("make", f"{fmt}-{code}")

    noop = timed("make", "all")

    target = codes[1] if len(codes) > 1 else codes[0]
    catalogs = sorted((ROOT / "locale" / target / "LC_MESSAGES").rglob("*.po"))
    one_po = timed("make", "all")
    if catalogs:
        original = edit_one_message(catalogs[0])
        try:
            one_po = timed("make", "all")
        finally:
            catalogs[0].write_text(original, encoding="utf-8")
            timed("make", "all")

    print(f"languages x formats:           {len(codes)} x 2 = {2 * len(codes)} builds")
    print(f"make all (parallel, clean):    {parallel:7.1f} s")
    edited = catalogs[0].relative_to(ROOT) if catalogs else "no catalog"
    print(f"same builds one after another: {sequential:7.1f} s"
          f"  (speed-up {sequential / parallel:.2f}x)")
    print(f"no-op rebuild (make all):      {noop:7.1f} s")
    print(f"after editing one .po message: {one_po:7.1f} s  ({edited})")


if __name__ == "__main__":
    main()
