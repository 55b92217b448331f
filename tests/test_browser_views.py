"""Every view holds up as a person uses it (issue 11), measured in a real browser at the sizes people use:
1280×720 and 1920×1080 (projector), 1440×900 (analyst), 390×844 (phone). One served app for the module."""

import pytest

from conftest import PHONE
from test_browser import shot

pytestmark = pytest.mark.browser

RECTS = ".vega-embed svg .mark-rect.role-mark path"

# per chart: its rect cells' heights and top, and each axis's labels (all lines of a label joined by a space)
CHARTS_JS = """() => Array.from(document.querySelectorAll('.vega-embed svg')).map(svg => {
  const cells = Array.from(svg.querySelectorAll('.mark-rect.role-mark path')).map(p => p.getBoundingClientRect())
    .filter(r => r.height > 0);
  const axes = Array.from(svg.querySelectorAll('.role-axis-label')).map(g => Array.from(g.querySelectorAll('text'))
    .filter(t => t.getAttribute('opacity') !== '0')
    .map(t => { const sp = t.querySelectorAll('tspan');
                const txt = sp.length ? Array.from(sp).map(s => s.textContent).join(' ') : t.textContent;
                const r = t.getBoundingClientRect();
                return {txt, top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }));
  const legend = Array.from(svg.querySelectorAll('.role-legend-label text')).map(t => t.getBoundingClientRect().right);
  const box = svg.getBoundingClientRect();
  return {n: cells.length, heights: cells.map(r => r.height), top: Math.min(...cells.map(r => r.top)),
          axes, legendRight: Math.max(0, ...legend), left: box.left, right: box.right};
})"""


def open_ctx(browser, server, path, viewport=None, phone=False):
    ctx = browser.new_context(**PHONE) if phone else browser.new_context(viewport=viewport)
    pg = ctx.new_page()
    pg.set_default_timeout(90000)
    pg.goto(server + path)
    return ctx, pg


def heat_of(charts):
    return max(charts, key=lambda c: c["n"])


@pytest.mark.parametrize("path,size,rows,cols,full", [
    ("/components?index=PAR_INDEX&year=2023&p=62&lang=vi", (1280, 720), 2, 7,
     "Điểm thẩm định (tự đánh giá được thẩm định)"),
    ("/components?index=PCI&year=2019&p=48&lang=en", (1920, 1080), 63, 11, "Land access and security of tenure"),
    ("/components?index=PAPI&year=2020&p=01&lang=en", "phone", 63, 9, "D4 · Control of corruption in the public sector"),
])
def test_components_heat_map_rows_readable_every_column_named_in_full(browser, server, path, size, rows, cols,
                                                                        full):
    ctx, pg = open_ctx(browser, server, path, phone=size == "phone",
                       viewport=None if size == "phone" else dict(width=size[0], height=size[1]))
    try:
        pg.wait_for_selector(RECTS)
        pg.wait_for_timeout(1200)
        charts = pg.evaluate(CHARTS_JS)
        heat = heat_of(charts)
        assert min(heat["heights"]) >= 24, heat["heights"][:5]  # rows a person can read and point at
        names = [a for a in heat["axes"] if len(a) == rows]
        columns = [a for a in heat["axes"] if len(a) == cols]
        assert names and columns  # every province named, every column named
        col = columns[0]
        assert full in [c["txt"] for c in col]  # in full, on two lines where it needs them
        assert max(c["bottom"] for c in col) <= heat["top"] + 1  # column names above the grid, not over it
        for ch in charts:  # no component name truncated in any chart of the page
            for axis in ch["axes"]:
                assert not [a["txt"] for a in axis if "…" in a["txt"]]
                assert min([a["left"] for a in axis] or [ch["left"]]) >= ch["left"] - 1  # none cut off at left
            assert ch["legendRight"] <= ch["right"] + 1  # legend entries wrap instead of running off
        shot(pg, f"views_components_{path.split('index=')[1].split('&')[0]}_{'phone' if size == 'phone' else size[0]}")
    finally:
        ctx.close()


TABLES_JS = """() => ({doc: document.documentElement.scrollWidth,
  tables: Array.from(document.querySelectorAll('[data-testid=stDataFrame]')).map(d => {
    const r = d.getBoundingClientRect(); const sc = d.querySelector('.dvn-scroller');
    return {left: r.left, right: r.right, scrollW: sc ? sc.scrollWidth : 0, clientW: sc ? sc.clientWidth : 0}; })})"""


@pytest.mark.parametrize("path,menu", [("/rankings?index=PCI&year=2019&lang=vi", "Menu: trang, ngôn ngữ"),
                                       ("/profile?p=01&lang=en", "Menu: pages, language"),
                                       ("/components?index=PAPI&year=2020&p=01&lang=en", "Menu: pages, language")])
def test_phone_menu_visible_and_tables_within_the_screen(browser, server, path, menu):
    """On a 390 px phone: a labelled menu button in view; no table wider than the screen (a wide one scrolls
    inside its own box, its first column pinned; see test_app_notes for the pinning) and no page overflow."""
    ctx, pg = open_ctx(browser, server, path, phone=True)
    try:
        pg.wait_for_selector("[data-testid=stDataFrame] .dvn-scroller")
        pg.wait_for_timeout(1500)
        btn = pg.locator("[data-testid='stExpandSidebarButton']")
        label = pg.evaluate("() => getComputedStyle(document.querySelector(\"[data-testid='stExpandSidebarButton']\"),"
                            " '::after').content")
        assert btn.is_visible() and label.strip('"') == menu and btn.bounding_box()["width"] > 120
        m = pg.evaluate(TABLES_JS)
        assert m["doc"] <= 390  # the page never scrolls sideways
        assert m["tables"]
        for tb in m["tables"]:
            assert tb["left"] >= 0 and tb["right"] <= 390, tb  # every table's box on the screen
        shot(pg, "views_phone_" + path.split("?")[0].strip("/"))
    finally:
        ctx.close()


@pytest.mark.parametrize("size,lang", [((1280, 720), "vi"), ((1440, 900), "en"), ((1920, 1080), "vi")])
def test_map_side_table_fits_beside_the_map(browser, server, size, lang):
    """The map page's side table (province, score, rank, ± previous year) shows all four columns without
    sideways scrolling beside the map, with a short change header ("± 2023")."""
    ctx, pg = open_ctx(browser, server, f"/?index=PAPI&year=2024&lang={lang}",
                       viewport=dict(width=size[0], height=size[1]))
    try:
        pg.wait_for_selector("[class*='st-key-stbl_map_table'] table.vngov-table")
        pg.wait_for_timeout(1500)
        tb = pg.evaluate("""() => { const b = document.querySelector("[class*='st-key-stbl_map_table'] .vngov-scroll");
            const r = b.getBoundingClientRect();
            return {right: r.right, scrollW: b.scrollWidth, clientW: b.clientWidth,
                    heads: Array.from(b.querySelectorAll('th')).map(h => h.innerText.trim())}; }""")
        assert tb["scrollW"] <= tb["clientW"] + 1, tb  # every column in view
        assert tb["right"] <= size[0]
        assert len(tb["heads"]) == 4 and tb["heads"][3] == "± 2023", tb
        shot(pg, f"views_map_{size[0]}_{lang}")
    finally:
        ctx.close()
