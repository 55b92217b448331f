"""The bundled dataset: validation passes, published figures are right, gaps stay gaps."""

import pandas as pd
import pytest

from vngov.validate import load_tables


def val(ds, index, year, code, indicator="total"):
    s = ds.scores
    r = s[(s["index"] == index) & (s["year"] == year) & (s["province_code"] == code) & (s["indicator"] == indicator)]
    assert len(r) <= 1
    return (None, None) if r.empty else (r["value"].iloc[0], r["rank"].iloc[0])


def test_bundled_dataset_validates():
    t = load_tables(pytest.importorskip("vngov.data").DATA_DIR)
    assert len(t["scores.csv"]) > 20000
    assert set(t["scores.csv"]["index"]) == {"PAPI", "PCI", "PAR_INDEX", "SIPAS"}


def test_bundled_checksums_are_current():
    """The app skips the row-level checks on load only for the files the build validated."""
    from vngov.data import DATA_DIR
    from vngov.validate import bundled_files_unchanged
    load_tables(DATA_DIR)  # the full validation passes ...
    assert bundled_files_unchanged(DATA_DIR), "data/ changed: run `make data` (writes data/CHECKSUMS.sha256)"


def test_changed_files_get_the_full_check(tmp_path):
    import shutil
    from vngov.data import DATA_DIR, load_dataset
    from vngov.validate import CHECKSUMS, FILES, DataValidationError, bundled_files_unchanged
    for f in FILES + (CHECKSUMS,):
        shutil.copy(DATA_DIR / f, tmp_path / f)
    with open(tmp_path / "scores.csv", "a", encoding="utf-8") as fh:
        fh.write("PAPI,2020,01,total,999,,,x,,63,\n")  # duplicate, out of scale, unknown source
    assert not bundled_files_unchanged(tmp_path)
    with pytest.raises(DataValidationError):
        load_dataset(tmp_path)


def test_province_codes_are_strings_with_leading_zero(ds):
    codes = set(ds.provinces["province_code"])
    assert len(codes) == 63 and "01" in codes and "79" in codes and "96" in codes
    assert ds.provinces.set_index("province_code").at["01", "name_vi"] == "Hà Nội"
    assert set(ds.scores["province_code"]) <= codes


def test_every_province_has_a_region_and_a_2025_province(ds):
    p = ds.provinces
    assert p["region"].nunique() == 6 and p["region"].notna().all()
    assert p["new_code"].nunique() == 34
    # Hà Giang merged into Tuyên Quang (08); Yên Bái into Lào Cai, which took code 15
    assert p.set_index("province_code").at["02", "new_code"] == "08"
    assert p.set_index("province_code").at["15", "new_name_vi"] == "Lào Cai"


# Figures checked against a second published source (see shared/sources/*/PROVENANCE.md)
@pytest.mark.parametrize("index,year,code,indicator,value,tol", [
    ("PAPI", 2019, "83", "total", 46.74, 0.005),    # Bến Tre 1st (news + report)
    ("PAPI", 2019, "87", "total", 46.72, 0.005),    # Đồng Tháp
    ("PAPI", 2019, "22", "total", 46.66, 0.005),    # Quảng Ninh
    ("PAPI", 2020, "22", "total", 48.811, 0.0005),  # Quảng Ninh 2020
    ("PAPI", 2020, "22", "D4", 8.286, 0.0005),
    ("PAPI", 2020, "22", "D8", 3.14, 0.0005),
    ("PAPI", 2016, "67", "total", 35.89, 0.005),    # Đắk Nông (daknong.gov.vn)
    ("PAPI", 2022, "22", "total", 47.87, 0.01),     # news prints 47.87 (truncated)
    ("PAPI", 2023, "46", "total", 46.0415, 0.00005),
    ("PAPI", 2023, "46", "D1", 5.3435, 0.00005),
    ("PAPI", 2024, "22", "total", 47.8212, 0.00005),
    ("PAPI", 2015, "42", "D2", 7.24, 0.005),        # Hà Tĩnh profile on papi.org.vn
    ("PAR_INDEX", 2019, "22", "total", 90.09, 0.001),
    ("PAR_INDEX", 2019, "83", "total", 73.87, 0.001),  # Bến Tre last
    ("PAR_INDEX", 2023, "22", "total", 92.18, 0.001),
    ("PAR_INDEX", 2024, "31", "total", 96.17, 0.001),
    ("PAR_INDEX", 2018, "22", "total", 89.06, 0.001),  # conflict resolved: 89.6 vs 89.06
    ("SIPAS", 2019, "22", "total", 95.26, 0.001),
    ("SIPAS", 2023, "22", "total", 90.61, 0.001),
    ("PCI", 2019, "22", "total", 73.40, 0.005),
    ("PCI", 2019, "79", "total", 67.16, 0.005),
    ("PCI", 2015, "48", "total", 68.34, 0.005),
    ("PCI", 2016, "31", "total", 60.10, 0.005),
    ("PCI", 2020, "22", "total", 75.09, 0.001),
])
def test_published_figures(ds, index, year, code, indicator, value, tol):
    v, _ = val(ds, index, year, code, indicator)
    assert v is not None, f"{index} {year} {code} {indicator} missing"
    assert abs(v - value) <= tol, f"{index} {year} {code} {indicator}: {v} != {value}"


