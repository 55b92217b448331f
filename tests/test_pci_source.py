"""Checks for scripts.pci_source (PCI loader).

Run: .venv/bin/python -m pytest tests/test_pci_source.py -q
The raw files live in the shared folder (default /work/shared, override with
the PCI_SHARED environment variable); the tests are skipped if it is absent.
"""
from __future__ import annotations

import csv
import itertools
import math
import os
import pathlib
import warnings

import pandas as pd
import pytest

from scripts import pci_source as ps

SHARED = pathlib.Path(os.environ.get("PCI_SHARED", "/work/shared"))
PCI = SHARED / ps.PCI_DIR

pytestmark = [
    pytest.mark.skipif(not PCI.is_dir(), reason=f"{PCI} not available"),
    pytest.mark.filterwarnings("ignore::UserWarning"),
]

HA_NOI, HAI_PHONG, DA_NANG, HCM, QUANG_NINH, DONG_THAP = "01", "31", "48", "79", "22", "87"
WORKBOOK_YEARS = sorted(ps.LAYOUTS)
SORTED_YEARS = [y for y in WORKBOOK_YEARS if ps.LAYOUTS[y].sorted_pairs]


@pytest.fixture(scope="module")
def loaded():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ps.load_pci(SHARED)


@pytest.fixture(scope="module")
def scores(loaded):
    return loaded[0]


@pytest.fixture(scope="module")
def matcher():
    return ps.ProvinceMatcher(SHARED / ps.CROSSWALK)


@pytest.fixture(scope="module")
def raw(matcher):
    return {y: ps.read_workbook_year(SHARED, y, matcher) for y in WORKBOOK_YEARS}


def get(scores, year, code, indicator="total"):
    row = scores[(scores.year == year) & (scores.province_code == code)
                 & (scores.indicator == indicator)]
    assert len(row) == 1, (year, code, indicator, len(row))
    return row.iloc[0]


# ---------------------------------------------------------------- structure
def test_columns_and_types(loaded):
    scores, indicators, sources = loaded
    assert list(scores.columns) == ["index", "year", "province_code", "indicator", "value",
                                    "rank", "rank_computed", "source_id", "units", "note"]
    assert (scores["index"] == "PCI").all()
    assert (scores["units"] == "63").all()
    assert scores["province_code"].str.fullmatch(r"\d\d").all()
    assert str(scores["rank"].dtype) == "Int64"
    assert scores["rank_computed"].dtype == bool
    assert scores["year"].dtype.kind == "i"
    assert scores["note"].map(lambda x: isinstance(x, str)).all()
    assert list(indicators.columns) == ["index", "indicator", "parent", "level", "name_vi",
                                        "name_en", "unit", "scale_min", "scale_max", "years"]
    assert list(sources.columns) == ["source_id", "title", "publisher", "url", "licence", "note"]


def test_no_duplicates(scores):
    assert not scores.duplicated(["year", "province_code", "indicator"]).any()


def test_only_63_codes(scores, matcher):
    assert set(scores["province_code"]) <= set(matcher.names)
    assert "28" not in set(scores["province_code"])  # Hà Tây's old GSO code


def test_sources_and_indicators_consistent(loaded):
    scores, indicators, sources = loaded
    assert set(scores["source_id"]) == set(sources["source_id"])
    assert sources["source_id"].is_unique
    assert set(scores["indicator"]) == set(indicators["indicator"])
    allowed = {"total", "total_unweighted", *ps.SUB_INDICES}
    assert set(indicators["indicator"]) <= allowed
    for r in indicators.itertuples():
        assert (r.level, r.parent) == ((0, "") if r.indicator.startswith("total") else (1, "total"))
        yrs = scores.loc[scores.indicator == r.indicator, "year"]
        assert r.years == ps.compact_years(yrs)
    assert indicators.set_index("indicator").loc["total", "years"] == "2005-2022"
    assert indicators.set_index("indicator").loc["soe_bias", "years"] == "2005-2008"
    s = sources.set_index("source_id")
    assert s.loc["pci_2005_xlsx", "url"] == (
        "https://github.com/mdtrinh/vietnamdata/blob/be581b8d5b1f0c6a747199fe23d8a77e55396e17"
        "/data-raw/PCI/PCI_2005.xls")
    assert s.loc["pci_2005_xlsx", "licence"].startswith("CC0")
    assert s.loc["pci_2019_xlsx", "licence"].startswith("no licence stated")


