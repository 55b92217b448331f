"""Uploaded tables (vngov.upload, no Streamlit): encodings, separators, decimal commas, every problem named
by row and column, nothing partial, conflicts with bundled figures listed, defaults, hostile content."""

import csv
import re
import io
import unicodedata

import pandas as pd
import pytest

from vngov import upload as up
from vngov.data import DATA_DIR

SRC = "QĐ 330/QĐ-BNV 13/5/2020, phụ lục"
HEAD = "index,year,province_code,indicator,value,rank,note"
# PAR INDEX 2019: Quảng Ninh (22) 90.09 is bundled; Hà Giang (02) and Thừa Thiên Huế (46) are not
NEW_ROWS = [("PAR_INDEX", "2019", "02", "total", "80.16", "40", "Hà Nội và Thừa Thiên Huế: ghi chú"),
            ("PAR_INDEX", "2019", "46", "total", "83.73", "12", "Thừa Thiên Huế")]


def enc1258(s: str) -> bytes:
    """Encode as Windows-1258 does: a toned vowel that has no code point of its own is written as the
    precomposed base vowel followed by a combining tone mark (ộ = ô + U+0323)."""
    out = b""
    for ch in unicodedata.normalize("NFC", s):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        for i in range(1, len(d)):
            try:
                out += unicodedata.normalize("NFC", d[:i] + d[i + 1:]).encode("cp1258") + d[i].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise ValueError(ch)
    return out


