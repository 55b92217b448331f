"""Back and Forward in a real browser: each Back undoes exactly one change, and every control shows what
the page shows (vngov/ui/state.py, vngov/ui/bind.py)."""

import pytest

from test_browser import open_page, pick_province, shot

pytestmark = pytest.mark.browser
SIDEBAR_SELECT = "[data-testid='stSidebar'] [data-testid='stSelectbox']"


def sidebar_value(page, i: int) -> str:
    """What the i-th sidebar select shows (its label and its value)."""
    box = page.locator(SIDEBAR_SELECT).nth(i)
    return box.inner_text() + " " + box.evaluate(
        "b => Array.from(b.querySelectorAll('input')).map(i => i.value).join(' ')")


def choose(page, i: int, option: str, h1_starts: str):
    page.locator(SIDEBAR_SELECT).nth(i).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_h1(page, h1_starts)


def wait_h1(page, starts: str):
    page.wait_for_function(
        f"() => document.querySelector('h1') && document.querySelector('h1').innerText.startsWith({starts!r})")
    page.wait_for_timeout(1200)


def test_back_undoes_one_change_at_a_time_on_the_map(page, server):
    open_page(page, server, "/?index=PAPI&year=2024&lang=en")
    choose(page, 0, "PCI", "PCI 2024")
    choose(page, 1, "2015", "PCI 2015")
    page.go_back()
    wait_h1(page, "PCI 2024")
    assert "index=PCI" in page.url and "year=2024" in page.url
    assert "PCI" in sidebar_value(page, 0) and "2024" in sidebar_value(page, 1)
    page.go_back()
    wait_h1(page, "PAPI 2024")
    assert "PAPI" in sidebar_value(page, 0) and "PCI" not in sidebar_value(page, 0)
    # the next sidebar change starts from what the page shows (PAPI), not from the undone PCI
    choose(page, 1, "2019", "PAPI 2019")
    assert "index=PAPI" in page.url and "year=2019" in page.url
    page.go_back()
    wait_h1(page, "PAPI 2024")
    page.go_forward()
    wait_h1(page, "PAPI 2019")
    shot(page, "back_map_en")


def test_back_after_a_page_switch_returns_to_the_page_and_its_view(page, server):
    open_page(page, server, "/?index=PCI&year=2015&lang=en")
    page.locator("[data-testid='stSidebarNav'] a[href$='/rankings']").click()
    wait_h1(page, "PCI 2015 rankings")
    choose(page, 1, "2012", "PCI 2012 rankings")
    page.go_back()
    wait_h1(page, "PCI 2015 rankings")
    assert "2015" in sidebar_value(page, 1)
    page.go_back()
    wait_h1(page, "PCI 2015:")
    assert "/rankings" not in page.url


def test_back_after_a_province_change_on_the_profile(page, server):
    open_page(page, server, "/profile?p=01&lang=vi", wait_for="h1")
    wait_h1(page, "Hồ sơ tỉnh: Hà Nội")
    pick_province(page, "Đà Nẵng", "48")
    page.go_back()
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('Hà Nội')")
    page.wait_for_timeout(1200)
    assert "p=01" in page.url
    picker = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first
    shown = picker.inner_text() + picker.evaluate("b => Array.from(b.querySelectorAll('input')).map(i => i.value).join(' ')")
    assert "Hà Nội" in shown and "Đà Nẵng" not in shown
    shot(page, "back_profile_vi")
