"""What a reader sees, in headless Chromium, for every language of the guide.

For every language, on the home page and content pages (``PAGES``): the language
switcher, the writing direction and mirrored layout, console errors, requests that
leave localhost, horizontal scrolling on a 375 px phone, and axe-core's WCAG 2.2 AA
rules; per language: search for a medical term of that language, and screenshots
of the home page (``build/screenshots/<lang>-home-desktop.png`` / ``-phone.png``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from browser_support import (
    AXE,
    PAGES,
    REPORTS,
    ROOT,
    SCREENSHOTS,
    Visit,
    page_path,
    require_page,
)

from mbc_docs import languages

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

page_param = pytest.mark.parametrize("page", PAGES)


# -- The language switcher -------------------------------------------------------


@page_param
def test_switcher_goes_to_the_same_page_in_the_chosen_language(
    lang: str, page: str, desktop: object, open_page: Callable[[object], Visit]
) -> None:
    require_page(lang, page)
    visit = open_page(desktop)
    here = page_path(lang, page)
    visit.goto(here)
    p = visit.page
    links = p.locator(".mbc-language-bar a.mbc-language-link")
    targets = [(links.nth(i).get_attribute("hreflang"), links.nth(i).inner_text())
               for i in range(links.count())]
    expected = {language.bcp47 for language in languages.languages(ROOT)}
    expected.discard(languages.describe(lang).bcp47)
    assert {hreflang for hreflang, _ in targets} == expected
    current = p.locator(".mbc-language-bar [aria-current='page']")
    assert current.get_attribute("lang") == languages.describe(lang).bcp47

    # Every link leads to this page in its language (a fetch per link), and clicking
    # one of them (a different one for each language and page) takes the reader there.
    by_tag = {language.bcp47: language for language in languages.languages(ROOT)}
    for hreflang, name in targets:
        target = by_tag[hreflang]
        link = p.locator(f".mbc-language-bar a.mbc-language-link[hreflang='{hreflang}']")
        url = link.evaluate("a => a.href")
        assert urlsplit(url).path == f"/{page_path(target.code, page)}", f"{name}: {url}"
        response = p.request.get(url)
        assert response.ok, f"{name} on {here}: {url} answered {response.status}"
        assert f'lang="{target.bcp47}"' in response.text()
    codes = languages.all_codes(ROOT)
    hreflang, name = targets[(codes.index(lang) + PAGES.index(page)) % len(targets)]
    target = by_tag[hreflang]
    with p.expect_navigation(wait_until="load") as navigation:
        p.locator(f".mbc-language-bar a.mbc-language-link[hreflang='{hreflang}']").click()
    response = navigation.value
    assert response is not None and response.ok, f"{name} on {here}: {p.url}"
    assert urlsplit(p.url).path == f"/{page_path(target.code, page)}", (
        f"{name} on {here} went to {p.url}")
    assert p.evaluate("document.documentElement.lang") == target.bcp47
    assert p.locator(".mbc-language-bar [aria-current='page']").inner_text() == name
    assert not visit.console_errors, visit.console_errors


# -- Direction and mirrored layout ------------------------------------------------

_LAYOUT = """() => {
  const box = (selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width, height: r.height,
            visible: getComputedStyle(el).visibility !== 'hidden' && r.width > 0};
  };
  return {
    html: getComputedStyle(document.documentElement).direction,
    body: getComputedStyle(document.body).direction,
    article: getComputedStyle(document.querySelector('article[role=main]')).direction,
    textAlign: getComputedStyle(document.querySelector('article[role=main] h1')).textAlign,
    sidebar: box('.sidebar-drawer'),
    main: box('article[role=main]'),
    bar: box('.mbc-language-switcher li:first-child'),
    barBox: box('.mbc-language-bar'),
  };
}"""


@page_param
def test_direction_and_layout_follow_the_language(
    lang: str, page: str, desktop: object, open_page: Callable[[object], Visit]
) -> None:
    require_page(lang, page)
    rtl = languages.describe(lang).is_rtl
    visit = open_page(desktop)
    visit.goto(page_path(lang, page))
    layout = visit.page.evaluate(_LAYOUT)
    direction = "rtl" if rtl else "ltr"
    assert (layout["html"], layout["body"], layout["article"]) == (direction,) * 3, layout
    sidebar, main = layout["sidebar"], layout["main"]
    assert sidebar and sidebar["visible"], f"no navigation sidebar at 1280 px: {layout}"
    if rtl:
        assert sidebar["left"] >= main["right"] - 1, f"the navigation is not on the right: {layout}"
    else:
        assert sidebar["right"] <= main["left"] + 1, f"the navigation is not on the left: {layout}"
    # The language bar starts where lines start: on the right in Arabic.
    bar, bar_box = layout["bar"], layout["barBox"]
    if rtl:
        assert bar["right"] >= bar_box["right"] - 2, layout
    else:
        assert bar["left"] <= bar_box["left"] + 2, layout


# -- Nothing but localhost, no console errors ------------------------------------------


@page_param
def test_no_console_errors_and_no_request_leaves_localhost(
    lang: str, page: str, desktop: object, open_page: Callable[[object], Visit]
) -> None:
    require_page(lang, page)
    visit = open_page(desktop)
    visit.goto(page_path(lang, page))
    visit.page.evaluate("document.fonts.ready.then(() => true)")
    visit.page.wait_for_load_state("networkidle")
    assert visit.requests, "no request was recorded"
    assert not visit.remote_requests(), f"requests leaving localhost: {visit.remote_requests()}"
    assert not visit.console_errors, visit.console_errors
    assert not visit.failed, visit.failed


# -- Phones: nothing scrolls sideways ---------------------------------------------------

_OVERFLOW = r"""() => {
  const doc = document.documentElement;
  const limit = doc.clientWidth;
  const name = (el) => el.tagName.toLowerCase()
    + (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '');
  const wide = [];
  for (const el of document.querySelectorAll('article[role=main] *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > limit + 1 || r.left < -1)) {
      wide.push(`${name(el)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
  }
  const scrollers = [];
  for (const el of document.querySelectorAll('article[role=main] *')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible'
        && el.clientWidth > 0) {
      scrollers.push(name(el));
    }
  }
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
          wide: wide.slice(0, 10), scrollers: scrollers.slice(0, 10),
          tables: document.querySelectorAll('article[role=main] table').length};
}"""


@page_param
def test_nothing_scrolls_sideways_on_a_375px_phone(
    lang: str, page: str, phone: object, open_page: Callable[[object], Visit]
) -> None:
    require_page(lang, page)
    visit = open_page(phone)
    visit.goto(page_path(lang, page))
    visit.page.evaluate("document.fonts.ready.then(() => true)")
    result = visit.page.evaluate(_OVERFLOW)
    assert result["clientWidth"] == 375, result
    assert result["scrollWidth"] <= result["clientWidth"], result
    # Tables included: no table (nor anything else) hides a sideways scroll bar either.
    assert not result["scrollers"], result
    assert not result["wide"], result


# -- Accessibility: axe-core, WCAG 2.2 AA ----------------------------------------------

# axe-core runs at both widths at once, in two pages (two renderer processes: both
# cores busy), first without computing selectors (a third faster); a page with a
# serious or critical finding is checked again with them, to name the elements.
_AXE_START = """(args) => {
  const [tags, detailed] = args;
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  if (!detailed) Object.assign(options, {selectors: false, elementRef: false,
                                         ancestry: false, xpath: false});
  window.__mbcAxe = axe.run(document, options).then((result) => result.violations.map(
    (v) => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
             nodes: detailed ? v.nodes.map((n) => ({target: n.target.join(' '),
                                                   summary: n.failureSummary})) : []})));
  return true;
}"""


def _record_axe(lang: str, page: str, width: str, violations: list[dict]) -> None:
    """Keep every finding (any impact) for the maintainers: build/reports/axe/."""
    folder = REPORTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{lang}-{page.replace('/', '-')}-{width}.json"
    (folder / name).write_text(json.dumps(violations, indent=2, ensure_ascii=False),
                               encoding="utf-8")


def _run_axe(visits: dict[str, Visit], detailed: bool) -> dict[str, list[dict]]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` at the root of the repository")
    for visit in visits.values():
        if not visit.page.evaluate("typeof axe !== 'undefined'"):
            visit.page.add_script_tag(path=str(AXE))
        visit.page.evaluate(_AXE_START, [AXE_TAGS, detailed])
    return {width: visit.page.evaluate("window.__mbcAxe") for width, visit in visits.items()}


def _blocking(violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        if v["impact"] in BLOCKING_IMPACTS:
            targets = "; ".join(n["target"] for n in v["nodes"][:5])
            lines.append(f"{v['impact']} {v['id']} ({v['help']}) x{v['count']}: {targets}")
    return lines


@page_param
def test_axe_finds_no_serious_or_critical_violation(
    lang: str, page: str, desktop: object, phone: object,
    open_page: Callable[[object], Visit]
) -> None:
    require_page(lang, page)
    visits = {"desktop": open_page(desktop), "phone": open_page(phone)}
    for visit in visits.values():
        visit.goto(page_path(lang, page))
    results = _run_axe(visits, detailed=False)
    if any(_blocking(violations) for violations in results.values()):
        results = _run_axe(visits, detailed=True)
    problems = []
    for width, violations in results.items():
        _record_axe(lang, page, width, violations)
        problems += [f"{width}: {line}" for line in _blocking(violations)]
    assert not problems, f"axe-core on {page_path(lang, page)}:\n" + "\n".join(problems)


# -- Search --------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")


def _glossary_terms(site: Path) -> list[str]:
    """The glossary's terms as the built page of that language shows them."""
    glossary = site / "glossary.html"
    if not glossary.is_file():
        return []
    text = glossary.read_text(encoding="utf-8")
    terms = re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink"', text, re.DOTALL)
    return [re.sub(r"<[^>]+>", "", term).strip() for term in terms]


def search_term(lang: str, site: Path) -> str:
    """A medical term of the language, taken from its built glossary.

    Chinese: a Chinese word (once the glossary is translated, the site shows Chinese
    terms; before that it shows the English text, and an English term is used).
    Elsewhere: the first one-word term long enough not to be an abbreviation.
    """
    terms = _glossary_terms(site)
    if lang.startswith("zh"):
        for term in terms:
            match = _CJK.search(term)
            if match:
                return match.group(0)
    for term in terms:
        if re.fullmatch(r"[^\W\d_]{6,}", term):
            return term
    # Before the glossary exists: the home page's own word for the disease.
    return {"zh_CN": "乳腺癌", "ar": "سرطان"}.get(lang, "cancer")


_RESULTS = """() => {
  const box = document.getElementById('search-results');
  if (!box) return null;
  const items = box.querySelectorAll('ul.search li');
  const summary = box.querySelector('.search-summary');
  return {done: !!summary && summary.textContent.trim().length > 0,
          count: items.length, summary: summary ? summary.textContent : '',
          first: items.length ? items[0].querySelector('a').getAttribute('href') : null};
}"""


def run_search(visit: Visit, lang: str, term: str) -> dict:
    visit.goto(f"{lang}/search.html?q={quote(term)}")
    visit.page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.textContent.trim().length > 0; }",
        timeout=15_000,
    )
    return visit.page.evaluate(_RESULTS)


def test_search_finds_a_medical_term_of_the_language(
    lang: str, desktop: object, open_page: Callable[[object], Visit], all_sites_built: Path
) -> None:
    site = all_sites_built / lang
    term = search_term(lang, site)
    visit = open_page(desktop)
    result = run_search(visit, lang, term)
    assert result["count"] > 0, f"search for {term!r} in {lang} found nothing: {result}"
    assert not visit.console_errors, visit.console_errors
    assert not visit.remote_requests(), visit.remote_requests()


def test_chinese_search_finds_a_chinese_word(
    desktop: object, open_page: Callable[[object], Visit], all_sites_built: Path
) -> None:
    """A Chinese query (no spaces between words: jieba segments the index) finds pages."""
    codes = [code for code in languages.all_codes(ROOT) if code.startswith("zh")]
    if not codes:
        pytest.skip("the guide has no Chinese edition")
    for code in codes:
        site = all_sites_built / code
        term = search_term(code, site)
        if not _CJK.search(term):
            pytest.skip("the Chinese glossary is not translated yet (the site shows English)")
        visit = open_page(desktop)
        result = run_search(visit, code, term)
        assert result["count"] > 0, f"search for {term!r} in {code} found nothing: {result}"


# -- Screenshots ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_home_page_screenshot(
    lang: str, width: str, desktop: object, phone: object, open_page: Callable[[object], Visit]
) -> None:
    visit = open_page(desktop if width == "desktop" else phone)
    visit.goto(page_path(lang, "index"))
    visit.page.evaluate("document.fonts.ready.then(() => true)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{lang}-home-{width}.png"
    visit.page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 5_000
