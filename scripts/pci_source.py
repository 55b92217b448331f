"""Read the raw PCI (VCCI Provincial Competitiveness Index) files into tidy rows.

Entry point: ``load_pci(shared) -> (scores, indicators, sources)`` where ``shared``
is the project's ``shared`` folder (the raw files are in
``shared/sources/pci/``, the province crosswalk in
``shared/sources/papi/LaDilettante__vietnamcode/data/vietnamcode_data.csv``).

Only figures that a file states are returned: no interpolation, no filling;
a blank cell gives no row (never 0).  Values are kept at full workbook
precision (the web pages round to 2 decimals, e.g. 2019 Quảng Ninh is
73.396... in the workbook and 73.40 on pcivietnam.vn).

Output tables
-------------
scores      index, year, province_code, indicator, value, rank, rank_computed,
            source_id, units, note
indicators  index, indicator, parent, level, name_vi, name_en, unit,
            scale_min, scale_max, years
sources     source_id, title, publisher, url, licence, note

Province codes
--------------
Names vary by year ("Tp.HCM", "TP.Hồ Chí Minh", "HCMC", "TT- Huế", "TT.Huế",
"BRVT", "Bắc Cạn", "Đăk Nông", "Quàng Ngãi" (2005 typo) ...).  Each name is
stripped of diacritics (đ -> d) and matched case-insensitively against the
``regex`` column of vietnamcode_data.csv; exactly one of the 63 provinces
must match, otherwise an error is raised.  ``province_code`` is the 2-digit
GSO code = column ``enterprise_census`` zero-padded (Hà Nội 01, Hà Giang 02,
TP HCM 79, Cà Mau 96); it equals the ``papi`` and ``enterprise_census_c``
columns for all 63 (checked at load time).  The ``pci`` column is VCCI's own
numbering (Hà Nội 1, Hải Phòng 2, Đà Nẵng 3, HCM 4 ...) and is NOT used.

Hà Tây (merged into Hà Nội on 1 Aug 2008) has no code among the 63, so its
rows are DROPPED.  It is present in PCI 2005 (rank 42 of 42), 2006 (rank 62
of 64), 2007 and 2008 (the 2008 survey still has 64 units; PROVENANCE only
mentions 2006-2007).  Hence 2005 yields 41 provinces, 2006-2008 63.  Ranks
published for the other provinces are kept as published (so the 2005 ranks run
1..41 and 2006-2008 ranks have a gap where Hà Tây was); ranks computed here
for 2005-2008 are computed over the full published cohort *including* Hà Tây
(so they are comparable with the published total ranks) and such rows say so
in ``note``.

Sub-index ids
-------------
entry_costs, land_access, transparency, time_costs, informal_charges,
policy_bias (2013-2019, 2021-: "Cạnh tranh bình đẳng" / Policy bias),
soe_bias (2005-2008: "Ưu đãi đối với DNNN" / Policy bias - SOEs only; the
2006-2008 sub-index is the same SOE-preference concept, and the newer
PCI_Import.csv files it under "Policy Bias - SOEs only"),
policy_consistency (2005 only: "Thực hiện chính sách của Trung ương"),
proactivity, business_support (2005-2008 "Chính sách phát triển khu vực kinh
tế tư nhân" = private-sector development policy, 2009- "Dịch vụ hỗ trợ DN";
PCI_Import.csv treats them as one column), labor_training, legal_institutions,
plus total (weighted PCI, 0-100) and total_unweighted (0-100; published in
2007, 2008 and 2010 only).  No new id was needed.  The three 2005
"traditional conditions" (development level, infrastructure, distance to
market) are not PCI sub-indices and are not read.

Layout per year (rows/cols below are 0-based; PCI_Import.csv is 1-based)
-----------------------------------------------------------------------
2005  PCI_2005.xls.  Sheet 1 "Bảng tóm tắt chỉ số": one row per province,
      rows 2-43 (42 provinces), name col 0, sub-indices cols 5-13 (9 of them),
      weighted PCI col 14.  Ranks are on sheet 0 "Xếp hạng theo chỉ số PCI"
      (name col 0, weighted PCI col 1, rank col 2, rows 1-42); the weighted
      score there equals sheet 1.
2006  PCI_2006.xls.  Sheet 0 "Bảng xếp hạng" is empty (0x0).  Sheet 1 "PCI
      Tóm tắt": rows 2-65 (64 incl. Hà Tây), rank col 0, name col 1,
      10 sub-indices cols 2-11, weighted PCI col 12; MIN/MAX rows follow.
2007  PCI_2007.xls.  Sheet 0 empty.  Sheet 1 "Tóm tắt các chỉ số PCI": rows
      1-64 (64 incl. Hà Tây), name col 0, rank col 1, 10 sub-indices cols
      4-13, unweighted PCI col 14, weighted col 15; Min/Max/Trung vị rows follow.
2008  PCI_2008.xls sheet 0 "Tổng hợp": SORTED PAIRS (see below), rows 2-65
      (64 incl. Hà Tây), pairs (name, value) at cols (1,2),(3,4),...,(23,24):
      10 sub-indices, unweighted (21,22), weighted (23,24).  No rank column:
      total ranks are COMPUTED (they equal the row order and the Hải Phòng
      series rank 48).  Lookup block at rows 68-69 (Hà Nội, "Xếp hạng").
2009  PCI_2009.xls sheet 0 "Tong Hop": one row per province (NOT sorted
      pairs, despite the 2008-2016 description), rows 3-65, PCI code col 0,
      rank col 1, name col 2, 9 sub-indices cols 3-11, weighted col 12.
2010  PCI_2010.xls sheet 0 "Tong hop": SORTED PAIRS rows 1-63, 9 sub-indices
      (1,2)...(17,18), unweighted (19,20), weighted (21,22), rank pair (23,24),
      tier pair (25,26).  Lookup block rows 66-67 (Hà Nội / "Thứ tự").
2011, 2012  PCI_2011.xls / PCI_2012.xlsx sheet 0: SORTED PAIRS rows 1-63,
      9 sub-indices (1,2)...(17,18), weighted (19,20), rank pair (21,22).
      Lookup block rows 66-67 (Hà Nội).  The 2011 workbook stores totals
      rounded to 2 decimals (hence the 2011 tie below).
2013-2016  PCI_201x.xlsx sheet 0 "Summary_VN": SORTED PAIRS rows 1-63,
      10 sub-indices (1,2)...(19,20), weighted (21,22), rank in col 23 on the
      same row as the weighted pair (so keyed by the name in col 21).  Lookup
      block rows 66-67 (2013 Hòa Bình, 2014 Hà Nội, 2015-2016 Yên Bái).
      Quirk: the English "Summary" sheet of the 2014, 2015 and 2016 workbooks
      holds the PCI **2013** table (header "PCI 2013"); it is not used.
      For 2013 the mdtrinh/vietnamdata copy is used; its Summary_VN equals the
      English Summary of the vietnam_elections "PCI 2013.xlsx" (tested).
2017-2019  "PCI 201x.xlsx" (vietnam_elections) sheet 0 "Summary": one row per
      province, rows 1-63, name col 0 (ASCII names), rank col 1, weighted col
      2, 10 sub-indices cols 3-12.  Quirk: row 64 blank, row 65 a DUPLICATE
      "Ha Noi" row, rows 66-68 Min/Median/Max: all dropped (only rows 1-63 are
      read; the duplicate is tested to equal the first Hà Nội row).
      2019 HCMC (67.16, 14th) carries a note: the pcivietnam.vn sub-index page
      shows it as N/A.
2020  transcribed_2020.csv: 63 totals + published ranks, no sub-indices.
      Equal rounded scores with different published ranks occur (Đồng Nai /
      Hà Tĩnh 64.56 = 20th/21st, Khánh Hòa / Bắc Giang 63.98, Lai Châu / Ninh
      Bình 61.98): the page ranks on unrounded scores; kept as published.
2021  transcribed_2021.csv: ranks 1-21 only (page excerpt cut off), total and
      10 sub-indices; sub-index ranks NOT computed (partial set).
2022  transcribed_2022.csv: top 10 (score + rank), Nghệ An 66.60 (23rd), and
      ranks without score for Hà Nội (20), TP.HCM (27), Cần Thơ (19): those
      three rows have value NaN and the published rank.  Each row's source is
      the page it was transcribed from (investinquangninh.vn, baonghean.vn,
      bizhub.vn).
      Hải Phòng 2022 sub-indices come from transcribed_province_series_haiphong.csv
      (pcivietnam.vn Hải Phòng page), the only year in which that series is
      used: its 2022 total/rank (70.76, 3rd) equal transcribed_2022.csv, which
      is kept as the source of the total.

SORTED PAIRS (2008, 2010-2016): each column pair (province, score) is sorted
by that score on its own, so a row is NOT a province.  Every pair is re-keyed
by the province name in its own name column.  Correctness is checked in the
tests against (a) the lookup block each workbook has below the table (one
province's values and positions, produced by the workbook itself; all
agree), (b) the 2013-2016 indicator-level sheets, whose column 2 is the
sub-index score per province (all 63 x 10 agree), and (c) the published rank
column vs. the weighted score order (agree; the only published tie is 2011).

Ranks
-----
``rank`` is the published rank (1 = best) with ``rank_computed`` False for:
all published total ranks (2005-2007, 2009-2022) and the lookup-block
positions ("Thứ tự"/"Xếp hạng") of the one province in each 2008/2010-2016
lookup block.  Otherwise sub-index ranks (and the 2008 total ranks) are
computed with method 'min' (ties share the lowest rank, higher score =
better) ONLY where every province of that year has a value (all workbook
years); never for the 2021/2022 transcriptions.  ``total_unweighted`` has no
rank (none is published, none is computed).  Ranks are "higher is better" for
every sub-index (all PCI sub-indices are scaled so that 10 is best).  Where a
lookup-block position could be compared with a computed rank they agree.

Value ranges (checked in tests): totals 36.39-77.20 and sub-indices
1.05-9.62 over all years; no value outside the 0-100 / 0-10 scales.

Hải Phòng series vs. workbooks/transcriptions (``compare_haiphong_series``)
-------------------------------------------------------------------------
The pcivietnam.vn Hải Phòng page (2006-2022) was compared with the values
loaded here, rounded to 2 decimals (series "policy_bias" read as soe_bias
for 2006-2008; "business_support_policy" -> business_support, "labor_policy"
-> labor_training, "law_order" -> legal_institutions):
* total and rank agree in every year 2006-2021 (2008: the series' rank 48
  equals our computed rank; 2013, unchecked in PROVENANCE, agrees: 59.76, 15th).
* sub-indices agree in every year 2006-2021 (9 in 2009-2012, where the
  series' policy_bias is blank as in the workbooks) EXCEPT two cells:
    - 2009 business_support: series 6.54, workbook 6.9645 (6.96)
    - 2013 informal_charges: series 7.01, workbook 5.4379 (5.44; the
      workbook's indicator sheet "Chi phí không chính thức" also gives 5.438)
  The workbook values are kept.  (``HAIPHONG_SERIES_MISMATCHES``.)
* 2020 sub-indices exist only in the series (2020 is covered by
  transcribed_2020.csv for the total, so per the rules they are NOT added).
* 2022: total/rank equal transcribed_2022.csv; the 10 sub-indices are added
  from the series (no other source for them).
The series never overrides a workbook or another transcription.

Published ties: 2011 Bình Thuận and Hà Giang both 57.62 in the workbook
(which stores 2-decimal totals) with published ranks 40 and 41; in 2020 Đồng
Nai/Hà Tĩnh (64.56), Khánh Hòa/Bắc Giang (63.98), Lai Châu/Ninh Bình (61.98)
likewise.  Ranks are kept as published and the rows carry a note.
"""
from __future__ import annotations