def test_compact_years():
    assert ps.compact_years([2005, 2006, 2007, 2009, 2021, 2022]) == "2005-2007;2009;2021-2022"
    assert ps.compact_years([2005]) == "2005"


def test_matcher_variants(matcher):
    cases = {"Tp.HCM": HCM, "TP.Hồ Chí Minh": HCM, "HCMC": HCM, "TP.HCM": HCM,
             "TT- Huế": "46", "TT.Huế": "46", "TT-Hue": "46", "BRVT": "77",
             "Bắc Cạn": "06", "Đăk Nông": "67", "Đak Nông": "67", "Quàng Ngãi": "51",
             "Hà Nội": HA_NOI, "Ha Noi": HA_NOI, "Hà Giang": "02", "Cà Mau": "96",
             "Hải Phòng": HAI_PHONG}
    for name, code in cases.items():
        assert matcher.code(name) == code, name
    assert matcher.code("Hà Tây") == ps.ProvinceMatcher.HA_TAY
    with pytest.raises(ValueError):
        matcher.code("Atlantis")


# ---------------------------------------------------------------- coverage
EXPECTED_TOTALS = {2005: 41, **{y: 63 for y in range(2006, 2021)}, 2021: 21, 2022: 11}
EXPECTED_RANKS = {**EXPECTED_TOTALS, 2022: 14}
EXPECTED_N_SUB = {2005: 9, 2006: 10, 2007: 10, 2008: 10, 2009: 9, 2010: 9, 2011: 9, 2012: 9,
                  **{y: 10 for y in range(2013, 2020)}, 2020: 0, 2021: 10, 2022: 10}


def test_coverage_per_year(scores):
    cov = ps.coverage(scores).set_index("year")
    assert list(cov.index) == list(range(2005, 2023))
    for y in cov.index:
        assert cov.loc[y, "with_total"] == EXPECTED_TOTALS[y], y
        assert cov.loc[y, "with_rank"] == EXPECTED_RANKS[y], y
        assert cov.loc[y, "n_sub_indices"] == EXPECTED_N_SUB[y], y
    assert cov.loc[2022, "provinces_with_sub"] == 1  # Hải Phòng only
    assert set(cov.index[cov.unweighted]) == {2007, 2008, 2010}


def test_raw_cohorts_include_ha_tay(raw):
    """2005 has 42 provinces, 2006-2008 64 units (incl. Hà Tây); later 63."""
    for y, n in {2005: 42, 2006: 64, 2007: 64, 2008: 64}.items():
        tot = raw[y]["values"]["total"]
        assert len(tot) == n and ps.ProvinceMatcher.HA_TAY in tot, y
    for y in range(2009, 2020):
        assert len(raw[y]["values"]["total"]) == 63
        assert ps.ProvinceMatcher.HA_TAY not in raw[y]["values"]["total"]


def test_2006_2007_first_sheet_empty():
    for y in (2006, 2007):
        assert ps.read_sheet(PCI / ps.VIETNAMDATA / f"PCI_{y}.xls", 0) == []


def test_every_sub_index_complete_in_workbook_years(raw):
    for y, r in raw.items():
        cohort = set(r["values"]["total"])
        for ind, vals in r["values"].items():
            assert set(vals) == cohort, (y, ind)


def test_layout_matches_pci_import_csv():
    """The module's 0-based layout equals the 1-based PCI_Import.csv guide."""
    header_ids = {
        "Entry Costs": "entry_costs", "Land Access and Security of Tenure": "land_access",
        "Transparency and Access to Information": "transparency",
        "Time Costs and Regulatory Compliance": "time_costs",
        "Informal Charges": "informal_charges",
        "Implementation and Consistency of Policies": "policy_consistency",
        "Policy Bias - SOEs only": "soe_bias", "Policy Bias": "policy_bias",
        "Proactivity of Provincial Leadership": "proactivity",
        "Business Support Services": "business_support", "Labor and Training": "labor_training",
        "Legal Institutions": "legal_institutions", "Unweighted Col": "total_unweighted",
        "Weighted Col": "total"}
    with open(PCI / ps.ELECTIONS / "PCI_Import.csv", newline="") as fh:
        guide = list(csv.DictReader(fh))
    assert sorted(int(g["Year"]) for g in guide) == WORKBOOK_YEARS
    for g in guide:
        lay = ps.LAYOUTS[int(g["Year"])]
        assert lay.sheet == int(g["Sheet"]) - 1
        assert (lay.first_row, lay.last_row) == (int(g["Begin Row"]) - 1, int(g["End Row"]) - 1)
        assert lay.sorted_pairs == (g["Province"] == "0")
        expected = {header_ids[h]: int(v) - 1 for h, v in g.items()
                    if h in header_ids and v.strip()}
        assert {k: c.value for k, c in lay.cols.items()} == expected, g["Year"]
        if not lay.sorted_pairs:
            assert {c.name for c in lay.cols.values()} == {int(g["Province"]) - 1}


