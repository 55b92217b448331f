"""The Rankings & movement page in headless Chromium: what a person sees, at desktop and phone width."""

import csv
import json
import zipfile
import io

import pytest

from test_browser import open_page, shot

pytestmark = pytest.mark.browser

LINES = ".vega-embed svg .mark-line path"
DOTS = ".vega-embed svg .mark-symbol path"


def chart_count(page) -> int:
    return page.locator("[data-testid='stVegaLiteChart']").count()


def marks_in_chart(page, i: int, sel: str) -> int:
    return page.locator("[data-testid='stVegaLiteChart']").nth(i).locator(sel).count()


def test_rankings_desktop_papi_2020(page, server, ds):
    open_page(page, server, "/rankings?index=PAPI&year=2020&p=22&lang=en", wait_for=LINES)
    page.set_viewport_size({"width": 1400, "height": 3400})  # the whole page in one screenshot
    page.wait_for_timeout(1500)
    assert page.locator("h1").first.inner_text().startswith("PAPI 2020 rankings")
    assert page.get_by_text("63 of 63 provinces have a published score for 2020.").is_visible()
    cells = page.locator("[data-testid='stDataFrame'] td")
    assert cells.first.inner_text() == "Quang Ninh"  # rank 1 in 2020
    assert chart_count(page) == 3  # bump, slope, movers
    # bump: top 5 + bottom 5 of 2020 (Quảng Ninh is one of the top 5), every ranked year a dot
    bump_dots = marks_in_chart(page, 0, ".mark-symbol.role-mark path")
    ranked = ds.series("PAPI", "total", None).dropna(subset=["rank"])
    top = ds.slice("PAPI", 2020).dropna(subset=["rank"])
    codes = set(top.nsmallest(5, "rank")["province_code"]) | set(top.nlargest(5, "rank")["province_code"])
    assert bump_dots == len(ranked[ranked["province_code"].isin(codes)])
    assert marks_in_chart(page, 0, ".mark-rule.role-mark line") == 1  # the 2018 break
    assert page.get_by_text("Method change 2018").first.is_visible()
    # slope: the previous comparable year 2019 -> 2020, 63 provinces with a score in both, a dot per province/year
    assert marks_in_chart(page, 1, ".mark-symbol.role-mark path") == 2 * 63
    assert page.get_by_text("63 provinces have a score in both 2019 and 2020.").is_visible()
    # movers: 10 up and 10 down
    assert marks_in_chart(page, 2, ".mark-rect.role-mark path") == 20
    shot(page, "rankings_papi_2020_en")


def test_bump_csv_download(page, server, ds):
    open_page(page, server, "/rankings?index=PCI&year=2019&lang=en&p=01", wait_for=LINES)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download data (CSV)").nth(1).click()
    text = dl.value.path().read_text(encoding="utf-8-sig")
    years = ds.years("PCI")
    assert not any(ln.startswith("#") for ln in text.splitlines())  # a plain CSV; what it is: in the package
    rows = list(csv.DictReader(io.StringIO(text)))
    with page.expect_download() as dl:
        page.get_by_role("button", name="Data package (ZIP)").nth(1).click()
    with zipfile.ZipFile(dl.value.path()) as z:
        pkg = json.loads(z.read("datapackage.json"))
    assert pkg["index"] == "PCI" and pkg["year"] == f"{min(years)}–{max(years)}"
    hanoi = [r for r in rows if r["province_code"] == "01"]
    ranked = ds.series("PCI", "total", ["01"]).dropna(subset=["rank"])
    assert len(hanoi) == len(ranked) and all(r["group"] == "Your provinces" for r in hanoi)
    assert {r["year"] for r in hanoi} == {str(y) for y in ranked["year"]} >= {str(y) for y in range(2005, 2020)}
    assert {r["rank"] for r in hanoi if r["year"] == "2019"} == {str(int(ranked.set_index("year").at[2019, "rank"]))}


def test_rankings_sparse_index_vi(page, server, ds):
    open_page(page, server, "/rankings?index=PAR_INDEX&year=2023&lang=vi", wait_for=LINES)
    page.set_viewport_size({"width": 1400, "height": 3400})
    page.wait_for_timeout(1500)
    assert page.locator("h1").first.inner_text().startswith("Xếp hạng PAR INDEX 2023")
    n = ds.coverage("PAR_INDEX", 2023)["with_value"]
    assert n < 63 and page.get_by_text(f"{n} trên 63 tỉnh, thành phố có điểm công bố năm 2023.").is_visible()
    cells = [c.inner_text() for c in page.locator("[data-testid='stDataFrame'] td").all()]
    # the grid is drawn on a canvas; its accessible table carries the cells of the rows in view
    assert cells[:6] == ["Quảng Ninh", "92.18", "1", cells[3], "0", "A (≥ 90%)"] and "None" not in cells
    assert marks_in_chart(page, 0, ".mark-rule.role-mark line") == 3  # breaks 2017, 2022, 2024
    shot(page, "rankings_par_2023_vi")


def test_rankings_phone_width(phone_page, server):
    page = phone_page
    open_page(page, server, "/rankings?index=PCI&year=2019&p=01&lang=vi", wait_for=LINES)
    assert page.locator("h1").first.inner_text().startswith("Xếp hạng PCI 2019")
    # the charts fit the screen: no sideways scrolling of the page
    widths = page.evaluate("() => Array.from(document.querySelectorAll('.vega-embed svg'))"
                           ".map(s => s.getBoundingClientRect().right)")
    assert widths and max(widths) <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 390, "height": 4200})
    page.wait_for_timeout(1500)
    shot(page, "rankings_pci_2019_phone_vi")


BOXES = """(i) => Array.from(document.querySelectorAll("[data-testid='stVegaLiteChart']")[i]
    .querySelectorAll('.mark-text.role-mark text')).filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, t.textContent]; })"""


def overlaps(boxes):
    return [(a[4], c[4]) for i, a in enumerate(boxes) for c in boxes[i + 1:]
            if a[0] < c[2] - 0.5 and c[0] < a[2] - 0.5 and a[1] < c[3] - 0.5 and c[1] < a[3] - 0.5]


@pytest.mark.parametrize("lang,size", [("vi", (1280, 720)), ("en", (1920, 1080))])
def test_pci_2019_bump_labels_apart_and_slope_default(page, server, lang, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server, f"/rankings?index=PCI&year=2019&p=01&lang={lang}", wait_for=LINES)
    page.wait_for_timeout(1500)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    charts.nth(0).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    labels = page.evaluate(BOXES, 0)
    assert len(labels) >= 10 and not overlaps(labels)  # end labels (and break labels) never collide
    # the slope chart compares with the previous comparable year (2018), not 2005
    assert ("2018 → 2019" if lang == "en" else "2018 → 2019") in page.content()
    assert page.get_by_text("63 provinces have a score in both 2018 and 2019." if lang == "en" else
                            "63 tỉnh, thành phố có điểm cả hai năm 2018 và 2019.").is_visible()
    page.screenshot(path=f"artifacts/screenshots/rankings_pci_2019_bump_{lang}_{size[0]}.png")
