"""Faster paths give the same results as the slow ones they replace: Altair's channel table built once
(vngov.charts.altair_speed), boundary datasets not walked by Altair (vngov.ui.caches.to_spec) and the
Dataset's memo of its selections (vngov.data)."""

import json

import altair as alt
import pandas as pd
import pytest
from altair.utils import schemapi

from vngov.charts import altair_speed
from vngov.geo import load_topology
from vngov.urlstate import State
from vngov.views import blocks as b


# ---- Altair: one hash table of the schema classes -----------------------------------------------------
def _fresh_table():
    orig = schemapi._FromDict.__init__._vngov_original
    conv = object.__new__(schemapi._FromDict)
    orig(conv, schemapi._subclasses(schemapi.SchemaBase))
    return conv.class_dict


def test_channel_table_is_built_once_and_is_altairs():
    assert altair_speed.memoize_from_dict() and schemapi._FromDict.__init__._vngov_memo
    a = schemapi._FromDict(schemapi._subclasses(schemapi.SchemaBase))
    b_ = schemapi._FromDict(schemapi._subclasses(schemapi.SchemaBase))
    assert a.class_dict is b_.class_dict  # shared, not rebuilt
    fresh = _fresh_table()
    assert {k: v for k, v in a.class_dict.items() if v} == {k: v for k, v in fresh.items() if v}


def test_shorthand_channels_give_the_same_spec():
    """The same chart with the memo and with Altair's own converter: the same dict."""
    df = pd.DataFrame({"year": [2020, 2021], "value": [1.5, 2.5], "name": ["a", "b"]})

    def build():
        return (alt.Chart(df).mark_line(point=True)
                .encode(x="year:O", y=alt.Y("value:Q", title="v"), color="name:N",
                        tooltip=["name:N", alt.Tooltip("value:Q", format=".2f")]))

    fast = build().to_dict()
    memo = schemapi._FromDict.__init__
    try:
        schemapi._FromDict.__init__ = memo._vngov_original
        slow = build().to_dict()
    finally:
        schemapi._FromDict.__init__ = memo
    assert json.dumps(fast, sort_keys=False) == json.dumps(slow, sort_keys=False)


# ---- boundary datasets are put in the spec as they are ------------------------------------------------
def _meeting_map(ds, **state):
    from vngov.views import meeting as vm

    s = State(**state)
    m = vm.model(ds, s, "en", s.p[0])

    def walk(x):
        if isinstance(x, b.Chart) and x.key == "mt_map":
            return x
        for part in (getattr(x, "blocks", None) or ()):
            found = walk(part)
            if found:
                return found
        return None

    return next(c for c in map(walk, m.blocks) if c)


def _altair_spec(chart):
    with alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict(validate=False)


@pytest.mark.parametrize("state", [dict(index="PAPI", year=2023, p=("01",)),
                                   dict(index="PCI", year=2010, p=("79",)),
                                   dict(index="SIPAS", year=2025, p=("01",), u="34")])
def test_boundaries_are_not_walked_and_the_spec_is_altairs(ds, state):
    from vngov import ui
    from vngov.ui.mapspec import _static_url, static_spec, walk

    c = _meeting_map(ds, **state)
    altair_spec = _altair_spec(c.build(*c.args, **c.kwargs))
    want = json.dumps(altair_spec)
    assert json.dumps(ui.to_spec(c.build(*c.args, **c.kwargs))) == want  # same keys, same order
    units = 34 if state.get("u") == "34" else 63
    name = {63: "provinces63", 34: "provinces34"}[units]
    url = _static_url(name)
    assert url, "static serving is on (.streamlit/config.toml) and geo/ is the bundled copy"
    # served: the boundaries by URL, as on the map page; everything else as Altair gives it
    by_url = walk(altair_spec, lambda n: {"url": url, "format": n["format"]}
                  if n.get("name") == name and "format" in n else None)
    by_url["datasets"] = {k: v for k, v in by_url["datasets"].items() if k != name}
    for _ in range(2):  # computed, then from the caches
        served = ui.chart_spec(c.build, *c.args, **c.kwargs)
        assert json.dumps(served) == json.dumps(by_url)
        assert static_spec(served) == {**altair_spec, **({"width": 800} if altair_spec.get("width") == "container"
                                                         else {})}  # the exports: inlined again


