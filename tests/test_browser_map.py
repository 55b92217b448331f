"""The map as a person uses it, in Chromium: the legend never over a province, the region reflected on
the map, a keyboard route to a profile; on a phone a labelled menu and table toolbars that cover nothing."""

import pytest

from test_browser import SHAPES, open_page, shot

pytestmark = pytest.mark.browser

LAND = "() => { const gs = Array.from(document.querySelectorAll(\"" + SHAPES + "\")).slice(0, 2);" \
       " const rs = gs.flatMap(g => Array.from(g.querySelectorAll('path'))).map(p => p.getBoundingClientRect())" \
       ".filter(r => r.width > 0); const lg = Array.from(document.querySelectorAll('.vega-embed g.role-legend'))" \
       ".map(g => g.getBoundingClientRect()); return {land: rs.map(r => [r.left, r.top, r.right, r.bottom])," \
       " legends: lg.map(r => [r.left, r.top, r.right, r.bottom])}; }"


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (390, 844)])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_legend_never_over_a_province(browser, server, size, lang):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = ctx.new_page()
    open_page(pg, server, f"/?index=PAPI&year=2021&lang={lang}")
    got = pg.evaluate(LAND)
    assert len(got["land"]) >= 63 and len(got["legends"]) == 2
    for lg in got["legends"]:
        hit = [r for r in got["land"] if overlaps(lg, r)]
        assert not hit, (lg, hit[:3])
    shot(pg, f"map_legend_{lang}_{size[0]}")
    ctx.close()


def test_region_dims_the_others(page, server):
    open_page(page, server, "/?index=PAPI&year=2024&region=MRD&lang=en")
    assert page.get_by_text("of 13 provinces of the Mekong River Delta have a published score").is_visible()
    opac = page.evaluate("() => Array.from(document.querySelectorAll(\"" + SHAPES + " path\"))"
                         ".map(p => p.getAttribute('fill-opacity') || getComputedStyle(p).fillOpacity)")
    dim = [o for o in opac if o and float(o) < 0.5]
    assert len(dim) == 50, opac  # the 50 provinces outside the Mekong River Delta (of 63)
    shot(page, "map_region_mrd_en")


def test_keyboard_route_to_a_profile(page, server):
    open_page(page, server, "/?index=PAPI&year=2024&lang=en")
    box = page.get_by_role("combobox", name="Province profile (keyboard or mouse)")
    box.focus()
    page.keyboard.type("Ben Tre")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('p=83')", timeout=30000)
    link = page.get_by_role("link", name="Open the profile of Ben Tre")
    link.wait_for(timeout=30000)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').innerText.includes('Ben Tre')",
                           timeout=60000)
    assert "/profile" in page.url
    shot(page, "map_keyboard_profile_en")


@pytest.mark.parametrize("lang,label", [("vi", "Menu: trang, ngôn ngữ"), ("en", "Menu: pages, language")])
def test_phone_menu_and_tables(phone_page, server, lang, label):
    pg = phone_page
    open_page(pg, server, f"/?index=PAPI&year=2024&lang={lang}", wait_for="table.vngov-table")
    pg.wait_for_timeout(1500)
    btn = pg.locator("[data-testid='stExpandSidebarButton']")
    text = pg.evaluate("() => getComputedStyle(document.querySelector(\"[data-testid='stExpandSidebarButton']\"), '::after').content")
    assert text.strip('"') == label
    assert btn.bounding_box()["width"] > 120  # a labelled button, not a bare 28 px "»"
    # the map page's tables are plain HTML tables (no data grid): each fits the phone's width, every column in
    # view, and the ranked one scrolls inside its own box with its header row in view
    boxes = pg.evaluate("""() => Array.from(document.querySelectorAll("table.vngov-table")).map(t => {
        const box = t.closest(".vngov-scroll") || t.closest("[class*='st-key-stbl_']"); const r = t.getBoundingClientRect();
        return {left: r.left, right: r.right, fit: box.scrollWidth <= box.clientWidth + 1,
                visible: r.height > 0, rows: t.querySelectorAll('tbody tr').length}; })""")
    assert [b["rows"] for b in boxes] == [61 + 2, 34]  # 63 provinces; the 34 new ones (in the closed expander)
    shown_boxes = [b for b in boxes if b["visible"]]
    assert shown_boxes
    for b in shown_boxes:
        assert b["fit"] and b["left"] >= 0 and b["right"] <= 390  # the whole table is on screen, no clipped columns
    scroller = pg.locator("[class*='st-key-stbl_map_table'] .vngov-scroll")
    assert scroller.get_attribute("tabindex") == "0" and scroller.get_attribute("aria-label")  # keyboard, named
    scroller.evaluate("e => e.scrollTop = 900")
    pg.wait_for_timeout(200)
    th, box = pg.evaluate("""() => { const b = document.querySelector("[class*='st-key-stbl_map_table'] .vngov-scroll");
        return [b.querySelector('th').getBoundingClientRect().top, b.getBoundingClientRect().top]; }""")
    assert abs(th - box) <= 2  # scrolled 900 px down, the header row is still at the top of its box
    btn.click()
    pg.locator("[data-testid='stSidebarNavLink']").first.wait_for(state="visible", timeout=10000)
    assert pg.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup']").first.is_visible()
    shot(pg, f"map_phone_menu_{lang}")
