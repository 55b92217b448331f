"""The compare page through AppTest: every index, the province picker, both languages."""

import pandas as pd
import pytest

from apptest_util import charts, no_exception, run_app
from vngov.catalog import INDICES
from vngov.views import compare as vc

PAGE = "pages/compare.py"
CASES = [("PAR_INDEX", "2024"), ("PAR_INDEX", "2013"), ("SIPAS", "2024"), ("SIPAS", "2018"),
         ("PAPI", "2024"), ("PAPI", "2011"), ("PCI", "2022"), ("PCI", "2005")]


def frames_with(chart: dict, column: str) -> pd.DataFrame:
    dfs = [d for d in chart["data"].values() if column in d.columns]
    return pd.concat(dfs, ignore_index=True) if dfs else pd.DataFrame()


def trend_charts(at):
    return [c for c in charts(at) if not frames_with(c, "seg").empty]


def component_charts(at):
    return [c for c in charts(at) if not frames_with(c, "component").empty]


@pytest.mark.parametrize("index,year", CASES)
def test_compare_every_index(ds, index, year):
    codes = ["01", "79", "48"]
    at = run_app({"index": index, "year": year, "p": ",".join(codes)}, page=PAGE)
    no_exception(at)
    assert at.title[0].value == "So sánh các tỉnh, thành phố"
    assert at.multiselect(key="cmp_provinces").value == codes
    # (a) the table: one row per index, one column per province
    table = at.dataframe[0].value
    assert len(table) == 4 and list(table.columns)[1:] == ["Hà Nội", "TP Hồ Chí Minh", "Đà Nẵng"]
    assert not table.isin(["0", "0,00"]).any().any()
    # (b) one trend chart per index with data, only the chosen provinces, one row per published score
    expected = {i: vc.trend_frame(ds, i, codes, "vi", "x") for i in INDICES}
    trends = trend_charts(at)
    assert len(trends) == sum(not df.empty for df in expected.values())
    for ch in trends:
        df = frames_with(ch, "seg")
        i = df["index"].iloc[0]
        assert set(df["province_code"]) <= set(codes) and len(df) == len(expected[i])
    # (c) components of the sidebar's index/year: every component × province, missing ones as "no data"
    comp = vc.components_frame(ds, index, int(year), codes, "vi", "Không có dữ liệu")
    comps = component_charts(at)
    if comp["value"].notna().any():
        [ch] = comps
        df = frames_with(ch, "component")
        assert len(df) == len(comp) and df["province_code"].nunique() == 3
        assert (df.loc[df["value"].isna(), "value_txt"] == "Không có dữ liệu").all()
    else:
        assert not comps and any("không có số liệu chỉ số thành phần" in i.value for i in at.info)
    assert any("Nguồn" in c.value for c in at.caption)


def test_picker_changes_provinces_and_url():
    at = run_app({"index": "PAPI", "year": "2020"}, page=PAGE)
    assert at.multiselect(key="cmp_provinces").value == ["01", "79", "48"]  # documented default
    at.multiselect(key="cmp_provinces").set_value(["22", "24", "27", "01"]).run()
    no_exception(at)
    assert at.query_params["p"] == "22,24,27,01"
    df = frames_with([c for c in trend_charts(at) if "PAPI" in set(frames_with(c, "seg")["index"])][0], "seg")
    assert set(df["province_code"]) == {"22", "24", "27", "01"}
    assert list(at.dataframe[0].value.columns)[1:] == ["Quảng Ninh", "Bắc Giang", "Bắc Ninh", "Hà Nội"]


def test_more_than_five_refused():
    at = run_app({"index": "PCI", "year": "2019"}, page=PAGE)
    at.multiselect(key="cmp_provinces").set_value(["01", "79", "48", "22", "24", "27"]).run()
    no_exception(at)
    assert any("tối đa 5" in w.value for w in at.warning)
    assert at.multiselect(key="cmp_provinces").value == ["01", "79", "48", "22", "24"]
    assert at.query_params["p"] == "01,79,48,22,24"


def test_fewer_than_two_prompts():
    at = run_app({"index": "PCI", "year": "2019", "p": "01,79"}, page=PAGE)
    at.multiselect(key="cmp_provinces").set_value(["01"]).run()
    no_exception(at)
    assert any("ít nhất 2" in i.value for i in at.info)
    assert not charts(at) and not at.dataframe


def test_one_province_in_url_is_topped_up():
    at = run_app({"index": "PAPI", "p": "22"}, page=PAGE)
    no_exception(at)
    assert at.multiselect(key="cmp_provinces").value == ["22", "01", "79"]


def test_english_and_sidebar_indicator():
    at = run_app({"index": "PAPI", "year": "2022", "ind": "D2", "lang": "en", "p": "01,24"}, page=PAGE)
    no_exception(at)
    assert at.title[0].value == "Compare provinces"
    assert list(at.dataframe[0].value.columns)[1:] == ["Ha Noi", "Bac Giang"]
    [ch] = component_charts(at)
    df = frames_with(ch, "component")
    assert set(df["indicator"]) == {"D2.1", "D2.2", "D2.3", "D2.4"}
    # Bắc Giang has no PAPI 2022 D2 figure: "No data", never 0
    bg = df[df["province_code"] == "24"]
    assert bg["value"].isna().all() and (bg["value_txt"] == "No data").all()
    assert any("Method change in 2018" in i.value for i in at.info)