def table(rows=NEW_ROWS, head=HEAD, sep=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(head.split(","))
    w.writerows(rows)
    return buf.getvalue()


def read(ds, data, name="t.csv", source=SRC):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return up.read_upload(data, name, source, ds)


def messages(res, lang="en"):
    """Each problem as 'file, row 3, column 'value': message' with the message in ``lang`` (str() is English)."""
    if lang == "en":
        return [str(p) for p in res.problems]
    return [str(p).replace(p.render("en"), p.render(lang)) for p in res.problems]


def assert_refused(res):
    assert res.problems and not res.ok
    assert res.rows.empty  # nothing partial


# ------------------------------------------------------------------------------------------
# encodings and separators
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding,label", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("cp1258", "Windows-1258"), ("utf-16", "UTF-16")])
def test_vietnamese_text_in_each_encoding(ds, encoding, label):
    text = table(sep="\t" if encoding == "utf-16" else ",")
    data = enc1258(text) if encoding == "cp1258" else text.encode(encoding)
    if encoding == "cp1258":
        assert b"N\xf4\xf2i" in data  # "Nội" really is written with a combining dot below
    res = read(ds, data)
    assert res.ok, messages(res)
    assert res.encoding == label
    assert list(res.rows["note"]) == ["Hà Nội và Thừa Thiên Huế: ghi chú", "Thừa Thiên Huế"]
    assert all(unicodedata.is_normalized("NFC", n) for n in res.rows["note"])
    assert list(res.rows["value"]) == [80.16, 83.73]


def test_cp1252_export(ds):
    # a Western-locale Excel export can only hold the Latin-1 letters: "Hòa Bình" survives, "Hà Nội" does not
    rows = [NEW_ROWS[0][:6] + ("Tây Ninh; Cà Mau; Kiên Giang; Hòa Bình",), NEW_ROWS[1][:6] + ("Hà N?i",)]
    data = table(rows).encode("cp1252")
    res = read(ds, data)
    assert res.ok, messages(res)
    assert res.encoding == "Windows-1252"
    assert list(res.rows["note"]) == ["Tây Ninh; Cà Mau; Kiên Giang; Hòa Bình", "Hà N?i"]


def test_cp1258_not_mistaken_for_cp1252(ds):
    res = read(ds, enc1258(table(rows=[NEW_ROWS[1][:6] + ("Thừa Thiên Huế; Bà Rịa – Vũng Tàu; Đắk Lắk",)])))
    assert res.encoding == "Windows-1258"
    assert res.rows["note"].iloc[0] == "Thừa Thiên Huế; Bà Rịa – Vũng Tàu; Đắk Lắk"


def test_semicolon_and_decimal_comma(ds):
    text = table([r[:4] + (r[4].replace(".", ","),) + r[5:] for r in NEW_ROWS], sep=";")
    assert "80,16" in text and text.count(";") > 10
    res = read(ds, enc1258(text))  # Excel in a Vietnamese locale: ';', decimal comma, Windows-1258
    assert res.ok, messages(res)
    assert res.delimiter == ";" and res.decimal_commas == 2
    assert list(res.rows["value"]) == [80.16, 83.73]


def test_quoted_decimal_comma_in_comma_separated_file(ds):
    res = read(ds, 'index,year,province_code,indicator,value,rank\nSIPAS,2019,46,total,"87,16",5\n')
    assert res.ok, messages(res)
    assert res.rows["value"].iloc[0] == 87.16 and res.delimiter == ","


def test_unquoted_decimal_comma_in_comma_separated_file_is_named(ds):
    res = read(ds, "index,year,province_code,indicator,value,rank\nSIPAS,2019,46,total,87,16,5\n")
    assert_refused(res)
    assert messages(res) == ['t.csv, row 2: the row has 7 fields but the header has 6 (a decimal comma in a '
                             'comma-separated file? Quote the number, e.g. "87,16", or save with \';\' as the '
                             'separator)']


def test_percent_sign_trailing_separators_leading_zero_and_sep_line(ds):
    text = 'sep=;\nindex;year;province_code;indicator;value;rank;;\nSIPAS;2019;2;total;87,16%;5;;\n'
    res = read(ds, text)
    assert res.ok, messages(res)
    r = res.rows.iloc[0]
    assert (r["province_code"], r["value"], r["rank"], r["line"]) == ("02", 87.16, 5, 3)


def test_comment_lines_and_blank_lines_keep_file_line_numbers(ds):
    text = "# downloaded from somewhere\n# index: SIPAS\n\nindex,year,province_code,indicator,value,rank\n" \
           "SIPAS,2019,46,total,87.1,5\n\nSIPAS,2019,99,total,87.2,6\n"
    res = read(ds, text)
    assert messages(res) == ["t.csv, row 7, column 'province_code': '99' is not a province code of the "
                             "63-province list"]


def test_ambiguous_number(ds):
    res = read(ds, 'index;year;province_code;indicator;value;rank\nSIPAS;2019;46;total;1.087,16;5\n')
    assert "t.csv, row 2, column 'value': '1.087,16' is ambiguous (it has both a point and a comma)" in messages(res)


# ------------------------------------------------------------------------------------------
# refusals: the message names row and column; nothing partial
# ------------------------------------------------------------------------------------------
def test_missing_column(ds):
    res = read(ds, "index,year,province_code,indicator,rank\nSIPAS,2019,46,total,5\n")
    assert_refused(res)
    assert messages(res) == ["t.csv, row 1, column 'value': required column is missing"]


def test_missing_columns_all_listed(ds):
    res = read(ds, "index,year,value\nSIPAS,2019,5\n")
    assert [p.column for p in res.problems] == ["province_code", "indicator", "rank"]


def test_bad_province_code(ds):
    res = read(ds, table([NEW_ROWS[0], ("PAR_INDEX", "2019", "99", "total", "80", "41", "")]))
    assert_refused(res)
    assert messages(res) == ["t.csv, row 3, column 'province_code': '99' is not a province code of the "
                             "63-province list"]


def test_value_out_of_scale(ds):
    res = read(ds, table([("PAR_INDEX", "2019", "02", "total", "184.64", "40", ""), NEW_ROWS[1]]))
    assert_refused(res)
    assert messages(res) == ["t.csv, row 2, column 'value': 184.64 is outside the scale 0–100 of PAR_INDEX total"]


def test_duplicate_key(ds):
    res = read(ds, table([NEW_ROWS[0], NEW_ROWS[1], NEW_ROWS[0]]))
    assert_refused(res)
    assert messages(res) == ["t.csv, row 4, column 'province_code': duplicate of another row for "
                             "(PAR_INDEX, 2019, 02, total)"]


@pytest.mark.parametrize("rank,ok", [("0", False), ("63", True), ("64", False), ("100", False)])
def test_rank_range(ds, rank, ok):
    res = read(ds, table([("SIPAS", "2019", "46", "total", "87", rank, "")]))
    if ok:
        assert res.ok, messages(res)
        assert res.rows["rank"].iloc[0] == 63 and not res.rows["rank_computed"].iloc[0]
    else:
        assert messages(res) == [f"t.csv, row 2, column 'rank': rank must be 1–63, got {rank}"]


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(ds, data):
    res = read(ds, data)
    assert_refused(res)
    assert messages(res) == ["t.csv: The file is empty."]


def test_header_without_rows(ds):
    res = read(ds, "index,year,province_code,indicator,value,rank\n")
    assert messages(res) == ["t.csv: The file has a header but no data rows."]


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "a PNG image"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30, "an Excel workbook (.xlsx) or a ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3", "a PDF file"),
    (b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x08builtins\x94", "binary (pickle) data"),
    (b"index,year\x00\x01\x02\x03", "binary data"),
])
def test_not_a_csv(ds, data, kind):
    res = read(ds, data, name="photo.csv")
    assert_refused(res)
    assert messages(res) == [f"photo.csv: This is not a CSV text file (it looks like {kind}). Save the table as CSV."]


