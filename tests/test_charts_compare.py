"""Compare page helpers and charts, without Streamlit."""

import pandas as pd
import pytest

from vngov.catalog import INDICES, METHOD_BREAKS
from vngov.charts import compare as cc
from vngov.data import era_of

TIPS = dict(name="Province", year="Year", value="Score", rank="Rank", component="Component")
TEXTS = dict(no_data="No data", rank="rank {rank}", rank_only="rank {rank} (no score)", index="Index")


def layer_data(spec: dict) -> list[list[dict]]:
    """Inline data values of every layer of a layered spec (data may sit in top-level datasets)."""
    ds = spec.get("datasets", {})
    out = []
    for layer in spec["layer"]:
        d = layer.get("data", spec.get("data", {}))
        out.append(ds[d["name"]] if "name" in d else d.get("values", []))
    return out


@pytest.mark.parametrize("p,expected", [
    ((), ["01", "79", "48"]),
    (("22",), ["22", "01", "79"]),
    (("79",), ["79", "01", "48"]),
    (("22", "24"), ["22", "24"]),
    (("01", "01", "79"), ["01", "79"]),
    (("01", "02", "04", "06", "08", "10", "11"), ["01", "02", "04", "06", "08"]),
])
def test_initial_provinces(p, expected):
    assert cc.initial_provinces(p) == expected


def test_totals_view_is_cached_and_only_totals(ds):
    a, b = cc.totals_view(ds), cc.totals_view(ds)
    assert a is b and set(a.scores["indicator"]) == {"total"}
    assert len(a.scores) == (ds.scores["indicator"] == "total").sum()


def test_latest_table_values_and_no_data(ds):
    codes = ["01", "79", "48"]
    long, wide = cc.latest_table(ds, codes, "en", TEXTS)
    assert len(long) == 4 * 3 and len(wide) == 4
    assert list(wide.columns) == ["Index"] + [ds.province_name(c, "en") for c in codes]
    for index in INDICES:
        rows = long[long["index"] == index]
        year = int(rows["year"].iloc[0])
        sl = ds.slice(index, year).set_index("province_code")
        # the year is the latest in which one of the chosen provinces has a figure
        ser = ds.series(index, "total", codes)
        assert year == int(ser.loc[ser["value"].notna() | ser["rank"].notna(), "year"].max())
        for _, r in rows.iterrows():
            pub = sl.at[r["province_code"], "value"]
            if pd.isna(pub):
                assert pd.isna(r["value"]) and not r["text"].startswith("0")
                assert r["text"] == "No data" or "(no score)" in r["text"]
            else:
                assert r["value"] == pytest.approx(pub)
                assert r["text"].startswith(f"{pub:.2f}")
            if not pd.isna(sl.at[r["province_code"], "rank"]):
                assert f"rank {int(sl.at[r['province_code'], 'rank'])}" in r["text"]


def test_segments_never_span_a_break_or_a_gap(ds):
    for index in INDICES:
        df = cc.trend_frame(ds, index, ["01", "79", "48", "22"], "vi", "Không có dữ liệu")
        assert df["value"].notna().all()  # no row without a published score
        for _, g in df.groupby("seg"):
            assert g["province_code"].nunique() == 1
            assert g["year"].map(lambda y: era_of(index, y)).nunique() == 1
            ys = sorted(g["year"])
            assert ys == list(range(ys[0], ys[0] + len(ys)))  # consecutive years only


def test_trend_chart_spec(ds):
    codes = ["01", "79", "48"]
    df = cc.trend_frame(ds, "PAR_INDEX", codes, "vi", "x")
    years = sorted(df["year"].unique())
    breaks = cc.breaks_within("PAR_INDEX", years)
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
    df = cc.trend_frame(ds, "PAPI", ["01"], "vi", "x")
    spec = cc.trend_chart(df, title="t", y_title="điểm", tooltip_titles=TIPS, target=45.0,
                          target_label="Mục tiêu ≥ 45").to_dict()
    data = layer_data(spec)
    rules = [d for layer, d in zip(spec["layer"], data) if layer["mark"].get("type", layer["mark"]) == "rule"
             and "y" in layer["encoding"]]
    assert rules and rules[0][0]["value"] == 45.0


def test_for_export_fixes_width(ds):
    charts = [cc.trend_chart(cc.trend_frame(ds, i, ["01", "48"], "en", "No data"), title=i, y_title="",
                             tooltip_titles=TIPS) for i in ("PAPI", "PCI")]
    spec = cc.for_export(charts).to_dict()
    assert len(spec["concat"]) == 2 and all(c["width"] == 380 for c in spec["concat"])


def test_components_frame_and_chart_show_no_data(ds):
    # PAPI 2022: Bắc Giang (24) lacks dimensions D1, D2, D4, D5 (official gap)
    codes = ["01", "24"]
    comp = cc.components_frame(ds, "PAPI", 2022, codes, "en", "No data")
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


def test_component_parent_follows_sidebar_indicator(ds):
    assert cc.component_parent(ds, "PAPI", 2022, "D2") == "D2"
    assert cc.component_parent(ds, "PAPI", 2022, "D2.1") == "total"  # a leaf: show the dimensions
    assert cc.component_parent(ds, "PCI", 2019, "total") == "total"
    sub = cc.components_frame(ds, "PAPI", 2022, ["01", "79"], "vi", "x", parent="D2")
    assert set(sub["indicator"]) == {"D2.1", "D2.2", "D2.3", "D2.4"}


def test_ranked_units():
    assert cc.ranked_units("PAPI", 2024) == 63
    assert cc.ranked_units("PCI", 2005) == 42
    assert cc.ranked_units("PCI", 2007) == 64
