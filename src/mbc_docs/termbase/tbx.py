"""Read and write TBX (ISO 30042) termbases, safely.

Reads:

- TBX v3 (``<tbx>``/``conceptEntry``/``langSec``/``termSec``), TBX-Basic and other
  dialects, in both styles: DCT (data categories as elements, ``<basic:partOfSpeech>``)
  and DCA (``<termNote type="partOfSpeech">``);
- TBX v2 (``<martif>``/``termEntry``/``langSet``/``tig`` or ``ntig``), which is what
  Weblate, translate-toolkit and most CAT tools exchange.

Parsing goes through defusedxml: entity declarations (billion laughs), external
entities and external resources are refused, and the refusal becomes a one-line
:class:`UserError` naming the file. Every element remembers its line, so a broken
entry is reported where it is.

Writes TBX v3 TBX-Basic (DCT style, lossless for our model) and TBX v2 in the shape
Weblate's glossary imports (``administrativeStatus`` ``forbidden`` marks forbidden
terms, ``translationNote`` ``no`` marks do-not-translate terms).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..catalogs import normalise_language
from ..errors import UserError
from .model import Concept, Term, Termbase, TermStatus

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TYPED = {"termNote", "descrip", "admin", "transacNote", "ref", "xref"}
_TERM_CONTAINERS = {"tig", "ntig", "termSec"}
_ENTRY = {"termEntry", "conceptEntry"}
_LANG_SECTION = {"langSet", "langSec"}
_EXTRA_STATUS = {
    "legal": TermStatus.PREFERRED, "regulated": TermStatus.PREFERRED,
    "standardized": TermStatus.PREFERRED, "standardised": TermStatus.PREFERRED,
}
_TRUE = {"1", "true", "yes", "y", "dnt", "donottranslate", "casesensitive", "on"}
_FALSE = {"0", "false", "no", "n", "off", "caseinsensitive"}
_DNT_NOTE_RE = re.compile(r"^\s*(dnt|do[\s-]*not[\s-]*translate)\b", re.IGNORECASE)
_CASE_NOTE_RE = re.compile(r"^\s*case[\s-]*sensitive\s*$", re.IGNORECASE)


class _LineTreeBuilder(ET.TreeBuilder):
    """A tree builder that records the source line of every element."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[ET.Element, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag, attrs):  # type: ignore[no-untyped-def]
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[element] = self.parser.parser.CurrentLineNumber
        return element


_LOCAL_NAMES: dict[object, str] = {}
_SPACES_RE = re.compile(r"\s{2,}|[\t\n\r\f\v]")