def test_boundaries_attached_when_not_served(ds, monkeypatch):
    """Without static serving (or another geo copy), the boundary object itself is attached (not copied)."""
    from vngov import ui
    from vngov.ui import mapspec

    monkeypatch.setattr(mapspec, "_static_url", lambda name: None)
    c = _meeting_map(ds, index="PAPI", year=2021, p=("48",))
    want = json.dumps(_altair_spec(c.build(*c.args, **c.kwargs)))
    for _ in range(2):
        served = ui.chart_spec(c.build, *c.args, **c.kwargs)
        assert json.dumps(served) == want and served["datasets"]["provinces63"] is load_topology(63)


def test_other_datasets_are_still_altairs():
    """A dict dataset that is not TopoJSON/GeoJSON, and records, go through Altair as before."""
    from vngov import ui

    chart = alt.Chart(alt.NamedData(name="x")).mark_point().encode(x="a:Q")
    chart.datasets = {"x": [{"a": 1}, {"a": 2}], "y": {"type": "Other", "v": (1, 2)}}
    assert ui.to_spec(chart) == _altair_spec(chart)


# ---- the Dataset's memo -------------------------------------------------------------------------------
def test_memo_gives_the_computed_selections(ds):
    from vngov.data import load_dataset

    fresh = load_dataset()
    for index, year, ind, region in [("PAPI", 2020, "total", ""), ("PCI", 2006, "total", "RRD"),
                                     ("PAR_INDEX", 2019, "total", None), ("PAPI", 2024, "D1", "")]:
        for _ in range(2):  # computed, then from the memo
            pd.testing.assert_frame_equal(ds.slice(index, year, ind, region),
                                          fresh._slice(index, year, ind, region))
            assert ds.ranked_of(index, year, ind) == fresh._ranked_of(index, year, ind)
            pd.testing.assert_frame_equal(ds.indicators_for(index, year), fresh._indicators_for(index, year))
        for codes in (None, ["01", "79"], ["79", "01"]):
            for _ in range(2):
                pd.testing.assert_frame_equal(ds.series(index, ind, codes), fresh._series(index, ind, codes))
    # a 2025 slice read from the 63-unit Dataset is the 34-unit one's
    pd.testing.assert_frame_equal(ds.slice("PAPI", 2025), ds.for_units("34")._slice("PAPI", 2025, "total", None))


def test_memo_hands_out_copies(ds):
    a = ds.slice("PAPI", 2021)
    before = a.copy()
    a["value"] = 0.0
    a.loc[0, "rank"] = 99
    a["extra"] = 1
    b_ = ds.slice("PAPI", 2021)
    pd.testing.assert_frame_equal(b_, before)
    s = ds.series("PAPI", "total")
    s.loc[s.index[0], "value"] = -1.0
    assert ds.series("PAPI", "total")["value"].iloc[0] != -1.0
    i = ds.indicators_for("PAPI", 2021)
    i["name_en"] = "x"
    assert (ds.indicators_for("PAPI", 2021)["name_en"] != "x").all()


def test_memo_is_bounded(ds, monkeypatch):
    from dataclasses import replace

    from vngov import data

    monkeypatch.setattr(data, "MEMO_SIZES", {**data.MEMO_SIZES, "slice": 5})
    fresh = replace(ds)  # the same figures, a memo of its own
    keys = [("PAPI", y, "total", r) for y in (2019, 2020, 2021) for r in ("", "RRD", "MRD")]
    for k in keys:
        fresh.slice(*k)
    assert list(fresh._memo["slice"]._d) == [(i, y, ind, r) for i, y, ind, r in keys[-5:]]  # least recent out
    fresh.slice(*keys[4])  # a hit makes it the most recent
    fresh.slice("PCI", 2010)
    assert keys[4] in fresh._memo["slice"]._d and keys[5] not in fresh._memo["slice"]._d
    assert len(fresh._memo["slice"]._d) == 5


