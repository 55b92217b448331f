"""Loading an official table that an analyst uploads (pure: no Streamlit, nothing written to disk).

``read_upload(data, name, source_text, ds)`` turns the bytes of an uploaded CSV into typed score rows
or a list of every problem found (file, row, column, message); nothing partial is ever returned.
``apply_upload`` merges accepted rows into the session's set of uploaded figures and ``overlay`` puts
that set over the bundled scores (an uploaded figure replaces a bundled one only where the user chose
so: the rows that reach the session set are exactly the ones to show).

Accepted: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1258 and Windows-1252 text; ``,``
``;`` or tab separated (Excel in a Vietnamese locale writes ``;``; an Excel ``sep=;`` first line is
understood); decimal commas (``87,16``) in ``value``/``rank``/``year``; leading ``#`` comment lines
(as in this app's own CSV downloads). The uploaded bytes are only decoded and split into strings;
nothing is evaluated, unpickled or executed, and every value is compared against known codes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from vngov.data import UNITS34_FROM, Dataset
from vngov.i18n import t
from vngov.urlstate import non_ascii_names
from vngov.validate import Problem, _num, check_scores, coerce_scores

MAX_BYTES = 2 * 1024 * 1024  # the page refuses larger files (the server itself stops at 5 MB)
MAX_CELL = 1000
MAX_NOTE = 500
MAX_SOURCE = 300
MAX_RANK = 63
MAX_PROBLEMS = 500  # problems kept (and shown) of one file; the rest are counted
REQUIRED = ["index", "year", "province_code", "indicator", "value", "rank"]
OPTIONAL = ["rank_computed", "source_id", "rank_source_id", "units", "note"]
NAME_COLUMNS = ("province_name", "name_vi", "name_en", "name", "province", "tinh")  # optional cross-check
KEY = ["index", "year", "province_code", "indicator", "units"]
SCORE_ORDER = ["index", "year", "province_code", "indicator", "value", "rank", "rank_computed", "source_id",
               "rank_source_id", "units", "note", "origin"]
EXAMPLE_MARK = "VÍ DỤ / EXAMPLE"
UPLOAD_PREFIX = "upload_"

# (signature, text key of the kind) of common non-CSV files, to say what was uploaded instead
_MAGIC = [(b"\x89PNG", "up_kind_png"), (b"\xff\xd8\xff", "up_kind_jpeg"), (b"GIF8", "up_kind_gif"),
          (b"%PDF", "up_kind_pdf"), (b"PK\x03\x04", "up_kind_zip"), (b"\xd0\xcf\x11\xe0", "up_kind_ole"),
          (b"\x80\x04", "up_kind_pickle")]
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
CODE_COLUMNS = ("index", "year", "province_code", "indicator", "value", "rank", "units", "rank_of")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_MARKUP = re.compile(r"[\[\]<>`*_$|\\{}~^]")  # markdown / HTML / LaTeX syntax in free text shown in captions


@dataclass
class UploadResult:
    file: str
    rows: pd.DataFrame  # typed rows ready to add (empty when there is any problem)
    source: pd.DataFrame  # the one sources.csv row describing this upload
    problems: list[Problem] = field(default_factory=list)
    conflicts: pd.DataFrame = field(default_factory=pd.DataFrame)
    encoding: str = ""
    delimiter: str = ""
    decimal_commas: int = 0
    notices: list[Notice] = field(default_factory=list)
    n_problems: int = 0  # all problems found; ``problems`` holds the first MAX_PROBLEMS

    @property
    def ok(self) -> bool:
        return not self.problems and len(self.rows) > 0

    @property
    def more(self) -> int:
        """Problems found but not kept in ``problems``."""
        return max(self.n_problems - len(self.problems), 0)


@dataclass(frozen=True)
class Notice:
    """Something said about an accepted file (a code, text ``up_<code>``, and its parameters)."""
    code: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str, esc=str) -> str:
        """The notice in ``lang``; ``esc`` is applied to text parameters (visitor text: column names)."""
        return t(f"up_{self.code}", lang, **{k: esc(v) if isinstance(v, str) else _num(v, lang)
                                             for k, v in self.args})


class _Refused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


# ------------------------------------------------------------------------------------------
# bytes -> text
# ------------------------------------------------------------------------------------------
def _mb(n: int) -> float:
    return round(n / 1024 / 1024, 1)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text in NFC, encoding label). Raises _Refused for empty, oversize, binary or undecodable files."""
    def refuse(code, row=None, **args):
        raise _Refused([Problem(name, row, None, code, args)])
    if len(data) > MAX_BYTES:
        refuse("size", size_mb=_mb(len(data)), limit_mb=_mb(MAX_BYTES))
    if not data.strip(b" \t\r\n\x00"):
        refuse("empty")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: FF FE starts both
        try:
            return unicodedata.normalize("NFC", data.decode("utf-32")), "UTF-32"
        except UnicodeDecodeError:
            refuse("encoding")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16")), "UTF-16"
        except UnicodeDecodeError:
            pass
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            refuse("binary", kind_key=kind)
    if b"\x00" in data:
        refuse("binary", kind_key="up_kind_binary")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return unicodedata.normalize("NFC", data[3:].decode("utf-8")), "UTF-8 (BOM)"
        except UnicodeDecodeError:
            refuse("encoding")
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError as e:
        loose = data.decode("utf-8", errors="replace")
        n_bad = loose.count("\ufffd")
        if sum(1 for c in loose if ord(c) > 127) - n_bad > n_bad:  # mostly UTF-8 with a damaged byte: no guessing
            refuse("utf8", row=data[:e.start].count(b"\n") + 1, pos=e.start)
    enc = _legacy_encoding(data)
    if enc is None:
        refuse("encoding")
    text = unicodedata.normalize("NFC", data.decode(enc))
    if sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\r\n\t") > 0:
        refuse("binary", kind_key="up_kind_binary")
    return text, {"cp1258": "Windows-1258", "cp1252": "Windows-1252"}.get(enc, enc)


