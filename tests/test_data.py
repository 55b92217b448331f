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
    # ranks are never computed from a partial set
    assert tot["rank"].isna().all()


def test_no_zero_stands_for_missing(ds):
    s = ds.scores
    assert not ((s["value"] == 0) & (s["index"] != "PAR_INDEX")).any()


def test_papi_sums(ds):
    s = ds.scores[(ds.scores["index"] == "PAPI") & (ds.scores["year"] == 2020) & (ds.scores["province_code"] == "22")]
    v = s.set_index("indicator")["value"]
    assert abs(v[["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]].sum() - v["total"]) < 1e-6
    assert abs(v[["D8.1", "D8.2", "D8.3"]].sum() - v["D8"]) < 1e-4


def test_computed_ranks_only_for_complete_sets(ds):
    s = ds.scores
    comp = s[s["rank_computed"]]
    n = comp.groupby(["index", "year", "indicator"])["value"].count()
    assert ((n == 63) | (n.index.get_level_values(0) == "PCI")).all()


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