# ---- top-level properties set on the chart, not on copies ---------------------------------------------
def _layers():
    df = pd.DataFrame({"year": [2020, 2021, 2020, 2021], "rank": [1, 3, 2, 1], "code": ["a", "a", "b", "b"]})
    hover = alt.selection_point(name="hover_t", on="pointerover", fields=["code"], clear="pointerout")
    base = alt.Chart(df).encode(x="year:Q", y="rank:Q", color="code:N",
                                opacity=alt.condition(hover, alt.value(1.0), alt.value(0.2)))
    return [base.mark_line(), base.mark_circle().add_params(hover),
            alt.Chart(df).mark_text().encode(x="year:Q", y="rank:Q", text="code:N")]


@pytest.mark.parametrize("config", [{}, {"view": dict(stroke=None)},
                                    {"": dict(font="Arial"), "axis": dict(labelFontSize=12),
                                     "legend": dict(orient="top"), "view": dict(stroke=None)}])
def test_top_level_is_the_chained_api(config):
    from vngov.charts.common import top_level

    chained = alt.layer(*_layers()).resolve_scale(color="independent").properties(
        width="container", height=300, title="t")
    for part, kw in config.items():
        chained = chained.configure(**kw) if part == "" else getattr(chained, f"configure_{part}")(**kw)
    fast = top_level(alt.layer(*_layers()), resolve_scale=dict(color="independent"), width="container", height=300,
                     title="t", configure=config)
    assert json.dumps(fast.to_dict()) == json.dumps(chained.to_dict())  # validated, same keys in the same order


def test_chart_functions_validate():
    """The chart functions that use top_level give charts valid against the Vega-Lite schema."""
    from vngov.charts.rankings import table_chart

    t = pd.DataFrame({"Province": ["A", "B"], "Rank": ["1", "2"]})
    table_chart(t, title="x").to_dict()  # validate=True


# ---- selections of the view modules memoised per Dataset (Dataset.memo) -------------------------------
def test_view_selections_memo_equal_the_computed_ones(ds):
    from dataclasses import replace

    from vngov.views import across, compare, components, meeting, profile, rankings

    fresh = replace(ds)  # the same figures, an empty memo
    for _ in range(2):  # computed, then from the memo
        for index, year in (("PAPI", 2020), ("PCI", 2006), ("PAR_INDEX", 2019)):
            for with_total in (True, False):
                pd.testing.assert_frame_equal(components.component_table(ds, index, year, with_total),
                                              components._component_table(fresh, index, year, with_total))
            pd.testing.assert_frame_equal(components.components_of(ds, index, year),
                                          components._components_of(fresh, index, year))
            assert rankings.source_ids(ds, index, "total", [year, year - 1]) == \
                rankings._source_ids(fresh, index, "total", (year - 1, year))
        for code in ("01", "79"):
            pd.testing.assert_frame_equal(profile.history(ds, code), profile._history(fresh, code))
            for index in ("PAPI", "PCI"):
                assert meeting.headline(ds, index, code) == meeting._headline(fresh, index, code)
                pd.testing.assert_frame_equal(compare.trend_frame(ds, index, [code, "48"], "en", "n/a"),
                                              compare._trend_frame(fresh, index, [code, "48"], "en", "n/a"))
        pd.testing.assert_frame_equal(across._totals(ds, "PCI"), across._select_totals(fresh, "PCI"))