def _legacy_encoding(data: bytes) -> str | None:
    """Windows-1258 or Windows-1252 (Excel 'CSV' on Vietnamese or Western Windows), else charset-normalizer's guess.

    Windows-1258 writes most toned vowels as a base letter plus a combining tone mark (ộ = ô + U+0323);
    if decoding as 1258 gives combining marks that all compose into letters, it is 1258. If marks remain
    loose (a mark after a consonant: 1252's ì/ò/ù bytes read as 1258), it is 1252. Without any such byte
    the two agree except for Ă/Ơ/Ư/Đ (1258) vs Ã/Õ/Ý/Ð (1252): Vietnamese text then means 1258.
    """
    cands = {}
    for enc in ("cp1258", "cp1252"):
        try:
            cands[enc] = data.decode(enc)
        except UnicodeDecodeError:
            pass
    if "cp1258" in cands:
        raw = cands["cp1258"]
        nfc = unicodedata.normalize("NFC", raw)
        has_marks = any(unicodedata.combining(c) for c in raw)
        loose = any(unicodedata.combining(c) for c in nfc)
        if has_marks and not loose:
            return "cp1258"
        if not loose and (set(nfc) & set("ĂăƠơƯưĐđ") or "cp1252" not in cands):
            return "cp1258"
        if loose and "cp1252" in cands:
            return "cp1252"
    if "cp1252" in cands:
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None or best.encoding in ("utf_8", "ascii") else best.encoding


# Vietnamese typed with the pre-Unicode fonts (.VnTime: TCVN3/ABC; VNI-Times: VNI) and saved as a file reads,
# in any 8-bit code page or as the same code points in Unicode, as Latin-1 symbols inside words (TCVN3:
# 'Th¸i B×nh' = Thái Bình) or as vowels followed by Latin-1 accented letters used as tone marks (VNI:
# 'Thaùi Bình', 'Haø Noäi'). Neither shape occurs in Vietnamese or Western text; two hits name the encoding.
_TCVN3 = re.compile(r"[A-Za-z][\u00a1-\u00be\u00d7]|[\u00a1-\u00be\u00d7][A-Za-z]")
_VNI = re.compile(r"[aeiouyAEIOUY][\u00f9\u00f8\u00fb\u00f5\u00ef\u00d9\u00d8\u00db\u00d5\u00cf]|[aeoAEO][\u00e2\u00c2\u00ea\u00ca]")


