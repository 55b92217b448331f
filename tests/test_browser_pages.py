"""Every page that exists × every index in real Chromium: it loads, finishes its run, shows no exception or
traceback; a shared URL reproduces the view in a fresh browser; downloads deliver CSV that parses; a CSV
uploaded through the real file box shows up on the map of the same session.

Screenshots: artifacts/screenshots/pages_<page>_<index>.png (and upload_*.png)."""

import csv
import io
from pathlib import Path

import pytest

from conftest import ROOT
from test_browser import shot
from test_upload import enc1258

pytestmark = pytest.mark.browser

INDICES = ["PAR_INDEX", "SIPAS", "PAPI", "PCI"]
PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_"))
SETTLE_S = 25  # a page run must finish within this (a page that keeps rerunning fails here)


def url_path(stem: str) -> str:
    return "/" if stem == "map" else f"/{stem}"


def settle(page, timeout_s: float = SETTLE_S):
    """Wait until the app has drawn something in the main area and its script run is over; check for errors.
    (Meeting mode has no h1: it draws its own large heading.)"""
    page.wait_for_function("() => { const m = document.querySelector(\"[data-testid='stMain']\");"
                           " return m && m.innerText.trim().length > 20; }", timeout=90000)
    page.wait_for_function(
        "() => { const a = document.querySelector(\"[data-testid='stApp']\");"
        " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }", timeout=timeout_s * 1000)
    page.wait_for_timeout(400)
    errors = page.locator("[data-testid='stException']")
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    body = page.locator("body").inner_text()
    assert "Traceback" not in body, body[body.index("Traceback"):][:2000]


def upload_two_par_2019_rows(page, server):
    """On the English upload page: the source text, then a Windows-1258 file of two PAR INDEX 2019 rows
    (Quảng Ninh 90.50 rank 1, Hà Giang 80.16 rank 40), checked but not yet loaded."""
    page.goto(server + "/upload?index=PAR_INDEX&year=2019&lang=en")
    settle(page)
    box = page.get_by_label("Source of the table (required)")
    box.fill("QĐ 330/QĐ-BNV 13/5/2020, phụ lục")
    box.press("Enter")
    data = enc1258("index;year;province_code;indicator;value;rank;note\n"
                   "PAR_INDEX;2019;22;total;90,50;1;Quảng Ninh\n"
                   "PAR_INDEX;2019;02;total;80,16;40;Hà Giang\n")
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "par_2019.csv", "mimeType": "text/csv", "buffer": data}])
    page.get_by_text("2 valid rows, not loaded yet. Read as Windows-1258").wait_for(timeout=60000)
    settle(page)
    page.wait_for_timeout(1500)  # the data grids draw on canvas after the run


def read_csv_download(dl) -> list[dict]:
    text = Path(dl.path()).read_text(encoding="utf-8-sig")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def sidebar_values(page) -> list[str]:
    page.wait_for_function("() => document.querySelectorAll(\"[data-testid='stSidebar'] [data-testid='stSelectbox'] "
                           "input[role='combobox']\").length >= 4", timeout=30000)
    return page.eval_on_selector_all("[data-testid='stSidebar'] [data-testid='stSelectbox'] input[role='combobox']",
                                     "els => els.map(e => e.value)")


@pytest.mark.parametrize("index", INDICES)
@pytest.mark.parametrize("stem", PAGE_FILES)
def test_page_loads_for_each_index(page, server, stem, index):
    page.goto(f"{server}{url_path(stem)}?index={index}&lang=en")
    settle(page)
    main_text = page.locator("[data-testid='stMain']").inner_text()
    assert len(main_text.strip()) > 20, main_text
    side = sidebar_values(page)
    if stem not in ("data", "upload", "across") and side:  # pages about one index show it in the sidebar
        assert side[0] == {"PAR_INDEX": "PAR INDEX"}.get(index, index)
    shot(page, f"pages_{stem}_{index}")


