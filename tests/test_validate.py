"""Malformed data files are rejected with a message naming file, row and column."""

import shutil

import pandas as pd
import pytest

from vngov.data import DATA_DIR
from vngov.validate import DataValidationError, load_tables


@pytest.fixture
def data_copy(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(DATA_DIR, d, ignore=shutil.ignore_patterns("transcribed"))
    return d


def edit_scores(d, fn):
    s = pd.read_csv(d / "scores.csv", dtype=str, keep_default_na=False)
    s = fn(s)
    s.to_csv(d / "scores.csv", index=False)
    return s


def problems(d):
    with pytest.raises(DataValidationError) as e:
        load_tables(d)
    return e.value.problems, str(e.value)


def first_papi_row(s):
    return int(s.index[(s["index"] == "PAPI") & (s["indicator"] == "D1.1")][0])


def test_missing_column(data_copy):
    edit_scores(data_copy, lambda s: s.drop(columns=["province_code"]))
    ps, msg = problems(data_copy)
    assert any(p.file == "scores.csv" and p.column == "province_code" and "missing" in p.message for p in ps)
    assert "scores.csv, row 1, column 'province_code'" in msg


def test_bad_province_code(data_copy):
    def f(s):
        s.loc[5, "province_code"] = "99"
        return s
    edit_scores(data_copy, f)
    ps, msg = problems(data_copy)
    assert "scores.csv, row 7, column 'province_code': '99' is not a province code" in msg


def test_value_out_of_scale(data_copy):
    row = {}

    def f(s):
        i = first_papi_row(s)
        row["i"] = i
        s.loc[i, "value"] = "250"
        return s
    edit_scores(data_copy, f)
    ps, msg = problems(data_copy)
    hit = [p for p in ps if p.row == row["i"] + 2 and p.column == "value"]
    assert hit and "outside the scale" in hit[0].message


def test_duplicate_key(data_copy):
    edit_scores(data_copy, lambda s: pd.concat([s, s.iloc[[10]]], ignore_index=True))
    ps, msg = problems(data_copy)
    assert any(p.column == "province_code" and "duplicate" in p.message for p in ps)


def test_not_a_number_and_unknown_index(data_copy):
    def f(s):
        s.loc[3, "value"] = "abc"
        s.loc[4, "index"] = "XYZ"
        s.loc[8, "year"] = "1900"
        return s
    edit_scores(data_copy, f)
    ps, msg = problems(data_copy)
    assert "row 5, column 'value': 'abc' is not a number" in msg
    # every problem is reported at once, not just the first
    assert any(p.row == 6 and p.column == "index" for p in ps)
    assert any(p.row == 10 and p.column == "year" for p in ps)


def test_wrong_encoding(data_copy):
    text = (data_copy / "provinces.csv").read_text(encoding="utf-8")
    (data_copy / "provinces.csv").write_bytes(text.encode("utf-16"))
    ps, msg = problems(data_copy)
    assert ps[0].file == "provinces.csv" and "not UTF-8" in ps[0].message


def test_empty_file(data_copy):
    (data_copy / "sources.csv").write_text("", encoding="utf-8")
    ps, msg = problems(data_copy)
    assert ps[0].file == "sources.csv" and "empty" in ps[0].message


def test_missing_file(data_copy):
    (data_copy / "indicators.csv").unlink()
    ps, msg = problems(data_copy)
    assert "indicators.csv: file is missing" in msg


def test_unknown_source_and_papi_sum(data_copy):
    def f(s):
        s.loc[2, "source_id"] = "nowhere"
        i = s.index[(s["index"] == "PAPI") & (s["indicator"] == "D1") & (s["year"] == "2019")][0]
        s.loc[i, "value"] = str(float(s.loc[i, "value"]) + 0.5)
        return s
    edit_scores(data_copy, f)
    ps, msg = problems(data_copy)
    assert "row 4, column 'source_id': 'nowhere' is not in sources.csv" in msg
    assert any("sub-dimensions sum to" in p.message for p in ps)


def test_indicator_parent_must_exist_one_level_up(data_copy):
    ind = pd.read_csv(data_copy / "indicators.csv", dtype=str, keep_default_na=False)
    i = ind.index[(ind["index"] == "PAR_INDEX") & (ind["indicator"] == "B_SIPAS")][0]
    ind.loc[i, "parent"] = "B_NOWHERE"
    j = ind.index[(ind["index"] == "PAR_INDEX") & (ind["indicator"] == "B_LEADERS")][0]
    ind.loc[j, "level"] = "1"  # a part of B_SURVEY listed on the level of its whole
    ind.to_csv(data_copy / "indicators.csv", index=False)
    probs, text = problems(data_copy)
    assert any(p.file == "indicators.csv" and p.row == i + 2 and p.column == "parent" for p in probs)
    assert any(p.file == "indicators.csv" and p.row == j + 2 and p.column == "level" for p in probs)
    assert "B_NOWHERE" in text


def test_rank_needs_its_number_of_ranked_units(data_copy):
    s = pd.read_csv(data_copy / "scores.csv", dtype=str, keep_default_na=False)
    i = s.index[s["rank"] != ""][0]
    k = s.index[s["rank"] != ""][1]
    s.loc[i, "rank_of"] = ""
    s.loc[k, "rank_of"] = "1" if s.loc[k, "rank"] != "1" else "0"
    s.to_csv(data_copy / "scores.csv", index=False)
    probs, _ = problems(data_copy)
    assert {(p.row, p.column) for p in probs} >= {(i + 2, "rank_of"), (k + 2, "rank_of")}
