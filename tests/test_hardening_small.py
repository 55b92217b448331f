"""Issue 12 point 7, the smaller cases: a province named twice in ``p``; ``vy`` beside an invalid ``vs``;
full-width / Arabic-Indic digits and look-alike letters in codes (URL and upload) named with the characters;
TCVN3 and VNI (legacy Vietnamese font encodings) detected and named with what to do; UTF-32 read as UTF-32;
a U+2028 line separator does not move the header; the README states the page's upload limit."""

import re

import pytest

from conftest import ROOT
from test_upload import HEAD, NEW_ROWS, SRC, enc1258, messages, read, table
from vngov import upload as up
from vngov import urlstate
from vngov.ui.state import vocabulary


@pytest.fixture(scope="module")
def vocab(ds):
    return vocabulary(ds)


def notices(parsed, lang="en"):
    return [n.render(lang) for n in parsed.notices]


# ---- URL ----------------------------------------------------------------------------------------------
def test_a_province_named_twice_has_its_own_notice(vocab):
    parsed = urlstate.parse({"p": "01,02,01,1"}, vocab)
    assert parsed.state.p == ("01", "02")
    assert notices(parsed) == ["p='01' (province already listed)"]
    assert notices(parsed, "vi") == ["p='01' (tỉnh đã có trong danh sách)"]
    assert "not a province code" not in " ".join(notices(parsed))


@pytest.mark.parametrize("vs, expected", [
    ("PAPI,NOPE", "vy='2019' (vs, the pair of indices, is invalid)"),
    ("", "vy='2019' (needs vs, the pair of indices)"),
])
def test_vy_says_whether_vs_is_missing_or_invalid(vocab, vs, expected):
    parsed = urlstate.parse({"vs": vs, "vy": "2019"} if vs else {"vy": "2019"}, vocab)
    assert parsed.state.vy == 0 and parsed.state.vs == ()
    assert notices(parsed)[-1] == expected


@pytest.mark.parametrize("param, value, named", [
    ("year", "２０１９", "'２' U+FF12 FULLWIDTH DIGIT TWO"),  # int() reads it as 2019: it was taken silently
    ("y2", "٢٠١٩", "'٢' U+0662 ARABIC-INDIC DIGIT TWO"),
    ("p", "０１", "'０' U+FF10 FULLWIDTH DIGIT ZERO"),
    ("index", "PАPI", "'А' U+0410 CYRILLIC CAPITAL LETTER A"),  # Cyrillic A
    ("vs", "PAPI,PCІ", "'І' U+0406 CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I"),
    ("lang", "еn", "'е' U+0435 CYRILLIC SMALL LETTER IE"),
])
def test_non_ascii_characters_in_codes_are_named_not_read(vocab, param, value, named):
    default = urlstate.parse({}, vocab).state
    parsed = urlstate.parse({param: value, "index": "PAPI"} if param != "index" else {param: value}, vocab)
    assert parsed.state == default  # nothing taken from the look-alike
    [note] = [n for n in notices(parsed) if n.startswith(f"{param}=")]
    assert named in note and "non-ASCII" in note
    [vi] = [n for n in notices(parsed, "vi") if n.startswith(f"{param}=")]
    assert named in vi and "không phải ASCII" in vi


def test_ascii_year_still_taken(vocab):
    assert urlstate.parse({"index": "PAPI", "year": "2019"}, vocab).state.year == 2019


# ---- uploads ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("column, cell, named", [
    ("year", "２０１９", "U+FF12 FULLWIDTH DIGIT TWO"),
    ("province_code", "٠٢", "U+0660 ARABIC-INDIC DIGIT ZERO"),
    ("value", "８０.16", "U+FF18 FULLWIDTH DIGIT EIGHT"),
    ("index", "PAR_ІNDEX", "U+0406 CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I"),
    ("indicator", "tоtal", "U+043E CYRILLIC SMALL LETTER O"),
])
def test_upload_names_non_ascii_characters_in_codes_and_numbers(ds, column, cell, named):
    cols = HEAD.split(",")
    row = list(NEW_ROWS[0])
    row[cols.index(column)] = cell
    res = read(ds, table([tuple(row)]))
    assert not res.ok and res.rows.empty
    # one problem, on that cell, naming the character (not "not a number" / "not a province code")
    assert [(p.row, p.column, p.code) for p in res.problems] == [(2, column, "non_ascii")]
    assert named in messages(res)[0]
    assert "không phải ASCII" in messages(res, "vi")[0]