def legacy_vietnamese(text: str, data: bytes, encoding: str) -> tuple[str, int, str] | None:
    """('TCVN3' or 'VNI', line, a sample of that line) if the file's text is Vietnamese in a legacy font
    encoding, else None. An 8-bit file is looked at as Windows-1252 (the code points the fonts drew)."""
    if not encoding.startswith(("UTF-16", "UTF-32")) and not encoding.startswith("UTF-8"):
        text = data.decode("cp1252", errors="replace")
    for label, rx in (("TCVN3", _TCVN3), ("VNI", _VNI)):
        hits = [m.start() for m, _ in zip(rx.finditer(text), range(50))]
        if len(hits) >= 2:
            at = hits[0]
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            sample = text[line_start: line_end if line_end >= 0 else len(text)].strip()
            return label, text.count("\n", 0, at) + 1, clean_text(sample, 60)
    return None


# ------------------------------------------------------------------------------------------
# text -> string cells with their line numbers
# ------------------------------------------------------------------------------------------
def _norm_header(h: str) -> str:
    h = _CONTROL.sub("", h).strip().strip('"').strip().lower()
    return re.sub(r"[\s\-]+", "_", h)


def sniff_delimiter(header_line: str) -> str:
    """The separator that splits the header into the most known column names (ties: the most fields)."""
    known = set(REQUIRED + OPTIONAL)
    best, score = ",", (-1, -1)
    for d in (",", ";", "\t"):
        cols = [_norm_header(c) for c in next(csv.reader([header_line], delimiter=d), [])]
        s = (sum(c in known for c in cols), len(cols))
        if s > score:
            best, score = d, s
    return best


def split_rows(text: str, name: str):
    """(header, [(line number, cells)], delimiter, problems). Leading '#' comment lines, an Excel 'sep=' line
    and blank lines are skipped; line numbers are those of the file (first line = 1)."""
    # only CR, LF and CRLF end a line (str.splitlines also splits at U+2028/U+2029, U+0085, VT, FF and FS-RS,
    # which a spreadsheet keeps inside a cell: a U+2028 in a comment or in the header moved the header)
    lines = _LINE.findall(text)
    skip = 0
    delim = None
    while skip < len(lines) and (lines[skip].lstrip().startswith("#") or not lines[skip].strip(" \t\r\n,;")):
        skip += 1
    if skip < len(lines):
        m = re.fullmatch(r'"?sep=(.)"?[,;]*\s*', lines[skip])
        if m:
            delim = m.group(1)
            skip += 1
    if skip >= len(lines):
        raise _Refused([Problem(name, None, None, "empty")])
    delim = delim or sniff_delimiter(lines[skip])
    reader = csv.reader(io.StringIO("".join(lines[skip:]), newline=None), delimiter=delim)  # any line ending
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    header_line = skip + 1
    prev_end = 0
    try:
        for cells in reader:
            start = skip + prev_end + 1
            prev_end = reader.line_num
            if header is None:
                header, header_line = [_norm_header(c) for c in cells], start
                continue
            if not any(c.strip() for c in cells):
                continue
            records.append((start, cells))
    except csv.Error as e:  # the one the csv module raises here (NUL bytes are refused before)
        limit = "field limit" in str(e)
        code, args = ("csv_field", {"n": csv.field_size_limit()}) if limit else ("csv", {"err": str(e)})
        raise _Refused([Problem(name, skip + reader.line_num, None, code, args)])
    return header or [], header_line, records, delim


# ------------------------------------------------------------------------------------------
# cells -> typed, validated rows
# ------------------------------------------------------------------------------------------
def clean_text(s: str, max_len: int, keep: str = "") -> str:
    """Free text for display: NFC, no control characters, no markup characters (but those in ``keep``),
    single spaces, at most max_len characters."""
    s = unicodedata.normalize("NFC", str(s))
    s = _MARKUP.sub(lambda m: m.group(0) if m.group(0) in keep else " ", _CONTROL.sub(" ", s))
    return re.sub(r"\s+", " ", s).strip()[:max_len]


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", s.strip())
    return re.sub(r"[^a-z0-9]", "", s)


def _number_cell(v: str) -> tuple[str, bool, bool]:
    """(normalised text, decimal comma converted?, ambiguous?)."""
    v = v.replace("\u00a0", " ").strip().replace(" ", "")
    if v.endswith("%"):
        v = v[:-1]
    if _DECIMAL_COMMA.match(v):
        return v.replace(",", "."), True, False
    if "," in v and "." in v:
        return v, False, True
    return v, False, False