import csv
import functools
import pathlib
import re
import unicodedata
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
import xlrd

INDEX = "PCI"
UNITS = "63"
PCI_DIR = pathlib.Path("sources/pci")
CROSSWALK = pathlib.Path("sources/papi/LaDilettante__vietnamcode/data/vietnamcode_data.csv")

VIETNAMDATA = "mdtrinh__vietnamdata/data-raw/PCI"
ELECTIONS = "mdtrinh__vietnam_elections/Data/PCI"
VIETNAMDATA_URL = ("https://github.com/mdtrinh/vietnamdata/blob/"
                   "be581b8d5b1f0c6a747199fe23d8a77e55396e17/data-raw/PCI/")
ELECTIONS_URL = ("https://github.com/mdtrinh/vietnam_elections/blob/"
                 "84348767096a193634f9d4fb6c4116dbf4789a05/Data/PCI/")

SUB_INDICES = ["entry_costs", "land_access", "transparency", "time_costs",
               "informal_charges", "policy_bias", "soe_bias", "policy_consistency",
               "proactivity", "business_support", "labor_training", "legal_institutions"]

# Hải Phòng series (pcivietnam.vn province page) vs. loaded values, as
# (year, indicator, series value, loaded value rounded to 2 decimals); kept in
# sync with compare_haiphong_series() by tests/test_pci_source.py.
HAIPHONG_SERIES_MISMATCHES: list[tuple[int, str, float, float]] = [
    (2009, "business_support", 6.54, 6.96),
    (2013, "informal_charges", 7.01, 5.44),
]