def test_oversize(ds):
    line = "SIPAS,2019,46,total,87.16,5\n"
    data = ("index,year,province_code,indicator,value,rank\n" + line * 80000).encode()
    assert len(data) > up.MAX_BYTES
    res = read(ds, data)
    assert_refused(res)
    assert messages(res) == [f"t.csv: The file is {len(data) / 1048576:.1f} MB; the limit is 2.0 MB."]


def test_every_problem_at_once_and_nothing_partial(ds):
    rows = [NEW_ROWS[0],                                                 # fine
            ("PAR_INDEX", "2019", "99", "total", "80", "41", ""),         # bad code
            ("PAR_INDEX", "2019", "04", "total", "abc", "42", ""),        # not a number
            ("XYZ", "2019", "06", "total", "80", "43", ""),               # unknown index
            ("PAPI", "1900", "08", "total", "50", "44", ""),              # year
            ("PCI", "2019", "10", "total", "70", "77", ""),               # rank
            ("PCI", "2019", "11", "no_such", "7", "", "")]                # indicator
    res = read(ds, table(rows), source="")
    assert_refused(res)
    assert messages(res) == [
        "t.csv, column 'source': enter the source of the table (e.g. QĐ 330/QĐ-BNV 13/5/2020, phụ lục)",
        "t.csv, row 3, column 'province_code': '99' is not a province code of the 63-province list",
        "t.csv, row 4, column 'value': 'abc' is not a number",
        "t.csv, row 5, column 'index': index must be one of PAR_INDEX, SIPAS, PAPI, PCI: got 'XYZ'",
        "t.csv, row 6, column 'year': year must be 2005–2030: got 1900",
        "t.csv, row 7, column 'rank': rank must be 1–63, got 77",
        "t.csv, row 8, column 'indicator': 'no_such' is not an indicator of PCI in 2019"]
    frame = up.problems_frame(res.problems)
    assert list(frame.columns) == ["file", "row", "column", "message"] and len(frame) == 7
    assert frame["row"].iloc[0] is pd.NA and frame["row"].iloc[1] == 3


def test_year_after_the_catalogue_says_so(ds):
    # issue 13: each index's total is an indicator of the 34-unit editions from 2025; a component is not
    res = read(ds, table([("PAPI", "2026", "01", "D1", "4.5", "3", "")]))
    assert messages(res) == ["t.csv, row 2, column 'indicator': 'D1' is not an indicator of PAPI in 2026 (the "
                             "indicator catalogue data/indicators.csv ends for PAPI in 2024: a later year needs the "
                             "catalogue extended first)"]


def test_unknown_source_id(ds):
    res = read(ds, "index,year,province_code,indicator,value,rank,source_id\nSIPAS,2019,46,total,87,5,nope\n")
    assert messages(res) == ["t.csv, row 2, column 'source_id': 'nope' is not in sources.csv"]


def test_province_name_column_is_checked_against_the_code(ds):
    text = "index,year,province_code,province_name,indicator,value,rank\n" \
           "SIPAS,2019,46,Thừa Thiên Huế,total,87,5\nSIPAS,2019,02,TP. Hà Nội,total,80,30\n" \
           "SIPAS,2019,01,Ha Noi,total,81,29\n"
    res = read(ds, text)
    assert messages(res) == ["t.csv, row 3, column 'province_name': 'TP. Hà Nội' is not the name of province 02 "
                             "(Hà Giang): check the code"]


def test_messages_in_vietnamese(ds):
    res = read(ds, "index,year,province_code,indicator,rank\nSIPAS,2019,46,total,5\n")
    assert messages(res, "vi") == ["t.csv, row 1, column 'value': thiếu cột bắt buộc"]
    res = read(ds, b"\x89PNG\r\n\x1a\n")
    assert "ảnh PNG" in res.problems[0].render("vi")


