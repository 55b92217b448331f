"""Uploaded figures are marked wherever they appear (issue 11): headline counts say "N published + K uploaded"
(an uploaded figure is never counted as published), and the Components page marks them in its table rows,
its tooltips and with a black diamond in its charts — not only in the page's banner. Through AppTest."""

import pandas as pd
import pyarrow as pa
import pytest

from apptest_util import charts, no_exception, run_app
from conftest import ROOT
from test_app_upload import SRC, upload

# PAR INDEX 2019: Hà Giang (02) has no bundled figure; one total and one component uploaded for it
FILE = ("index,year,province_code,indicator,value,rank\n"
        "PAR_INDEX,2019,02,total,80.16,40\n"
        "PAR_INDEX,2019,02,B_APPRAISAL,50.5,\n").encode()


@pytest.fixture(scope="module")
def at():
    at = run_app({"lang": "en"}, page="pages/upload.py")
    upload(at, FILE, source=SRC)
    at.button(key="up_add").click().run()
    no_exception(at)
    assert at.success[0].value == "2 uploaded figures active in this browser session."
    return at


def go(at, page, lang="en", **params):
    at.query_params.clear()
    at.query_params.update({"lang": lang, **params})
    at.switch_page(str(ROOT / page))
    at.run()
    no_exception(at)
    return at


def layers_with_diamond(c) -> list[dict]:
    return [lyr for lyr in c["spec"].get("layer", [])
            if isinstance(lyr.get("mark"), dict) and lyr["mark"].get("shape") == "diamond"]


def texts(at) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


@pytest.mark.parametrize("lang,expect", [
    ("en", "{n} published + 1 uploaded of 63 provinces have a score for this selection."),
    ("vi", "{n} công bố + 1 tải lên trên 63 tỉnh, thành phố có điểm cho lựa chọn này.")])
def test_map_headline_counts_uploaded_apart(at, ds, lang, expect):
    n = ds.coverage("PAR_INDEX", 2019)["with_value"]
    go(at, "pages/map.py", lang, index="PAR_INDEX", year="2019")
    assert f"**{expect.format(n=n)}**" in at.markdown[0].value
    assert not any(f"{n + 1} of 63" in x or f"{n + 1} trên 63" in x for x in texts(at))  # never "published"


def test_map_region_headline_counts_uploaded_apart(at, ds):
    sl = ds.slice("PAR_INDEX", 2019)
    region = sl.loc[sl["province_code"] == "02", "region"].iloc[0]
    part = sl[sl["region"] == region]
    go(at, "pages/map.py", index="PAR_INDEX", year="2019", region=region)
    head = at.markdown[0].value
    assert f"{int(part['value'].notna().sum())} published + 1 uploaded of {len(part)} provinces of the" in head


def test_components_marks_uploaded_in_counts_table_and_charts(at, ds):
    n = ds.coverage("PAR_INDEX", 2019)["with_value"]
    go(at, "pages/components.py", index="PAR_INDEX", year="2019", p="02")
    assert f"{n} published + 1 uploaded of 63 provinces have a score" in " ".join(texts(at))
    table = next(d.value for d in at.dataframe if "Component" in list(d.value.columns) or
                 "Appraised self-assessment score" in d.value.astype(str).to_string())
    row = table[table.iloc[:, 0] == "Appraised self-assessment score"].iloc[0]
    assert row.iloc[1] == "50.50 (uploaded)"  # the row says so in its own cell
    others = table[table.iloc[:, 0] != "Appraised self-assessment score"].iloc[:, 1]
    assert not others.str.contains("uploaded").any()
    specs = charts(at)
    marked = [c for c in specs if layers_with_diamond(c)]
    assert len(marked) >= 2  # the dot chart and the heat map carry the diamond
    for c, n_up in zip(marked, (1, 2)):  # dot chart: the component; heat map: the total and the component
        rows = pa.ipc.open_stream(c["proto"].data.data).read_pandas()  # the chart's (top-level) data
        up = rows[rows["up"].fillna(False).astype(bool)].drop_duplicates(["label", "value_txt"])
        assert len(up) == n_up and up["value_txt"].str.endswith("(uploaded)").all()
        assert "Appraised self-assessment score" in set(up["label"])
        assert not rows.loc[~rows["up"].fillna(False).astype(bool), "value_txt"].str.contains("uploaded").any()
    assert any("black diamond" in x for x in texts(at))


def test_components_without_uploads_has_no_mark(ds):
    at = run_app({"lang": "en", "index": "PAR_INDEX", "year": "2019", "p": "02"}, page="pages/components.py")
    no_exception(at)
    assert not any("uploaded" in x for x in texts(at))
    assert not [c for c in charts(at) if layers_with_diamond(c)]


def test_compare_trend_marks_uploaded_point(at):
    go(at, "pages/compare.py", p="02,22")
    marked = [c for c in charts(at) if layers_with_diamond(c)]
    assert len(marked) == 1  # only the PAR INDEX trend holds the uploaded figure
    ring = layers_with_diamond(marked[0])[0]
    rows = marked[0]["data"][ring["data"]["name"]]  # the ring's own rows (a named dataset, sent as Arrow)
    assert list(rows["province_code"]) == ["02"] and list(rows["year"]) == [2019]
    assert list(rows["value_txt"]) == ["80.16 (uploaded)"]
    assert any("black diamond" in x for x in texts(at))


def test_compare_components_bar_label_marks_uploaded(at):
    go(at, "pages/compare.py", p="02,22", index="PAR_INDEX", year="2019")
    bars = [c for c in charts(at) if "yOffset" in str(c["spec"])]
    assert len(bars) == 1
    rows = pa.ipc.open_stream(bars[0]["proto"].data.data).read_pandas() if not bars[0]["data"] else \
        pd.concat(bars[0]["data"].values())
    mine = rows[(rows["province_code"] == "02") & (rows["indicator"] == "B_APPRAISAL")]
    assert list(mine["value_txt"]) == ["50.50 (uploaded)"]  # the label drawn at the bar's end says so
    assert not rows.loc[rows["province_code"] == "22", "value_txt"].str.contains("uploaded").any()