# ---------------------------------------------------------------------------
# Layout table
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Col:
    """One published column: province names in ``name`` and figures in ``value``
    (0-based).  For one-row-per-province layouts ``name`` is the same for all."""
    name: int
    value: int


@dataclass(frozen=True)
class Layout:
    year: int
    repo_dir: str           # folder under sources/pci
    file: str
    sheet: int              # 0-based sheet index
    first_row: int          # 0-based, inclusive
    last_row: int           # 0-based, inclusive
    sorted_pairs: bool
    cols: dict[str, Col]    # indicator id -> column pair
    rank: Col | None        # published total rank, None if not published
    rank_sheet: int | None = None          # rank on another sheet (2005)
    rank_rows: tuple[int, int] | None = None
    notes: dict[str, str] = field(default_factory=dict)


def _row_cols(name: int, mapping: dict[str, int]) -> dict[str, Col]:
    return {k: Col(name, v) for k, v in mapping.items()}


def _pair_cols(ids: list[str], first_value_col: int = 2) -> dict[str, Col]:
    """Sorted-pair layout: id i has its name at 2i+1 and value at 2i+2."""
    return {k: Col(first_value_col - 1 + 2 * i, first_value_col + 2 * i)
            for i, k in enumerate(ids)}


SUB_2006_2008 = ["entry_costs", "land_access", "transparency", "time_costs",
                 "informal_charges", "soe_bias", "proactivity", "business_support",
                 "labor_training", "legal_institutions"]
SUB_2009_2012 = ["entry_costs", "land_access", "transparency", "time_costs",
                 "informal_charges", "proactivity", "business_support",
                 "labor_training", "legal_institutions"]
SUB_2013_ON = ["entry_costs", "land_access", "transparency", "time_costs",
               "informal_charges", "policy_bias", "proactivity", "business_support",
               "labor_training", "legal_institutions"]

LAYOUTS: dict[int, Layout] = {}


def _add(layout: Layout) -> None:
    LAYOUTS[layout.year] = layout