# ------------------------------------------------------------------------------------------
# defaults, source, hostile content
# ------------------------------------------------------------------------------------------
def test_defaults_and_source_row(ds):
    res = read(ds, table(), name="PAR 2019.csv")
    assert res.ok
    r = res.rows
    assert list(r.columns) == ["line"] + up.SCORE_ORDER
    assert set(r["source_id"]) == {"upload_1"} and set(r["units"]) == {"63"}
    assert set(r["origin"]) == {"uploaded"} and not r["rank_computed"].any()
    assert list(r["rank"]) == [40, 12]  # taken as given
    src = res.source.iloc[0]
    assert src["source_id"] == "upload_1" and src["title"] == SRC and src["publisher"] == SRC
    assert "PAR 2019.csv" in src["note"] and "2 rows" in src["note"]
    assert res.conflicts.empty


def test_rank_computed_in_the_file_is_ignored(ds):
    res = read(ds, "index,year,province_code,indicator,value,rank,rank_computed\nSIPAS,2019,46,total,87,5,True\n")
    assert res.ok and not res.rows["rank_computed"].iloc[0]
    assert any("taken as given" in n.render("en") for n in res.notices)


def test_known_source_id_is_kept(ds):
    """Issue 12 point 4 overturns the old expectation (the cited bundled id used to stay on the row, so the
    caption credited the official publisher): an uploaded figure always carries the analyst's source; the
    bundled id it cites is kept in the upload's source note only."""
    res = read(ds, "index,year,province_code,indicator,value,rank,source_id\n"
                   "SIPAS,2019,46,total,87,5,web_d7dbc56fac\nSIPAS,2019,48,total,88,4,\n")
    assert list(res.rows["source_id"]) == ["upload_1", "upload_1"]
    assert "the file cites web_d7dbc56fac" in res.source["note"].iloc[0]
    assert list(res.source["title"]) == [SRC] and list(res.source["publisher"]) == [SRC]


@pytest.mark.parametrize("cite", ["source_id", "rank_source_id", "both"])
def test_uploaded_figures_citing_a_bundled_source_keep_the_analysts_source(ds, cite):
    """Whatever bundled source_id / rank_source_id a row names, the session's figures, the caption of every
    page built on them and the "uploaded" notice name the analyst's text and not the official publisher."""
    from vngov.views.common import source_caption

    bundled = ds.sources.iloc[0]
    sid = bundled["source_id"]
    ids = {"source_id": (sid, ""), "rank_source_id": ("", sid), "both": (sid, sid)}[cite]
    res = read(ds, "index,year,province_code,indicator,value,rank,source_id,rank_source_id\n"
                   f"PAR_INDEX,2019,02,total,80.16,40,{ids[0]},{ids[1]}\n", source="Ghi chép của tôi, 2024")
    assert res.ok, messages(res)
    assert set(res.rows["source_id"]) == {"upload_1"}
    assert set(res.rows["rank_source_id"]) == ({"upload_1"} if ids[1] else {""})
    extra = up.apply_upload(None, res, replace=False)
    assert list(extra["sources"]["source_id"]) == ["upload_1"]
    from vngov.data import Dataset
    merged = Dataset(scores=up.overlay(ds.scores, extra["scores"]), indicators=ds.indicators,
                     provinces=ds.provinces, national=ds.national,
                     sources=pd.concat([ds.sources, extra["sources"]], ignore_index=True), version="t")
    shown = merged.scores[(merged.scores["index"] == "PAR_INDEX") & (merged.scores["year"] == 2019)
                          & (merged.scores["province_code"] == "02") & (merged.scores["indicator"] == "total")]
    ids_shown = list(shown["source_id"]) + [x for x in shown["rank_source_id"] if x]
    caption, notice = source_caption(merged, ids_shown, "en", frozenset(extra["sources"]["source_id"]))
    assert bundled["publisher"] not in caption and "Ghi chép của tôi, 2024" in caption
    assert notice and "Ghi chép của tôi, 2024" in notice


