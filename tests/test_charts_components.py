"""Selections and charts of the Components page, without Streamlit."""

import math

import pandas as pd
import pytest

from vngov.charts.components import change_chart, comparison_chart, heatmap
from vngov.views_components import (break_before, change_frame, comparison_frame, component_table, components_of,
                                    default_province, heat_frame, official_mean, position_among, scale_mode,
                                    with_labels)

TIPS = dict(component="c", series="s", value="v", pct="p", who="w", n="n", name="name", rank="r", prev="pv",
            change="ch")
SERIES = dict(province="Me", mean="Mean of N", region="Region mean", best="Highest")


def data_of(spec: dict, i: int) -> list[dict]:
    """The data rows of layer i (inline, or hoisted to the top level / named datasets by Altair)."""
    d = spec["layer"][i].get("data") or spec["data"]
    return spec["datasets"][d["name"]] if "name" in d else d["values"]


@pytest.mark.parametrize("index,year", [("PAPI", 2020), ("PAPI", 2011), ("PCI", 2019), ("PAR_INDEX", 2020)])
def test_component_table_matches_slices(ds, index, year):
    table = component_table(ds, index, year)
    comps = list(components_of(ds, index, year)["indicator"])
    assert list(table["indicator"].unique()) == ["total"] + comps
    assert len(table) == 63 * (1 + len(comps))
    for ind in ["total"] + comps:
        mine = table[table["indicator"] == ind].set_index("province_code")
        sl = ds.slice(index, year, ind).set_index("province_code")
        pd.testing.assert_series_equal(mine["value"], sl["value"].astype(float).reindex(mine.index),
                                       check_names=False)
        pd.testing.assert_series_equal(mine["change"], sl["change"].astype(float).reindex(mine.index),
                                       check_names=False)
        info = ds.indicator_info(index, ind, year)
        assert (mine["scale_max"] == info["scale_max"]).all()


def test_levels_and_scales(ds):
    assert list(components_of(ds, "PAPI", 2017)["indicator"]) == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert len(components_of(ds, "PAPI", 2018)) == 8
    assert "total_unweighted" not in set(components_of(ds, "PCI", 2008)["indicator"])
    assert components_of(ds, "SIPAS", 2023).empty
    assert scale_mode(components_of(ds, "PAPI", 2020)) == "raw"
    assert scale_mode(components_of(ds, "PCI", 2019)) == "raw"
    # the survey block's parts (SIPAS points, leaders' survey, socio-economic impact) hang under B_SURVEY,
    # not beside it: level 1 of PAR INDEX 2020 is the appraised block only (issue 14)
    assert list(components_of(ds, "PAR_INDEX", 2020)["indicator"]) == ["B_APPRAISAL"]
    assert scale_mode(components_of(ds, "PAR_INDEX", 2022)) == "pct"  # blocks of 62 and 38.5, areas


def test_pct_is_position_on_the_scale(ds):
    t = component_table(ds, "PAR_INDEX", 2020)
    r = t[(t["indicator"] == "B_APPRAISAL") & (t["province_code"] == "01")].iloc[0]
    assert math.isclose(r["pct"], 55.79 / 62 * 100)
    assert t.loc[t["value"].isna(), "pct"].isna().all()


def test_default_province(ds):
    sl = ds.slice("PAPI", 2019)
    assert default_province(ds, "PAPI", 2019) == sl.loc[sl["rank"] == 1, "province_code"].iloc[0]
    sl = ds.slice("PAPI", 2024)  # no ranks that year: the highest published total
    assert default_province(ds, "PAPI", 2024) == sl.loc[sl["value"].idxmax(), "province_code"]
    assert default_province(ds, "SIPAS", 2017) in set(ds.provinces["province_code"])