_add(Layout(2005, VIETNAMDATA, "PCI_2005.xls", 1, 2, 43, False,
            _row_cols(0, {"entry_costs": 5, "land_access": 6, "transparency": 7,
                          "time_costs": 8, "informal_charges": 9,
                          "policy_consistency": 10, "soe_bias": 11, "proactivity": 12,
                          "business_support": 13, "total": 14}),
            rank=Col(0, 2), rank_sheet=0, rank_rows=(1, 42)))
_add(Layout(2006, VIETNAMDATA, "PCI_2006.xls", 1, 2, 65, False,
            _row_cols(1, {**{k: 2 + i for i, k in enumerate(SUB_2006_2008)}, "total": 12}),
            rank=Col(1, 0)))
_add(Layout(2007, VIETNAMDATA, "PCI_2007.xls", 1, 1, 64, False,
            _row_cols(0, {**{k: 4 + i for i, k in enumerate(SUB_2006_2008)},
                          "total_unweighted": 14, "total": 15}),
            rank=Col(0, 1)))
_add(Layout(2008, VIETNAMDATA, "PCI_2008.xls", 0, 2, 65, True,
            _pair_cols(SUB_2006_2008 + ["total_unweighted", "total"]),
            rank=None))
_add(Layout(2009, VIETNAMDATA, "PCI_2009.xls", 0, 3, 65, False,
            _row_cols(2, {**{k: 3 + i for i, k in enumerate(SUB_2009_2012)}, "total": 12}),
            rank=Col(2, 1)))
_add(Layout(2010, VIETNAMDATA, "PCI_2010.xls", 0, 1, 63, True,
            _pair_cols(SUB_2009_2012 + ["total_unweighted", "total"]),
            rank=Col(23, 24)))
for _y, _ext in ((2011, "xls"), (2012, "xlsx")):
    _add(Layout(_y, VIETNAMDATA, f"PCI_{_y}.{_ext}", 0, 1, 63, True,
                _pair_cols(SUB_2009_2012 + ["total"]), rank=Col(21, 22)))
for _y in (2013, 2014, 2015, 2016):
    _add(Layout(_y, VIETNAMDATA, f"PCI_{_y}.xlsx", 0, 1, 63, True,
                _pair_cols(SUB_2013_ON + ["total"]), rank=Col(21, 23)))
for _y in (2017, 2018, 2019):
    _add(Layout(_y, ELECTIONS, f"PCI {_y}.xlsx", 0, 1, 63, False,
                _row_cols(0, {"total": 2, **{k: 3 + i for i, k in enumerate(SUB_2013_ON)}}),
                rank=Col(0, 1),
                notes={"79:total": "pcivietnam.vn sub-index page shows N/A for HCMC in "
                                   "2019; value and rank from the official workbook "
                                   "(also given by doanhnghiep.vinhphuc.gov.vn)"}
                if _y == 2019 else {}))


# ---------------------------------------------------------------------------
# Reading helpers
# ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def _read_book(path_str: str) -> tuple[tuple[tuple, ...], ...]:
    """Every sheet of a workbook as immutable rows (cached: opening the
    2017-2019 xlsx files takes ~2 s each); blank cells are None."""
    path = pathlib.Path(path_str)
    sheets = []
    if path.suffix == ".xls":
        book = xlrd.open_workbook(path_str)
        for sh in book.sheets():
            sheets.append([sh.row_values(r) for r in range(sh.nrows)])
    else:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for ws in book.worksheets:
                sheets.append([list(r) for r in ws.iter_rows(values_only=True)])
        finally:
            book.close()
    return tuple(
        tuple(tuple(None if (isinstance(v, str) and not v.strip()) else v for v in row)
              for row in rows)
        for rows in sheets)


def read_sheet(path: pathlib.Path, sheet: int) -> list[list]:
    """All cells of one sheet (0-based index) as a list of rows; blank cells are None."""
    return [list(r) for r in _read_book(str(path))[sheet]]


def _cell(rows: list[list], r: int, c: int):
    if r >= len(rows) or c >= len(rows[r]):
        return None
    return rows[r][c]