# ---------------------------------------------------------------- spot values
SPOT = [  # year, code, value, rank, tolerance
    (2019, QUANG_NINH, 73.40, 1, 0.005), (2019, DONG_THAP, 72.10, 2, 0.005),
    (2019, HCM, 67.16, 14, 0.005), (2019, "86", 71.30, 3, 0.005), (2019, "27", 70.79, 4, 0.005),
    (2019, DA_NANG, 70.15, 5, 0.005), (2019, HAI_PHONG, 68.73, 10, 0.005),
    (2019, "72", 67.05, 15, 0.005),
    (2015, DA_NANG, 68.335, 1, 0.001), (2015, DONG_THAP, 66.39, 2, 0.005),
    (2015, QUANG_NINH, 65.75, 3, 0.005),
    (2016, HAI_PHONG, 60.10, 21, 0.005), (2012, HAI_PHONG, 53.58, 50, 0.005),
    (2010, HAI_PHONG, 54.64, 48, 0.005), (2018, QUANG_NINH, 70.36, 1, 0.005),
    (2018, "27", 64.50, 15, 0.005),
    (2017, QUANG_NINH, 70.69, 1, 0.005), (2017, DA_NANG, 70.11, 2, 0.005),
    (2017, DONG_THAP, 68.78, 3, 0.005),
    (2013, DA_NANG, 66.45, 1, 0.005), (2014, DA_NANG, 66.87, 1, 0.005),
    (2020, QUANG_NINH, 75.09, 1, 0.0), (2020, HAI_PHONG, 69.27, 7, 0.0),
    (2021, QUANG_NINH, 73.02, 1, 0.0), (2022, QUANG_NINH, 72.95, 1, 0.0),
    (2022, "40", 66.60, 23, 0.0),
    (2005, "74", 76.818965, 1, 1e-5), (2008, DA_NANG, 72.184, 1, 0.001),
]


@pytest.mark.parametrize("year,code,value,rank,tol", SPOT)
def test_spot_values(scores, year, code, value, rank, tol):
    r = get(scores, year, code)
    assert abs(r.value - value) <= tol
    assert r["rank"] == rank


def test_2021_sub_indices(scores):
    assert math.isclose(get(scores, 2021, QUANG_NINH, "entry_costs").value, 7.98)
    assert math.isclose(get(scores, 2021, HAI_PHONG, "legal_institutions").value, 7.21)
    subs = scores[(scores.year >= 2020) & ~scores.indicator.isin(["total"])]
    assert subs["rank"].isna().all()
    assert not scores.loc[scores.year >= 2020, "rank_computed"].any()


def test_2022_ranks_without_score(scores):
    for code, rank in {HA_NOI: 20, HCM: 27, "92": 19}.items():
        r = get(scores, 2022, code)
        assert math.isnan(r.value) and r["rank"] == rank and not r.rank_computed
        assert "without a score" in r.note
    assert get(scores, 2022, HA_NOI).source_id == "pci_2022_baonghean"
    assert get(scores, 2022, "92").source_id == "pci_2022_bizhub"
    # NaN only where a rank is published without a score
    nan = scores[scores.value.isna()]
    assert nan["rank"].notna().all() and (nan.year == 2022).all() and len(nan) == 3


def test_haiphong_2022_from_series_only_for_sub_indices(scores):
    hp = scores[scores.source_id == "pci_haiphong_province_page"]
    assert set(hp.year) == {2022} and set(hp.province_code) == {HAI_PHONG}
    assert "total" not in set(hp.indicator) and len(hp) == 10
    assert get(scores, 2022, HAI_PHONG).source_id == "pci_2022_investinquangninh"
    assert math.isclose(get(scores, 2022, HAI_PHONG, "entry_costs").value, 6.45)


