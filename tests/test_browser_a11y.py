"""Accessibility checked by a standard engine (issue 15 part 3), in real Chromium on the served app.

- axe-core (axe-playwright-python injects it into the page): every page, in Vietnamese and English, at a
  1280×720 screen and a 390×844 phone → no violation of impact "serious" or "critical".
- Chart texts: axe does not see the text inside Vega's SVG reliably (it is drawn over a transparent chart
  background, in groups axe skips), so every visible <text> of every chart is read from the page and its WCAG
  contrast against the background under the chart is computed here → at least AA (4.5:1; 3:1 for large text,
  ≥ 24 px, or ≥ 18.66 px bold). A white halo drawn under a label (fill = stroke) is not a text a person reads.
- The page's language is declared to assistive technology (<html lang>), and follows the language switch.

One served app for the whole run (conftest's session server), one browser tab per screen size."""

from __future__ import annotations

import pytest

from conftest import PHONE
from test_browser_pages import settle, upload_two_par_2019_rows

pytestmark = pytest.mark.browser

STEMS = ["map", "rankings", "components", "profile", "compare", "across", "meeting", "upload", "data"]
SCREENS = {"desktop": dict(viewport={"width": 1280, "height": 720}), "phone": PHONE}
BLOCKING = ("serious", "critical")

# every visible text of every Vega chart: its colour (with the opacity of the text and its ancestors), its
# size and weight, and the first opaque background behind the chart
CHART_TEXTS_JS = r"""() => {
  const rgba = c => { const m = /rgba?\(([^)]+)\)/.exec(c || ''); if (!m) return null;
    const p = m[1].split(',').map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const bgOf = el => { for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor); if (c && c[3] > 0.99) return c; }
    return [255, 255, 255, 1]; };
  const out = [];
  document.querySelectorAll('.vega-embed svg').forEach((svg, chart) => {
    const root = svg.querySelector(':scope > g > path.background, :scope > g > rect.background');
    let bg = bgOf(svg.parentElement);
    if (root) { const f = rgba(getComputedStyle(root).fill); if (f && f[3] > 0.99) bg = f; }
    svg.querySelectorAll('text').forEach(t => {
      const s = getComputedStyle(t), txt = (t.textContent || '').trim();
      if (!txt || s.visibility === 'hidden' || s.display === 'none') return;
      const fill = rgba(s.fill); if (!fill) return;
      let op = parseFloat(s.fillOpacity);
      for (let e = t; e && e !== svg; e = e.parentElement) op *= parseFloat(getComputedStyle(e).opacity);
      if (op === 0) return;
      const stroke = rgba(s.stroke), sw = parseFloat(s.strokeWidth || '0');
      const halo = stroke && sw > 0 && stroke.slice(0, 3).join() === fill.slice(0, 3).join();
      out.push({chart, text: txt.slice(0, 60), fill: fill.slice(0, 3), alpha: fill[3] * op, bg: bg.slice(0, 3),
                size: parseFloat(s.fontSize), weight: parseInt(s.fontWeight) || 400, halo});
    });
  });
  return out;
}"""


def luminance(rgb) -> float:
    c = [x / 255 for x in rgb]
    c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(fg, bg) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def blend(fg, bg, alpha: float):
    return [a * alpha + b * (1 - alpha) for a, b in zip(fg, bg)]


def needed(t: dict) -> float:
    large = t["size"] >= 24 or (t["size"] >= 18.66 and t["weight"] >= 700)
    return 3.0 if large else 4.5


def chart_texts(page) -> list[dict]:
    out = []
    for t in page.evaluate(CHART_TEXTS_JS):
        if t["halo"]:
            continue
        t["ratio"] = round(contrast(blend(t["fill"], t["bg"], t["alpha"]), t["bg"]), 2)
        t["needed"] = needed(t)
        out.append(t)
    return out


def low_contrast(texts: list[dict]) -> list[dict]:
    return [t for t in texts if t["ratio"] < t["needed"]]