def _number(v) -> float | None:
    """A numeric cell as float; blank -> None; anything else is an error."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(f"unexpected boolean cell {v!r}")
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().replace(",", ".")
    if s == "":
        return None
    return float(s)


def ascii_fold(name: str) -> str:
    """Strip Vietnamese diacritics, đ -> d, collapse whitespace."""
    s = unicodedata.normalize("NFD", str(name))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "D").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


class ProvinceMatcher:
    """Match a province name to its 2-digit GSO code via vietnamcode regexes."""

    HA_TAY = "HA_TAY"

    def __init__(self, crosswalk_csv: pathlib.Path):
        cw = pd.read_csv(crosswalk_csv, dtype=str, keep_default_na=False)
        cw = cw[cw["province_name"].isin(["", "NA"]) == False]  # noqa: E712
        self.patterns: list[tuple[re.Pattern, str, str]] = []
        for _, r in cw.iterrows():
            if r["province_name"] == "Ha Tay":
                self.ha_tay = re.compile(r["regex"], re.IGNORECASE)
                continue
            code = str(int(r["enterprise_census"])).zfill(2)
            if code != r["enterprise_census_c"] or code != str(int(r["papi"])).zfill(2):
                raise ValueError(f"crosswalk code mismatch for {r['province_name']}")
            self.patterns.append((re.compile(r["regex"], re.IGNORECASE), code,
                                  r["province_name_diacritics"]))
        if len(self.patterns) != 63:
            raise ValueError(f"expected 63 provinces in crosswalk, got {len(self.patterns)}")
        self.names = {code: vi for _, code, vi in self.patterns}

    def code(self, name: str) -> str:
        """GSO code, or ``HA_TAY`` for Hà Tây; raises if no/ambiguous match."""
        folded = ascii_fold(name)
        hits = {code for pat, code, _ in self.patterns if pat.search(folded)}
        if self.ha_tay.search(folded):
            if hits:
                raise ValueError(f"ambiguous province name {name!r}")
            return self.HA_TAY
        if len(hits) != 1:
            raise ValueError(f"province name {name!r} matched {sorted(hits)}")
        return hits.pop()


# ---------------------------------------------------------------------------
# Workbook years
# ---------------------------------------------------------------------------
def _read_column(rows, first: int, last: int, col: Col, matcher: ProvinceMatcher,
                 where: str) -> dict[str, float]:
    """{code: value} for one (name, value) column over rows first..last."""
    out: dict[str, float] = {}
    for r in range(first, last + 1):
        name, val = _cell(rows, r, col.name), _cell(rows, r, col.value)
        if name is None:
            if val is not None:
                raise ValueError(f"{where} row {r}: value {val!r} without province")
            continue
        num = _number(val)
        if num is None:  # blank cell = missing
            continue
        code = matcher.code(name)
        if code in out:
            raise ValueError(f"{where} row {r}: duplicate province {name!r}")
        out[code] = num
    return out


def _lookup_block(rows, layout: Layout, matcher: ProvinceMatcher):
    """The one-province lookup block some workbooks have below the table:
    a row (province, values at the value columns) followed by a row labelled
    'Thứ tự'/'Xếp hạng' with that province's positions.  Returns
    (code, {indicator: value}, {indicator: position}) or None."""
    for r in range(layout.last_row + 1, len(rows) - 1):
        name, label = _cell(rows, r, 1), _cell(rows, r + 1, 1)
        if name is None or not isinstance(label, str):
            continue
        if ascii_fold(label).lower() not in ("thu tu", "xep hang"):
            continue
        code = matcher.code(name)
        values, positions = {}, {}
        for ind, col in layout.cols.items():
            v, p = _number(_cell(rows, r, col.value)), _number(_cell(rows, r + 1, col.value))
            if v is not None:
                values[ind] = v
            if p is not None:
                positions[ind] = int(p)
        return code, values, positions
    return None


def read_workbook_year(shared: pathlib.Path, year: int, matcher: ProvinceMatcher) -> dict:
    """Raw parse of one workbook year.

    Returns a dict with keys: values {indicator: {code: value}} (Hà Tây kept
    under the key ProvinceMatcher.HA_TAY), ranks {code: published total rank},
    lookup (see _lookup_block; None for one-row-per-province layouts), path."""
    lay = LAYOUTS[year]
    path = shared / PCI_DIR / lay.repo_dir / lay.file
    rows = read_sheet(path, lay.sheet)
    values: dict[str, dict[str, float]] = {}
    for ind, col in lay.cols.items():
        values[ind] = _read_column(rows, lay.first_row, lay.last_row, col, matcher,
                                   f"{lay.file} {ind}")
    ranks: dict[str, int] = {}
    if lay.rank is not None:
        if lay.rank_sheet is not None:
            rrows = read_sheet(path, lay.rank_sheet)
            first, last = lay.rank_rows
        else:
            rrows, first, last = rows, lay.first_row, lay.last_row
        ranks = {c: int(v) for c, v in
                 _read_column(rrows, first, last, lay.rank, matcher, f"{lay.file} rank").items()}
    lookup = _lookup_block(rows, lay, matcher) if lay.sorted_pairs else None
    return {"values": values, "ranks": ranks, "lookup": lookup, "path": path}


def _min_rank(values: dict[str, float]) -> dict[str, int]:
    s = pd.Series(values, dtype=float)
    return s.rank(ascending=False, method="min").astype(int).to_dict()


def _workbook_rows(shared: pathlib.Path, year: int, matcher: ProvinceMatcher) -> list[dict]:
    lay = LAYOUTS[year]
    raw = read_workbook_year(shared, year, matcher)
    source_id = f"pci_{year}_xlsx"
    lookup_code, _, lookup_pos = raw["lookup"] if raw["lookup"] else (None, {}, {})
    out = []
    for ind, vals in raw["values"].items():
        cohort = len(vals)
        has_ha_tay = ProvinceMatcher.HA_TAY in vals
        rank_published = ind == "total" and bool(raw["ranks"])
        computed = {}
        if ind != "total_unweighted" and not rank_published:
            # every province of the workbook year has a value (they always do;
            # checked against the total's cohort) -> compute min ranks
            if set(vals) == set(raw["values"]["total"]):
                computed = _min_rank(vals)
        for code, v in vals.items():
            if code == ProvinceMatcher.HA_TAY:
                continue
            rank, is_computed, note = pd.NA, False, ""
            if rank_published:
                rank = raw["ranks"].get(code, pd.NA)
            elif code == lookup_code and ind in lookup_pos and ind != "total_unweighted":
                rank = lookup_pos[ind]
                note = "rank as stated in the workbook's lookup block below the table"
            elif computed:
                rank, is_computed = computed[code], True
                if has_ha_tay:
                    note = f"rank computed among the {cohort} units published in {year} (incl. Hà Tây)"
                elif year == 2005:
                    note = f"rank computed among the {cohort} provinces of PCI 2005"
            extra = lay.notes.get(f"{code}:{ind}", "")
            note = "; ".join(x for x in (note, extra) if x)
            out.append(dict(year=year, province_code=code, indicator=ind, value=v,
                            rank=rank, rank_computed=is_computed, source_id=source_id,
                            note=note))
    return out


# ---------------------------------------------------------------------------
# Transcribed years
# ---------------------------------------------------------------------------
TRANSCRIBED_SUB_COLS = {  # csv column -> indicator id (2021-method labels)
    "entry_costs": "entry_costs", "land_access": "land_access",
    "transparency": "transparency", "time_costs": "time_costs",
    "informal_charges": "informal_charges", "policy_bias": "policy_bias",
    "proactivity": "proactivity", "business_support_policy": "business_support",
    "labor_training": "labor_training", "labor_policy": "labor_training",
    "legal_institutions": "legal_institutions", "law_order": "legal_institutions",
}

PAGE_SOURCES = {
    "https://pcivietnam.vn/bang-xep-hang?cpi_cat_id=PCI_Score&region_id=0&year=2020": dict(
        source_id="pci_2020_ranking_page",
        title="PCI 2020 ranking of 63 provinces (pcivietnam.vn ranking page), transcribed",
        publisher="VCCI (pcivietnam.vn)",
        note="transcribed_2020.csv: 63 scores + ranks, no sub-indices"),
    "https://www.pcivietnam.vn/bang-chi-so-cac-tinh-thanh-viet-nam": dict(
        source_id="pci_2021_index_table_page",
        title="PCI 2021 provincial index table (pcivietnam.vn), transcribed",
        publisher="VCCI (pcivietnam.vn)",
        note="transcribed_2021.csv: ranks 1-21 only (page excerpt cut off), total + 10 "
             "sub-indices; year identified from the scores (investinquangninh.vn/ja "
             "mislabels this table as 2020)"),
    "https://investinquangninh.vn/vi/pci": dict(
        source_id="pci_2022_investinquangninh",
        title="PCI 2022 top 10 (investinquangninh.vn PCI page), transcribed",
        publisher="investinquangninh.vn, re-publishing VCCI PCI 2022",
        note="transcribed_2022.csv: top 10 with scores; same scores on bizhub.vn post343268"),
    "https://baonghean.vn/provincial-competitiveness-index-pci-for-2022-released-and-nghe-ans-ranking-increases-by-7-places-post267904.html": dict(
        source_id="pci_2022_baonghean",
        title="Provincial Competitiveness Index (PCI) for 2022 released and Nghe An's "
              "ranking increases by 7 places (news article), transcribed",
        publisher="Báo Nghệ An (baonghean.vn), reporting VCCI PCI 2022",
        note="Nghệ An 66.60 (23rd); Hà Nội 20th and TP.HCM 27th without scores"),
    "https://bizhub.vn/quang-ninh-maintains-leading-position-in-provincial-competitiveness-index-2022-post343268.html": dict(
        source_id="pci_2022_bizhub",
        title="Quang Ninh maintains leading position in Provincial Competitiveness Index "
              "2022 (news article), transcribed",
        publisher="bizhub.vn, reporting VCCI PCI 2022",
        note="Cần Thơ 19th (no score)"),
    "https://www.pcivietnam.vn/en/provinces/hai-phong": dict(
        source_id="pci_haiphong_province_page",
        title="Hải Phòng province profile, PCI 2006-2022 series (pcivietnam.vn), transcribed",
        publisher="VCCI (pcivietnam.vn)",
        note="transcribed_province_series_haiphong.csv; sub-index labels as on the page "
             "(2021 methodology names). Used only for Hải Phòng 2022 sub-indices; "
             "other years only compared with the workbooks"),
}
TRANSCRIPTION_LICENCE = ("no licence stated; published figures transcribed from a "
                         "public web page (data published free by VCCI)")


def _read_csv(path: pathlib.Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _transcribed_rows(shared: pathlib.Path, fname: str, matcher: ProvinceMatcher,
                      note_all: str = "") -> list[dict]:
    out = []
    for rec in _read_csv(shared / PCI_DIR / fname):
        year = int(rec["year"])
        code = matcher.code(rec["province"])
        src = PAGE_SOURCES[rec["source_url"].strip()]["source_id"]
        score = _number(rec.get("score") or None)
        rank = int(rec["rank"]) if (rec.get("rank") or "").strip() else pd.NA
        note = note_all
        if score is None and rank is not pd.NA:
            note = "; ".join(x for x in (note, "rank published without a score") if x)
        if score is not None or rank is not pd.NA:
            out.append(dict(year=year, province_code=code, indicator="total",
                            value=float("nan") if score is None else score,
                            rank=rank, rank_computed=False, source_id=src, note=note))
        for col, ind in TRANSCRIBED_SUB_COLS.items():
            v = _number((rec.get(col) or "").strip() or None) if col in rec else None
            if v is not None:
                out.append(dict(year=year, province_code=code, indicator=ind, value=v,
                                rank=pd.NA, rank_computed=False, source_id=src,
                                note=note_all))
    return out


def _haiphong_series(shared: pathlib.Path, matcher: ProvinceMatcher) -> pd.DataFrame:
    rows = _transcribed_rows(shared, "transcribed_province_series_haiphong.csv", matcher)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------
INDICATOR_META = {
    "total": ("Chỉ số PCI (có trọng số)", "PCI (weighted)", 0, 100),
    "total_unweighted": ("Chỉ số PCI chưa có trọng số", "PCI (unweighted)", 0, 100),
    "entry_costs": ("Chi phí gia nhập thị trường", "Entry costs", 0, 10),
    "land_access": ("Tiếp cận đất đai", "Land access and security of tenure", 0, 10),
    "transparency": ("Tính minh bạch", "Transparency and access to information", 0, 10),
    "time_costs": ("Chi phí thời gian", "Time costs of regulatory compliance", 0, 10),
    "informal_charges": ("Chi phí không chính thức", "Informal charges", 0, 10),
    "policy_bias": ("Cạnh tranh bình đẳng", "Policy bias (equal competition)", 0, 10),
    "soe_bias": ("Ưu đãi đối với doanh nghiệp nhà nước",
                 "Policy bias - SOEs only (preference for state-owned enterprises)", 0, 10),
    "policy_consistency": ("Thực hiện chính sách của Trung ương",
                           "Implementation and consistency of (central) policies", 0, 10),
    "proactivity": ("Tính năng động của chính quyền tỉnh",
                    "Proactivity of provincial leadership", 0, 10),
    "business_support": ("Dịch vụ hỗ trợ doanh nghiệp", "Business support services", 0, 10),
    "labor_training": ("Đào tạo lao động", "Labor training (labor policy)", 0, 10),
    "legal_institutions": ("Thiết chế pháp lý và an ninh trật tự",
                           "Legal institutions and law & order", 0, 10),
}


def compact_years(years) -> str:
    """[2005, 2006, 2007, 2009] -> '2005-2007;2009'."""
    ys = sorted(set(int(y) for y in years))
    parts, start = [], None
    for i, y in enumerate(ys):
        if start is None:
            start = y
        if i + 1 == len(ys) or ys[i + 1] != y + 1:
            parts.append(str(start) if start == y else f"{start}-{y}")
            start = None
    return ";".join(parts)


def _sources_table(used_ids: set[str]) -> pd.DataFrame:
    rows = []
    for year, lay in sorted(LAYOUTS.items()):
        if lay.repo_dir == VIETNAMDATA:
            url = VIETNAMDATA_URL + lay.file
            licence = "CC0 (repository); data published free by VCCI"
            note = ("copied byte-for-byte from mdtrinh/vietnamdata (HEAD be581b8d); "
                    "official VCCI file scraped from pcivietnam.org")
        else:
            url = ELECTIONS_URL + lay.file.replace(" ", "%20")
            licence = "no licence stated (repository); data published free by VCCI"
            note = ("copied byte-for-byte from mdtrinh/vietnam_elections (HEAD 84348767); "
                    "unmodified VCCI download")
        note += f"; sheet {lay.sheet} " + ("(sorted separately per sub-index, re-keyed by "
                                          "province)" if lay.sorted_pairs else "(one row per province)")
        rows.append(dict(source_id=f"pci_{year}_xlsx",
                         title=f"PCI {year} provincial data (official VCCI workbook)",
                         publisher="VCCI / USAID (pcivietnam.vn)", url=url,
                         licence=licence, note=note))
    for url, meta in PAGE_SOURCES.items():
        rows.append(dict(source_id=meta["source_id"], title=meta["title"],
                         publisher=meta["publisher"], url=url,
                         licence=TRANSCRIPTION_LICENCE, note=meta["note"]))
    df = pd.DataFrame(rows)
    return df[df["source_id"].isin(used_ids)].reset_index(drop=True)


def _indicators_table(scores: pd.DataFrame) -> pd.DataFrame:
    rows = []
    order = ["total", "total_unweighted"] + SUB_INDICES
    for ind in order:
        sub = scores[scores["indicator"] == ind]
        if sub.empty:
            continue
        vi, en, lo, hi = INDICATOR_META[ind]
        level = 0 if ind in ("total", "total_unweighted") else 1
        rows.append(dict(index=INDEX, indicator=ind, parent="" if level == 0 else "total",
                         level=level, name_vi=vi, name_en=en, unit="điểm/points",
                         scale_min=lo, scale_max=hi, years=compact_years(sub["year"])))
    return pd.DataFrame(rows)


def _note_published_ties(rows: list[dict]) -> None:
    """Note totals that share a published score but have different published ranks."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["indicator"] == "total" and not r["rank_computed"] and r["rank"] is not pd.NA \
                and r["value"] == r["value"]:
            groups.setdefault((r["year"], round(r["value"], 6)), []).append(r)
    for (year, value), grp in groups.items():
        if len({g["rank"] for g in grp}) > 1:
            ranks = "/".join(str(g["rank"]) for g in sorted(grp, key=lambda g: g["rank"]))
            msg = (f"same published score {value:g} as another province, published ranks "
                   f"{ranks} differ (ranked on unrounded scores); kept as published")
            for g in grp:
                g["note"] = "; ".join(x for x in (g["note"], msg) if x)


