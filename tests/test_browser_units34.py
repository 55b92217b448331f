"""Issue 13 in a real browser: an analyst uploads a 34-province table (TEST DATA fixture) and sees it on the
34-province map, in rankings (ranks of 34), in a new province's profile beside its former provinces' history,
in meeting mode and in compare; a bad 34-unit upload gets a clear message in VI and EN. Screenshots in
artifacts/screenshots/units34_*.png."""

import pytest

from conftest import SCREENSHOTS
from test_browser import SHAPES, shape_counts, shot
from test_browser_pages import settle
from units34_util import FIXTURE

pytestmark = pytest.mark.browser


def upload(page, server, data: bytes, name: str, lang: str = "en"):
    page.goto(server + f"/upload?index=PCI&lang={lang}")
    settle(page)
    box = page.get_by_label("Source of the table (required)" if lang == "en" else "Nguồn của bảng (bắt buộc)")
    box.fill("TEST DATA: invented PCI 2025 figures (tests only)")
    box.press("Enter")
    settle(page)
    page.locator("input[type='file']").set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def nav(page, title: str):
    expand = page.locator("[data-testid='stExpandSidebarButton']")
    if expand.count() and expand.first.is_visible():  # meeting mode starts with the sidebar collapsed
        expand.first.click()
        page.wait_for_timeout(500)
    page.locator("[data-testid='stSidebarNavLink']", has_text=title).first.click()
    settle(page)


def choose(page, label: str, option: str):
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def test_a_34_table_in_every_view(page, server):
    upload(page, server, FIXTURE.read_bytes(), "pci_2025_34.csv")
    page.get_by_text("34 valid rows, not loaded yet.").wait_for(timeout=60000)
    settle(page)
    page.get_by_role("button", name="Add 34 figure(s) to this session").click()
    page.get_by_text("34 uploaded figures active in this browser session.").wait_for(timeout=60000)
    settle(page)
    # the map: PCI 2025 is the 34-province choropleth
    nav(page, "Map")
    choose(page, "Year", "2025")
    page.get_by_text("0 published + 34 uploaded of 34 provinces", exact=False).first.wait_for(timeout=60000)
    assert page.locator("h1").first.inner_text().startswith("PCI 2025")
    page.wait_for_timeout(1500)
    page.locator(SHAPES + " path").first.wait_for(timeout=60000)
    counts = shape_counts(page)
    assert sum(counts) == 34 and 63 not in counts  # 34 provinces drawn (filled + no data), not the 63
    shot(page, "units34_map_en")
    # rankings: ranks of 34, no movement across 63 -> 34, and why
    nav(page, "Rankings & movement")
    page.get_by_text("No movement to compare: the 2024 ranks are of the 63 former provinces").wait_for(timeout=60000)
    assert page.get_by_text("34 uploaded of 34 provinces", exact=False).first.is_visible()
    shot(page, "units34_rankings_en")
    # profile of the new Tuyên Quang, from the map's picker (a former name finds it)
    nav(page, "Map")
    page.get_by_label("Province profile (keyboard or mouse)").first.click()
    page.keyboard.type("Ha Giang")
    page.get_by_role("option", name="Tuyen Quang (Ha Giang, Tuyen Quang; Hà Giang, Tuyên Quang)").click()
    settle(page)
    page.mouse.move(5, 5)  # off the map: a hovered chart's toolbar sits over the end of the link, as for a person
    page.get_by_role("link", name="Open the profile of Tuyen Quang").click()
    settle(page)
    page.get_by_text("The former provinces it was formed from (63 provinces, to 2024)").wait_for(timeout=60000)
    assert "u=34" in page.url and "p=08" in page.url
    assert page.get_by_text("Rank 15/34").first.is_visible()
    assert page.get_by_role("link", name="Ha Giang").first.is_visible()
    shot(page, "units34_profile_en")
    head = page.get_by_text("The former provinces it was formed from (63 provinces, to 2024)")
    head.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "units34_profile_former_en.png"))
    # meeting mode of the same province (p and u carried)
    nav(page, "Meeting mode")
    page.get_by_text("among the 34 provinces", exact=False).wait_for(timeout=60000)
    assert page.get_by_text("rank 15 of 34", exact=False).first.is_visible()
    shot(page, "units34_meeting_en")
    # compare in the 34 set
    nav(page, "Compare")
    cell = page.locator("td[role='gridcell']", has_text="67.32 (uploaded) · rank 15")  # the data grid's accessible cells
    cell.first.wait_for(state="attached", timeout=60000)
    assert page.locator("td[role='gridcell']", has_text="PCI 2025").count() >= 1
    page.wait_for_timeout(1500)
    shot(page, "units34_compare_en")


@pytest.mark.parametrize("lang,expected", [
    ("en", "rank must be 1–34, got 40"),
    ("vi", "thứ hạng phải từ 1 đến 34, nhận 40"),
])
def test_bad_34_upload_says_why(page, server, lang, expected):
    data = ("index,year,province_code,indicator,value,rank,units\n"
            "PCI,2025,08,total,67.3,40,34\nPCI,2025,02,total,66.1,3,34\n").encode()
    upload(page, server, data, "bad34.csv", lang)
    page.get_by_text("không nạp số liệu nào" if lang == "vi" else "nothing was loaded", exact=False).first.wait_for(
        timeout=60000)
    settle(page)
    page.locator("td[role='gridcell']", has_text=expected).first.wait_for(state="attached", timeout=60000)
    other = ("'02' is the code of the former province Hà Giang" if lang == "en" else
             "'02' là mã của tỉnh cũ Hà Giang")
    assert page.locator("td[role='gridcell']", has_text=other).count() >= 1
    page.wait_for_timeout(1500)
    shot(page, f"units34_bad_upload_{lang}")
