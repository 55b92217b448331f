"""Spreadsheet (CSV) injection, issue 12 point 5: every CSV the app writes neutralises a cell a spreadsheet
would run as a formula (OWASP: a cell starting with = + - @ tab or CR gets a leading apostrophe), in the
data rows AND in the metadata lines above them, whatever separator splits them; visitor text never names a
file. The CSVs are made through ``vngov.ui.downloads.csv_bytes`` from the Download blocks of the upload page
(its problems list and the session's uploaded figures), as the page's button makes them."""

import csv
import io
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vngov import upload as up
from vngov.ui.downloads import csv_bytes
from vngov.views import upload as view

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SAFE_FILE_NAME = re.compile(r"[a-z0-9_]+")
HOSTILE = ['=HYPERLINK("http://127.0.0.1:9/x","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "a,=HYPERLINK(\"http://x\")", "x;=1+1", "ok\n=1+1", 'q"",=1']


def cells(data: bytes, delimiter: str = ",") -> list[str]:
    """Every cell a spreadsheet opening the file with ``delimiter`` as separator shows, metadata lines included."""
    text = data.decode("utf-8-sig")
    return [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for c in row]


def formula_cells(data: bytes) -> list[str]:
    """Cells that start like a formula when the file is opened with a comma as separator, or with a
    semicolon (Excel's list separator where the decimal mark is a comma, as in Vietnamese settings); a
    spreadsheet that trims leading spaces on import must not find one either."""
    return [c for d in (",", ";") for c in cells(data, d) if c.lstrip(" ").startswith(FORMULA_START)]


def data_rows(data: bytes) -> pd.DataFrame:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    rows = [r for r in rows if not (r and r[0].startswith("# "))]
    return pd.DataFrame(rows[1:], columns=rows[0])


# ------------------------------------------------------------------------------------------
# csv_bytes itself
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("v", HOSTILE)
def test_hostile_cell_is_not_a_formula(v):
    data = csv_bytes(pd.DataFrame({"note": [v], "value": [1.5]}), {"content": "test"})
    assert formula_cells(data) == []
    back = data_rows(data)["note"].iloc[0]
    assert back.lstrip("'") == v.lstrip("'") or back == "'" + v  # the text itself is kept


@pytest.mark.parametrize("v", HOSTILE)
def test_hostile_metadata_line_is_not_a_formula(v):
    """A metadata line (source, file) is read by a spreadsheet as a row: split at a comma, its second cell
    must not become a formula either."""
    data = csv_bytes(pd.DataFrame({"value": [1.0]}), {"source": v, "file": v})
    assert formula_cells(data) == [], data.decode("utf-8-sig")


def test_numbers_are_left_alone():
    data = csv_bytes(pd.DataFrame({"value": [-1.5, 2.0], "rank": [1, 2]}), {})
    rows = data_rows(data)
    assert list(rows["value"]) == ["-1.5", "2.0"] and list(rows["rank"]) == ["1", "2"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z", "Cc")),
                        max_size=30), min_size=1, max_size=5),
       st.text(alphabet=st.sampled_from("=+-@\t\r,;\"' aZ1đ\n(|!"), max_size=20))
def test_any_text_is_neutralised_and_kept(texts, meta):
    """Any visitor text in cells and in the metadata: no cell of the file starts like a formula under any
    usual separator, and each data cell reads back as the text (with a leading apostrophe if it had to)."""
    data = csv_bytes(pd.DataFrame({"note": texts}), {"source": meta})
    assert formula_cells(data) == []
    back = list(data_rows(data)["note"])
    for b, t in zip(back, texts):
        assert b == t or b == "'" + t


# ------------------------------------------------------------------------------------------
# the upload page's downloads: its problem list, the session's uploaded figures
# ------------------------------------------------------------------------------------------
def _downloads(section) -> list:
    return list(section.downloads)


def test_upload_problems_download_is_safe(ds):
    bad = ("index,year,province_code,indicator,value,rank,=cmd\n"
           "PAR_INDEX,2019,=HYPERLINK(\"http://x\"),total,80,41,x\n"
           "@SUM(A1),2019,02,total,-3+4,42,y\n")
    res = up.read_upload(bad.encode(), '=HYPERLINK("http://127.0.0.1:9",",=1").csv',
                         "+cmd, =HYPERLINK(\"http://x\")", ds)
    assert res.problems
    for lang in ("vi", "en"):
        [d] = _downloads(view.problems_section(res, lang))
        assert SAFE_FILE_NAME.fullmatch(d.name), d.name  # visitor text never names the file
        data = csv_bytes(d.frame, d.meta)
        assert formula_cells(data) == [], data.decode("utf-8-sig")
        assert any("HYPERLINK" in c for c in cells(data))  # the text is there, inert


def test_uploaded_figures_download_is_safe(ds):
    rows = ("index,year,province_code,indicator,value,rank,note\n"
            "PAR_INDEX,2019,02,total,80.16,40,=HYPERLINK(\"http://x\")\n"
            "PAR_INDEX,2019,46,total,83.73,12,-1+2\n"
            "PAR_INDEX,2019,48,total,82,13,@SUM(A1)\n")
    res = up.read_upload(rows.encode(), "=1+1.csv", 'QĐ 1, =HYPERLINK("http://127.0.0.1:9","x")', ds)
    assert res.ok, [str(p) for p in res.problems]
    extra = up.apply_upload(None, res, replace=False)
    sections = view.active_sections(ds, extra, "en")
    [d] = [x for s in sections for x in s.downloads]
    assert SAFE_FILE_NAME.fullmatch(d.name), d.name
    data = csv_bytes(d.frame, d.meta)
    assert formula_cells(data) == [], data.decode("utf-8-sig")
    notes = list(data_rows(data)["note"])
    assert [n.lstrip("'") for n in notes] == ['=HYPERLINK("http://x")', "-1+2", "@SUM(A1)"]
