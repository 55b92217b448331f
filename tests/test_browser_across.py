"""Across-indices page in a real browser."""

import pytest

from test_browser import open_page, shot

pytestmark = pytest.mark.browser
SYMBOLS = ".vega-embed svg g.mark-symbol.role-mark path"  # data points, not legend symbols


def test_across_page(page, server, ds):
    from vngov.views import across as ax
    x, y = ax.default_pair(ds, 2019)
    year = ax.pick_year(ds, x, y, 2019)
    n = len(ax.pair_frame(ds, x, y, year, "vi"))
    open_page(page, server, "/across?index=PAPI&year=2019", wait_for=SYMBOLS)
    assert page.locator("h1").first.inner_text() == "Tương quan giữa hai chỉ số"
    # one point per province with both scores
    assert page.locator(SYMBOLS).count() == n
    assert page.get_by_text("tỉnh, thành phố có cả hai điểm").first.is_visible()
    shot(page, "across_default_vi")
    # switch to PAPI × PCI: 63 points
    page.get_by_role("combobox", name="Chỉ số trục hoành (X)").click()
    page.get_by_role("option", name="PAPI", exact=True).click()
    page.wait_for_timeout(1500)
    page.get_by_role("combobox", name="Chỉ số trục tung (Y)").click()
    page.get_by_role("option", name="PCI", exact=True).click()
    page.wait_for_function(f"() => document.querySelectorAll('{SYMBOLS}').length == 63", timeout=60000)
    assert page.get_by_text("n = 63 tỉnh, thành phố có cả hai điểm").first.is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "across_papi_pci_2019_vi")
    # the pair is in the address bar: the link opens the same view in a new tab
    page.wait_for_function("() => location.search.includes('vs=PAPI%2CPCI') || location.search.includes('vs=PAPI,PCI')",
                           timeout=30000)
    link = page.url
    other = page.context.new_page()
    try:
        open_page(other, "", link, wait_for=SYMBOLS)
        other.wait_for_function(f"() => document.querySelectorAll('{SYMBOLS}').length == 63", timeout=60000)
        assert other.get_by_role("combobox", name="Chỉ số trục hoành (X)").input_value() == "PAPI"
        assert other.get_by_role("combobox", name="Chỉ số trục tung (Y)").input_value() == "PCI"
    finally:
        other.close()