def test_hostile_text_is_inert(ds):
    rows = [("PAR_INDEX", "2019", "02", "total", "80", "40", "=HYPERLINK(\"http://x\",\"y\")"),
            ("PAR_INDEX", "2019", "46", "total", "81", "41", "<script>alert(1)</script>'; DROP TABLE scores;--"),
            ("PAR_INDEX", "2019", "48", "total", "82", "42", "{{7*7}} ../../etc/passwd \u202e\x07")]
    res = read(ds, table(rows), name="../../etc/passwd<b>.csv",
               source="[click](javascript:alert(1)) <img src=x> $x^2$ **QĐ 1**\x00\u200b")
    assert res.ok, messages(res)
    notes = list(res.rows["note"])
    assert notes[0].startswith("'=HYPERLINK")  # not a formula when opened in a spreadsheet
    assert notes[1] == "<script>alert(1)</script>'; DROP TABLE scores;--"  # plain text, shown in tables only
    assert "\u202e" not in notes[2] and "\x07" not in notes[2]
    title = res.source["title"].iloc[0]
    for ch in "[]<>$*\x00\u200b":
        assert ch not in title
    assert "QĐ 1" in title
    assert res.file == "../../etc/passwd b .csv"


def test_long_cells_refused(ds):
    res = read(ds, table([NEW_ROWS[0][:6] + ("x" * 600,), NEW_ROWS[1][:5] + ("1" * 2000, "")]))
    assert messages(res) == ["t.csv, row 2, column 'note': the cell is longer than 500 characters",
                             "t.csv, row 3, column 'rank': the cell is longer than 1000 characters"]


def test_mixed_up_separators_and_quotes(ds):
    res = read(ds, 'index,year,province_code,indicator,value,rank\n"SIPAS,2019,46,total,87,5\n')
    assert_refused(res)
    assert res.problems[0].row == 2


# ------------------------------------------------------------------------------------------
# the template
# ------------------------------------------------------------------------------------------
def test_template_has_the_columns_of_scores_and_three_marked_examples(ds):
    tmpl = pd.read_csv(DATA_DIR / "template_scores.csv", dtype=str, keep_default_na=False)
    scores_cols = pd.read_csv(DATA_DIR / "scores.csv", nrows=0).columns
    assert list(tmpl.columns) == list(scores_cols)
    assert len(tmpl) == 3 and tmpl["note"].str.startswith(up.EXAMPLE_MARK).all()
    # each example is a real bundled figure with its real source
    b = ds.scores.set_index(["index", "year", "province_code", "indicator"])
    for r in tmpl.to_dict("records"):
        got = b.loc[(r["index"], int(r["year"]), r["province_code"], r["indicator"])]
        assert abs(got["value"] - float(r["value"])) < 1e-9 and got["rank"] == int(r["rank"])
        assert got["source_id"] == r["source_id"] and r["source_id"] in set(ds.sources["source_id"])
    assert up.template_bytes().startswith(b"\xef\xbb\xbf")


def test_template_as_is_is_refused_as_examples(ds):
    res = read(ds, up.template_bytes(), name="template_scores.csv")
    assert messages(res) == [f"template_scores.csv, row {i}, column 'note': this is an example row of the template: "
                             "delete it before uploading" for i in (2, 3, 4)]


def test_template_with_examples_edited_is_accepted(ds):
    text = (DATA_DIR / "template_scores.csv").read_text(encoding="utf-8").replace(up.EXAMPLE_MARK, "checked")
    res = read(ds, text)
    assert res.ok, messages(res)
    assert len(res.conflicts) == 3 and res.conflicts["same"].all()


# ------------------------------------------------------------------------------------------
# conflicts, the session set, overlay
# ------------------------------------------------------------------------------------------
def conflicting(ds):
    # Quảng Ninh PAR INDEX 2019 is bundled as 90.09 (rank 1); Hà Giang is new
    return read(ds, table([("PAR_INDEX", "2019", "22", "total", "90.5", "1", ""), NEW_ROWS[0]]))


def test_conflicts_listed_with_both_values(ds):
    res = conflicting(ds)
    assert res.ok
    c = res.conflicts
    assert len(c) == 1
    r = c.iloc[0]
    assert (r["line"], r["province_code"], r["existing_value"], r["uploaded_value"], r["existing_rank"],
            r["uploaded_rank"], r["existing_origin"], bool(r["same"])) == (2, "22", 90.09, 90.5, 1, 1, "bundled", False)


