"""The Province profile in a real browser: what a person sees."""

import pytest

from test_browser import open_page, pick_province, shot, shot_charts


pytestmark = pytest.mark.browser

LINES = ".vega-embed svg .mark-line path"
DOTS = ".vega-embed svg .mark-symbol.role-mark path"  # the points: visible even for a lone value


def test_profile_direct_url_en(page, server):
    open_page(page, server, "/profile?p=22&lang=en", wait_for=DOTS)
    page.wait_for_timeout(1000)
    assert page.locator("h1").first.inner_text().startswith("Province profile: Quang Ninh")
    assert page.locator(".vega-embed").count() == 4  # one trend panel per index
    assert page.locator(LINES).count() >= 3  # line segments (split at breaks)
    assert page.locator(DOTS).count() >= 1
    assert page.get_by_text("was not merged with another province").is_visible()
    assert page.locator("[data-testid='stMetric']").count() == 4
    assert page.get_by_text("Region peers").first.is_visible()
    shot(page, "profile_22_en")
    shot_charts(page, "profile_22_en")


def test_profile_phone_default_vi(phone_page, server):
    page = phone_page
    open_page(page, server, "/profile?lang=vi", wait_for=DOTS)
    page.wait_for_timeout(1000)
    assert page.locator("h1").first.inner_text().startswith("Hồ sơ tỉnh: Hà Nội")
    widths = page.evaluate("() => Array.from(document.querySelectorAll('.vega-embed svg'))"
                           ".map(s => s.getBoundingClientRect().width)")
    assert len(widths) == 4 and max(widths) <= 390
    shot(page, "profile_01_phone_vi")
    shot_charts(page, "profile_01_phone_vi")


def test_profile_merged_province_and_select(page, server):
    open_page(page, server, "/profile?p=02&lang=en", wait_for=DOTS)
    assert page.get_by_text("Tuyen Quang (code 08)").first.is_visible()
    pick_province(page, "Can Tho", "92")
    shot(page, "profile_92_en")
    shot_charts(page, "profile_92_en")