def test_value_ranges(scores):
    tot = scores[scores.indicator.isin(["total", "total_unweighted"])].value.dropna()
    sub = scores[~scores.indicator.isin(["total", "total_unweighted"])].value
    assert tot.between(0, 100).all()
    assert sub.between(0, 10).all()


# ---------------------------------------------------------------- quirks
def test_2005_rank_sheet_score_equals_summary(matcher, raw):
    rows = ps.read_sheet(PCI / ps.VIETNAMDATA / "PCI_2005.xls", 0)
    sheet0 = ps._read_column(rows, 1, 42, ps.Col(0, 1), matcher, "2005 sheet0")
    assert sheet0.keys() == raw[2005]["values"]["total"].keys()
    for c, v in sheet0.items():
        assert math.isclose(v, raw[2005]["values"]["total"][c], abs_tol=1e-9)


@pytest.mark.parametrize("year", [2017, 2018, 2019])
def test_2017_2019_duplicate_ha_noi_and_stat_rows_dropped(scores, year):
    lay = ps.LAYOUTS[year]
    rows = ps.read_sheet(PCI / lay.repo_dir / lay.file, lay.sheet)
    labels = [r[0] for r in rows[lay.last_row + 1:]]
    assert labels[:5] == [None, "Ha Noi", "Min", "Median", "Max"]
    first = next(r for r in rows[lay.first_row:lay.last_row + 1] if r[0] == "Ha Noi")
    assert rows[lay.last_row + 2][:13] == first[:13]  # the duplicate equals the real row
    assert (scores[(scores.year == year) & (scores.indicator == "total")].shape[0]) == 63


def test_ties_noted(scores):
    for year, codes in {2011: ["60", "02"], 2020: ["75", "42"]}.items():
        for c in codes:
            assert "published ranks" in get(scores, year, c).note


def test_2019_hcmc_note(scores):
    assert "N/A" in get(scores, 2019, HCM).note


# ---------------------------------------------------------------- sorted layouts
@pytest.mark.parametrize("year", SORTED_YEARS)
def test_lookup_block_matches_rekeyed_values(scores, raw, year):
    """Each sorted summary sheet has a lookup block (one province's values and
    positions) computed by the workbook itself; our re-keyed rows must agree."""
    code, values, positions = raw[year]["lookup"]
    assert len(values) == len(ps.LAYOUTS[year].cols)
    for ind, v in values.items():
        assert math.isclose(get(scores, year, code, ind).value, v, abs_tol=1e-9), ind
    for ind, p in positions.items():
        if ind == "total_unweighted":
            continue
        r = get(scores, year, code, ind)
        assert r["rank"] == p and not r.rank_computed, ind
        # ... and it equals the rank we would compute
        assert pd.Series(raw[year]["values"][ind]).rank(
            ascending=False, method="min")[code] == p


@pytest.mark.parametrize("year", [2013, 2014, 2015, 2016])
def test_sorted_summary_matches_indicator_sheets(scores, matcher, year):
    """Sheets 2-11 hold one row per province with the sub-index score in col 2."""
    lay = ps.LAYOUTS[year]
    path = PCI / lay.repo_dir / lay.file
    for sheet, ind in enumerate(ps.SUB_2013_ON, start=2):
        rows = ps.read_sheet(path, sheet)
        data = [r for r in rows if len(r) > 2 and isinstance(r[0], (int, float))
                and isinstance(r[1], str) and isinstance(r[2], (int, float))]
        assert len(data) == 63, (year, ind)
        for r in data:
            got = get(scores, year, matcher.code(r[1]), ind).value
            assert math.isclose(got, r[2], abs_tol=1e-3), (year, ind, r[1], got, r[2])


def test_2016_two_provinces_explicit(scores):
    # from the 2016 indicator sheets: Hà Nội entry 7.508, land 4.159; Đà Nẵng entry 9.218
    assert math.isclose(get(scores, 2016, HA_NOI, "entry_costs").value, 7.5077, abs_tol=1e-3)
    assert math.isclose(get(scores, 2016, HA_NOI, "land_access").value, 4.1587, abs_tol=1e-3)
    assert math.isclose(get(scores, 2016, DA_NANG, "entry_costs").value, 9.2178, abs_tol=1e-3)
    assert math.isclose(get(scores, 2016, HAI_PHONG, "entry_costs").value, 8.332, abs_tol=1e-3)