def test_view_selections_memo_hands_out_copies(ds):
    from vngov.views import components, meeting, rankings

    t = components.component_table(ds, "PAPI", 2021)
    t["value"] = 0.0
    assert components.component_table(ds, "PAPI", 2021)["value"].max() > 0
    h = meeting.headline(ds, "PAPI", "01")
    h.value = -1.0
    assert meeting.headline(ds, "PAPI", "01").value != -1.0
    ids = rankings.source_ids(ds, "PAPI", "total", [2021])
    ids.append("x")
    assert "x" not in rankings.source_ids(ds, "PAPI", "total", [2021])


def test_memo_of_a_view_is_per_dataset(ds):
    """An upload is another Dataset: its selections are its own (never the bundled figures')."""
    from dataclasses import replace

    from vngov.views import components

    other = replace(ds, scores=ds.scores.assign(value=ds.scores["value"] * 0 + 1.0), version="test-upload")
    a = components.component_table(ds, "PAPI", 2021)
    b_ = components.component_table(other, "PAPI", 2021)
    assert (b_["value"].dropna() == 1.0).all() and not (a["value"].dropna() == 1.0).all()


# ---- chart specs found by the identity of their arguments ---------------------------------------------
def _movers_args(ds):
    from vngov.views import rankings as vr

    table, _ = vr.rank_table(ds, "PAPI", 2020, "total", "", "en")
    return vr.movers(table, n=10), dict(dir_labels={"up": "up", "down": "down"},
                                         titles=dict(name="P", change="C", prev_rank="2019", rank="2020",
                                                     direction="D"))


def test_same_arguments_give_the_cached_spec_as_a_copy(ds, monkeypatch):
    from vngov import ui
    from vngov.charts.rankings import movers_chart
    from vngov.ui import caches

    mv, kw = _movers_args(ds)
    first = ui.chart_spec(movers_chart, mv, **kw)
    assert json.dumps(first) == json.dumps(ui.to_spec(movers_chart(mv, **kw)))
    hashed = []
    monkeypatch.setattr(caches, "_chart_spec", lambda *a: hashed.append(a) or pytest.fail("not by identity"))
    again = ui.chart_spec(movers_chart, mv, **kw)  # the same objects: no hashing, no st.cache_data
    assert again == first and again is not first and not hashed
    again["layer"].clear()
    again["datasets"].clear()
    assert ui.chart_spec(movers_chart, mv, **kw) == first, "a caller's change leaked into the memo"


def test_other_objects_are_not_taken_for_the_same(ds):
    from vngov import ui
    from vngov.charts.rankings import movers_chart

    mv, kw = _movers_args(ds)
    a = ui.chart_spec(movers_chart, mv, **kw)
    other = mv.head(3).copy()
    b_ = ui.chart_spec(movers_chart, other, **kw)
    assert a != b_ and len(json.dumps(b_)) < len(json.dumps(a))
    equal_copy = mv.copy()  # equal content, another object: the spec of that content
    assert ui.chart_spec(movers_chart, equal_copy, **kw) == a
    kw2 = {**kw, "dir_labels": {"up": "lên", "down": "xuống"}}  # another dict: another spec
    assert "lên" in json.dumps(ui.chart_spec(movers_chart, mv, **kw2), ensure_ascii=False)


def test_identity_memo_is_bounded(ds, monkeypatch):
    from vngov.charts.rankings import movers_chart
    from vngov.ui import caches

    small = caches._SameArgs(3)
    monkeypatch.setattr(caches, "_SAME_ARGS", small)
    mv, kw = _movers_args(ds)
    frames = [mv.head(n).copy() for n in range(2, 8)]
    for f in frames:
        caches.chart_spec(movers_chart, f, **kw)
    assert len(small._d) == 3