def test_comparison_frame_references(ds):
    table = component_table(ds, "PAPI", 2020)
    cmp = comparison_frame(table, "01")
    d1 = table[(table["indicator"] == "D1") & table["value"].notna()]
    rows = cmp[cmp["indicator"] == "D1"].set_index("series")
    assert set(rows.index) == {"province", "mean", "region", "best"}
    assert math.isclose(rows.at["mean", "value"], d1["value"].mean())
    assert rows.at["mean", "n"] == len(d1) == 63
    assert math.isclose(rows.at["best", "value"], d1["value"].max())
    reg = d1[d1["region"] == "RRD"]
    assert math.isclose(rows.at["region", "value"], reg["value"].mean()) and rows.at["region", "n"] == len(reg)
    assert math.isclose(rows.at["province", "value"], d1.loc[d1["province_code"] == "01", "value"].iloc[0])


def test_province_without_scores_is_no_data_not_zero(ds):
    table = with_labels(component_table(ds, "PAPI", 2021), "en", "Total")
    cmp = with_labels(comparison_frame(table, "22"), "en", "Total")  # Quảng Ninh: no PAPI 2021 figures
    me = cmp[cmp["series"] == "province"]
    assert len(me) == 8 and me["value"].isna().all()
    assert (cmp.loc[cmp["series"] == "mean", "n"] == 60).all()
    spec = comparison_chart(cmp, mode="raw", lang="en", series_labels=SERIES, value_title="Score",
                            no_data="No data", tooltip_titles=TIPS).to_dict()
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert texts and {v["txt"] for v in data_of(spec, spec["layer"].index(texts[0]))} == {"No data"}
    assert len(data_of(spec, spec["layer"].index(texts[0]))) == 8
    dots = data_of(spec, 1)
    assert all(v["x"] is None for v in dots if v["series"] == "province")
    assert 0 not in [v["x"] for v in dots if v["series"] == "province"]


def test_comparison_chart_spec(ds):
    table = with_labels(component_table(ds, "PCI", 2019), "vi", "Tổng")
    cmp = with_labels(comparison_frame(table, "31"), "vi", "Tổng")
    spec = comparison_chart(cmp, mode="raw", lang="vi", series_labels=SERIES, value_title="Điểm",
                            no_data="Không có dữ liệu", tooltip_titles=TIPS).to_dict()
    assert spec["width"] == "container"
    dots = pd.DataFrame(data_of(spec, 1))
    assert len(dots) == 10 * 4 and dots["label"].nunique() == 10
    assert spec["layer"][1]["encoding"]["y"]["sort"] == list(dict.fromkeys(dots["label"]))
    assert "," in dots.loc[dots["series"] == "province", "value_txt"].iloc[0]  # decimal comma in Vietnamese


def test_comparison_chart_pct_mode(ds):
    table = with_labels(component_table(ds, "PAR_INDEX", 2020), "en", "Total")
    cmp = with_labels(comparison_frame(table, "22"), "en", "Total")
    spec = comparison_chart(cmp, mode="pct", lang="en", series_labels=SERIES, value_title="% of scale",
                            no_data="No data", tooltip_titles=TIPS).to_dict()
    dots = pd.DataFrame(data_of(spec, 1))
    assert dots["x"].dropna().between(0, 100).all()
    me = dots[(dots["series"] == "province") & (dots["label"].str.startswith("Appraised"))].iloc[0]
    assert math.isclose(me["x"], 57.66 / 62 * 100) and me["value_txt"] == "57.66"
    assert me["n"] == 1
    assert dots.loc[dots["series"] == "mean", "n"].eq(10).all()  # 10 provinces published these blocks


def test_heat_frame_normalised_per_component(ds):
    table = component_table(ds, "PAPI", 2022)
    hf, order = heat_frame(table)
    assert len(order) == 63 and len(set(order)) == 63
    tot = table[table["indicator"] == "total"].set_index("province_code")["value"]
    assert order[0] == tot.idxmax()
    assert all(pd.isna(tot[c]) for c in order[-2:])  # Bắc Giang, Bắc Ninh have no 2022 total: last
    for ind, g in hf.groupby("indicator"):
        v = g["norm"].dropna()
        assert math.isclose(v.min(), 0) and math.isclose(v.max(), 1)
    assert hf.loc[hf["value"].isna(), "norm"].isna().all()
    hf2, order2 = heat_frame(table, "D3")
    d3 = table[table["indicator"] == "D3"].set_index("province_code")["value"]
    assert order2[0] == d3.idxmax()