@pytest.mark.parametrize("stem", ["map"] + [p for p in PAGE_FILES if p in ("rankings", "profile")][:1])
def test_shared_url_reproduces_the_view(browser, server, stem):
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = first.new_page()
    pg.goto(f"{server}{url_path(stem)}?index=PCI&year=2015&region=RRD&p=01&lang=en")
    settle(pg)
    h1, side, shared = pg.locator("h1").first.inner_text(), sidebar_values(pg), pg.url
    first.close()
    assert "index=PCI" in shared and "year=2015" in shared and "region=RRD" in shared
    assert side[:2] == ["PCI", "2015"]
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})  # no cookies, no session
    pg2 = fresh.new_page()
    pg2.goto(shared)
    settle(pg2)
    assert pg2.locator("h1").first.inner_text() == h1
    assert sidebar_values(pg2) == side
    fresh.close()


def test_data_page_download_is_the_whole_dataset(page, server, ds):
    page.goto(server + "/data?lang=en")
    settle(page)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download data (CSV)").last.click()
    rows = read_csv_download(dl.value)
    assert len(rows) == len(ds.scores)
    assert {r["index"] for r in rows} == {"PAR_INDEX", "SIPAS", "PAPI", "PCI"}
    qn = next(r for r in rows if (r["index"], r["year"], r["province_code"], r["indicator"])
              == ("PAR_INDEX", "2019", "22", "total"))
    assert float(qn["value"]) == pytest.approx(90.09) and qn["rank"] == "1"


def test_upload_page_template_download(page, server):
    page.goto(server + "/upload?lang=en")
    settle(page)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download the template (CSV)").click()
    assert dl.value.suggested_filename == "template_scores.csv"
    rows = read_csv_download(dl.value)
    assert len(rows) == 3 and all(r["note"].startswith("VÍ DỤ / EXAMPLE") for r in rows)
    assert rows[0]["province_code"] == "22" and rows[0]["value"] == "90.09"
    shot(page, "upload_en")


def test_upload_through_the_browser_reaches_the_map(page, server, ds):
    n_bundled = ds.coverage("PAR_INDEX", 2019)["with_value"]
    upload_two_par_2019_rows(page, server)
    assert page.get_by_text("1 figure(s) in the file already exist in the data").is_visible()
    shot(page, "upload_checked_en")
    page.get_by_role("button", name="Add 1 figure(s) to this session").click()
    page.get_by_text("1 uploaded figures active in this browser session.").wait_for(timeout=60000)
    settle(page)
    shot(page, "upload_active_en")
    # same browser session: switch page with the navigation (a new page load would be a new session)
    page.locator("[data-testid='stSidebarNavLink']").first.click()
    # the uploaded figure is counted apart, never as published (issue 11)
    page.get_by_text(f"{n_bundled} published + 1 uploaded of 63 provinces have a score").wait_for(timeout=60000)
    settle(page)
    assert page.locator("h1").first.inner_text().startswith("PAR INDEX 2019")
    # marked as uploaded, with the source text the analyst gave
    assert page.get_by_text("This page shows figures you uploaded in this session").is_visible()
    assert page.get_by_text("“QĐ 330/QĐ-BNV 13/5/2020, phụ lục”", exact=False).first.is_visible()
    shot(page, "upload_shown_on_map_en")
    # a fresh session does not see it
    page.goto(server + "/?index=PAR_INDEX&year=2019&lang=en")
    settle(page)
    assert page.get_by_text(f"{n_bundled} of 63 provinces have a published score").is_visible()
    assert page.get_by_text("This page shows figures you uploaded").count() == 0


def test_bad_upload_lists_problems_in_the_browser(page, server):
    page.goto(server + "/upload?lang=vi")
    settle(page)
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "anh.csv", "mimeType": "text/csv", "buffer": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}])
    page.get_by_text("lỗi trong tệp: không nạp số liệu nào").wait_for(timeout=60000)
    settle(page)
    page.wait_for_timeout(1500)
    shot(page, "upload_problems_vi")


def test_upload_page_at_phone_width(phone_page, server):
    pg = phone_page
    pg.goto(server + "/upload?lang=vi")
    settle(pg)
    assert pg.evaluate("() => document.documentElement.scrollWidth") <= 392  # no sideways scrolling
    shot(pg, "upload_vi_390")
