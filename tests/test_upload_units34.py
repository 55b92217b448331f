"""Issue 13, step 3: upload of a 34-province table (template, validation per unit set)."""

import pandas as pd
import pytest

from units34_util import FIXTURE, SOURCE, fixture_rows, uploaded
from vngov import upload as up


def read(ds, text: str):
    return up.read_upload(text.encode("utf-8"), "t.csv", SOURCE, ds)


def msgs(res, lang="en"):
    return [p.render(lang) for p in res.problems]


HEAD = "index,year,province_code,indicator,value,rank,units\n"


def test_the_34_template_is_offered_beside_the_63_one():
    t34 = up.template_bytes("34").decode("utf-8-sig").splitlines()
    t63 = up.template_bytes().decode("utf-8-sig").splitlines()
    assert len(t34) == 35 and t34[1].startswith(",,01,Hà Nội,total") and t34[-1].startswith(",,96,Cà Mau")
    assert "units" in t34[0] and all(r.split(",")[8] == "34" for r in t34[1:])
    assert t63[1].startswith("PAR_INDEX,2019,22")


def test_a_34_table_is_accepted_and_shown_for_its_year(ds):
    res = up.read_upload(FIXTURE.read_bytes(), FIXTURE.name, SOURCE, ds)
    assert res.ok and len(res.rows) == 34 and set(res.rows["units"]) == {"34"}
    d = uploaded(ds)
    assert 2025 in d.years("PCI") and d.years("PCI")[-1] == 2025
    sl = d.slice("PCI", 2025)
    assert len(sl) == 34 and sl["value"].notna().sum() == 34
    tq = sl.set_index("province_code").loc["08"]
    assert tq["name_vi"] == "Tuyên Quang" and tq["value"] == 67.32 and tq["rank"] == 15
    assert pd.isna(tq["prev_value"]) and pd.isna(tq["change"])  # never a change across 63 -> 34
    assert d.ranked_of("PCI", 2025) == 34
    assert d.coverage("PCI", 2025) == dict(with_value=34, with_rank=34, total=34)
    # the 63-unit years are untouched
    assert len(d.slice("PCI", 2024)) == 63
    assert d.slice("PCI", 2024)["value"].notna().sum() == ds.slice("PCI", 2024)["value"].notna().sum() > 0


def test_units_empty_means_the_years_set(ds):
    res = read(ds, "index,year,province_code,indicator,value,rank\nPCI,2025,08,total,67.3,15\n")
    assert res.ok and list(res.rows["units"]) == ["34"]
    res = read(ds, "index,year,province_code,indicator,value,rank\nPCI,2024,02,total,60.1,\n")
    assert res.ok and list(res.rows["units"]) == ["63"]


def test_rank_40_of_34_refused_63_allowed(ds):
    res = read(ds, HEAD + "PCI,2025,08,total,67.3,40,34\n")
    assert not res.ok and msgs(res) == [up.Problem("t.csv", 2, "rank", "rank_range", {"v": 40, "max": 34}).render("en")]
    assert "rank must be 1–34, got 40" in msgs(res)[0]
    assert "thứ hạng phải từ 1 đến 34, nhận 40" in msgs(res, "vi")[0]
    assert read(ds, HEAD + "PCI,2024,08,total,67.3,40,63\n").ok


def test_a_code_of_the_other_set_is_named(ds):
    res = read(ds, HEAD + "PCI,2025,02,total,67.3,3,34\n")
    assert not res.ok
    en, vi = msgs(res)[0], msgs(res, "vi")[0]
    assert "'02' is the code of the former province Hà Giang" in en and "now part of Tuyên Quang (code 08)" in en
    assert "'02' là mã của tỉnh cũ Hà Giang" in vi and "nay thuộc Tuyên Quang (mã 08)" in vi
    res = read(ds, HEAD + "PCI,2025,99,total,67.3,3,34\n")
    assert "'99' is not a province code of the 34-province list" in msgs(res)[0]


def test_a_63_table_for_2025_is_refused(ds):
    res = read(ds, HEAD + "PCI,2025,02,total,67.3,3,63\n")
    assert not res.ok
    assert any("a 63-province table for 2025: since 1 July 2025 Viet Nam has 34 provinces" in m for m in msgs(res))
    assert any("bảng 63 tỉnh cho năm 2025" in m for m in msgs(res, "vi"))
    res = read(ds, HEAD + "PCI,2024,08,total,67.3,3,34\n")
    assert any("a 34-province table for 2024" in m for m in msgs(res))


def test_duplicates_per_set(ds):
    res = read(ds, HEAD + "PCI,2025,08,total,67.3,3,34\nPCI,2025,08,total,66.0,4,34\n")
    assert [p.code for p in res.problems] == ["duplicate"] and res.problems[0].row == 3
    # the same code in both sets (other years) is no duplicate
    assert read(ds, HEAD + "PCI,2025,08,total,67.3,3,34\nPCI,2024,08,total,66.0,4,63\n").ok


def test_name_checked_against_its_set(ds):
    h = "index,year,province_code,province_name,indicator,value,rank,units\n"
    assert read(ds, h + "PCI,2025,80,Tây Ninh,total,67.3,3,34\n").ok
    res = read(ds, h + "PCI,2025,80,Long An,total,67.3,3,34\n")  # 80 is the new Tây Ninh (with Long An)
    assert [p.code for p in res.problems] == ["name"]
    assert read(ds, h + "PCI,2024,80,Long An,total,67.3,3,63\n").ok


def test_fixture_is_marked_test_data():
    first = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# TEST DATA") and (fixture_rows()["note"] == "TEST DATA").all()
