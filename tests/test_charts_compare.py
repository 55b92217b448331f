"""The compare page's charts (Altair specs), without Streamlit."""

import pandas as pd

from vngov.catalog import METHOD_BREAKS
from vngov.charts import compare as cc
from vngov.views import compare as vc
from vngov.views.common import breaks_within

TIPS = dict(name="Province", year="Year", value="Score", rank="Rank", component="Component")


def layer_data(spec: dict) -> list[list[dict]]:
    """Inline data values of every layer of a layered spec (data may sit in top-level datasets)."""
    ds = spec.get("datasets", {})
    out = []
    for layer in spec["layer"]:
        d = layer.get("data", spec.get("data", {}))
        out.append(ds[d["name"]] if "name" in d else d.get("values", []))
    return out


def test_trend_chart_spec(ds):
    codes = ["01", "79", "48"]
    df = vc.trend_frame(ds, "PAR_INDEX", codes, "vi", "x")
    years = sorted(df["year"].unique())
    breaks = breaks_within("PAR_INDEX", years)
    assert breaks == [b for b in sorted(METHOD_BREAKS["PAR_INDEX"]) if years[0] < b <= years[-1]]
    names = [ds.province_name(c) for c in codes]
    ch = cc.trend_chart(df, title="PAR INDEX", y_title="%", tooltip_titles=TIPS, color_domain=names,
                        color_range=cc.OKABE_ITO[:3], breaks=breaks, break_tip="from {year}")
    spec = ch.to_dict()
    assert spec["width"] == "container"
    marks = [(l["mark"]["type"] if isinstance(l["mark"], dict) else l["mark"]) for l in spec["layer"]]
    data = layer_data(spec)
    line_i = marks.index("line")
    line = spec["layer"][line_i]
    assert line["encoding"]["detail"]["field"] == "seg"
    assert len(data[line_i]) == len(df) == df["value"].notna().sum()
    assert {r["province_code"] for r in data[line_i]} <= set(codes)
    rule_i = marks.index("rule")
    assert sorted(r["year"] for r in data[rule_i]) == [b - 0.5 for b in breaks]
    assert line["encoding"]["color"]["scale"]["domain"] == names
    # the x scale is shared by every layer and spans the years shown
    assert line["encoding"]["x"]["scale"]["domain"] == [years[0] - 0.5, years[-1] + 0.5]
    assert spec["layer"][rule_i]["encoding"]["x"]["scale"]["domain"] == [years[0] - 0.5, years[-1] + 0.5]


def test_trend_chart_target_line(ds):
    df = vc.trend_frame(ds, "PAPI", ["01"], "vi", "x")
    spec = cc.trend_chart(df, title="t", y_title="điểm", tooltip_titles=TIPS, target=45.0,
                          target_label="Mục tiêu ≥ 45").to_dict()
    data = layer_data(spec)
    rules = [d for layer, d in zip(spec["layer"], data) if layer["mark"].get("type", layer["mark"]) == "rule"
             and "y" in layer["encoding"]]
    assert rules and rules[0][0]["value"] == 45.0


def test_for_export_fixes_width(ds):
    charts = [cc.trend_chart(vc.trend_frame(ds, i, ["01", "48"], "en", "No data"), title=i, y_title="",
                             tooltip_titles=TIPS) for i in ("PAPI", "PCI")]
    spec = cc.for_export(charts).to_dict()
    assert len(spec["concat"]) == 2 and all(c["width"] == 380 for c in spec["concat"])


def test_components_frame_and_chart_show_no_data(ds):
    # PAPI 2022: Bắc Giang (24) lacks dimensions D1, D2, D4, D5 (official gap)
    codes = ["01", "24"]
    comp = vc.components_frame(ds, "PAPI", 2022, codes, "en", "No data")
    dims = ds.indicators_for("PAPI", 2022)
    dims = list(dims.loc[dims["parent"] == "total", "indicator"])
    assert len(comp) == len(dims) * len(codes)
    bg = comp[comp["province_code"] == "24"].set_index("indicator")
    for d in ("D1", "D2", "D4", "D5"):
        assert pd.isna(bg.at[d, "value"]) and bg.at[d, "value_txt"] == "No data"
    hn = comp[comp["province_code"] == "01"]
    assert hn["value"].notna().all()
    names = [ds.province_name(c, "en") for c in codes]
    spec = cc.components_chart(comp, x_title="points", no_data_label="No data", tooltip_titles=TIPS,
                               color_domain=names, color_range=cc.OKABE_ITO[:2]).to_dict()
    texts = [l for l in spec["layer"] if l["mark"]["type"] == "text" and l["encoding"].get("text", {}).get("value")]
    assert texts and texts[0]["encoding"]["text"]["value"] == "No data"
    assert texts[0]["transform"][0]["filter"] == "!isValid(datum.value)"
    bars = [l for l in spec["layer"] if l["mark"]["type"] == "bar"][0]
    assert bars["transform"][0]["filter"] == "isValid(datum.value)"  # no bar of 0 for a missing figure
    assert bars["encoding"]["yOffset"]["field"] == "name"
