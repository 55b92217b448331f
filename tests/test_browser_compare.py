"""Compare page in a real browser: what a person sees, and a screenshot to look at."""

import pytest

from test_browser import open_page, shot

pytestmark = pytest.mark.browser
LINES = ".vega-embed svg g.mark-line.role-mark path"
POINTS = ".vega-embed svg g.mark-symbol.role-mark path"  # data points (a one-year segment has no visible line)


def test_compare_page(page, server):
    open_page(page, server, "/compare?index=PAPI&year=2022&p=01,79,48&lang=en", wait_for=POINTS)
    assert page.locator("h1").first.inner_text() == "Compare provinces"
    # the picker shows the three provinces of the URL
    chips = page.locator("[data-testid='stMultiSelect'] span[data-tag] > span[title]").all_inner_texts()
    assert chips == ["Ha Noi", "Ho Chi Minh City", "Da Nang"]
    # four small multiples (one per index); PAPI has a line per province and era at least
    assert page.locator(".vega-embed").count() >= 5
    n_lines = page.locator(LINES).count()
    assert n_lines >= 3 * 2  # PAPI: 3 provinces × 2 eras (2011–2017, 2018–)
    assert page.get_by_text("Ho Chi Minh City").first.is_visible()
    # the components chart: grouped bars
    assert page.locator(".vega-embed svg .mark-rect path").count() >= 3 * 8
    assert page.get_by_text("Method change in 2018").first.is_visible()
    assert page.get_by_role("button", name="Download data (CSV)").first.is_visible()
    shot(page, "compare_papi_2022_en")


def test_compare_phone(phone_page, server):
    pg = phone_page
    open_page(pg, server, "/compare?index=PCI&year=2019&p=01,79", wait_for=POINTS)
    assert pg.locator("h1").first.inner_text() == "So sánh các tỉnh, thành phố"
    # nothing wider than the screen
    assert pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= 392
    shot(pg, "compare_pci_2019_phone")
