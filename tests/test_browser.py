"""Real browser tests: the served app in headless Debian Chromium, checked as a person sees it.

Screenshots of every page visited are written to artifacts/screenshots/ for people to look at.
"""

import csv
import io

import pytest

from conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

SHAPES = ".vega-embed svg g.mark-shape"


def open_page(page, server, path: str, wait_for: str = SHAPES + " path"):
    page.goto(server + path)
    page.wait_for_selector(wait_for, timeout=90000)
    page.wait_for_timeout(800)
    assert page.locator("[data-testid='stException']").count() == 0
    return page


def pick_province(page, name: str, code: str):
    """Choose a province in the page body's picker (typing filters it) and wait for the page about it."""
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    page.keyboard.type(name)
    page.get_by_role("option", name=name).click()
    page.wait_for_function(f"() => document.querySelector('h1') && document.querySelector('h1').innerText.includes({name!r})")
    page.wait_for_timeout(1500)
    assert f"p={code}" in page.url


def shot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def shot_charts(page, name: str, limit: int = 3):
    """Screenshots scrolled to each chart (Streamlit scrolls inside the page, so a full-page shot shows
    only the top)."""
    charts = page.locator(".vega-embed")
    for i in range(min(charts.count(), limit)):
        charts.nth(i).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"{name}_chart{i + 1}.png"))


def shape_counts(page) -> list[int]:
    return page.evaluate(
        f"() => Array.from(document.querySelectorAll('{SHAPES}')).map(g => g.querySelectorAll('path').length)")


def test_map_draws_one_shape_per_province(page, server):
    open_page(page, server, "/?index=PAPI&year=2021&lang=en")
    counts = shape_counts(page)
    # layer 1: the 3 provinces with no PAPI 2021 score; layer 2: the 60 with one
    assert counts[:2] == [3, 60]
    assert page.get_by_text("60 of 63 provinces have a published score").is_visible()
    assert page.get_by_text("No data").first.is_visible()
    shot(page, "map_papi_2021_en")


def test_url_reproduces_view_and_language(page, server):
    open_page(page, server, "/?index=SIPAS&year=2023&lang=vi")
    assert page.locator("h1").first.inner_text().startswith("SIPAS 2023")
    assert "Không có dữ liệu" in page.content()
    counts = shape_counts(page)
    assert sum(counts[:2]) == 63 and counts[1] < 63
    shot(page, "map_sipas_2023_vi")


def test_changing_index_changes_what_is_drawn(page, server):
    open_page(page, server, "/?index=PCI&year=2019&lang=en")
    assert shape_counts(page)[:2] == [0, 63] or shape_counts(page)[0] == 63
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(0).click()
    page.get_by_role("option", name="PAPI").click()
    page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').innerText.startsWith('PAPI')")
    page.wait_for_timeout(1500)
    assert "index=PAPI" in page.url


def test_bad_url_shows_notice_not_traceback(page, server):
    open_page(page, server, "/?index=DROP%20TABLE&year=1900&p=99&lang=en")
    text = page.locator("[data-testid='stAlert']").first.inner_text()
    assert "index='DROP TABLE'" in text and "year='1900'" in text and "p='99'" in text
    shot(page, "map_bad_url")


def test_csv_download_parses(page, server):
    """The CSV is plain (a header row, then rows: no '#' lines); its metadata is in the data package."""
    import json
    import zipfile

    open_page(page, server, "/?index=PAPI&year=2019&lang=en")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download data (CSV)").click()
    text = dl.value.path().read_text(encoding="utf-8-sig")
    assert not any(ln.startswith("#") for ln in text.splitlines())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 63
    ben_tre = next(r for r in rows if r["province_code"] == "83")
    assert abs(float(ben_tre["value"]) - 46.74) < 0.01 and ben_tre["rank"] == "1"
    with page.expect_download() as dl:
        page.get_by_role("button", name="Data package (ZIP)").click()
    with zipfile.ZipFile(dl.value.path()) as z:
        pkg = json.loads(z.read("datapackage.json"))
        inner = list(csv.DictReader(io.StringIO(z.read(pkg["resources"][0]["path"]).decode("utf-8"))))
    assert pkg["index"] == "PAPI" and pkg["year"] == "2019"
    assert inner == rows


def test_data_page(page, server):
    open_page(page, server, "/data?lang=en", wait_for="h1")
    assert page.get_by_text("CC BY-SA 4.0").first.is_visible()
    shot(page, "data_en")
