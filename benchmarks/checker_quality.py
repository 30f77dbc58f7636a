"""Recall and false-positive rate of the checker, per check family and per language.

Labelled set, built from the project's own catalogs (locale/*/LC_MESSAGES/*.po):

- clean entries: the human translation where one exists; otherwise a
  pseudo-translation of the English source in which every termbase concept is
  replaced by the language's preferred term and every ``{term}`` role keeps its
  English target in angle brackets (what a careful translator produces for
  terms, numbers, tokens and markup);
- for each clean entry, one copy per applicable injected error: ``term`` (the
  approved term swapped for a paraphrase or for a forbidden term), ``number``
  (a number changed), ``dnt`` (a do-not-translate token translated), ``markup``
  (a role target dropped or changed).

Recall: injected errors the matching check family reports. False-positive rate:
clean entries on which that family reports anything.

Usage: python benchmarks/checker_quality.py [--termbase FILE]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import defaultdict
from pathlib import Path

from mbc_docs.catalogs import catalog_language, load_catalog
from mbc_docs.checks.runner import check_text
from mbc_docs.checks.syntax import mask, roles
from mbc_docs.errors import UserError
from mbc_docs.termbase import load_termbase

ROOT = Path(__file__).resolve().parent.parent
FAMILY = {"T": "term", "N": "number", "D": "dnt", "M": "markup"}
NUMBER_RE = re.compile(r"(?<![A-Za-z\d])\d+")


def pseudo_translation(msgid: str, lang: str, tb) -> str | None:
    """The source with every concept in the target language; None if a concept lacks one."""
    out = msgid
    # Roles first: {term}`x` -> {term}`<translated x> <x>`.
    for role in reversed(roles(msgid)):
        if role.name == "term" and role.display is None:
            matches = tb.find_concepts(role.target)
            if matches and not matches[0].concept.dnt:
                term = matches[0].concept.preferred(lang)
                if term is None:
                    return None
                out = out[:role.start] + f"{{term}}`{term.text} <{role.target}>`" + out[role.end:]
    spans = [(r.start, r.end) for r in roles(out)]
    for match in reversed(tb.find_concepts(out)):
        if match.concept.dnt or any(a <= match.start < b for a, b in spans):
            continue
        term = match.concept.preferred(lang)
        if term is None:
            return None
        out = out[:match.start] + term.text + out[match.end:]
    return out


def injections(clean: str, msgid: str, lang: str, tb, rng: random.Random) -> dict[str, str]:
    found: dict[str, str] = {}
    concepts = [m for m in tb.find_concepts(msgid) if not m.concept.dnt]
    for match in concepts:
        approved = match.concept.approved_terms(lang)
        for term in approved:
            if term.text in clean:
                forbidden = match.concept.forbidden_terms(lang)
                swap = forbidden[0].text if forbidden and rng.random() < 0.5 else "cosa"
                found["term"] = clean.replace(term.text, swap)
                break
        if "term" in found:
            break
    # Only quantities in prose: numbers in URLs, labels and do-not-translate names
    # (CA 15-3) are not numbers the check is about.
    prose = mask(clean)
    numbers = [m for m in NUMBER_RE.finditer(prose)
               if not re.search(r"[A-Za-z][ -]?$", prose[max(0, m.start() - 3):m.start()])
               and not prose[m.end():m.end() + 1].isalpha()]
    if numbers:
        m = rng.choice(numbers)
        found["number"] = clean[:m.start()] + str(int(m.group()) + 1) + clean[m.end():]
    for match in tb.find_concepts(msgid):
        if match.concept.dnt and match.text in clean:
            found["dnt"] = clean.replace(match.text, match.text.lower().replace("-", "") + "x")
            break
    rs = [r for r in roles(clean) if r.name in {"term", "ref", "doc"}]
    if rs:
        role = rng.choice(rs)
        original = clean[role.start:role.end]
        if role.display is not None:
            broken = original.replace(f"<{role.target}>", "").replace(" `", "`")
        else:
            broken = original.replace(role.target, role.target + "-x", 1)
        found["markup"] = clean.replace(original, broken, 1)
    return found


def families(codes: list[str]) -> set[str]:
    return {FAMILY[c[0]] for c in codes if c[0] in FAMILY}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--termbase", type=Path, default=ROOT / "locale" / "termbase.tbx")
    parser.add_argument("--locale", type=Path, default=ROOT / "locale")
    parser.add_argument("--misses", type=Path, help="write the missed injected errors and the "
                        "false positives here (one per line, for comparing two versions)")
    args = parser.parse_args()
    log: list[str] = []
    tb = load_termbase(args.termbase)
    rng = random.Random(7)
    clean_n: dict[str, int] = defaultdict(int)
    fp: dict[tuple[str, str], int] = defaultdict(int)
    injected: dict[tuple[str, str], int] = defaultdict(int)
    caught: dict[tuple[str, str], int] = defaultdict(int)
    human = 0
    for path in sorted(args.locale.glob("*/LC_MESSAGES/**/*.po")):
        try:
            po = load_catalog(path)
        except UserError as exc:
            print(f"skipped: {exc}")
            continue
        lang = catalog_language(path, po)
        if not lang:
            continue
        for entry in po:
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid.strip():
                continue
            if entry.msgstr:
                clean, human = entry.msgstr, human + 1
            else:
                clean = pseudo_translation(entry.msgid, lang, tb)
                if clean is None:
                    continue
            clean_n[lang] += 1
            for family in families([c for c, _ in check_text(entry.msgid, clean, lang, tb)]):
                fp[(lang, family)] += 1
                log.append(f"FP\t{lang}\t{family}\t{entry.msgid!r}\t{clean!r}")
            for family, bad in injections(clean, entry.msgid, lang, tb, rng).items():
                injected[(lang, family)] += 1
                if family in families([c for c, _ in check_text(entry.msgid, bad, lang, tb)]):
                    caught[(lang, family)] += 1
                else:
                    log.append(f"MISS\t{lang}\t{family}\t{entry.msgid!r}\t{bad!r}")
    if args.misses:
        args.misses.write_text("".join(line + "\n" for line in log), encoding="utf-8")
    langs = sorted(clean_n)
    print(f"clean entries: {sum(clean_n.values())} ({human} human translations, the rest "
          "pseudo-translations)")
    print(f"{'language':<9}{'check':<8}{'injected':>9}{'recall':>9}{'clean':>8}{'FP rate':>9}")
    for family in FAMILY.values():
        total_i = total_c = total_fp = total_n = 0
        for lang in langs:
            i, c, f, n = (injected[(lang, family)], caught[(lang, family)],
                          fp[(lang, family)], clean_n[lang])
            total_i, total_c = total_i + i, total_c + c
            total_fp, total_n = total_fp + f, total_n + n
            recall = f"{c / i:.1%}" if i else "-"
            print(f"{lang:<9}{family:<8}{i:>9}{recall:>9}{n:>8}{f / n if n else 0:>9.2%}")
        recall = f"{total_c / total_i:.1%}" if total_i else "-"
        print(f"{'all':<9}{family:<8}{total_i:>9}{recall:>9}{total_n:>8}"
              f"{total_fp / total_n if total_n else 0:>9.2%}")


if __name__ == "__main__":
    main()