def _local(tag: object) -> str:
    """``{namespace}name`` -> ``name`` (memoised: a termbase repeats a few dozen tags)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 10_000:
            _LOCAL_NAMES[tag] = name
    return name


def _text(element: ET.Element) -> str:
    text = element.text or "" if len(element) == 0 else "".join(element.itertext())
    text = text.strip()
    return _SPACES_RE.sub(" ", text) if _SPACES_RE.search(text) else text


def parse_xml(data: bytes, path: Path) -> tuple[ET.Element, dict[ET.Element, int]]:
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        kind = type(exc).__name__
        what = {"EntitiesForbidden": "entity declarations are not allowed",
                "ExternalReferenceForbidden": "external references are not allowed",
                "DTDForbidden": "DTDs are not allowed"}.get(kind, "unsafe XML refused")
        line = getattr(parser.parser, "CurrentLineNumber", None)
        raise UserError(f"unsafe termbase: {what} ({kind})", path, line) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        reason = re.sub(r":? line \d+, column \d+", "", str(exc)).strip()
        raise UserError(f"not well-formed XML: {reason}", path, line) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise UserError(f"cannot parse the termbase: {exc}", path) from None
    return root, builder.lines


def _bool(value: str) -> bool | None:
    word = re.sub(r"[\s_-]", "", value.strip().lower())
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


class _Reader:
    def __init__(self, path: Path, lines: dict[ET.Element, int]) -> None:
        self.path = path
        self.lines = lines

    def fail(self, message: str, element: ET.Element) -> UserError:
        return UserError(message, self.path, self.lines.get(element))

    def categories(self, element: ET.Element, skip: set[str]) -> list[tuple[str, str, ET.Element]]:
        """(category name lowercased, value, element) for data categories under ``element``.

        Descends into groups (``descripGrp``, ``termNoteGrp``...) but not into
        the sub-structures named in ``skip`` (a langSec's terms are not its own).
        """
        found: list[tuple[str, str, ET.Element]] = []
        for child in element:
            name = _local(child.tag)
            if name in skip or name == "term":
                continue
            if name.endswith("Grp") or name in {"termCompList"}:
                found.extend(self.categories(child, skip))
                continue
            category = child.get("type") or name if name in _TYPED else name
            found.append((category.lower(), _text(child), child))
        return found

    def status(self, value: str, element: ET.Element) -> TermStatus:
        status = TermStatus.parse(value)
        if status is None:
            word = value.strip().lower().removesuffix("-admn-sts").removesuffix("term")
            status = _EXTRA_STATUS.get(word)
        if status is None:
            raise self.fail(f"unknown administrativeStatus {value!r} (expected preferred, "
                            "admitted, deprecated, superseded or forbidden)", element)
        return status

    def apply_flags(self, target: Concept | Term, name: str, value: str) -> bool:
        """Shared flags (dnt, case sensitivity); True if the category was one of them."""
        if name in {"donottranslate", "dnt", "untranslatable", "notranslate"}:
            flag = _bool(value)
            if isinstance(target, Concept):
                target.dnt = True if flag is None else flag
            return True
        if name in {"translatable", "translationnote"}:
            if _bool(value) is False and isinstance(target, Concept):
                target.dnt = True
            return True
        if name in {"casesensitive", "casesensitivity", "case"}:
            flag = _bool(value)
            if isinstance(target, Term):
                target.case_sensitive = bool(flag)
            return True
        return False

    def read_entry(self, entry: ET.Element, number: int, concepts_seen: set[str]) -> Concept:
        concept_id = entry.get("id") or f"c{number}"
        if concept_id in concepts_seen:
            raise self.fail(f"duplicate concept id {concept_id!r}", entry)
        concepts_seen.add(concept_id)
        concept = Concept(id=concept_id)
        for name, value, _el in self.categories(entry, _LANG_SECTION):
            if name == "definition":
                concept.definition = concept.definition or value
            elif name == "subjectfield":
                concept.subject = value
            elif name == "note":
                concept.note = value if concept.note is None else f"{concept.note} {value}"
                if _DNT_NOTE_RE.match(value):
                    concept.dnt = True
            else:
                self.apply_flags(concept, name, value)
        for section in entry:
            if _local(section.tag) not in _LANG_SECTION:
                continue
            lang_attr = section.get(XML_LANG) or section.get("lang")
            if not lang_attr:
                raise self.fail(f"concept {concept_id!r}: language section without xml:lang",
                                section)
            lang = normalise_language(lang_attr)
            terms_before = sum(len(v) for v in concept.terms.values())
            for name, value, _el in self.categories(section, _TERM_CONTAINERS):
                if name == "definition":
                    concept.definitions[lang] = value
                elif name == "note" and _DNT_NOTE_RE.match(value):
                    concept.dnt = True
                else:
                    self.apply_flags(concept, name, value)
            for container in section.iter():
                if _local(container.tag) in _TERM_CONTAINERS:
                    self.read_term(container, lang, concept)
            if sum(len(v) for v in concept.terms.values()) == terms_before:
                raise self.fail(f"concept {concept_id!r}: language section {lang_attr!r} "
                                "has no term", section)
        if not concept.terms:
            raise self.fail(f"concept {concept_id!r} has no language section", entry)
        return concept

    def read_term(self, container: ET.Element, lang: str, concept: Concept) -> None:
        term_el = next((el for el in container.iter() if _local(el.tag) == "term"), None)
        if term_el is None or not _text(term_el):
            raise self.fail(f"concept {concept.id!r}: empty or missing <term>",
                            term_el if term_el is not None else container)
        term = Term(text=_text(term_el), lang=lang, status=TermStatus.ADMITTED,
                    line=self.lines.get(term_el))
        explicit_status = False
        for name, value, element in self.categories(container, set()):
            if name in {"administrativestatus", "normativeauthorization"}:
                term.status = self.status(value, element)
                explicit_status = True
            elif name == "partofspeech":
                term.part_of_speech = value or None
            elif name == "note" and _CASE_NOTE_RE.match(value):
                term.case_sensitive = True
            elif name == "note":
                term.note = value if term.note is None else f"{term.note} {value}"
                if _DNT_NOTE_RE.match(value):
                    concept.dnt = True
            elif name == "usagenote" and term.note is None:
                term.note = value
            else:
                self.apply_flags(term, name, value)
                if name in {"donottranslate", "dnt", "untranslatable", "translatable",
                            "translationnote"}:
                    self.apply_flags(concept, name, value)
        if not explicit_status and not any(t.status is TermStatus.PREFERRED
                                           for t in concept.terms.get(lang, [])):
            term.status = TermStatus.PREFERRED
        concept.add(term)


def read_tbx(path: Path, data: bytes | None = None) -> Termbase:
    """Parse a TBX file (v2 or v3, DCA or DCT) into a :class:`Termbase`."""
    path = Path(path)
    if data is None:
        from . import read_termbase_bytes

        data = read_termbase_bytes(path)
    root, lines = parse_xml(data, path)
    root_name = _local(root.tag)
    if root_name not in {"martif", "tbx"}:
        raise UserError(f"not a TBX file: the root element is <{root_name}>, "
                        "expected <tbx> (TBX v3) or <martif> (TBX v2)", path, lines.get(root))
    reader = _Reader(path, lines)
    source = normalise_language(root.get(XML_LANG) or root.get("lang") or "en") or "en"
    seen: set[str] = set()
    concepts = [reader.read_entry(entry, number, seen) for number, entry in enumerate(
        (el for el in root.iter() if _local(el.tag) in _ENTRY), start=1)]
    return Termbase(source_lang=source, path=str(path), concepts=concepts)


# ---------------------------------------------------------------- writing

def _lang_attr(lang: str) -> str:
    return lang.replace("_", "-")


def write_tbx3(termbase: Termbase) -> str:
    """TBX v3, TBX-Basic dialect, DCT style: lossless for every field of the model."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/'
        'master/DCT/TBX-Basic_DCT.nvdl" type="application/xml" '
        'schematypens="http://purl.oclc.org/dsdl/nvdl/ns/structure/1.0"?>',
        f'<tbx type="TBX-Basic" style="dct" xml:lang={quoteattr(_lang_attr(termbase.source_lang))}'
        ' xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">',
        "  <tbxHeader><fileDesc><sourceDesc><p>Exported by mbc-docs</p></sourceDesc>"
        "</fileDesc></tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for concept in termbase.concepts:
        out.append(f"      <conceptEntry id={quoteattr(concept.id)}>")
        if concept.subject:
            out.append(f"        <basic:subjectField>{escape(concept.subject)}"
                       "</basic:subjectField>")
        if concept.definition:
            out.append(f"        <basic:definition>{escape(concept.definition)}</basic:definition>")
        if concept.dnt:
            out.append("        <note>do not translate</note>")
        if concept.note and not (concept.dnt and _DNT_NOTE_RE.match(concept.note)):
            out.append(f"        <note>{escape(concept.note)}</note>")
        for lang, terms in concept.terms.items():
            out.append(f"        <langSec xml:lang={quoteattr(_lang_attr(lang))}>")
            if lang in concept.definitions:
                out.append(f"          <basic:definition>{escape(concept.definitions[lang])}"
                           "</basic:definition>")
            for term in terms:
                out.append("          <termSec>")
                out.append(f"            <term>{escape(term.text)}</term>")
                if term.part_of_speech:
                    out.append(f"            <basic:partOfSpeech>{escape(term.part_of_speech)}"
                               "</basic:partOfSpeech>")
                out.append(f"            <basic:administrativeStatus>{term.status.value}"
                           "Term-admn-sts</basic:administrativeStatus>")
                if term.case_sensitive:
                    out.append("            <note>case-sensitive</note>")
                if term.note:
                    out.append(f"            <note>{escape(term.note)}</note>")
                out.append("          </termSec>")
            out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def write_tbx2_weblate(termbase: Termbase, language: str | None = None) -> str:
    """TBX v2 (``martif``) as Weblate's glossary imports it.

    With ``language``, a bilingual file (source + that language), which is what a
    Weblate glossary component holds per language.
    """
    src = termbase.source_lang
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<martif type="TBX" xml:lang={quoteattr(_lang_attr(src))}>',
        "  <martifHeader><fileDesc><sourceDesc><p>Exported by mbc-docs</p></sourceDesc>"
        "</fileDesc></martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for concept in termbase.concepts:
        langs = list(concept.terms)
        if language is not None:
            target_terms = concept.terms_for(language)
            source_terms = concept.terms_for(src)
            if not source_terms:
                continue
            pairs = [(src, source_terms)] + ([(language, target_terms)] if target_terms else [])
            if concept.dnt and not target_terms:
                pairs.append((language, [Term(t.text, language, t.status)
                                         for t in source_terms if t.status.approved]))
        else:
            pairs = [(lang, concept.terms[lang]) for lang in langs]
        out.append(f"      <termEntry id={quoteattr(concept.id)}>")
        if concept.definition:
            out.append(f'        <descrip type="definition">{escape(concept.definition)}</descrip>')
        for lang, terms in pairs:
            out.append(f"        <langSet xml:lang={quoteattr(_lang_attr(lang))}>")
            for term in terms:
                out.append("          <tig>")
                out.append(f"            <term>{escape(term.text)}</term>")
                # Weblate knows one "do not use" flag: forbidden. Deprecated and
                # superseded terms get it too, so they are never suggested.
                status = ("forbidden" if not term.status.approved
                          else f"{term.status.value}Term-admn-sts")
                out.append(f'            <termNote type="administrativeStatus">{status}</termNote>')
                if term.part_of_speech:
                    out.append(f'            <termNote type="partOfSpeech">'
                               f"{escape(term.part_of_speech)}</termNote>")
                if concept.dnt:
                    out.append('            <termNote type="translationNote">no</termNote>')
                if term.note:
                    out.append(f"            <note>{escape(term.note)}</note>")
                out.append("          </tig>")
            out.append("        </langSet>")
        out.append("      </termEntry>")
    out += ["    </body>", "  </text>", "</martif>", ""]
    return "\n".join(out)