def test_2013_copy_equals_vietnam_elections_english_copy(scores, matcher):
    lay = ps.LAYOUTS[2013]
    rows = ps.read_sheet(PCI / ps.ELECTIONS / "PCI 2013.xlsx", 0)
    assert rows[0][22] == "PCI 2013"
    for ind, col in lay.cols.items():
        other = ps._read_column(rows, lay.first_row, lay.last_row, col, matcher, ind)
        assert len(other) == 63
        for code, v in other.items():
            assert math.isclose(get(scores, 2013, code, ind).value, v, abs_tol=1e-9)


def test_english_summary_sheets_2014_2016_hold_2013_data():
    for y in (2014, 2015, 2016):
        rows = ps.read_sheet(PCI / ps.VIETNAMDATA / f"PCI_{y}.xlsx", 1)
        assert rows[0][22] == "PCI 2013", y


# ---------------------------------------------------------------- ranks
def test_published_total_ranks_agree_with_ordering(scores):
    tot = scores[(scores.indicator == "total") & scores["rank"].notna()
                 & scores.value.notna() & ~scores.rank_computed]
    for year, g in tot.groupby("year"):
        recs = list(zip(g["rank"].astype(int), g["value"]))
        for (r1, v1), (r2, v2) in itertools.combinations(recs, 2):
            if r1 < r2:
                assert v1 >= v2, (year, r1, v1, r2, v2)
            elif r2 < r1:
                assert v2 >= v1, (year, r1, v1, r2, v2)
            else:
                assert v1 == v2, (year, r1, v1, r2, v2)


def test_published_ranks_are_min_ranks_of_full_cohort(raw):
    """In every workbook with a rank column the published rank is the rank of
    the weighted score (only exception: the 2011 published tie, 40/41)."""
    for y, r in raw.items():
        if not r["ranks"]:
            continue
        v = pd.Series(r["values"]["total"])
        pub = pd.Series(r["ranks"])[v.index]
        assert sorted(pub) == list(range(1, len(v) + 1)), y
        diff = v.rank(ascending=False, method="min") != pub
        assert set(v.index[diff]) == ({"02"} if y == 2011 else set()), y


def test_computed_ranks(scores, raw):
    comp = scores[scores.rank_computed]
    assert set(comp.year) <= set(WORKBOOK_YEARS)
    assert "total_unweighted" not in set(comp.indicator)
    assert set(comp.loc[comp.indicator == "total", "year"]) == {2008}
    for (year, ind), g in comp.groupby(["year", "indicator"]):
        expected = pd.Series(raw[year]["values"][ind]).rank(ascending=False, method="min")
        for code, rank in zip(g.province_code, g["rank"]):
            assert expected[code] == rank, (year, ind, code)
    # every workbook sub-index row has a rank (computed or lookup-stated)
    wb = scores[scores.year.isin(WORKBOOK_YEARS) & (scores.indicator != "total_unweighted")]
    assert wb["rank"].notna().all()
    assert scores.loc[scores.indicator == "total_unweighted", "rank"].isna().all()


def test_ha_tay_cohort_noted(scores):
    r = get(scores, 2006, HA_NOI, "entry_costs")
    assert r.rank_computed and "Hà Tây" in r.note
    assert get(scores, 2006, HA_NOI)["rank"] is not pd.NA


# ---------------------------------------------------------------- Hải Phòng series
def test_haiphong_series_totals(scores):
    cmp = ps.compare_haiphong_series(SHARED, scores)
    tot = cmp[cmp.indicator == "total"]
    assert set(tot.year) == set(range(2006, 2022))
    assert tot["match"].astype(bool).all(), tot[~tot["match"].astype(bool)]


def test_haiphong_series_mismatches_documented(scores):
    cmp = ps.compare_haiphong_series(SHARED, scores)
    compared = cmp[cmp.compared]
    bad = compared[~compared["match"].astype(bool)]
    found = [(int(r.year), r.indicator, float(r.value_series), round(float(r.value), 2))
             for r in bad.itertuples()]
    assert found == ps.HAIPHONG_SERIES_MISMATCHES
    # only 2020 sub-indices could not be compared (no 2020 sub-indices loaded)
    assert set(cmp.loc[~cmp.compared, "year"]) == {2020}
