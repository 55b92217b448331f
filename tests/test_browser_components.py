"""The Components page in a real browser: what a person sees."""

import pytest

from test_browser import open_page, pick_province, shot, shot_charts


pytestmark = pytest.mark.browser

DOTS = ".vega-embed svg .mark-symbol.role-mark path"
RECTS = ".vega-embed svg .mark-rect.role-mark path"


def count(page, sel: str) -> int:
    return page.locator(sel).count()


def test_components_papi_desktop(page, server):
    open_page(page, server, "/components?index=PAPI&year=2020&p=01&lang=en", wait_for=DOTS)
    page.wait_for_selector(RECTS)
    page.wait_for_timeout(800)
    assert page.locator("h1").first.inner_text().startswith("PAPI 2020: components of Ha Noi")
    assert page.get_by_text("63 of 63 provinces have published component scores").is_visible()
    # dot chart: 8 dimensions x (province, mean, region mean, highest)
    assert count(page, DOTS) == 8 * 4
    # heat map: 63 provinces x (total + 8 dimensions); the selected province outlined
    assert count(page, RECTS) >= 63 * 9
    # the change chart: one bar per dimension
    bars = page.evaluate("() => Array.from(document.querySelectorAll('.vega-embed svg .mark-rect'))"
                         ".map(g => g.querySelectorAll('path').length)")
    assert 8 in bars
    assert page.get_by_text("Mean of 63 provinces with a score").first.is_visible()
    shot(page, "components_papi_2020_en")
    shot_charts(page, "components_papi_2020_en")


def test_components_sparse_par_index_vi(page, server):
    open_page(page, server, "/components?index=PAR_INDEX&year=2023&p=62&lang=vi", wait_for=DOTS)
    page.wait_for_timeout(500)
    assert "Kon Tum" in page.locator("h1").first.inner_text()
    assert page.get_by_text("Chỉ 2 trên 63").first.is_visible()
    assert "Không có dữ liệu" in page.content()
    shot(page, "components_par_2023_vi")
    shot_charts(page, "components_par_2023_vi")


def test_components_phone_and_province_change(phone_page, server):
    page = phone_page
    open_page(page, server, "/components?index=PCI&year=2019&lang=en", wait_for=DOTS)
    page.wait_for_selector(RECTS)
    page.wait_for_timeout(800)
    svg_w = page.evaluate("() => Math.max(...Array.from(document.querySelectorAll('.vega-embed svg'))"
                          ".map(s => s.getBoundingClientRect().width))")
    assert svg_w <= 390  # charts fit the phone's width
    pick_province(page, "Da Nang", "48")
    shot(page, "components_pci_2019_phone")
    shot_charts(page, "components_pci_2019_phone")