def next_source_id(taken) -> str:
    taken = set(taken)
    i = 1
    while f"{UPLOAD_PREFIX}{i}" in taken:
        i += 1
    return f"{UPLOAD_PREFIX}{i}"


def source_row(source_id: str, text: str, filename: str, n_rows: int, cited=()) -> pd.DataFrame:
    """The source of an upload: the analyst's text (title and publisher), never a bundled publisher; the
    bundled sources the file cited are named in its note only."""
    cites = f"; the file cites {', '.join(sorted(cited))}" if cited else ""
    return pd.DataFrame([{
        "source_id": source_id, "title": text, "publisher": text, "url": "",
        "licence": "as stated by the person who uploaded it",
        "note": f"uploaded in this browser session on {date.today().isoformat()} from '{filename}' "
                f"({n_rows} rows){cites}; not part of the bundled dataset"}]).astype(str)


def read_upload(data: bytes, name: str, source_text: str, ds: Dataset) -> UploadResult:
    """Decode, split, type and validate an uploaded scores table against ``ds`` (bundled + this session's
    uploads). Every problem is collected (the first MAX_PROBLEMS kept, all counted); if there is any,
    ``rows`` is empty (nothing partial). Problems and notices are codes with parameters: they are worded
    in the reader's language when shown. Every step is linear in the size of the file."""
    name = clean_text(name or "upload.csv", 120, keep="_") or "upload.csv"
    src_text = clean_text(source_text or "", MAX_SOURCE)
    sid = next_source_id(ds.sources["source_id"])
    empty = pd.DataFrame(columns=SCORE_ORDER)
    res = UploadResult(file=name, rows=empty, source=source_row(sid, src_text, name, 0))
    pre: list[Problem] = []
    if len(src_text) < 3:
        pre.append(Problem(name, None, "source", "source"))

    def done(problems: list[Problem]) -> UploadResult:
        res.problems, res.n_problems = problems[:MAX_PROBLEMS], len(problems)
        return res
    try:
        text, res.encoding = decode(bytes(data), name)
        legacy = legacy_vietnamese(text, bytes(data), res.encoding)
        if legacy:
            raise _Refused([Problem(name, legacy[1], None, "legacy_encoding",
                                    {"enc": legacy[0], "sample": legacy[2], "unicode": "Unicode",
                                     "tool": "Unikey (Ctrl+Shift+F6)"})])
        header, header_line, records, res.delimiter = split_rows(text, name)
    except _Refused as r:
        return done(pre + r.problems)
    problems = list(pre)
    # header
    seen = set()
    for c in header:
        if c and c in seen:
            problems.append(Problem(name, header_line, c, "dup_column"))
        seen.add(c)
    missing = [c for c in REQUIRED if c not in header]
    problems += [Problem(name, header_line, c, "missing_column") for c in missing]
    if missing or any(p.row == header_line for p in problems):
        return done(problems)
    if not records:
        return done(problems + [Problem(name, None, None, "no_rows")])
    known = set(REQUIRED + OPTIONAL)
    name_col = next((c for c in NAME_COLUMNS if c in header), None)
    ignored = [c for c in dict.fromkeys(header) if c and c not in known and c != name_col]
    if ignored:
        res.notices.append(Notice("ignored_cols", (("cols", ", ".join(ignored)),)))
    # cells
    width = len(header)
    good: list[tuple[int, list[str]]] = []
    for line, cells in records:
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]  # trailing empty separators (Excel)
        if len(cells) != width:
            decimal = res.delimiter == "," and len(cells) > width
            problems.append(Problem(name, line, None, "fields_decimal" if decimal else "fields",
                                    {"n": len(cells), "m": width}))
            continue
        for c, v in zip(header, cells):
            if len(v) > MAX_CELL and (c in known or c == name_col):
                problems.append(Problem(name, line, c or None, "long", {"n": MAX_CELL}))
        good.append((line, [v if len(v) <= MAX_CELL else "" for v in cells]))
    # only the known columns (and a name column) go on: an unknown column was named as ignored above and
    # cannot collide with a name the checks use
    keep = [j for j, c in enumerate(header) if (c in known or c == name_col) and header.index(c) == j]
    raw = pd.DataFrame([[cells[j] for j in keep] for _, cells in good], columns=[header[j] for j in keep],
                       dtype=str)
    # validate numbers rows "position + 2" (header = line 1, no gaps); map that back to the file's line
    line_of = {i + 2: line for i, (line, _) in enumerate(good)}

    def at(i) -> int:
        return line_of[int(i) + 2]
    for c in OPTIONAL:
        if c not in raw:
            raw[c] = ""
    raw = raw.fillna("")
    # normalise
    raw["index"] = raw["index"].str.strip().str.upper().str.replace(r"[\s\-]+", "_", regex=True)
    pc = raw["province_code"].str.strip()
    raw["province_code"] = pc.where(~pc.str.fullmatch(r"\d"), "0" + pc)  # Excel drops the leading zero
    raw["indicator"] = raw["indicator"].str.strip()
    # an empty unit set is the year's (63 to 2024, 34 from 2025); a stated one is checked against the year below
    yr = pd.to_numeric(raw["year"].str.strip(), errors="coerce")
    raw["units"] = raw["units"].str.strip().where(raw["units"].str.strip() != "",
                                                  (yr >= UNITS34_FROM).map({True: "34", False: "63"}))
    raw["source_id"] = raw["source_id"].str.strip().replace("", sid)
    if raw["rank_computed"].str.strip().str.lower().eq("true").any():
        res.notices.append(Notice("rank_given"))
    raw["rank_computed"] = "false"
    for col in ("value", "rank", "year"):
        conv = [_number_cell(v) for v in raw[col]]
        raw[col] = ["" if c[2] else c[0] for c in conv]  # one column write (a cell write copies the column)
        res.decimal_commas += sum(c[1] for c in conv)
        problems += [Problem(name, at(i), col, "ambiguous", {"v": c[0]}) for i, c in zip(raw.index, conv) if c[2]]
    note = raw["note"].map(lambda s: _CONTROL.sub(" ", unicodedata.normalize("NFC", s)).strip())
    for i in raw.index[note.str.len() > MAX_NOTE]:
        problems.append(Problem(name, at(i), "note", "long", {"n": MAX_NOTE}))
    for i in raw.index[note.str.upper().str.startswith(EXAMPLE_MARK.upper())]:
        problems.append(Problem(name, at(i), "note", "example"))
    # a note starting with = + @ would be a formula when a download of it is opened in a spreadsheet
    raw["note"] = note.map(lambda s: "'" + s if s[:1] in ("=", "+", "@") else s).str[:MAX_NOTE]
    # codes and numbers are ASCII: a full-width or Arabic-Indic digit or a look-alike letter is named (one
    # problem for the cell, instead of "not a number" / "not a province code" about a cell that looks right)
    non_ascii = set()
    for c in CODE_COLUMNS:
        if c in raw:
            v = raw[c]
            for i in raw.index[~v.map(str.isascii)]:
                non_ascii.add((at(i), c))
                problems.append(Problem(name, at(i), c, "non_ascii", {"v": clean_text(v[i], 40),
                                                                       "chars": non_ascii_names(v[i])}))
    typed, p = coerce_scores(raw, name)
    sources = pd.concat([ds.sources, res.source], ignore_index=True)
    checked = check_scores(typed, ds.indicators, ds.provinces, sources, name)
    # the catalogue's last edition year (the totals carried on to the 34-unit editions not counted)
    last = ds.indicators[ds.indicators["year_from"] < UNITS34_FROM].groupby("index")["year_to"].max()
    for q in p + checked:
        if q.code == "schema_rank":
            continue  # the bundled data's 1–64; an upload is checked against 1–63 below
        q = Problem(q.file, line_of.get(q.row, q.row), q.column, q.code, q.args)
        if (q.row, q.column) in non_ascii:
            continue
        a = q.args
        if q.code == "not_an_indicator" and a["index"] in last and a["year"] != "" and a["year"] > last[a["index"]]:
            # a year after the catalogue: say so rather than only "not an indicator"
            q = Problem(q.file, q.row, q.column, "not_an_indicator_yet", {**a, "last": int(last[a["index"]])})
        problems.append(q)
    rk, un, yr = typed["rank"], typed["units"], typed["year"]
    top = un.map({"34": 34}).fillna(MAX_RANK).astype(int)  # ranks 1–34 for the 34 units
    for i in typed.index[rk.notna() & ((rk < 1) | (rk > top)).fillna(False)]:
        problems.append(Problem(name, at(i), "rank", "rank_range", {"v": int(rk[i]), "max": int(top[i])}))
    # the unit set must be the year's: a 63-province table for 2025 on (or 34 before) is refused
    for i in typed.index[((un == "63") & (yr >= UNITS34_FROM)).fillna(False).astype(bool)]:
        problems.append(Problem(name, at(i), "units", "units63_after", {"year": int(yr[i])}))
    for i in typed.index[((un == "34") & (yr < UNITS34_FROM)).fillna(False).astype(bool)]:
        problems.append(Problem(name, at(i), "units", "units34_before", {"year": int(yr[i])}))
    # a code of the other set: name what it is there
    p63 = ds.for_units("63").provinces.set_index("province_code")
    p34 = ds.for_units("34").provinces.set_index("province_code")
    for k, q in enumerate(problems):
        if q.code == "not_province_code" and q.args.get("units") == "34" and q.args.get("code") in p63.index:
            old = p63.loc[q.args["code"]]
            problems[k] = Problem(q.file, q.row, q.column, "code_of_63", {
                "code": q.args["code"], "old": old["name_vi"], "new": old["new_name_vi"], "new_code": old["new_code"]})
    if name_col:
        for i, code, nm, u in zip(raw.index, raw["province_code"], raw[name_col], typed["units"]):
            prov = p34 if u == "34" else p63
            if nm.strip() and code in prov.index and _fold(nm) not in (
                    _fold(prov.at[code, "name_vi"]), _fold(prov.at[code, "name_en"])):
                problems.append(Problem(name, at(i), name_col, "name", {
                    "name": clean_text(nm, 60), "code": code, "real": prov.at[code, "name_vi"]}))
    done(_tidy(problems))
    if res.problems:
        return res
    typed["origin"] = "uploaded"
    # provenance: an uploaded figure always carries the analyst's source, whatever source_id it names (a
    # bundled id is only a citation, kept in the source's note): the caption never credits an official
    # publisher for it and the "uploaded" notice always quotes the analyst's text
    rank_src = typed["rank_source_id"].fillna("").astype(str)
    cited = (set(typed["source_id"].astype(str)) | set(rank_src)) - {sid, ""}
    typed["source_id"] = sid
    typed["rank_source_id"] = rank_src.where(rank_src == "", sid)
    rows = typed[SCORE_ORDER].copy()
    rows.insert(0, "line", [at(i) for i in rows.index])
    rows = rows.reset_index(drop=True)
    res.rows = rows
    res.source = source_row(sid, src_text, name, len(rows), cited)
    res.conflicts = find_conflicts(rows, ds.scores)
    return res