SCORE_COLUMNS = ["index", "year", "province_code", "indicator", "value", "rank",
                 "rank_computed", "source_id", "units", "note"]


def load_pci(shared: pathlib.Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """returns (scores, indicators, sources)"""
    shared = pathlib.Path(shared)
    matcher = ProvinceMatcher(shared / CROSSWALK)
    rows: list[dict] = []
    for year in sorted(LAYOUTS):
        rows += _workbook_rows(shared, year, matcher)
    rows += _transcribed_rows(shared, "transcribed_2020.csv", matcher)
    rows += _transcribed_rows(
        shared, "transcribed_2021.csv", matcher,
        note_all="PCI 2021 page excerpt lists ranks 1-21 only; sub-index ranks not computed")
    rows += _transcribed_rows(shared, "transcribed_2022.csv", matcher)

    # Hải Phòng series: only (year, indicator) pairs no other source covers,
    # and only for years without a workbook (i.e. 2022 sub-indices).
    have = {(r["year"], r["province_code"], r["indicator"]) for r in rows}
    hp = _haiphong_series(shared, matcher)
    for r in hp.to_dict("records"):
        if r["year"] in LAYOUTS or r["year"] < 2022:
            continue  # workbook years and 2020/2021 (covered by other transcriptions)
        if (r["year"], r["province_code"], r["indicator"]) in have:
            continue
        r["note"] = ("from the pcivietnam.vn Hải Phòng province page (2021-methodology "
                     "sub-index labels)")
        rows.append(r)

    _note_published_ties(rows)
    scores = pd.DataFrame(rows)
    scores["index"] = INDEX
    scores["units"] = UNITS
    scores["year"] = scores["year"].astype(int)
    scores["value"] = scores["value"].astype(float)
    scores["rank"] = pd.array(scores["rank"].tolist(), dtype="Int64")
    scores["rank_computed"] = scores["rank_computed"].astype(bool)
    scores["note"] = scores["note"].fillna("").astype(str)
    scores = scores[SCORE_COLUMNS].sort_values(
        ["year", "indicator", "province_code"]).reset_index(drop=True)
    dup = scores.duplicated(["year", "province_code", "indicator"])
    if dup.any():
        raise ValueError(f"duplicate rows:\n{scores[dup]}")

    indicators = _indicators_table(scores)
    sources = _sources_table(set(scores["source_id"]))
    return scores, indicators, sources


def compare_haiphong_series(shared: pathlib.Path, scores: pd.DataFrame | None = None
                            ) -> pd.DataFrame:
    """Compare the pcivietnam.vn Hải Phòng series with the loaded figures.

    Series labels are mapped as in ``TRANSCRIBED_SUB_COLS``; for 2005-2008
    the series' ``policy_bias`` is compared with ``soe_bias``.  Returns one row
    per (year, indicator) with series value/rank, loaded value/rank and
    ``compared`` (False where nothing was loaded, e.g. 2020 sub-indices) and
    ``match`` (values equal at 2 decimals and ranks equal where both exist;
    NA where not compared)."""
    shared = pathlib.Path(shared)
    if scores is None:
        scores = load_pci(shared)[0]
    matcher = ProvinceMatcher(shared / CROSSWALK)
    hp = _haiphong_series(shared, matcher)
    hp = hp[hp["year"] <= 2021].copy()
    hp.loc[(hp["year"] <= 2008) & (hp["indicator"] == "policy_bias"), "indicator"] = "soe_bias"
    mine = scores[(scores["province_code"] == "31") & (scores["source_id"] != "pci_haiphong_province_page")]
    m = hp.merge(mine, on=["year", "indicator"], how="left", suffixes=("_series", ""))
    m["compared"] = m["value"].notna()
    m["value_match"] = (m["value_series"].round(2) == m["value"].round(2))
    rank_both = m["rank_series"].notna() & m["rank"].notna()
    m["rank_match"] = ~rank_both | (m["rank_series"].astype("Int64") == m["rank"])
    m["match"] = (m["value_match"] & m["rank_match"]).where(m["compared"], pd.NA)
    return m[["year", "indicator", "value_series", "value", "rank_series", "rank",
              "compared", "match"]].sort_values(["year", "indicator"]).reset_index(drop=True)


def coverage(scores: pd.DataFrame) -> pd.DataFrame:
    """Per year: provinces with a total value, with a total rank, number of
    sub-indices (excluding total/total_unweighted), provinces with any
    sub-index, and whether total_unweighted is present."""
    out = []
    for year, g in scores.groupby("year"):
        tot = g[g["indicator"] == "total"]
        sub = g[~g["indicator"].isin(["total", "total_unweighted"])]
        out.append(dict(year=year,
                        with_total=int(tot["value"].notna().sum()),
                        with_rank=int(tot["rank"].notna().sum()),
                        n_sub_indices=int(sub["indicator"].nunique()),
                        provinces_with_sub=int(sub["province_code"].nunique()),
                        unweighted=bool((g["indicator"] == "total_unweighted").any())))
    return pd.DataFrame(out)
