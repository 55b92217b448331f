"""View model of the Components page (vngov.views.components): selections and the page model, pure."""

import math

import pandas as pd
import pytest

from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.components import (break_before, change_frame, comparison_frame, component_table, components_of,
                                    default_province, heat_frame, heat_only_default, model, official_mean,
                                    position_among, scale_mode)


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
    # not beside it: PAR INDEX 2020 publishes the appraised block and the survey block's three parts, not
    # the survey block itself, so those parts stand in for it (issue 14)
    assert list(components_of(ds, "PAR_INDEX", 2020)["indicator"]) == ["B_APPRAISAL", "B_LEADERS", "B_SIPAS",
                                                                       "B_SOCIOECON"]
    for y in range(2012, 2025):  # never a part beside its own whole
        comps = components_of(ds, "PAR_INDEX", y)
        assert not set(comps["parent"].dropna()) & set(comps["indicator"]), y
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


# ---- the page model ---------------------------------------------------------------------------------
def walk(blocks):
    """Every block of a model, nested ones included (sections, columns, expanders)."""
    for blk in blocks:
        yield blk
        if isinstance(blk, b.Section):
            yield from walk([*blk.notes, *([blk.chart] if blk.chart else []), *([blk.table] if blk.table else []),
                             *blk.blocks, *blk.downloads])
        elif isinstance(blk, b.Columns):
            for cell in blk.cells:
                yield from walk(cell)
        elif isinstance(blk, b.Expander):
            yield from walk(blk.blocks)


def sections(page) -> dict:
    return {blk.heading: blk for blk in page.blocks if isinstance(blk, b.Section)}


def test_model_papi_sections_in_order(ds):
    page = model(ds, State(lang="en", index="PAPI", year=2020), "en", "48")
    assert page.title == "PAPI 2020: components of Da Nang"
    heads = list(sections(page))
    assert heads == ["Overall score", "Against the mean, the highest score and the region mean",
                     "All provinces × components · 2020", "Which components moved the score up or down vs 2019"]
    heat = sections(page)["All provinces × components · 2020"]
    assert heat.key == "heat"  # the page draws its switch in that slot
    charts = [blk for blk in walk(page.blocks) if isinstance(blk, b.Chart)]
    assert [c.key for c in charts] == ["cp_chart_vs", "cp_chart_heat", "cp_chart_change"]
    assert {d.key for d in walk(page.blocks) if isinstance(d, b.Download)} == {"cp_vs", "cp_heat", "cp_change"}
    assert page.sources


def test_model_vietnamese_numbers_and_headers(ds):
    page = model(ds, State(index="PAPI", year=2020), "vi", "01")
    [metrics] = [blk for blk in walk(page.blocks) if isinstance(blk, b.Metrics)]
    assert all("." not in m.value for m in metrics.items)  # decimal comma
    assert any("," in m.value for m in metrics.items)
    [table] = [blk for blk in walk(page.blocks) if isinstance(blk, b.Table)]
    assert list(table.frame.columns) == ["Thành phần", "Điểm", "Xếp hạng", "% thang điểm"]
    assert all("." not in v for v in table.frame["Điểm"])
    assert len(table.frame) == 8


def test_model_only_totals_and_break(ds):
    page = model(ds, State(lang="en", index="SIPAS", year=2024), "en", default_province(ds, "SIPAS", 2024))
    assert not [blk for blk in walk(page.blocks) if isinstance(blk, b.Chart)]
    assert any(isinstance(blk, b.Text) and blk.style == "info" and "No component score" in blk.text
               for blk in page.blocks)
    assert heat_only_default(ds, "SIPAS", 2024) is None
    page = model(ds, State(lang="en", index="PAPI", year=2018), "en", "01")
    change = sections(page)["Which components moved the score up or down vs 2017"]
    assert change.chart is None and "method changed in 2018" in change.notes[0].text and change.breaks


def test_heat_only_default_and_filter(ds):
    assert heat_only_default(ds, "PAPI", 2020) is False
    assert heat_only_default(ds, "PAR_INDEX", 2020) is True  # 10 provinces published blocks
    s = State(lang="en", index="PAR_INDEX", year=2020)
    full = [blk for blk in walk(model(ds, s, "en", "01", False).blocks) if isinstance(blk, b.Chart)][1]
    only = [blk for blk in walk(model(ds, s, "en", "01", True).blocks) if isinstance(blk, b.Chart)][1]
    assert full.args[0]["province_code"].nunique() == 63
    assert only.args[0]["province_code"].nunique() == 10 and "01" in set(only.args[0]["province_code"])