def test_keep_bundled_drops_the_conflicting_rows(ds):
    res = conflicting(ds)
    extra = up.apply_upload(None, res, replace=False)
    assert list(extra["scores"]["province_code"]) == ["02"]
    merged = up.overlay(ds.scores, extra["scores"])
    qn = merged[(merged["index"] == "PAR_INDEX") & (merged["year"] == 2019) & (merged["province_code"] == "22")
                & (merged["indicator"] == "total")]
    assert list(qn["value"]) == [90.09] and list(qn["origin"]) == ["bundled"]
    assert len(merged) == len(ds.scores) + 1


def test_replace_shows_uploaded_in_their_place(ds):
    res = conflicting(ds)
    extra = up.apply_upload(None, res, replace=True)
    assert len(extra["scores"]) == 2 and list(extra["sources"]["source_id"]) == ["upload_1"]
    merged = up.overlay(ds.scores, extra["scores"])
    assert len(merged) == len(ds.scores) + 1  # one replaced, one added: never two rows for one key
    assert not merged.duplicated(up.KEY).any()
    qn = merged[(merged["index"] == "PAR_INDEX") & (merged["year"] == 2019) & (merged["province_code"] == "22")
                & (merged["indicator"] == "total")]
    assert list(qn["value"]) == [90.5] and list(qn["origin"]) == ["uploaded"]
    assert list(merged.columns) == list(ds.scores.columns)
    assert merged.dtypes.equals(ds.scores.dtypes)


def test_second_upload_against_the_first(ds):
    from vngov.data import Dataset
    first = up.apply_upload(None, read(ds, table()), replace=False)
    ds2 = Dataset(scores=up.overlay(ds.scores, first["scores"]), indicators=ds.indicators, provinces=ds.provinces,
                  sources=pd.concat([ds.sources, first["sources"]], ignore_index=True), national=ds.national)
    res = read(ds2, table([("PAR_INDEX", "2019", "02", "total", "80.2", "39", ""),
                           ("SIPAS", "2019", "46", "total", "87", "5", "")]))
    assert res.source["source_id"].iloc[0] == "upload_2"
    assert list(res.conflicts["existing_origin"]) == ["uploaded"]
    kept = up.apply_upload(first, res, replace=False)
    assert len(kept["scores"]) == 3 and set(kept["sources"]["source_id"]) == {"upload_1", "upload_2"}
    replaced = up.apply_upload(first, res, replace=True)
    hg = replaced["scores"][replaced["scores"]["province_code"] == "02"]
    assert list(hg["value"]) == [80.2] and list(hg["source_id"]) == ["upload_2"]


def test_refused_upload_changes_nothing(ds):
    res = read(ds, table([NEW_ROWS[0], ("PAR_INDEX", "2019", "99", "total", "80", "41", "")]))
    before = up.apply_upload(None, read(ds, table()), replace=False)
    assert up.apply_upload(before, res, replace=True) is before
    assert up.apply_upload(None, res, replace=True) is None


def test_summary(ds):
    s = up.summary(read(ds, table()).rows)
    assert s.to_dict("records") == [dict(index="PAR_INDEX", year=2019, indicator="total", provinces=2,
                                         with_value=2, with_rank=2)]


def test_damaged_utf8_is_refused_not_guessed(ds):
    data = table().encode("utf-8")
    cut = data.index("Thừa".encode()) + 2  # inside the two-byte "ừ"... the first byte of a sequence, then garbage
    data = data[:cut] + b"\xff" + data[cut + 1:]
    res = read(ds, data)
    assert_refused(res)
    [p] = res.problems
    assert p.row == 2 and "damaged byte" in p.message


def test_old_mac_line_endings(ds):
    res = read(ds, table().replace("\r\n", "\r"))
    assert res.ok, messages(res)
    assert list(res.rows["line"]) == [2, 3]


# ------------------------------------------------------------------------------------------
# odd columns, cost (issue 12 #2, #3)
# ------------------------------------------------------------------------------------------
INTERNAL = ["_row", "pos", "scale_min", "scale_max", "year_from", "year_to", "line", "origin", "level"]


def test_columns_named_like_internal_names_are_ignored_not_a_crash(ds):
    head = HEAD + "," + ",".join(INTERNAL)
    rows = [r + tuple("x" for _ in INTERNAL) for r in NEW_ROWS]
    res = read(ds, table(rows, head=head))
    assert res.ok, messages(res)
    assert [n.code for n in res.notices] == ["ignored_cols"]
    assert res.notices[0].render("en") == f"Columns not used, ignored: {', '.join(INTERNAL)}"
    assert list(res.rows.columns) == ["line"] + up.SCORE_ORDER and set(res.rows["origin"]) == {"uploaded"}
    # and with a problem: the problem list, the odd columns still ignored
    bad = rows + [("PAR_INDEX", "2019", "99", "total", "80", "41", "") + tuple("1" for _ in INTERNAL)]
    res = read(ds, table(bad, head=head))
    assert messages(res) == ["t.csv, row 4, column 'province_code': '99' is not a province code of the "
                             "63-province list"]