def axe_blocking(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    res = Axe().run(page).response
    return [dict(id=v["id"], impact=v["impact"], nodes=[(n["target"], n.get("failureSummary", "")[:300])
                                                        for n in v["nodes"][:3]])
            for v in res["violations"] if v["impact"] in BLOCKING]


def wait_charts(page, timeout_ms: int = 30000) -> None:
    """Until every chart on the page has drawn its SVG and the number of chart texts has stopped changing."""
    page.wait_for_function("() => [...document.querySelectorAll('.vega-embed')].every(e => e.querySelector('svg'))",
                           timeout=timeout_ms)
    last = -1
    for _ in range(20):
        n = page.evaluate("() => document.querySelectorAll('.vega-embed svg text').length")
        if n == last:
            return
        last = n
        page.wait_for_timeout(400)


def open_view(page, server: str, stem: str, lang: str) -> None:
    page.goto(f"{server}/{'' if stem == 'map' else stem}?lang={lang}")
    settle(page)
    wait_charts(page)


@pytest.fixture(scope="module")
def tabs(browser):
    ctxs = {name: browser.new_context(**kw) for name, kw in SCREENS.items()}
    pages = {}
    for name, ctx in ctxs.items():
        pg = ctx.new_page()
        pg.set_default_timeout(60000)
        pages[name] = pg
    yield pages
    for ctx in ctxs.values():
        ctx.close()


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_serious_axe_violation_and_chart_texts_at_aa(tabs, server, screen, lang, stem):
    page = tabs[screen]
    open_view(page, server, stem, lang)
    assert page.evaluate("document.documentElement.lang") == lang
    bad = axe_blocking(page)
    assert bad == [], bad
    texts = chart_texts(page)
    if stem in ("map", "rankings", "components", "profile", "compare", "across", "meeting"):
        assert texts, "the page's charts show no text (axis labels, legends) to check"
    low = low_contrast(texts)
    assert low == [], low[:10]


def test_contrast_helpers_catch_faint_text():
    """The chart-text check can fail: Streamlit's faded grey caption (#797979 on white, 4.35:1) is below AA for
    small text, fine for large text; a 60 % black text on white passes; a white halo is not a text."""
    small = dict(fill=[121, 121, 121], bg=[255, 255, 255], alpha=1.0, size=12, weight=400)
    assert round(contrast(small["fill"], small["bg"]), 2) == 4.35
    assert needed(small) == 4.5 and needed({**small, "size": 24}) == 3.0 and needed({**small, "size": 19,
                                                                                     "weight": 700}) == 3.0
    assert round(contrast(blend([0, 0, 0], [255, 255, 255], 0.6), [255, 255, 255]), 2) == 5.74
    assert round(contrast([0, 0, 0], [255, 255, 255]), 1) == 21.0


def test_page_language_follows_the_switch(tabs, server):
    """<html lang> is "vi" on a Vietnamese page and becomes "en" when the reader switches language (Streamlit
    itself always serves lang="en")."""
    page = tabs["desktop"]
    page.goto(f"{server}/rankings?lang=vi")
    settle(page)
    assert page.evaluate("document.documentElement.lang") == "vi"
    page.locator("[data-testid='stSidebar']").locator("button", has_text="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=30000)
    page.wait_for_function("() => document.querySelector('h1')"
                           " && /rankings/.test(document.querySelector('h1').innerText)",
                           timeout=30000)
    assert "lang=en" in page.url


def test_upload_states_and_toast_pass_axe(browser, server):
    """The states a page reaches only by acting: a checked file (its warnings and table), the toast after
    adding figures, and the map showing this session's uploaded figure (its marker and note) → no serious or
    critical violation, chart texts at AA."""
    ctx = browser.new_context(**SCREENS["desktop"])
    page = ctx.new_page()
    page.set_default_timeout(60000)
    try:
        upload_two_par_2019_rows(page, server)
        assert axe_blocking(page) == []
        page.get_by_role("button", name="Add 1 figure(s) to this session").click()
        toast = page.locator("[data-testid='stToast']")
        toast.first.wait_for(timeout=30000)
        page.wait_for_function("() => { const t = document.querySelector('.stToast');"
                               " return t && /figure/.test(t.getAttribute('aria-label') || ''); }", timeout=10000)
        assert axe_blocking(page) == []
        page.locator("[data-testid='stSidebarNavLink']").first.click()  # the map, same session
        page.wait_for_url(lambda u: "/upload" not in u, timeout=60000)
        page.get_by_text("uploaded", exact=False).first.wait_for(timeout=60000)
        settle(page)
        wait_charts(page)
        assert axe_blocking(page) == []
        assert low_contrast(chart_texts(page)) == []
    finally:
        ctx.close()
