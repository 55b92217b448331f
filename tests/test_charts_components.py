"""Charts of the Components page (vngov.charts.components), without Streamlit; selections in tests/views."""

import json
import math

import pandas as pd

from vngov.charts.components import change_chart, comparison_chart, heatmap
from vngov.views.components import change_frame, comparison_frame, component_table, heat_frame, with_labels

TIPS = dict(component="c", series="s", value="v", pct="p", who="w", n="n", name="name", rank="r", prev="pv",
            change="ch")
SERIES = dict(province="Me", mean="Mean of N", region="Region mean", best="Highest")


def data_of(spec: dict, i: int) -> list[dict]:
    """The data rows of layer i (inline, or hoisted to the top level / named datasets by Altair)."""
    d = spec["layer"][i].get("data") or spec["data"]
    return spec["datasets"][d["name"]] if "name" in d else d["values"]


def test_province_without_scores_is_no_data_not_zero(ds):
    table = with_labels(component_table(ds, "PAPI", 2021), "en", "Total")
    cmp = with_labels(comparison_frame(table, "22"), "en", "Total")  # Quảng Ninh: no PAPI 2021 figures
    me = cmp[cmp["series"] == "province"]
    assert len(me) == 8 and me["value"].isna().all()
    assert (cmp.loc[cmp["series"] == "mean", "n"] == 60).all()
    spec = comparison_chart(cmp, mode="raw", lang="en", series_labels=SERIES, value_title="Score",
                            no_data="No data", tooltip_titles=TIPS).to_dict()
    # "No data" is written under each of the 8 component names (axis labels), never over the markers
    assert not [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    expr = spec["layer"][1]["encoding"]["y"]["axis"]["labelExpr"]
    assert '"(No data)"' in expr and all(json.dumps(x)[1:-1] in expr for x in me["label"])
    assert expr.count('", "') + 1 == 8  # the 8 labels listed
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


