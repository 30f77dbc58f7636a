"""Generate a synthetic corpus for the checker benchmark.

Writes, under OUT (default build/bench-corpus/):

- ``locale/<lang>/LC_MESSAGES/page-NNN.po``: 50,000+ translated entries over
  es, fr, de, zh_CN and ar, built from templates that use termbase terms, DNT
  tokens, numbers and MyST roles (about 2 % carry an injected error);
- ``termbase-10000.tbx`` (10,000 concepts: the 15 real ones plus synthetic
  multi-word concepts) and ``termbase-100.tbx`` (100 concepts), TBX v3 DCT.

Usage: python benchmarks/make_corpus.py [OUT] [--entries N]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import polib

from mbc_docs.termbase import load_termbase
from mbc_docs.termbase.model import Concept, Term, Termbase, TermStatus
from mbc_docs.termbase.tbx import write_tbx3

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("es", "fr", "de", "zh_CN", "ar")
# (English template, {lang: translation}) using real termbase terms.
TEMPLATES = [
    ("Bone metastasis can cause pain in about {n}% of people with HER2-positive breast cancer.",
     {"es": "La metástasis ósea puede causar dolor en alrededor del {n} % de las personas con "
            "cáncer de mama HER2 positivo.",
      "fr": "Les métastases osseuses peuvent causer des douleurs chez environ {n} % des "
            "personnes atteintes d'un cancer du sein HER2 positif.",
      "de": "Knochenmetastasen können bei etwa {n} % der Menschen mit HER2-positivem "
            "Brustkrebs Schmerzen verursachen.",
      "zh_CN": "约{n}%的HER2阳性乳腺癌患者会因骨转移而疼痛。",
      "ar": "يمكن أن تسبب النقائل العظمية ألمًا لدى حوالي {n}٪ من المصابات بسرطان الثدي HER2."}),
    ("Read about {term}`liver metastasis` and the CA 15-3 test in {doc}`sites/liver`.",
     {"es": "Lea sobre la {term}`metástasis hepática <liver metastasis>` y la prueba CA 15-3 en "
            "{doc}`sites/liver`.",
      "fr": "Lisez sur la {term}`métastase hépatique <liver metastasis>` et le test CA 15-3 dans "
            "{doc}`sites/liver`.",
      "de": "Lesen Sie über {term}`Lebermetastasen <liver metastasis>` und den CA 15-3-Test in "
            "{doc}`sites/liver`.",
      "zh_CN": "在{doc}`sites/liver`中了解{term}`肝转移 <liver metastasis>`和CA 15-3检测。",
      "ar": "اقرئي عن {term}`النقائل الكبدية <liver metastasis>` واختبار CA 15-3 في "
            "{doc}`sites/liver`."}),
    ("Chemotherapy is given every {n} weeks, for {m} to {k} months.",
     {"es": "La quimioterapia se administra cada {n} semanas, durante {m} a {k} meses.",
      "fr": "La chimiothérapie est donnée toutes les {n} semaines, pendant {m} à {k} mois.",
      "de": "Die Chemotherapie wird alle {n} Wochen gegeben, {m} bis {k} Monate lang.",
      "zh_CN": "化疗每{n}周一次，持续{m}至{k}个月。",
      "ar": "يُعطى العلاج الكيميائي كل {n} أسابيع، لمدة {m} إلى {k} أشهر."}),
    ("Fluid around the lungs (pleural effusion) or in the belly (ascites) affects {n} in 100.",
     {"es": "El líquido alrededor de los pulmones (derrame pleural) o en el vientre (ascitis) "
            "afecta a {n} de cada 100.",
      "fr": "Le liquide autour des poumons (épanchement pleural) ou dans le ventre (ascite) "
            "touche {n} personnes sur 100.",
      "de": "Flüssigkeit um die Lunge (Pleuraerguss) oder im Bauch (Aszites) betrifft {n} von 100.",
      "zh_CN": "肺部周围积液（胸腔积液）或腹部积液（腹水）影响100人中的{n}人。",
      "ar": "يصيب السائل حول الرئتين (انصباب جنبي) أو في البطن (استسقاء) {n} من كل 100."}),
    ("Tamoxifen is a **hormone therapy** taken for {n} years[^nci-{n}].",
     {"es": "El tamoxifeno es una **hormonoterapia** que se toma durante {n} años[^nci-{n}].",
      "fr": "Le tamoxifène est une **hormonothérapie** prise pendant {n} ans[^nci-{n}].",
      "de": "Tamoxifen ist eine **Hormontherapie**, die {n} Jahre lang eingenommen wird[^nci-{n}].",
      "zh_CN": "他莫昔芬是一种**内分泌治疗**，需服用{n}年[^nci-{n}]。",
      "ar": "تاموكسيفين **علاج هرموني** يؤخذ لمدة {n} سنوات[^nci-{n}]."}),
]


def fill(template: str, values: dict[str, int]) -> str:
    """Like str.format for {n}/{m}/{k} only: MyST roles use braces too."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def synthetic_termbase(size: int, rng: random.Random) -> Termbase:
    real = load_termbase(ROOT / "locale" / "termbase.tbx")
    tb = Termbase(concepts=list(real.concepts)[:size])
    syllables = ["lo", "ra", "mi", "ne", "tu", "sa", "vo", "ki", "pe", "do", "ga", "zu"]
    n = 0
    while len(tb.concepts) < size:
        n += 1
        word = "".join(rng.choice(syllables) for _ in range(3))
        english = f"{word} syndrome {n}" if n % 2 else f"{word}osis"
        concept = Concept(id=f"syn-{n}")
        concept.add(Term(english, "en", TermStatus.PREFERRED))
        for lang in LANGS:
            concept.add(Term(f"{word}{lang.lower()}ia {n}", lang, TermStatus.PREFERRED))
            concept.add(Term(f"{word}{lang.lower()}oma {n}", lang, TermStatus.DEPRECATED))
        tb.concepts.append(concept)
    return tb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build" / "bench-corpus")
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--per-file", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(4)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for size in (10_000, 100):
        (out / f"termbase-{size}.tbx").write_text(write_tbx3(synthetic_termbase(size, rng)),
                                                  encoding="utf-8")
    per_lang = args.entries // len(LANGS) + 1
    total = 0
    for lang in LANGS:
        folder = out / "locale" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.po"):
            old.unlink()
        for page in range(0, per_lang, args.per_file):
            po = polib.POFile(wrapwidth=79)
            po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
            for i in range(page, min(page + args.per_file, per_lang)):
                source, translations = TEMPLATES[i % len(TEMPLATES)]
                values = {"n": i % 97 + 2, "m": i % 7 + 1, "k": i % 7 + 9}
                msgid = f"{fill(source, values)} (#{i})"
                msgstr = f"{fill(translations[lang], values)} (#{i})"
                if rng.random() < 0.02:
                    msgstr = msgstr.replace(str(values["n"]), str(values["n"] + 1), 1)
                po.append(polib.POEntry(msgid=msgid, msgstr=msgstr,
                                        occurrences=[(f"page-{page}.md", str(i))]))
            po.save(str(folder / f"page-{page // args.per_file:03d}.po"))
            total += len(po)
    print(f"{total} entries in {len(LANGS)} languages, termbases of 10000 and 100 concepts "
          f"-> {out}")


if __name__ == "__main__":
    main()
