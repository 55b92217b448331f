"""Issue 13, step 1: the 34 provincial units of 1 July 2025 (data/provinces34.csv), their upload template
(data/template_scores34.csv) and the loader of published 2025 results (data/transcribed/results_2025_*.csv)."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from scripts import build_data as bd
from vngov.data import DATA_DIR
from vngov.validate import DataValidationError, bundled_files_unchanged, load_tables

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def p34():
    return pd.read_csv(DATA_DIR / "provinces34.csv", dtype=str, keep_default_na=False)


def test_34_units_each_former_province_once(p34):
    assert len(p34) == 34 and p34["province_code"].is_unique
    former = [c for f in p34["former_codes"] for c in f.split()]
    p63 = pd.read_csv(DATA_DIR / "provinces.csv", dtype=str)
    assert sorted(former) == sorted(p63["province_code"]) and len(former) == 63
    # 11 unchanged, 23 formed from 2 or 3 (shared/sources/geo/PROVENANCE.md §4)
    n = p34["former_codes"].str.split().str.len()
    assert (n == 1).sum() == 11 and (n >= 2).sum() == 23 and n.max() == 3


def test_known_mergers(p34):
    row = p34.set_index("province_code")
    assert row.at["08", "name_vi"] == "Tuyên Quang" and row.at["08", "former_codes"] == "02 08"
    assert row.at["08", "former_names_vi"] == "Hà Giang; Tuyên Quang"
    assert row.at["79", "name_en"] == "Ho Chi Minh City" and row.at["79", "former_codes"] == "74 77 79"
    assert row.at["46", "name_vi"] == "Huế" and row.at["46", "former_codes"] == "46"
    assert row.at["80", "name_vi"] == "Tây Ninh" and row.at["80", "former_names_en"] == "Tay Ninh; Long An"


def test_mapping_agrees_with_63_table(p34):
    p63 = pd.read_csv(DATA_DIR / "provinces.csv", dtype=str).set_index("province_code")
    for code, former in zip(p34["province_code"], p34["former_codes"]):
        assert set(p63.loc[former.split(), "new_code"]) == {code}


def test_template34_lists_the_34_codes_and_names(p34):
    tpl = pd.read_csv(DATA_DIR / "template_scores34.csv", dtype=str, keep_default_na=False)
    assert list(tpl["province_code"]) == list(p34["province_code"])
    assert list(tpl["province_name"]) == list(p34["name_vi"]) and set(tpl["units"]) == {"34"}
    assert (tpl["value"] == "").all() and (tpl["rank"] == "").all()  # no figure in a template


def test_checksums_cover_provinces34(tmp_path):
    assert "provinces34.csv" in (DATA_DIR / "CHECKSUMS.sha256").read_text()
    assert bundled_files_unchanged(DATA_DIR)
    d = tmp_path / "data"
    shutil.copytree(DATA_DIR, d, ignore=shutil.ignore_patterns("transcribed"))
    p = pd.read_csv(d / "provinces34.csv", dtype=str, keep_default_na=False)
    p.loc[0, "former_codes"] = "01 02"  # Hà Giang in two new units
    p.to_csv(d / "provinces34.csv", index=False)
    assert not bundled_files_unchanged(d)
    with pytest.raises(DataValidationError) as e:
        load_tables(d, full_check=False)
    assert any(q.file == "provinces34.csv" and q.code == "provinces_34" for q in e.value.problems)


def test_no_34_unit_figure_bundled_without_a_source():
    s = pd.read_csv(DATA_DIR / "scores.csv", dtype=str, keep_default_na=False)
    s34 = s[s["units"] == "34"]
    # whatever was transcribed for 2025 on is bundled with its page; nothing else is 34-unit
    src = set(pd.read_csv(DATA_DIR / "sources.csv", dtype=str)["source_id"])
    assert s34["source_id"].isin(src).all() and (s34["year"].astype(int) >= 2025).all()
    assert (s[s["year"].astype(int) >= 2025]["units"] == "34").all()


@pytest.mark.skipif(not (SHARED / bd.MAPPING_2025).exists(), reason="shared sources absent")
def test_results_2025_loader(tmp_path):
    provinces = bd.build_provinces(SHARED)
    p34 = bd.build_provinces34(SHARED, provinces)
    (tmp_path / "transcribed").mkdir()
    f = tmp_path / "transcribed" / "results_2025_test.csv"
    # TEST DATA (not a published figure): only exercises the loader
    row = dict(index="PCI", year="2025", province_code="8", indicator="", value="70.5", rank="3", rank_of="34",
               url="https://example.org/test", title="t", publisher="p", date="", quote="test quote", note="")
    pd.DataFrame([row]).to_csv(f, index=False)
    scores, srcs = bd.results_2025(tmp_path, p34)
    assert list(scores["province_code"]) == ["08"] and list(scores["units"]) == ["34"]
    assert scores["value"].iloc[0] == 70.5 and scores["indicator"].iloc[0] == "total"
    assert srcs[0]["url"] == "https://example.org/test"
    pd.DataFrame([{**row, "province_code": "02"}]).to_csv(f, index=False)  # Hà Giang is no longer a unit
    with pytest.raises(AssertionError, match="not codes of the 34"):
        bd.results_2025(tmp_path, p34)
    pd.DataFrame([{**row, "quote": ""}]).to_csv(f, index=False)
    with pytest.raises(AssertionError, match="page and quote"):
        bd.results_2025(tmp_path, p34)