# ---- a chart's frames turned into records column by column ---------------------------------------------
def _all_dtypes():
    import numpy as np

    return pd.DataFrame({
        "f": [1.5, np.nan, np.inf, -np.inf], "i": [1, 2, 3, 4], "u8": np.array([1, 2, 3, 4], dtype="uint8"),
        "b": [True, False, True, False], "s": pd.array(["a", None, "c", "Đà Nẵng"], dtype="str"),
        "o": [np.float64(1.0), None, [1, 2], "x"], "on": [np.int64(3), np.nan, pd.NA, np.bool_(True)],
        "arr": [np.array([1, 2]), None, "y", 2], "I": pd.array([1, None, 3, 4], dtype="Int64"),
        "F": pd.array([1.5, None, np.nan, 2.0], dtype="Float64"), "B": pd.array([True, None, False, True],
                                                                                 dtype="boolean"),
        "c": pd.Categorical(["a", None, "b", "a"])})


def test_records_are_altairs_values():
    from altair.utils.data import to_values

    df = _all_dtypes()
    mine = altair_speed.records(df)
    assert mine is not None
    assert json.dumps(mine) == json.dumps(to_values(df)["values"])
    assert [type(v) for v in mine[0].values()] == [type(v) for v in to_values(df)["values"][0].values()]
    assert altair_speed.records(df.iloc[0:0]) == to_values(df.iloc[0:0])["values"] == []


def test_records_leave_other_frames_to_altair():
    import numpy as np

    assert altair_speed.records(pd.DataFrame({"t": pd.to_datetime(["2020-01-01"])})) is None
    assert altair_speed.records(pd.DataFrame({"x": np.array([1.5], dtype="float32")})) is None
    assert altair_speed.records(pd.DataFrame([[1, 2]])) is None  # column names that are not strings
    df = pd.DataFrame({"t": pd.to_datetime(["2020-01-01", None]), "v": [1.0, 2.0]})
    assert altair_speed.to_values(df) == __import__("altair").utils.data.to_values(df)


def test_served_spec_uses_the_same_values(ds):
    """A chart with every dtype: the served spec (records) equals Altair's default transformer's."""
    from vngov import ui

    df = _all_dtypes()
    chart = alt.Chart(df).mark_point().encode(x="i:Q", y="f:Q", tooltip=["s:N", "c:N", "I:Q"])
    assert json.dumps(ui.to_spec(chart)) == json.dumps(_altair_spec(chart))


def test_strengths_and_coverage_memo(ds):
    from dataclasses import replace

    from vngov.views import profile

    fresh = replace(ds)
    for _ in range(2):
        pd.testing.assert_frame_equal(ds.coverage_table(), fresh._coverage_table())
        for code in ("01", "79", "02"):
            for index in ("PAPI", "PCI"):
                got, want = profile.strengths(ds, code, index), profile._strengths(fresh, code, index, 3)
                assert (got is None) == (want is None)
                if got is not None:
                    assert got.keys() == want.keys()
                    for key in got:
                        if isinstance(got[key], pd.DataFrame):
                            pd.testing.assert_frame_equal(got[key], want[key])
                        else:
                            assert got[key] == want[key]
    a = profile.strengths(ds, "01", "PAPI")
    a["year"] = 0
    a["table"]["value"] = -1.0
    b_ = profile.strengths(ds, "01", "PAPI")
    assert b_["year"] != 0 and (b_["table"]["value"] != -1.0).all()


def test_comparison_frame_reads_the_same_columns(ds):
    """comparison_frame on the table narrowed to the columns it reads equals it on the whole table."""
    from vngov.views import components

    for index, year in (("PAPI", 2021), ("PCI", 2019), ("PAR_INDEX", 2022)):
        table = components.component_table(ds, index, year)
        wide = table.assign(**{f"extra{i}": table["value"] for i in range(3)})  # more columns: same frame
        for code in ("01", "79"):
            got = components.comparison_frame(table, code)
            assert list(got["series"][:2]) == ["province", "mean"] and got["value"].dtype == float
            pd.testing.assert_frame_equal(got, components.comparison_frame(wide, code), check_exact=True)