def test_check_scores_ignores_other_columns(ds):
    from vngov.validate import check_scores
    s = ds.scores.head(50).copy()
    s["_row"], s["scale_min"], s["pos"] = "a", "b", "c"
    s.index = s.index + 1000  # the index of the input is not used
    assert check_scores(s, ds.indicators, ds.provinces, ds.sources) == []


def test_problem_list_is_capped_with_a_count(ds):
    from vngov.views import upload as view
    n = 2000  # rows with neither value nor rank (the quadratic case of issue 12)
    text = "index,year,province_code,indicator,value,rank\n" + "SIPAS,2019,46,total,,\n" * n
    res = read(ds, text)
    assert res.n_problems == n + n - 1  # each row: no value or rank; all but the first: a duplicate
    assert len(res.problems) == up.MAX_PROBLEMS and res.more == res.n_problems - up.MAX_PROBLEMS
    sec = view.problems_section(res, "vi")
    assert sec.notes[0].text.startswith("3.999 lỗi trong tệp")
    assert sec.captions == (f"… và {res.more:,} lỗi khác".replace(",", "."),)
    assert view.problems_section(res, "en").captions == (f"… and {res.more:,} more",)


# ------------------------------------------------------------------------------------------
# every problem in the reader's language (issue 10 #5): no English in a Vietnamese message
# ------------------------------------------------------------------------------------------
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./\-]*")
# names that are the same in both languages: the file's column names, products and formats
SAME_IN_BOTH = set(up.REQUIRED + up.OPTIONAL + list(up.NAME_COLUMNS)) | {
    "Excel", "Word", "Windows", "pickle", "xlsx", "byte"}


def words(text: str) -> set[str]:
    """ASCII words of four letters or more (tokens with digits, '_', '.', '/', '-' are codes or file names,
    all-capital ones are codes: PAPI, UTF), outside `code spans`."""
    text = re.sub(r"`[^`]*`", " ", str(text))
    return {w for w in WORD.findall(text) if re.fullmatch(r"[A-Za-z]{4,}", w) and not w.isupper()}


def english_in(vi: str, en: str, allowed=()) -> set[str]:
    """Words of the Vietnamese text that are words of its English counterpart (but names and ``allowed``)."""
    en_words = {w.lower() for w in words(en)}
    allowed = {w.lower() for w in SAME_IN_BOTH | set(allowed)}
    return {w for w in words(vi) if w.lower() in en_words and w.lower() not in allowed}