_INDICATOR = ("not_an_indicator", "not_an_indicator_yet")
_PAPI = ("papi_dim_sum", "papi_total_sum")


def _tidy(problems: list[Problem]) -> list[Problem]:
    """Drop consequential duplicates (a row whose year/index is wrong is not also 'not an indicator';
    a value that is not a number is not also 'neither a value nor a rank'); order by row. Linear."""
    by_row: dict[int | None, set] = {}
    n_num: dict[int | None, int] = {}  # problems of the value and rank cells, per row
    for p in problems:
        by_row.setdefault(p.row, set()).add(p.column)
        if p.column in ("value", "rank"):
            n_num[p.row] = n_num.get(p.row, 0) + 1
    out, seen = [], set()
    for p in problems:
        cols = by_row.get(p.row, set())
        if p.code in _INDICATOR and cols & {"index", "year"}:
            continue
        if p.code in _PAPI and cols & {"index", "year", "indicator"}:
            continue  # PAPI sums of a row whose year or indicator is already wrong
        if p.code == "no_value_or_rank" and n_num.get(p.row, 0) > 1:
            continue
        k = p.key()
        if k not in seen:
            seen.add(k)
            out.append(p)
    return sorted(out, key=lambda p: (-1 if p.row is None else p.row, p.column or ""))