@pytest.mark.parametrize("index,year,code,rank", [
    ("PAPI", 2016, "67", 31), ("PAR_INDEX", 2019, "22", 1), ("PAR_INDEX", 2019, "83", 63),
    ("SIPAS", 2019, "22", 1), ("PCI", 2019, "79", 14), ("PCI", 2016, "31", 21), ("PCI", 2012, "31", 50),
])
def test_published_ranks(ds, index, year, code, rank):
    assert val(ds, index, year, code)[1] == rank


@pytest.mark.parametrize("year,codes", [(2014, ["24", "87"]), (2021, ["22", "24", "27"]),
                                        (2023, ["22", "74"]), (2024, ["26", "82"])])
def test_official_papi_gaps_stay_gaps(ds, year, codes):
    s = ds.scores
    tot = s[(s["index"] == "PAPI") & (s["year"] == year) & (s["indicator"] == "total")]
    assert not set(codes) & set(tot["province_code"])
    assert (tot["value"] > 0).all()
    # the assessed provinces are ranked among themselves ("x/61"), flagged as computed unless a page states
    # the rank; a province not assessed has no row, so never a rank
    assert tot["rank"].notna().all() and (tot["rank_of"] == len(tot)).all() and len(tot) == 63 - len(codes)
    assert tot["rank"].max() <= len(tot)
    assert (tot["rank"] == tot["value"].rank(ascending=False, method="min")).all()
    assert tot["rank_computed"].sum() >= len(tot) - 3


def test_no_zero_stands_for_missing(ds):
    s = ds.scores
    assert not ((s["value"] == 0) & (s["index"] != "PAR_INDEX")).any()


