"""Charts of the Province profile (vngov.charts.profile), without Streamlit; selections in tests/views."""

from vngov.catalog import INDICES, METHOD_BREAKS
from vngov.charts.profile import configure, trend_grid, trend_panel
from vngov.data import era_of
from vngov.views.profile import history


def data_of(spec: dict, layer: dict) -> list[dict]:
    d = layer.get("data") or spec["data"]
    return spec["datasets"][d["name"]] if "name" in d else d["values"]


COMMON = dict(lang="en", no_data="No data", break_label="Method change {year}",
              tooltip_titles=dict(year="Year", value="Score", rank="Rank", change="Change", **{"break": "b"}))


def panel_args(ds):
    return {i: dict(title=i, years=ds.years(i), breaks=list(METHOD_BREAKS.get(i, {}))) for i in INDICES}


def test_trend_panel_segments_never_span_a_break(ds):
    h = history(ds, "01")
    for index in INDICES:
        hi = h[h["index"] == index]
        spec = configure(trend_panel(hi, title=index, years=ds.years(index),
                                     breaks=list(METHOD_BREAKS.get(index, {})), **COMMON)).to_dict()
        lines = [lay for lay in spec["layer"] if lay["mark"]["type"] == "line"]
        if hi["value"].notna().sum() == 0:
            assert not lines
            continue
        [line] = lines
        assert line["encoding"]["detail"]["field"] == "era"
        values = data_of(spec, line)
        assert len(values) == hi["value"].notna().sum()  # every published value, nothing filled in
        for v in values:
            assert v["era"] == era_of(index, v["year"])
        # within one era (one line segment) no break year lies between two points
        for era in {v["era"] for v in values}:
            ys = sorted(v["year"] for v in values if v["era"] == era)
            assert not any(ys[0] < b <= ys[-1] for b in METHOD_BREAKS.get(index, {}))
        rules = [lay for lay in spec["layer"] if lay["mark"]["type"] == "rule"]
        brk = [b for b in METHOD_BREAKS.get(index, {}) if min(ds.years(index)) < b <= max(ds.years(index))]
        if brk:
            assert [r["x"] for r in data_of(spec, rules[0])] == [b - 0.5 for b in brk]
        else:
            assert not rules


def test_trend_panel_without_data_says_so(ds):
    h = history(ds, "02")  # Hà Giang
    hi = h[h["index"] == "SIPAS"]
    if hi["value"].notna().any():
        hi = hi.assign(value=float("nan"))
    spec = configure(trend_panel(hi, title="SIPAS", years=ds.years("SIPAS"), breaks=[2022], **COMMON)).to_dict()
    texts = [lay for lay in spec["layer"] if lay["mark"]["type"] == "text"
             and data_of(spec, lay)[0].get("txt") == "No data"]
    assert texts


def test_trend_grid_has_one_panel_per_index(ds):
    spec = trend_grid(history(ds, "31"), panel_args(ds), **COMMON).to_dict()
    assert len(spec["concat"]) == 4 and spec["columns"] == 2
    assert [p["title"]["text"] for p in spec["concat"]] == list(INDICES)
    assert all(p["width"] == 340 for p in spec["concat"])


