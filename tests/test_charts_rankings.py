"""Rankings & movement: selection helpers (vngov.views.rankings) and charts (vngov.charts.rankings),
without Streamlit."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vngov.views import rankings as vr
from vngov.catalog import METHOD_BREAKS
from vngov.charts.rankings import (bump_chart, dodge, dodge_2d, movers_chart, slope_chart, table_chart)
from vngov.data import era_of, is_break

TITLES = dict(name="Province", year="Year", rank="Rank", value="Score", measure="Score", change="Change",
              direction="Direction", prev_rank="Rank before")
DIRS = {"up": "Better", "down": "Worse", "same": "Unchanged"}


def datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


def dataset_with(spec: dict, column: str) -> pd.DataFrame:
    found = [pd.DataFrame(v) for v in datasets(spec) if v and column in v[0]]
    assert found, f"no dataset with {column!r}"
    return max(found, key=len)


def walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


# ------------------------------------------------------------------------------------------
# tiers
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value,band", [(100, "A"), (90, "A"), (89.99, "B"), (80, "B"), (79.99, "C"),
                                        (70, "C"), (69.99, "D"), (12, "D"), (float("nan"), None)])
def test_par_band_edges(value, band):
    assert vr.par_band(value) == band


def test_quartiles_split_63_scores_and_ties_share_the_better_quartile():
    q = vr.quartiles(pd.Series([float(v) for v in range(63)] + [float("nan")]))
    assert q.iloc[-1] is pd.NA
    counts = q.dropna().value_counts().sort_index()
    assert list(counts.index) == [1, 2, 3, 4] and counts.sum() == 63
    assert q.iloc[62] == 1 and q.iloc[0] == 4  # the highest score is in Q1
    tied = vr.quartiles(pd.Series([5.0, 5.0, 5.0, 5.0, 1.0, 1.0, 1.0, 1.0]))
    assert list(tied) == [1, 1, 1, 1, 3, 3, 3, 3]


@pytest.mark.parametrize("index,year,ind,kind", [
    ("PAR_INDEX", 2018, "total", None), ("PAR_INDEX", 2019, "total", "band"), ("PAR_INDEX", 2024, "total", "band"),
    ("SIPAS", 2023, "total", None), ("PAPI", 2024, "total", "quartile"), ("PCI", 2005, "total", "quartile"),
    ("PCI", 2023, "total", None), ("PCI", 2019, "entry_costs", "quartile")])
def test_tier_kind_per_index(ds, index, year, ind, kind):
    table, k = vr.rank_table(ds, index, year, ind)
    assert k == kind
    if kind is None:
        assert table["tier"].isna().all()
    else:
        assert table["tier"].notna().sum() == table["value"].notna().sum()


def test_par_bands_follow_the_score(ds):
    table, kind = vr.rank_table(ds, "PAR_INDEX", 2023)
    assert kind == "band"
    scored = table.dropna(subset=["value"])
    assert (scored["tier"] == [vr.par_band(v) for v in scored["value"]]).all()
    assert table.loc[table["value"].isna(), "tier"].isna().all()
    assert set(scored["tier"]) <= {"A", "B"}  # "first year all 63 > 80%" (national.csv)


def test_quartiles_are_national_even_with_a_region_filter(ds):
    whole, _ = vr.rank_table(ds, "PAPI", 2020)
    mrd, _ = vr.rank_table(ds, "PAPI", 2020, region="MRD")
    assert len(mrd) == 13 and set(mrd["region"]) == {"MRD"}
    merged = mrd.merge(whole[["province_code", "tier"]], on="province_code", suffixes=("", "_all"))
    assert (merged["tier"] == merged["tier_all"]).all()


# ------------------------------------------------------------------------------------------
# rank table
# ------------------------------------------------------------------------------------------
def test_table_papi_2021_no_data_last_and_ranks_of_the_assessed(ds):
    table, _ = vr.rank_table(ds, "PAPI", 2021, lang="en")
    assert len(table) == 63 and table["province_code"].is_unique
    # official gaps: the 60 assessed provinces are ranked among themselves, the 3 others have no rank
    assert list(table["rank"].head(60)) == list(range(1, 61)) and table["rank"].tail(3).isna().all()
    assert set(table["province_code"].tail(3)) == {"22", "24", "27"}
    assert table["value"].tail(3).isna().all()
    vals = table["value"].head(60)
    assert vals.is_monotonic_decreasing and table.at[0, "name"] == "Thua Thien Hue"


def test_table_par_sorted_by_rank_rank_only_rows_keep_place(ds):
    table, _ = vr.rank_table(ds, "PAR_INDEX", 2023)
    ranked = table.dropna(subset=["rank"])
    assert ranked.index.max() == len(ranked) - 1  # ranked rows come first
    assert ranked["rank"].is_monotonic_increasing
    assert (ranked["value"].isna()).any()  # e.g. a rank quoted without a score
    rest = table.iloc[len(ranked):]
    with_val = rest.dropna(subset=["value"])
    assert with_val.index.max() == len(ranked) + len(with_val) - 1  # then scores without a rank
    assert rest.iloc[len(with_val):][["value", "rank"]].isna().all().all()  # then nothing: last


@pytest.mark.parametrize("index,year", [("PAPI", 2018), ("SIPAS", 2022), ("PAR_INDEX", 2024)])
def test_change_blank_across_a_break(ds, index, year):
    table, _ = vr.rank_table(ds, index, year)
    assert vr.change_blocked_by_break(index, year)
    assert table["change"].isna().all() and table["rank_change"].isna().all()


def test_change_is_published_difference(ds):
    table, _ = vr.rank_table(ds, "PAPI", 2020)
    row = table.set_index("province_code").loc["22"]
    assert row["rank"] == 1 and math.isclose(row["change"], row["value"] - row["prev_value"])
    assert row["rank_change"] == row["prev_rank"] - row["rank"]


def test_coverage_counts(ds):
    c = vr.coverage_counts(ds, "PAPI", 2021, region="RRD")
    assert (c["n"], c["ranks"], c["total"]) == (60, 60, 63)  # ranks among the 60 assessed
    assert c["total_region"] == 11 and c["n_region"] == 9  # Quảng Ninh, Bắc Ninh have no 2021 score


# ------------------------------------------------------------------------------------------
# bump chart
# ------------------------------------------------------------------------------------------
def test_rank_years_and_reference_year(ds):
    ranked, unranked = vr.rank_years(ds, "PAPI")
    assert unranked == [] and ranked == list(range(2011, 2025))  # gap years: ranks among the assessed
    assert vr.reference_year(ds, "PAPI", 2024) == 2024
    ranked, unranked = vr.rank_years(ds, "PCI", "entry_costs")  # sub-indices 2020-2023: scores, no ranks
    assert unranked == [2020, 2021, 2022, 2023] and 2019 in ranked and 2024 in ranked
    assert vr.reference_year(ds, "PCI", 2021, "entry_costs") == 2019  # nearest ranked year: the earlier
    assert vr.reference_year(ds, "PCI", 2010) == 2010
    assert vr.years_text(unranked) == "2020–2023"
    assert vr.years_text([2014, 2018, 2021, 2022, 2023, 2024]) == "2014, 2018, 2021–2024"


def test_top_bottom(ds):
    top, bottom = vr.top_bottom(ds, "PAPI", 2020)
    sl = ds.slice("PAPI", 2020).set_index("province_code")
    assert list(sl.loc[top, "rank"]) == [1, 2, 3, 4, 5]
    assert sorted(sl.loc[bottom, "rank"]) == [59, 60, 61, 62, 63]
    top, bottom = vr.top_bottom(ds, "PAR_INDEX", 2024)
    n_ranked = int(ds.slice("PAR_INDEX", 2024)["rank"].notna().sum())
    assert len(top) == 5 and not set(top) & set(bottom) and len(top) + len(bottom) == min(10, n_ranked)
    top, bottom = vr.top_bottom(ds, "PAPI", 2020, region="CH")
    assert len(top) == 5 and bottom == []  # 5 provinces in the Central Highlands
    top, bottom = vr.top_bottom(ds, "PAPI", 2022)  # 61 assessed, ranked among themselves
    sl = ds.slice("PAPI", 2022).set_index("province_code")
    assert list(sl.loc[top, "rank"]) == [1, 2, 3, 4, 5] and sorted(sl.loc[bottom, "rank"]) == [57, 58, 59, 60, 61]
    assert vr.top_bottom(ds, "PCI", 2021, "entry_costs") == ([], [])  # no rank published


def _bump(ds, index, codes, ind="total"):
    groups = {c: "Top" for c in codes}
    df = vr.bump_data(ds, index, ind, groups, "en")
    years = sorted(int(y) for y in ds.series(index, ind)["year"].unique())
    breaks = [b for b in METHOD_BREAKS[index] if min(years) < b <= max(years)]
    chart = bump_chart(df, years=years, breaks=breaks, group_order=["Top", "Bottom", "Yours"], user_group="Yours",
                       titles=TITLES, break_label="Method change {year}")
    return df, chart.to_dict(), breaks


@pytest.mark.parametrize("index", ["PAPI", "PAR_INDEX", "SIPAS", "PCI"])
def test_bump_segments_never_span_a_break_or_a_gap(ds, index):
    codes = list(ds.provinces["province_code"])
    df, spec, breaks = _bump(ds, index, codes)
    data = dataset_with(spec, "segment")
    assert data["rank"].notna().all() and len(data) == int(ds.series(index)["rank"].notna().sum())
    for _, seg in data.groupby("segment"):
        years = sorted(seg["year"])
        assert years == list(range(years[0], years[0] + len(years)))  # consecutive years only
        assert len({era_of(index, y) for y in years}) == 1
        assert seg["province_code"].nunique() == 1
    # the line layer draws one line per segment
    line = next(n for n in walk(spec) if n.get("mark") in ("line", {"type": "line"}) or
                (isinstance(n.get("mark"), dict) and n["mark"].get("type") == "line"))
    assert line["encoding"]["detail"]["field"] == "segment"
    rules = [pd.DataFrame(v) for v in datasets(spec) if v and "x" in v[0] and "label" in v[0]]
    assert sorted(rules[0]["x"]) == [b - 0.5 for b in breaks] if breaks else not rules


def test_bump_papi_gaps_and_rank_axis(ds):
    df, spec, breaks = _bump(ds, "PAPI", ["22", "01"])
    assert breaks == [2018]
    data = dataset_with(spec, "segment")
    assert set(data["province_code"]) == {"22", "01"}
    # gap years are ranked among the assessed; a province not assessed has no point that year
    qn = data[data["province_code"] == "22"]
    assert not set(qn["year"]) & {2018, 2021, 2023}  # Quảng Ninh not assessed (official gaps)
    assert set(data[data["province_code"] == "01"]["year"]) == set(range(2011, 2025))
    # Quảng Ninh: 2011-13, 2014 (ranks of 61), 2015-17, 2019-20 (break 2018), 2022 (gap 2021; ranks of 61),
    # 2024 (gap 2023) = 6 segments: a change in the number of ranked units is like a break for rank lines
    assert qn["segment"].nunique() == 6
    assert set(qn.loc[qn["year"] == 2014, "rank_of"]) == {61} and set(qn.loc[qn["year"] == 2013, "rank_of"]) == {63}
    y = next(n["y"] for n in walk(spec) if isinstance(n.get("y"), dict) and n["y"].get("field") == "rank")
    assert y["scale"]["reverse"] is True and y["scale"]["domain"][0] == 1


def test_bump_pci_max_rank_64(ds):
    df = vr.bump_data(ds, "PCI", "total", {c: "Top" for c in ds.provinces["province_code"]})
    assert df["rank"].max() == 64  # 2006-2008 ranks counted Hà Tây
    spec = bump_chart(df, years=ds.years("PCI"), breaks=[], group_order=["Top", "Bottom", "Yours"],
                      user_group="Yours", titles=TITLES, break_label="{year}", max_rank=64).to_dict()
    y = next(n["y"] for n in walk(spec) if isinstance(n.get("y"), dict) and n["y"].get("field") == "rank")
    assert y["scale"]["domain"] == [1, 64]


def test_segments_helper_directly():
    df = pd.DataFrame({"province_code": ["a"] * 6 + ["b"] * 2,
                       "year": [2015, 2016, 2017, 2018, 2019, 2021, 2016, 2017]})
    seg = vr.segments(df, "PAPI")
    assert seg.iloc[0] == seg.iloc[1] == seg.iloc[2]  # 2015-2017
    assert seg.iloc[3] != seg.iloc[2]  # break 2018
    assert seg.iloc[4] == seg.iloc[3]
    assert seg.iloc[5] != seg.iloc[4]  # gap 2020
    assert seg.iloc[6] != seg.iloc[5] and seg.iloc[6] == seg.iloc[7]  # new province


# ------------------------------------------------------------------------------------------
# slope chart
# ------------------------------------------------------------------------------------------
def test_default_y2(ds):
    # the previous comparable year (issue 11: not the first year of the era, PCI 2019 -> 2005 of 42)
    assert vr.default_y2(ds, "PAPI", 2024) == 2023  # both ranked among 61 assessed, same era
    assert vr.default_y2(ds, "PAPI", 2018) == 2017  # first of its era: the previous year
    assert vr.default_y2(ds, "PAPI", 2020) == 2019
    assert vr.default_y2(ds, "PCI", 2019) == 2018
    assert vr.default_y2(ds, "PCI", 2009) == 2008  # no earlier year ranked of 63: the latest of the era
    assert vr.default_y2(ds, "PCI", 2007) == 2006  # both ranked of 64
    assert vr.default_y2(ds, "PAR_INDEX", 2012) == 2013  # no earlier year: the first other year


def test_slope_measure_across_breaks(ds):
    assert vr.slope_measure(ds, "PAPI", "total", 2019, 2020) == "value"
    assert vr.slope_measure(ds, "PAPI", "total", 2019, 2020, "rank") == "rank"
    assert vr.slope_measure(ds, "PAPI", "total", 2017, 2019) == "rank"
    # 2021: ranks among the 60 assessed, 2017 among 63: ranks do not compare (like a break)
    assert vr.slope_measure(ds, "PAPI", "total", 2017, 2021) is None
    assert vr.slope_measure(ds, "PAPI", "total", 2022, 2024, "rank") == "rank"  # 61 and 61
    assert vr.slope_measure(ds, "PCI", "total", 2005, 2019, "rank") is None  # 42 vs 63
    assert vr.slope_measure(ds, "PCI", "total", 2005, 2019) == "value"  # levels of one era still compare
    assert is_break("PAPI", 2017, 2019)


def test_slope_values_and_directions(ds):
    df = vr.slope_data(ds, "PAPI", "total", 2020, 2019, "value", lang="en")
    assert df["province_code"].nunique() == 63 and len(df) == 126
    assert sorted(df["year"].unique()) == [2019, 2020]
    w = df.pivot(index="province_code", columns="year", values="value")
    d = (w[2020] - w[2019]).rename("d")
    got = df.drop_duplicates("province_code").set_index("province_code")
    assert ((d > 0) == (got.loc[d.index, "direction"] == "up")).all()
    spec = slope_chart(df, measure="value", dir_labels=DIRS, titles=TITLES).to_dict()
    assert len(dataset_with(spec, "delta")) == 126


def test_slope_ranks_better_is_smaller(ds):
    df = vr.slope_data(ds, "PAPI", "total", 2017, 2019, "rank", region="RRD")
    assert df["province_code"].nunique() == 11
    row = df.drop_duplicates("province_code").set_index("province_code")
    w = df.pivot(index="province_code", columns="year", values="measure")
    assert ((w[2019] < w[2017]) == (row.loc[w.index, "direction"] == "up")).all()
    spec = slope_chart(df, measure="rank", dir_labels=DIRS, titles=TITLES, label_codes=["01"]).to_dict()
    y = next(n["y"] for n in walk(spec) if isinstance(n.get("y"), dict) and n["y"].get("field") == "measure")
    assert y["scale"]["reverse"] is True
    labels = [pd.DataFrame(v) for v in datasets(spec) if v and "label_y" in v[0]]
    assert all(set(lab["province_code"]) == {"01"} for lab in labels) and len(labels) == 2


def test_slope_only_provinces_with_both_years(ds):
    df = vr.slope_data(ds, "PAPI", "total", 2020, 2021, "value")
    assert df["province_code"].nunique() == 60  # 3 provinces have no 2021 score
    assert not set(df["province_code"]) & {"22", "24", "27"}


# ------------------------------------------------------------------------------------------
# movers
# ------------------------------------------------------------------------------------------
def test_movers_papi_2020(ds):
    table, _ = vr.rank_table(ds, "PAPI", 2020, lang="en")
    mv = vr.movers(table, n=10)
    up, down = mv[mv["direction"] == "up"], mv[mv["direction"] == "down"]
    assert len(up) == 10 and len(down) == 10 and (mv["rank_change"] != 0).all()
    assert (mv["rank_change"] == mv["prev_rank"] - mv["rank"]).all()
    assert up["rank_change"].is_monotonic_decreasing and down["rank_change"].is_monotonic_increasing
    all_moves = table["rank_change"].dropna()
    assert up["rank_change"].iloc[0] == all_moves.max() and down["rank_change"].iloc[0] == all_moves.min()
    spec = movers_chart(mv, dir_labels=DIRS, titles=TITLES).to_dict()
    bars = dataset_with(spec, "change_txt")
    assert len(bars) == 20 and spec["height"] == 26 * 20 + 130


@pytest.mark.parametrize("index,year,reason", [("PAPI", 2018, "break"), ("PAPI", 2021, "units"),
                                               ("PAPI", 2023, None), ("PCI", 2006, "units"),
                                               ("PCI", 2005, "no_prev"), ("PAPI", 2020, None)])
def test_movers_reason(ds, index, year, reason):
    table, _ = vr.rank_table(ds, index, year)
    assert vr.movers_reason(ds, index, year, "total", table) == reason
    assert (len(vr.movers(table)) == 0) == (reason is not None)


def test_movers_reason_no_rank(ds):
    table, _ = vr.rank_table(ds, "PCI", 2021, "entry_costs")  # 2020 and 2021 sub-indices: no ranks
    assert vr.movers_reason(ds, "PCI", 2021, "entry_costs", table) == "no_rank" and len(vr.movers(table)) == 0


# ------------------------------------------------------------------------------------------
# label placement, table image, sources
# ------------------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=1, max_value=63), min_size=1, max_size=20), st.floats(0.5, 3))
def test_dodge_keeps_labels_apart(values, gap):
    s = pd.Series(values)
    pos = dodge(s, gap, 1, 63 + 20 * gap)
    srt = sorted(pos)
    assert all(b - a >= gap - 1e-9 for a, b in zip(srt, srt[1:]))
    assert list(pos.index) == list(s.index)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(2011, 2024), st.integers(1, 63)), min_size=1, max_size=15))
def test_dodge_2d_no_overlapping_labels(points):
    f = pd.DataFrame(points, columns=["year", "rank"])
    width = pd.Series(1.3, index=f.index)
    y = dodge_2d(f, "year", "rank", width, 1.7, 1, 63)
    for i in f.index:
        for j in f.index:
            if i < j and abs(f.at[i, "year"] - f.at[j, "year"]) < 1.3:
                assert abs(y[i] - y[j]) >= 1.7 * 0.999 - 1e-9


def test_table_chart_has_every_cell():
    t = pd.DataFrame({"Province": ["A", "B", "C"], "Score": ["1.00", "No data", "3.00"], "Rank": ["1", "", "2"]})
    spec = table_chart(t, title="x").to_dict()
    cells = dataset_with(spec, "text")
    assert len(cells) == 9 and "No data" in set(cells["text"])


def test_source_ids_include_rank_sources(ds):
    ids = vr.source_ids(ds, "PAR_INDEX", "total", [2023])
    s = ds.scores
    s = s[(s["index"] == "PAR_INDEX") & (s["year"] == 2023) & (s["indicator"] == "total")]
    assert set(s["source_id"]) <= set(ids)
    assert set(x for x in s["rank_source_id"].dropna() if x) <= set(ids)