# ------------------------------------------------------------------------------------------
# conflicts and the session's set of uploaded figures
# ------------------------------------------------------------------------------------------
def find_conflicts(rows: pd.DataFrame, existing: pd.DataFrame) -> pd.DataFrame:
    """Uploaded rows whose (index, year, province, indicator, units) already has a figure: both values."""
    ex = existing[KEY + ["value", "rank"] + (["origin"] if "origin" in existing else [])].rename(
        columns={"value": "existing_value", "rank": "existing_rank", "origin": "existing_origin"})
    m = rows[["line"] + KEY + ["value", "rank"]].rename(
        columns={"value": "uploaded_value", "rank": "uploaded_rank"}).merge(ex, on=KEY, how="inner")
    if "existing_origin" not in m:
        m["existing_origin"] = "bundled"
    same_v = (m["existing_value"] - m["uploaded_value"]).abs().lt(1e-9) | (
        m["existing_value"].isna() & m["uploaded_value"].isna())
    same_r = (m["existing_rank"] == m["uploaded_rank"]).fillna(False) | (
        m["existing_rank"].isna() & m["uploaded_rank"].isna())
    m["same"] = (same_v & same_r).astype(bool)
    return m[["line", "index", "year", "province_code", "indicator", "units", "existing_value", "uploaded_value",
              "existing_rank", "uploaded_rank", "existing_origin", "same"]].reset_index(drop=True)