TCVN3 = "Th¸i B×nh; Qu¶ng Ninh; §µ N½ng"  # Thái Bình, Quảng Ninh, Đà Nẵng typed in .VnTime (TCVN3/ABC)
VNI = "Thaùi Bình; Haø Noäi; Ñaø Naüng"  # the same typed in VNI-Times


@pytest.mark.parametrize("text, enc, label", [(TCVN3, "cp1252", "TCVN3"), (TCVN3, "utf-8", "TCVN3"),
                                              (VNI, "cp1252", "VNI"), (VNI, "utf-8", "VNI")])
def test_legacy_vietnamese_encodings_are_named(ds, text, enc, label):
    rows = [NEW_ROWS[0][:6] + (text,)]
    res = read(ds, table(rows).encode(enc))
    assert not res.ok and res.rows.empty
    [p] = res.problems
    assert (p.row, p.code, p.args["enc"]) == (2, "legacy_encoding", label)
    en, vi = messages(res)[0], messages(res, "vi")[0]
    assert f"legacy {label} encoding" in en and "Unikey" in en and "Unicode" in en
    assert f"bảng mã cũ {label}" in vi and "Unikey" in vi


@pytest.mark.parametrize("note", ["Thừa Thiên Huế; Quảng Ngãi; Hoà Bình; Khánh Hoà; thuở; Phước; Đắk Lắk",
                                  "Müller & Søn, 25°C, §5, Zürich; São Paulo; naïve; Noël"])
@pytest.mark.parametrize("encode", ["utf-8", "cp1258", "utf-16"])
def test_real_vietnamese_and_western_text_is_not_taken_for_a_legacy_encoding(ds, note, encode):
    text = table([NEW_ROWS[0][:6] + (note,)])
    if encode == "cp1258":
        try:
            data = enc1258(text)
        except ValueError:
            pytest.skip("not representable in Windows-1258")
    else:
        data = text.encode(encode)
    res = read(ds, data)
    assert res.ok, messages(res)


def test_utf32_is_read_as_utf32(ds):
    text = table()
    for enc in ("utf-32", "utf-32-be"):
        data = text.encode(enc)
        if enc == "utf-32-be":
            data = b"\x00\x00\xfe\xff" + data
        res = read(ds, data)
        assert res.ok, messages(res)
        assert res.encoding == "UTF-32"
        assert list(res.rows["note"]) == [r[6] for r in NEW_ROWS]  # Vietnamese intact


@pytest.mark.parametrize("where", ["comment", "cell"])
def test_u2028_does_not_move_the_header(ds, where):
    rows = list(NEW_ROWS)
    if where == "cell":
        rows = [NEW_ROWS[0][:6] + ("ghi\u2028chú",), NEW_ROWS[1]]
    text = table(rows)
    if where == "comment":
        text = "# bảng\u2028PAR INDEX 2019\r\n" + text
    res = read(ds, text)
    assert res.ok, messages(res)
    assert list(res.rows["province_code"]) == ["02", "46"]
    lines = list(res.rows["line"])
    assert lines == ([3, 4] if where == "comment" else [2, 3])


def test_readme_states_the_pages_upload_limit():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limit = up.MAX_BYTES // (1024 * 1024)
    assert limit == 2
    assert re.search(rf"\b{limit} MB\b[^.\n]*upload|upload[^.\n]*\b{limit} MB\b", readme, re.I)
    assert not re.search(r"\b5 MB upload limit", readme)
