"""Meeting mode in a real browser at projector sizes (1280×720, 1920×1080), both languages, and on a phone."""

import pytest

from test_browser import SHAPES, open_page, shot

pytestmark = pytest.mark.browser

MAP = ".stVegaLiteChart:has(svg g.mark-shape path) svg"  # the map's chart


def new_page(browser, w, h):
    ctx = browser.new_context(viewport={"width": w, "height": h}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(60000)
    return ctx, pg


def sidebar_width(pg) -> float:
    return pg.evaluate("() => { const s = document.querySelector('[data-testid=\"stSidebar\"]');"
                       " if (!s) return 0; const r = s.getBoundingClientRect();"
                       " return s.getAttribute('aria-expanded') === 'false' ? 0 : Math.max(0, r.right); }")


def map_facts(pg) -> dict:
    """The map's land (the province shapes' bounding box), the main area's width, legend and title sizes."""
    return pg.evaluate("""() => {
      const groups = Array.from(document.querySelectorAll('.vega-embed svg g.mark-shape'))
        .filter(g => g.querySelectorAll('path').length > 5);
      let x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
      for (const g of groups) for (const p of g.querySelectorAll('path')) {
        const r = p.getBoundingClientRect(); if (!r.width) continue;
        x0 = Math.min(x0, r.left); x1 = Math.max(x1, r.right); y0 = Math.min(y0, r.top); y1 = Math.max(y1, r.bottom); }
      const svg = groups.length ? groups[0].closest('svg') : null;
      const texts = svg ? Array.from(svg.querySelectorAll('g.role-legend text')).map(t => parseFloat(getComputedStyle(t).fontSize) || parseFloat(t.getAttribute('font-size'))) : [];
      const title = svg ? Array.from(svg.querySelectorAll('g.role-title text')).map(t => t.textContent) : [];
      const main = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect();
      return {land_w: x1 - x0, land_h: y1 - y0, main_w: main.width, legend: texts, title: title};
    }""")


@pytest.mark.parametrize("size,lang", [((1280, 720), "vi"), ((1920, 1080), "en")])
def test_meeting_projector(browser, server, ds, size, lang):
    from vngov.i18n import t
    from vngov.views import meeting as mt
    w, h = size
    ctx, pg = new_page(browser, w, h)
    try:
        open_page(pg, server, f"/meeting?index=PAPI&year=2024&p=01&lang={lang}")
        name = ds.province_name("01", lang)
        assert pg.locator(".mt-head").inner_text() == name
        assert pg.locator(".mt-card").count() == 4
        # the sidebar starts collapsed: the page has the whole width
        assert sidebar_width(pg) == 0
        # the province's name is not clipped by Streamlit's top bar
        head = pg.locator(".mt-head").bounding_box()
        bar = pg.evaluate("() => document.querySelector('[data-testid=\"stHeader\"]').getBoundingClientRect().bottom")
        assert head["y"] >= bar - 1, (head, bar)
        sizes = pg.evaluate("() => Array.from(document.querySelectorAll('.mt-big'))"
                            ".map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert len(sizes) == 4 and min(sizes) >= 30 and max(sizes) >= 48
        # the first row of cards is visible without scrolling
        box = pg.locator(".mt-card").first.bounding_box()
        assert box["y"] + box["height"] <= h
        par = mt.headline(ds, "PAR_INDEX", "01")
        if par.rank:
            assert pg.get_by_text(t("mt_rank", lang, rank=par.rank, n=par.ranked_of)).first.is_visible()
        if par.year == 2024 and par.change is None:  # the card says why there is no comparison
            assert pg.get_by_text(t("mt_no_prev_break", lang, year=2024, prev=2023)).first.is_visible()
        # every trend's value axis has at least four labels as drawn (Streamlit fits the chart in its height)
        ticks = pg.evaluate("""() => Array.from(document.querySelectorAll('.vega-embed svg')).filter(s =>
            !s.querySelector('g.mark-shape path')).map(s => Array.from(s.querySelectorAll('g.role-axis-label text'))
            .filter(t => t.getAttribute('text-anchor') === 'end' && t.getAttribute('opacity') !== '0').length)""")
        assert len(ticks) == 4 and min(ticks) >= 4, ticks
        # the map: 63 provinces, large, legend text at card size, the coverage in its title
        assert sum(pg.evaluate(
            f"() => Array.from(document.querySelectorAll('{SHAPES}')).map(g => g.querySelectorAll('path').length)")[:2]) == 63
        pg.locator(".vega-embed").last.scroll_into_view_if_needed()
        pg.wait_for_timeout(800)
        f = map_facts(pg)
        cov = ds.coverage("PAPI", 2024)
        # large: the land fills most of a 720 px screen (it was ~30 % of the width at 1280), and fits it
        assert 0.85 * 720 <= f["land_h"] <= h, f
        if w == 1280:
            assert f["land_w"] >= 0.42 * f["main_w"], f
        assert f["legend"] and min(f["legend"]) >= 18, f
        assert t("mt_map_title", lang, index="PAPI", year=2024, n=cov["with_value"], total=cov["total"]) in f["title"]
        # the province is named on the map
        assert pg.locator(".vega-embed svg text", has_text=name).count() >= 1
        pg.screenshot(path=f"artifacts/screenshots/meeting_map_{w}x{h}_{lang}.png")
        pg.locator(".mt-head").scroll_into_view_if_needed()
        pg.wait_for_timeout(300)
        pg.screenshot(path=f"artifacts/screenshots/meeting_top_{w}x{h}_{lang}.png")
        shot(pg, f"meeting_hanoi_{w}x{h}_{lang}")
    finally:
        ctx.close()


def test_meeting_brief_download(browser, server, ds):
    """The brief downloads as a one-page PDF holding the province's figures."""
    import io
    from pypdf import PdfReader
    from vngov.i18n import fmt_num, t
    ctx, pg = new_page(browser, 1280, 720)
    try:
        open_page(pg, server, "/meeting?index=PAPI&year=2024&p=79&lang=en")
        btn = pg.get_by_role("button", name=t("mt_brief_download", "en"))
        btn.scroll_into_view_if_needed()
        with pg.expect_download(timeout=120000) as dl:
            btn.click()
        data = open(dl.value.path(), "rb").read()
        assert dl.value.suggested_filename == "brief_79_en.pdf"
        r = PdfReader(io.BytesIO(data))
        text = " ".join(r.pages[0].extract_text().split())
        assert len(r.pages) == 1 and ds.province_name("79", "en") in text
        from vngov.views import meeting as mt
        h = mt.headline(ds, "SIPAS", "79")
        assert fmt_num(h.value, 2, "en") in text
        pg.screenshot(path="artifacts/screenshots/meeting_brief_button.png")
    finally:
        ctx.close()


def test_profile_brief_download(page, server, ds):
    import io
    from pypdf import PdfReader
    from vngov.i18n import t
    open_page(page, server, "/profile?p=48", wait_for=".vega-embed")
    btn = page.get_by_role("button", name=t("mt_brief_download", "vi"))
    btn.scroll_into_view_if_needed()
    with page.expect_download(timeout=120000) as dl:
        btn.click()
    r = PdfReader(io.BytesIO(open(dl.value.path(), "rb").read()))
    text = " ".join(r.pages[0].extract_text().split())
    assert len(r.pages) == 1 and "Đà Nẵng" in text and "Thứ hạng" in text


def test_meeting_target_and_phone(phone_page, server):
    pg = phone_page
    open_page(pg, server, "/meeting?index=SIPAS&year=2023&p=79&lang=vi")
    assert pg.locator(".mt-head").inner_text() == "TP Hồ Chí Minh"
    pg.get_by_text("Đặt mục tiêu (tùy chọn)").click()
    inp = pg.get_by_label("Mục tiêu PAPI (≥, điểm)")
    inp.fill("40")
    inp.press("Enter")
    pg.wait_for_selector(".mt-target", timeout=60000)
    assert "mục tiêu ≥ 40,00 điểm" in pg.locator(".mt-target").first.inner_text()
    assert pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= 392
    shot(pg, "meeting_hcmc_phone")