def test_papi_sums(ds):
    s = ds.scores[(ds.scores["index"] == "PAPI") & (ds.scores["year"] == 2020) & (ds.scores["province_code"] == "22")]
    v = s.set_index("indicator")["value"]
    assert abs(v[["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]].sum() - v["total"]) < 1e-6
    assert abs(v[["D8.1", "D8.2", "D8.3"]].sum() - v["D8"]) < 1e-4


def test_computed_ranks_cover_every_figure_of_their_group(ds):
    """A computed rank ranks every province with a score in that index/year/indicator (all 63, or the
    assessed ones in a year with official gaps) and ``rank_of`` says how many; PCI 2005–2008 count Hà Tây."""
    s = ds.scores
    comp = s[s["rank_computed"]]
    assert set(comp["index"]) == {"PAPI", "PCI"}
    for (index, year, ind), g in s[s.set_index(["index", "year", "indicator"]).index.isin(
            comp.set_index(["index", "year", "indicator"]).index)].groupby(["index", "year", "indicator"]):
        n = g["value"].notna().sum()
        assert g.loc[g["value"].notna(), "rank"].notna().all(), (index, year, ind)
        expect = {2005: 42, 2006: 64, 2007: 64, 2008: 64}.get(year, 63) if index == "PCI" else n
        assert (g["rank_of"].dropna() == expect).all(), (index, year, ind)
        assert n == 63 or index == "PAPI" or year <= 2008, (index, year, ind)


def test_every_rank_says_how_many_were_ranked(ds):
    s = ds.scores
    r = s[s["rank"].notna()]
    assert r["rank_of"].notna().all() and (r["rank"] <= r["rank_of"]).all()
    papi22 = r[(r["index"] == "PAPI") & (r["year"] == 2022) & (r["indicator"] == "total")]
    assert len(papi22) == 61 and (papi22["rank_of"] == 61).all()  # "x/61"
    assert (r.loc[r["index"].isin(["PAR_INDEX", "SIPAS"]), "rank_of"] == 63).all()


def test_published_papi_ranks_kept_where_pages_state_them(ds):
    s = ds.scores.set_index(["index", "year", "province_code", "indicator"])
    cb = s.loc[("PAPI", 2022, "04", "total")]  # "Cao Bằng đứng cuối cùng": last of the 61 assessed
    assert cb["rank"] == 61 and cb["rank_of"] == 61 and not cb["rank_computed"] and cb["rank_source_id"]
    tn = s.loc[("PAPI", 2021, "72", "total")]  # Tây Ninh "lên thứ hạng 31" (of the 60 assessed)
    assert tn["rank"] == 31 and not tn["rank_computed"]
    sl = s.loc[("PAPI", 2021, "14", "total")]  # a stated 53 contradicts the scores: the computed rank stays
    assert sl["rank"] == 50 and sl["rank_computed"] and sl["note"].startswith("[resolved]")


def test_ranks_agree_with_scores(ds):
    """No rank contradicts the scores of its index/year/indicator, except where RESOLUTIONS documents it."""
    from scripts.build_data import check_rank_order
    check_rank_order(ds.scores)  # raises on an undocumented contradiction


@pytest.mark.parametrize("key,value,rank", [
    (("PAR_INDEX", 2023, "96", "total"), 86.89, 34),  # Cà Mau: 34 (baocamau) fits 86.97 (33rd) > 86.89 > 86.76 (35th)
    (("PAR_INDEX", 2023, "79", "total"), 86.97, 33),
    (("SIPAS", 2023, "31", "total"), None, 5),        # Hải Phòng 5th; its printed 88.09 contradicts Lào Cai 88.76 (6th)
    (("SIPAS", 2023, "10", "total"), 88.76, 6),
    (("SIPAS", 2021, "77", "total"), 86.72, 38),      # Bà Rịa - Vũng Tàu 38/63; Đà Nẵng's indirect "(hạng 38)" left out
])
def test_rank_contradictions_resolved(ds, key, value, rank):
    v, r = val(ds, *key)
    assert (v is None or v != v) if value is None else abs(v - value) < 1e-9
    assert r == rank
    assert val(ds, "SIPAS", 2021, "48") == (None, None)


def test_documented_conflicts_carry_their_note(ds):
    """A figure whose sources conflict says so in its note ("[resolved] …"), where the app shows it."""
    from scripts.build_data import RESOLUTIONS, RESOLVED_MARK
    s = ds.scores.set_index(["index", "year", "province_code", "indicator"])
    shown = 0
    for (index, year, code, ind, field), (chosen, why) in RESOLUTIONS.items():
        if (index, year, code, ind) in s.index:
            note = s.loc[(index, year, code, ind), "note"]
            assert note.startswith(RESOLVED_MARK) and why in note, (index, year, code, ind)
            shown += 1
    assert shown >= 12


def test_no_source_is_named_by_a_bare_address(ds):
    pub = ds.sources["publisher"]
    assert not pub.str.fullmatch(r"\d{1,3}(\.\d{1,3}){3}(:\d+)?").any()
    row = ds.sources[ds.sources["url"].str.contains("211.88.39.63", regex=False)].iloc[0]
    assert "Consulate General of China" in row["publisher"] and "211.88" not in row["title"]


def test_par_components_never_list_a_part_beside_its_whole(ds):
    ind = ds.indicators
    par = ind[ind["index"] == "PAR_INDEX"]
    parent_of = dict(zip(par["indicator"], par["parent"]))
    assert {k for k, v in parent_of.items() if v == "B_SURVEY"} == {"B_SIPAS", "B_LEADERS", "B_SOCIOECON"}
    for parent in set(par["parent"]) - {""}:
        children = set(par.loc[par["parent"] == parent, "indicator"])
        for c in children:  # no child of a parent is also a child of one of its siblings
            up = parent_of.get(c)
            while up and up != "total":
                assert up not in children or up == parent, (parent, c)
                up = parent_of.get(up)
    kids = par[par["parent"] == "B_SURVEY"]
    assert (kids["level"] == 2).all()
    # the published parts add up to their block, and the blocks to the total (Hải Phòng 2020: 90.51)
    s = ds.scores
    hp = s[(s["index"] == "PAR_INDEX") & (s["year"] == 2020) & (s["province_code"] == "31")].set_index("indicator")["value"]
    level1 = par.loc[(par["parent"] == "total") & par["indicator"].str.startswith("B_"), "indicator"]
    parts = hp.reindex(list(kids["indicator"])).sum()
    assert abs(hp["B_APPRAISAL"] + parts - hp["total"]) < 0.02
    assert set(level1) == {"B_APPRAISAL", "B_SURVEY"}


def test_every_indicator_has_its_parent(ds):
    from vngov.validate import check_indicator_parents
    assert check_indicator_parents(ds.indicators.reset_index(drop=True)) == []


def test_every_row_has_a_listed_source(ds):
    assert set(ds.scores["source_id"]) <= set(ds.sources["source_id"])
    web = ds.sources[ds.sources["source_id"].str.startswith("web_")]
    assert web["url"].str.startswith("http").all()


def test_no_unresolved_conflicts():
    from vngov.data import DATA_DIR
    report = (DATA_DIR / "build_report.txt").read_text(encoding="utf-8")
    assert "UNRESOLVED" not in report


def test_coverage_table(ds):
    c = ds.coverage_table().set_index(["index", "year"])
    assert c.loc[("PAPI", 2019), "with_score"] == 63
    assert c.loc[("PCI", 2005), "with_score"] == 41
    assert c.loc[("PAPI", 2014), "with_score"] == 61


def _frame(rows):
    return pd.DataFrame(rows, columns=["index", "year", "province_code", "indicator", "value", "rank", "units"])


def test_build_fails_on_an_undocumented_rank_contradiction():
    from scripts.build_data import check_rank_order, rank_contradictions
    # the PAR INDEX 2023 case as first bundled: Cà Mau 86.89 ranked 32 above TP Hồ Chí Minh 86.97 at 33
    bad = _frame([("PAR_INDEX", 2023, "96", "total", 86.89, 32, "63"), ("PAR_INDEX", 2023, "79", "total", 86.97, 33, "63"),
                  ("PAR_INDEX", 2023, "17", "total", 86.76, 35, "63")])
    with pytest.raises(ValueError, match="higher score ranked lower"):
        check_rank_order(bad, resolutions={})
    # documented for either figure: the build goes on and reports it
    doc = {("PAR_INDEX", 2023, "96", "total", "rank"): (32, "why")}
    assert len(check_rank_order(bad, resolutions=doc)) == 1
    # a shared rank needs equal scores: one unknown score or two different ones stop the build
    tie = _frame([("SIPAS", 2021, "48", "total", None, 38, "63"), ("SIPAS", 2021, "77", "total", 86.72, 38, "63")])
    with pytest.raises(ValueError, match="share a rank"):
        check_rank_order(tie, resolutions={})
    # equal printed scores may share a rank; the rounding of a printed figure is allowed for
    ok = _frame([("PCI", 2019, "01", "total", 64.56, 20, "63"), ("PCI", 2019, "02", "total", 64.56, 20, "63"),
                 ("SIPAS", 2020, "48", "total", 83.0, 47, "63"), ("SIPAS", 2020, "03", "total", 83.2, 48, "63"),
                 ("PCI", 2019, "03", "total", 64.0, 22, "63")])
    assert rank_contradictions(ok) == []
    # different index, year, indicator or unit set: never compared
    apart = _frame([("PCI", 2019, "01", "total", 64.0, 1, "63"), ("PCI", 2019, "02", "entry_costs", 70.0, 2, "63"),
                    ("PCI", 2020, "03", "total", 65.0, 2, "63"), ("PCI", 2019, "04", "total", 66.0, 3, "34")])
    assert rank_contradictions(apart) == []


def test_build_stops_on_an_undocumented_contradiction_in_the_sources(tmp_path, monkeypatch):
    """End to end: the merged figures are checked before anything is written."""
    import scripts.build_data as bd
    monkeypatch.delitem(bd.RESOLUTIONS, ("PAR_INDEX", 2023, "96", "total", "rank"))
    monkeypatch.setitem(bd.RESOLUTIONS, ("PAR_INDEX", 2023, "96", "total", "rank"), (32, "test: keep the wrong rank"))
    scores = pd.read_csv(bd.DATA / "scores.csv", dtype={"province_code": str})
    scores.loc[(scores["index"] == "PAR_INDEX") & (scores["year"] == 2023) & (scores["province_code"] == "96")
               & (scores["indicator"] == "total"), "rank"] = 32
    assert len(bd.check_rank_order(scores)) == 1  # documented: goes on
    monkeypatch.delitem(bd.RESOLUTIONS, ("PAR_INDEX", 2023, "96", "total", "rank"))
    with pytest.raises(ValueError, match="ranks contradict the scores"):
        bd.check_rank_order(scores, bd.RESOLUTIONS)


def test_pci_profile_transcriptions_are_quoted_and_loaded(ds):
    """Every figure transcribed from a VCCI province page carries its page and a verbatim quote holding it."""
    from vngov.data import DATA_DIR
    t = pd.read_csv(DATA_DIR / "transcribed/pci_profiles_issue14.csv", dtype=str, keep_default_na=False)
    assert len(t) >= 150 and (t["index"] == "PCI").all() and t["source_url"].str.startswith("http").all()
    for r in t.to_dict("records"):
        if r["value"]:
            assert r["value"] in r["quote"] or r["value"].replace(".", ",") in r["quote"], r
        if r["rank"]:
            assert r["rank"] in r["quote"], r
    s = ds.scores.set_index(["index", "year", "province_code", "indicator"])
    assert s.loc[("PCI", 2021, "24", "total"), "value"] == 64.74 and s.loc[("PCI", 2021, "24", "total"), "rank"] == 31
    th = s.loc[("PCI", 2024, "38", "total")]  # Thanh Hóa: the profile page's 2024 column
    assert th["value"] == 68.74 and th["rank"] == 21


def test_pci_2023_2024_ranks_are_published_ones(ds):
    """From PCI 2023 VCCI publishes the top 30 only: every 2023/2024 rank is published (never computed);
    ranks below 30 come from the province's own page."""
    s = ds.scores
    r = s[(s["index"] == "PCI") & (s["year"] >= 2023) & s["rank"].notna()]
    assert not r["rank_computed"].any() and (r["rank_of"] == 63).all()
    tot = s[(s["index"] == "PCI") & (s["year"].between(2021, 2024)) & (s["indicator"] == "total")]
    n = tot[tot["value"].notna() & tot["rank"].notna()].groupby("year")["province_code"].nunique()
    assert n[2021] >= 40 and n[2022] >= 42 and n[2023] >= 15 and n[2024] >= 14  # coverage only grows


def test_par_sipas_harvest_issue14_is_quoted_and_loaded(ds):
    """Issue 14 point 6: each transcribed PAR INDEX/SIPAS figure carries its page and a quote; a rank read
    from a published order list is kept as published (never computed) and gets no score."""
    from vngov.data import DATA_DIR
    t = pd.read_csv(DATA_DIR / "transcribed/harvest_issue14.csv", dtype=str, keep_default_na=False)
    assert len(t) >= 2 and t["index"].isin(["PAR_INDEX", "SIPAS"]).all()
    assert t["source_url"].str.startswith("http").all() and (t["quote"].str.len() > 20).all()
    s = ds.scores.set_index(["index", "year", "province_code", "indicator"])
    for code, rank in (("30", 3), ("22", 4)):  # SIPAS 2024: Hải Dương 3rd, Quảng Ninh 4th ("top five" in order)
        r = s.loc[("SIPAS", 2024, code, "total")]
        assert r["rank"] == rank and not r["rank_computed"] and pd.isna(r["value"]) and r["rank_of"] == 63
    # the order list agrees with the other published SIPAS 2024 ranks
    assert s.loc[("SIPAS", 2024, "31", "total"), "rank"] == 1 and s.loc[("SIPAS", 2024, "77", "total"), "rank"] == 5


def test_par_sipas_coverage_only_grows(ds):
    """Coverage floors (issue 14): province-years with a published score, and SIPAS 2024 ranks."""
    c = ds.coverage_table().set_index(["index", "year"])
    assert c.loc["PAR_INDEX", "with_score"].sum() >= 130
    assert c.loc["SIPAS", "with_score"].sum() >= 61
    assert c.loc[("SIPAS", 2024), "with_rank"] >= 17
    assert c.loc[("PAR_INDEX", 2023), "with_score"] >= 23 and c.loc[("PAR_INDEX", 2023), "with_rank"] >= 30


def test_derived_figures_of_the_december_check_are_not_loaded(ds):
    """Issue 14 point 7: figures the December 2026 check marks DERIVED (a stated figure plus a stated change)
    are not printed by any page, so the data has no row (or no rank) for them; the stated ones are loaded."""
    s = ds.scores.set_index(["index", "year", "province_code", "indicator"])
    assert ("SIPAS", 2022, "01", "total") not in s.index          # Hà Nội: 'tăng 9 bậc, ... 21/63' -> 30
    assert ("SIPAS", 2018, "22", "total") not in s.index          # Quảng Ninh: 95.26 '+4.11' -> 91.15
    assert ("PCI", 2021, "02", "total") not in s.index            # Hà Giang: '41/63 ..., tăng 18 bậc' -> 59
    brvt = s.loc[("PAR_INDEX", 2021, "77", "total")]              # 87.61 stated; rank only as 'giảm 7 bậc'
    assert brvt["value"] == 87.61 and pd.isna(brvt["rank"])
    # stated figures from the same check are in the data with their page
    assert s.loc[("PCI", 2021, "24", "total"), "rank"] == 31
    assert s.loc[("PAPI", 2021, "72", "total"), "rank"] == 31 and not s.loc[("PAPI", 2021, "72", "total"), "rank_computed"]


def test_pci_2021_2022_figures_from_provincial_pages(ds):
    """Issue 14 point 3: totals stated by provincial portals and VCCI news are loaded as stated, with their page;
    a page giving a rank without a score (Sóc Trăng 2021) gives a rank only, and a page saying "last" without a
    number (Cao Bằng 2021) gives a score only."""
    s = ds.scores.set_index(["index", "year", "province_code", "indicator"])
    src = ds.sources.set_index("source_id")
    for key, value, rank, host in [(("PCI", 2021, "91", "total"), 59.73, 60, "vccinews.com"),
                                   (("PCI", 2022, "91", "total"), 62.24, 56, "vccinews.com"),
                                   (("PCI", 2022, "94", "total"), 65.17, 34, "kinhtetieudung.vn"),
                                   (("PCI", 2022, "84", "total"), 66.06, 26, "travinh.gov.vn"),
                                   (("PCI", 2021, "95", "total"), 61.25, 55, "nghean.gov.vn"),
                                   (("PCI", 2021, "33", "total"), 63.76, 39, "vccinews.com"),
                                   (("PCI", 2022, "83", "total"), 68.04, 13, "vietnam-briefing.com")]:
        row = s.loc[key]
        assert row["value"] == value and row["rank"] == rank and not row["rank_computed"], key
        assert host in src.loc[row["source_id"], "url"], key
    assert pd.isna(s.loc[("PCI", 2021, "94", "total"), "value"]) and s.loc[("PCI", 2021, "94", "total"), "rank"] == 54
    assert s.loc[("PCI", 2021, "04", "total"), "value"] == 56.29 and pd.isna(s.loc[("PCI", 2021, "04", "total"), "rank"])