def test_heatmap_spec(ds):
    table = with_labels(component_table(ds, "PAPI", 2021), "en", "Total")
    hf, order = heat_frame(table)
    spec = heatmap(hf, order, lang="en", highlight="01", no_data="No data", color_title="rel",
                   tooltip_titles=TIPS).to_dict()
    values = data_of(spec, 0)
    assert len(values) == 63 * 9
    assert len({v["province_code"] for v in values}) == 63
    assert spec["height"] >= 12 * 63
    y = spec["layer"][1]["encoding"]["y"]
    assert len(y["sort"]) == 63 and y["sort"][0] == table.loc[table["indicator"] == "total"].sort_values(
        "value", ascending=False)["name_en"].iloc[0]
    nodata = [v for v in values if v["norm"] is None]
    assert len(nodata) == 3 * 9 and all(v["value_txt"] == "No data" for v in nodata)
    assert "Ha Noi" in str(y["axis"]["labelFontWeight"])  # the selected province is bold


def test_change_frame_and_break(ds):
    table = component_table(ds, "PAPI", 2020)
    cf = change_frame(table, "01")
    d1 = cf.set_index("indicator").loc["D1"]
    v20 = ds.slice("PAPI", 2020, "D1").set_index("province_code").at["01", "value"]
    v19 = ds.slice("PAPI", 2019, "D1").set_index("province_code").at["01", "value"]
    assert math.isclose(d1["change"], v20 - v19)
    assert break_before("PAPI", 2018) and not break_before("PAPI", 2019)
    assert change_frame(component_table(ds, "PAPI", 2018), "01")["change"].isna().all()
    assert break_before("PAR_INDEX", 2022) and not break_before("PCI", 2015)


def test_change_chart_spec(ds):
    table = with_labels(component_table(ds, "PAPI", 2020), "en", "Total")
    cf = with_labels(change_frame(table, "01"), "en", "Total")
    spec = change_chart(cf, mode="raw", lang="en", value_title="Change", no_data="No data",
                        tooltip_titles=TIPS).to_dict()
    bars = pd.DataFrame(data_of(spec, 1))
    assert len(bars) == 8
    for _, r in bars.iterrows():
        assert (r["dir"] == "up") == (r["x"] >= 0)
    assert spec["layer"][1]["encoding"]["color"]["scale"]["range"] == ["#2166ac", "#e66101"]
    dom = spec["layer"][1]["encoding"]["x"]["scale"]["domain"]
    assert dom[0] == -dom[1] and dom[1] >= bars["x"].abs().max()  # symmetric: zero in the middle


def test_official_mean(ds):
    assert official_mean(ds, "PAR_INDEX", 2023) == 86.98
    assert official_mean(ds, "PAR_INDEX", 2013) == 77.56  # "about 78" is not a number and is skipped
    assert official_mean(ds, "PAPI", 2020) is None


def test_position_among_is_not_a_rank(ds):
    table = component_table(ds, "PCI", 2021, with_total=False)  # only part of the provinces published
    pos = position_among(table, "01").set_index("indicator")
    n = table[table["value"].notna()].groupby("indicator").size()
    assert (n < 63).all()
    assert (pos["n_with"] == n.reindex(pos.index)).all()
    assert (pos["position"] >= 1).all() and (pos["position"] <= pos["n_with"]).all()
    higher = table[(table["indicator"] == "entry_costs")
                   & (table["value"] > table.loc[(table["indicator"] == "entry_costs")
                                                 & (table["province_code"] == "01"), "value"].iloc[0])]
    assert pos.at["entry_costs", "position"] == len(higher) + 1
    assert set(pos.index) == set(components_of(ds, "PCI", 2021)["indicator"])