def _keys(df: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(df[KEY].astype({"year": "Int64"}))


def apply_upload(current: dict | None, res: UploadResult, replace: bool) -> dict | None:
    """The session's uploaded set after accepting ``res``: with ``replace`` the uploaded figures take the
    place of existing ones (bundled or uploaded earlier); without it the conflicting uploaded rows are dropped."""
    if not res.ok:
        return current
    new = res.rows.drop(columns="line")
    prev_s = current["scores"] if current else pd.DataFrame(columns=SCORE_ORDER)
    prev_src = current["sources"] if current else res.source.iloc[0:0]
    if len(res.conflicts):
        clash = _keys(new).isin(_keys(res.conflicts))
        if replace:
            prev_s = prev_s[~_keys(prev_s).isin(_keys(new))] if len(prev_s) else prev_s
        else:
            new = new[~clash]
    if new.empty:
        return current
    scores = pd.concat([prev_s, new], ignore_index=True) if len(prev_s) else new.reset_index(drop=True)
    used = set(scores["source_id"])
    sources = pd.concat([prev_src, res.source], ignore_index=True)
    sources = sources[sources["source_id"].isin(used) | ~sources["source_id"].str.startswith(UPLOAD_PREFIX)]
    scores, sources = scores[SCORE_ORDER].reset_index(drop=True), sources.reset_index(drop=True)
    return {"scores": scores, "sources": sources, "version": upload_digest(scores, sources)}


def upload_digest(scores: pd.DataFrame, sources: pd.DataFrame) -> str:
    """A digest of a session's uploaded rows and their source rows: the ``Dataset.version`` of the bundled
    data with them overlaid (computed once when the set changes, not at every run)."""
    h = hashlib.sha256()
    for df in (scores, sources):
        h.update(",".join(map(str, df.columns)).encode())
        h.update(pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy().tobytes())
    return "upload-" + h.hexdigest()[:20]


def overlay(bundled: pd.DataFrame, uploaded: pd.DataFrame) -> pd.DataFrame:
    """Bundled scores with the session's uploaded rows put in: an uploaded row takes the place of the
    bundled row with the same key (only rows the user chose to show in their place have such a key)."""
    if uploaded is None or uploaded.empty:
        return bundled
    keep = ~_keys(bundled).isin(_keys(uploaded))
    return pd.concat([bundled[keep], uploaded[bundled.columns.intersection(uploaded.columns)]], ignore_index=True)


def summary(rows: pd.DataFrame) -> pd.DataFrame:
    """Figures per index, year and indicator: how many provinces of 63 have a value, a rank."""
    g = rows.groupby(["index", "year", "indicator"], sort=True).agg(
        provinces=("province_code", "nunique"), with_value=("value", "count"), with_rank=("rank", "count"))
    return g.reset_index()


def problems_frame(problems: list[Problem], lang: str = "en") -> pd.DataFrame:
    """The problems as a table (file, row, column, message in ``lang``), for the page and its download."""
    return pd.DataFrame([{"file": p.file, "row": p.row, "column": p.column or "", "message": p.render(lang)}
                         for p in problems], columns=["file", "row", "column", "message"]).astype(
        {"row": "Int64"})


def template_bytes(units: str = "63") -> bytes:
    """The template (data/template_scores.csv, or template_scores34.csv for the 34 units) with a BOM, so
    that Excel opens the Vietnamese text right."""
    from vngov.data import DATA_DIR

    name = "template_scores34.csv" if str(units) == "34" else "template_scores.csv"
    return b"\xef\xbb\xbf" + (DATA_DIR / name).read_bytes()