# the bad uploads these tests (and tests/test_app_upload.py) run: (name, bytes, source)
BAD_UPLOADS = [
    ("missing_column", b"index,year,province_code,indicator,rank\nSIPAS,2019,46,total,5\n", SRC),
    ("bad_code", table([NEW_ROWS[0], ("PAR_INDEX", "2019", "99", "total", "80", "41", "")]).encode(), SRC),
    ("out_of_scale", table([("PAR_INDEX", "2019", "02", "total", "184.64", "40", ""), NEW_ROWS[1]]).encode(), SRC),
    ("duplicate", table([NEW_ROWS[0], NEW_ROWS[1], NEW_ROWS[0]]).encode(), SRC),
    ("rank", table([("SIPAS", "2019", "46", "total", "87", "100", "")]).encode(), SRC),
    ("empty", b"", SRC), ("no_rows", b"index,year,province_code,indicator,value,rank\n", SRC),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", SRC), ("zip", b"PK\x03\x04\x14\x00" + b"\x00" * 30, SRC),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3", SRC), ("pickle", b"\x80\x04\x95\x10\x00\x00\x00\x00", SRC),
    ("nul", b"index,year\x00\x01\x02\x03", SRC),
    ("oversize", b"index,year,province_code,indicator,value,rank\n" + b"SIPAS,2019,46,total,87.16,5\n" * 80000, SRC),
    ("every", table([NEW_ROWS[0], ("PAR_INDEX", "2019", "99", "total", "80", "41", ""),
                     ("PAR_INDEX", "2019", "04", "total", "abc", "42", ""),
                     ("XYZ", "2019", "06", "total", "80", "43", ""),
                     ("PAPI", "1900", "08", "total", "50", "44", ""), ("PCI", "2019", "10", "total", "70", "77", ""),
                     ("PCI", "2019", "11", "no_such", "7", "", "")]).encode(), ""),
    ("new_year", table([("PAPI", "2026", "01", "D1", "4.5", "3", "")]).encode(), SRC),
    ("source_id", b"index,year,province_code,indicator,value,rank,source_id\nSIPAS,2019,46,total,87,5,nope\n", SRC),
    ("name", "index,year,province_code,province_name,indicator,value,rank\nSIPAS,2019,02,TP. Hà Nội,total,80,30\n"
     .encode(), SRC),
    ("long", table([NEW_ROWS[0][:6] + ("x" * 600,), NEW_ROWS[1][:5] + ("1" * 2000, "")]).encode(), SRC),
    ("template", up.template_bytes(), SRC),
    ("fields", b"index,year,province_code,indicator,value,rank\nSIPAS,2019,46,total,87,16,5\n", SRC),
    ("fields_semicolon", b"index;year;province_code;indicator;value;rank\nSIPAS;2019;46;total;87;16;5\n", SRC),
    ("ambiguous", b"index;year;province_code;indicator;value;rank\nSIPAS;2019;46;total;1.087,16;5\n", SRC),
    ("whole", b"index,year,province_code,indicator,value,rank\nSIPAS,2019.5,46,total,87,5.5\n", SRC),
    ("neither", b"index,year,province_code,indicator,value,rank\nSIPAS,2019,46,total,,\n", SRC),
    ("dup_column", b"index,year,province_code,indicator,value,rank,value\nSIPAS,2019,46,total,87,5,1\n", SRC),
    ("damaged_utf8", table().encode()[:60] + b"\xff" + table().encode()[61:] + "Thừa Thiên Huế".encode() * 3, SRC),
    ("papi_sum", None, SRC),  # filled by papi_sum_upload
]


def papi_sum_upload(ds) -> bytes:
    p = ds.scores[(ds.scores["index"] == "PAPI") & (ds.scores["year"] == 2019) & (ds.scores["province_code"] == "01")]
    rows = [("PAPI", "2019", "01", r["indicator"], str(r["value"] + (0.5 if r["indicator"] == "D1" else 0)), "", "")
            for r in p.to_dict("records")]
    return table(rows).encode()


def bad_uploads(ds):
    return [(n, papi_sum_upload(ds) if d is None else d, s) for n, d, s in BAD_UPLOADS]


@pytest.mark.parametrize("case", [c[0] for c in BAD_UPLOADS])
def test_every_problem_of_the_bad_uploads_is_vietnamese_on_a_vietnamese_page(ds, case):
    [(_, data, source)] = [c for c in bad_uploads(ds) if c[0] == case]
    res = up.read_upload(data, "t.csv", source, ds)
    assert res.problems, case
    for p in res.problems:
        vi, en = p.render("vi"), p.render("en")
        assert vi != en, (p.code, vi)
        visitor = set().union(*(words(v) for v in p.args.values() if isinstance(v, str)), set())
        assert not english_in(vi, en, visitor), (p.code, vi, en)


def test_codes_used_in_the_bad_uploads(ds):
    """The cases above reach most problem codes of an upload (the rest: tests/views/test_upload_view.py
    renders every prob_ text)."""
    codes = {p.code for _, d, s in bad_uploads(ds) for p in up.read_upload(d, "t.csv", s, ds).problems}
    assert {"missing_column", "not_province_code", "out_of_scale", "duplicate", "rank_range", "empty", "no_rows",
            "binary", "size", "source", "not_a_number", "schema_index", "schema_year", "not_an_indicator",
            "not_an_indicator_yet", "unknown_source", "name", "long", "example", "fields", "fields_decimal",
            "ambiguous", "not_a_whole_number", "no_value_or_rank", "dup_column", "utf8", "papi_dim_sum"} <= codes


GOOD_CONFLICT = ("index;year;province_code;indicator;value;rank;note\n"  # Quảng Ninh 2019 is bundled as 90.09
                 "PAR_INDEX;2019;22;total;90,50;1;Quảng Ninh\n"
                 "PAR_INDEX;2019;02;total;80,16;40;Hà Giang\n")
