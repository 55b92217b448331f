"""Selections and charts of the Province profile, without Streamlit."""

import math

import pandas as pd

from vngov.catalog import INDICES, METHOD_BREAKS
from vngov.charts.profile import configure, trend_grid, trend_panel
from vngov.data import era_of
from vngov.views_profile import history, latest, merger, region_peers, strengths

def data_of(spec: dict, layer: dict) -> list[dict]:
    d = layer.get("data") or spec["data"]
    return spec["datasets"][d["name"]] if "name" in d else d["values"]


COMMON = dict(lang="en", no_data="No data", break_label="Method change {year}",
              tooltip_titles=dict(year="Year", value="Score", rank="Rank", change="Change", **{"break": "b"}))


def panel_args(ds):
    return {i: dict(title=i, years=ds.years(i), breaks=list(METHOD_BREAKS.get(i, {}))) for i in INDICES}


def test_history_rows_and_missing(ds):
    h = history(ds, "22")
    assert len(h) == sum(len(ds.years(i)) for i in INDICES)
    papi = h[h["index"] == "PAPI"].set_index("year")
    assert pd.isna(papi.at[2021, "value"])  # Quảng Ninh: no PAPI 2021 score -> no data, not 0
    assert pd.isna(papi.at[2022, "change"])  # nothing to compare with
    v = ds.series("PAPI", codes=["22"]).set_index("year")["value"]
    assert math.isclose(papi.at[2020, "change"], v[2020] - v[2019])


def test_history_change_blank_across_breaks(ds):
    h = history(ds, "01")
    for index, breaks in METHOD_BREAKS.items():
        for b in breaks:
            row = h[(h["index"] == index) & (h["year"] == b)]
            if len(row):
                assert pd.isna(row["change"].iloc[0]), (index, b)


def test_latest(ds):
    lt = latest(history(ds, "01")).set_index("index")
    assert lt.at["PAPI", "year"] == 2024 and lt.at["PCI", "year"] >= 2020
    assert set(lt.index) <= set(INDICES)
    for _, r in lt.iterrows():
        assert pd.notna(r["value"]) or pd.notna(r["rank"])


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


def test_strengths_papi_and_pci(ds):
    res = strengths(ds, "01", "PAPI")
    assert res["year"] == 2024 and res["basis"] == "rank"  # PAPI 2024: ranks among the 61 assessed (2 gaps)
    tab = res["table"]
    assert len(tab) == 8 and tab["position"].is_monotonic_increasing
    assert tab["rank_computed"].all() and (tab["rank"] == tab["position"]).all()
    assert res["strongest"]["position"].max() <= res["weakest"]["position"].min()
    res = strengths(ds, "48", "PCI")
    assert res["basis"] in ("rank", "position")
    assert strengths(ds, "01", "SIPAS") is None  # no SIPAS components anywhere


def test_strengths_by_rank_when_ranks_exist(ds):
    # PCI 2019 sub-index ranks exist for all 63; a province with PCI figures only up to 2019
    h = ds.scores
    pci = h[(h["index"] == "PCI") & (h["indicator"] != "total")]
    last = pci.groupby("province_code")["year"].max()
    code = last[last == 2019].index[0]
    res = strengths(ds, code, "PCI")
    assert res["year"] == 2019 and res["basis"] == "rank"
    assert list(res["table"]["rank"].astype(int)) == sorted(res["table"]["rank"].astype(int))


def test_region_peers(ds):
    peers, years = region_peers(ds, "01")
    rrd = ds.provinces[ds.provinces["region"] == "RRD"]
    assert set(peers["province_code"]) == set(rrd["province_code"])
    assert years == {i: max(ds.years(i)) for i in INDICES}
    papi = ds.slice("PAPI", 2024).set_index("province_code")["value"]
    for _, r in peers.iterrows():
        v = papi[r["province_code"]]
        assert (pd.isna(v) and pd.isna(r["PAPI_value"])) or math.isclose(v, r["PAPI_value"])


def test_merger(ds):
    m = merger(ds, "02")  # Hà Giang -> Tuyên Quang (new code 08)
    assert m["new_code"] == "08" and m["new_name_vi"] == "Tuyên Quang"
    assert list(m["others"]["province_code"]) == ["08"]
    assert merger(ds, "01")["others"].empty
    three = ds.provinces.groupby("new_code").size()
    code = ds.provinces[ds.provinces["new_code"] == three[three == 3].index[0]]["province_code"].iloc[0]
    assert len(merger(ds, code)["others"]) == 2
