"""Validation of the dataset (bundled files and uploads).

Every problem is reported with the file, the row (1-based line number in the CSV, header = line 1),
the column and what is wrong. All problems are collected before raising, so a user sees them at once.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from vngov.catalog import INDICES
from vngov.i18n import fmt_int, fmt_num, t

# pandera is imported where it is used (check_scores): importing it costs ~0.5 s at every server start,
# and the bundled files are validated at build time (see CHECKSUMS / bundled_files_unchanged).

SCORE_COLUMNS = ["index", "year", "province_code", "indicator", "value", "rank", "rank_computed",
                 "source_id", "units"]
FILES = ("scores.csv", "indicators.csv", "provinces.csv", "sources.csv", "provinces34.csv")
MAX_YEAR = 2030


def _num(v, lang: str) -> str:
    """A number parameter as the reader writes it: shortest form, decimal comma in Vietnamese; whole
    numbers (years, ranks, counts under 10,000) as digits."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) and not hasattr(v, "__float__"):
        return str(v)
    f = float(v)
    if f.is_integer() and abs(f) < 1e15:
        return str(int(f))
    s = f"{f:.10g}"
    return s if lang == "en" else s.replace(".", ",")


@dataclass
class Problem:
    """One problem of a file: where (file, CSV line, column) and what (a code and its parameters). The text
    is the catalogue's ``prob_<code>`` rendered in the reader's language when shown (``render``); no
    behaviour depends on it. ``str()`` is English, for logs and the build script."""
    file: str
    row: int | None  # CSV line number (header = 1); None for whole-file problems
    column: str | None
    code: str
    args: dict = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        """The message in ``lang``: numbers in its locale; an argument named ``<x>_key`` is a catalogue key
        whose text fills ``{x}``, one named ``<x>_mb`` a size with one decimal; text arguments are inserted
        as they are (callers make them inert)."""
        kw = {}
        for k, v in self.args.items():
            if k.endswith("_key"):
                kw[k[:-4]] = t(v, lang)
            elif isinstance(v, str):
                kw[k] = v
            elif k.endswith("_mb"):  # a size in MB: one decimal
                kw[k] = fmt_num(v, 1, lang)
            else:
                kw[k] = _num(v, lang)
        return t(f"prob_{self.code}", lang, **kw)

    @property
    def message(self) -> str:
        return self.render("en")

    def key(self) -> tuple:
        return (self.row, self.column, self.code, tuple(sorted((k, str(v)) for k, v in self.args.items())))

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass
class DataValidationError(ValueError):
    problems: list[Problem] = field(default_factory=list)
    SHOWN = 50

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s) in the dataset:\n"
        shown = self.problems[:self.SHOWN]
        more = f"\n… and {len(self.problems) - self.SHOWN} more" if len(self.problems) > self.SHOWN else ""
        return head + "\n".join(f"- {p}" for p in shown) + more

    def lines(self, lang: str) -> list[str]:
        """The problems in the reader's language (plain text, one per problem, the file, row and column
        named), the first ``SHOWN`` and a count of the rest."""
        out = [describe(p, lang) for p in self.problems[:self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            out.append(t("prob_more", lang, n=fmt_int(len(self.problems) - self.SHOWN, lang)))
        return out


def describe(p: Problem, lang: str) -> str:
    """'file, row 3, column 'value': message' in the reader's language."""
    where = p.file
    if p.row is not None:
        where += t("prob_at_row", lang, row=p.row)
    if p.column:
        where += t("prob_at_column", lang, column=p.column)
    return f"{where}: {p.render(lang)}"


def read_csv_checked(source, name: str, required: list[str], dtype=str) -> pd.DataFrame:
    """Read a CSV (path or bytes/text buffer); empty, unreadable or column-less files raise DataValidationError."""
    try:
        if isinstance(source, (bytes, bytearray)):
            source = io.BytesIO(source)
        if isinstance(source, (str, Path)) and not Path(source).exists():
            raise DataValidationError([Problem(name, None, None, "file_missing")])
        df = pd.read_csv(source, dtype=dtype, keep_default_na=False, na_values=[""], encoding="utf-8")
    except DataValidationError:
        raise
    except UnicodeDecodeError as e:
        raise DataValidationError([Problem(name, None, None, "not_utf8", {"reason": str(e.reason), "byte": e.start})])
    except pd.errors.EmptyDataError:
        raise DataValidationError([Problem(name, None, None, "empty")])
    except pd.errors.ParserError as e:
        import re

        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(e))
        if m:  # a ragged row: its line and counts, in the reader's language
            raise DataValidationError([Problem(name, int(m.group(2)), None, "fields",
                                               {"n": int(m.group(3)), "m": int(m.group(1))})])
        raise DataValidationError([Problem(name, None, None, "csv", {"err": str(e)})])
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataValidationError([Problem(name, 1, c, "missing_column") for c in missing])
    if df.empty:
        raise DataValidationError([Problem(name, None, None, "no_rows")])
    return df


def _schema_problems(name: str, df: pd.DataFrame, schema) -> list[Problem]:
    from pandera.errors import SchemaErrors

    try:
        schema.validate(df, lazy=True)
        return []
    except SchemaErrors as err:
        out = []
        fc = err.failure_cases
        for r in fc.itertuples():
            row = None if pd.isna(r.index) else int(r.index) + 2
            col = r.column if isinstance(r.column, str) else None
            check = str(r.check)
            if check == "not_nullable":
                out.append(Problem(name, row, col, "required"))
            elif check == "field_uniqueness" or check.startswith("unique"):
                out.append(Problem(name, row, col, "schema_unique", {"got": repr(r.failure_case)}))
            elif check in SCHEMA_ARGS:  # a check of ours: its code
                out.append(Problem(name, row, col, check, {**SCHEMA_ARGS[check], "got": repr(r.failure_case)}))
            else:  # pandera's own (dtype, column presence): its words
                out.append(Problem(name, row, col, "schema", {"check": check, "got": repr(r.failure_case)}))
        return out


# the parameters of the schema checks whose ``error`` is a problem code (``prob_<code>`` in the catalogue)
SCHEMA_ARGS = {"schema_index": {"indices": ", ".join(INDICES)}, "schema_year": {"lo": 2005, "hi": MAX_YEAR},
               "schema_code": {}, "schema_indicator": {"lo": 1, "hi": 40}, "schema_rank": {"lo": 1, "hi": 64},
               "schema_units": {}, "schema_number": {}, "schema_year4": {}, "schema_level": {}}

NUMBER = r"^\s*-?\d+(\.\d+)?\s*$"


def table_schemas() -> dict:
    """pandera schemas of the catalogue tables as read (all columns text): what every row needs before it is
    typed. Failures are problems naming file, row and column (``_schema_problems``)."""
    import pandera.pandas as pa

    text = dict(nullable=False)
    return {
        "indicators.csv": pa.DataFrameSchema({
            "index": pa.Column(str, pa.Check.isin(INDICES, error="schema_index"), **text),
            "indicator": pa.Column(str, pa.Check.str_length(1, 40, error="schema_indicator"), **text),
            "level": pa.Column(str, pa.Check.str_matches(r"^[0-3]$", error="schema_level"), **text),
            "name_vi": pa.Column(str, **text), "name_en": pa.Column(str, **text),
            "scale_min": pa.Column(str, pa.Check.str_matches(NUMBER, error="schema_number"), **text),
            "scale_max": pa.Column(str, pa.Check.str_matches(NUMBER, error="schema_number"), **text),
            "year_from": pa.Column(str, pa.Check.str_matches(r"^\d{4}$", error="schema_year4"), **text),
            "year_to": pa.Column(str, pa.Check.str_matches(r"^\d{4}$", error="schema_year4"), **text),
        }, strict=False),
        "provinces.csv": pa.DataFrameSchema({
            "province_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$", error="schema_code"), unique=True,
                                       **text),
            "name_vi": pa.Column(str, **text), "name_en": pa.Column(str, **text),
            "region": pa.Column(str, **text),
            "new_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$", error="schema_code"), **text),
            "new_name_vi": pa.Column(str, **text),
            **{c: pa.Column(str, required=False, **text) for c in ("new_name_en", "region_name_vi",
                                                                   "region_name_en")},
        }, strict=False),
        "sources.csv": pa.DataFrameSchema({
            "source_id": pa.Column(str, **text), "title": pa.Column(str, **text),
        }, strict=False),
        "national.csv": pa.DataFrameSchema({
            "index": pa.Column(str, pa.Check.isin(INDICES, error="schema_index"), **text),
            "year": pa.Column(str, pa.Check.str_matches(r"^\d{4}$", error="schema_year4"), **text),
            "stat": pa.Column(str, **text), "value": pa.Column(str, **text),
        }, strict=False),
    }


def check_catalogue(name: str, df: pd.DataFrame) -> list[Problem]:
    """The schema of a catalogue table, then what a schema cannot say: a reversed scale or era and a
    duplicate indicator (indicators.csv), one name per region and per new province (provinces.csv)."""
    problems = _schema_problems(name, df, table_schemas()[name])
    if problems:
        return problems
    if name == "indicators.csv":
        lo, hi = pd.to_numeric(df["scale_min"]), pd.to_numeric(df["scale_max"])
        for i in df.index[lo > hi]:
            problems.append(Problem(name, int(i) + 2, "scale_min", "scale_order", {"lo": float(lo[i]), "hi": float(hi[i])}))
        yf, yt = pd.to_numeric(df["year_from"]), pd.to_numeric(df["year_to"])
        for i in df.index[yf > yt]:
            problems.append(Problem(name, int(i) + 2, "year_from", "year_order", {"lo": int(yf[i]), "hi": int(yt[i])}))
        seen: dict = {}
        for i, k in zip(df.index, zip(df["index"], df["indicator"], df["year_from"])):
            if k in seen:
                problems.append(Problem(name, int(i) + 2, "indicator", "duplicate_row",
                                        {"other": seen[k] + 2, "key": " ".join(map(str, k))}))
            else:
                seen[k] = int(i)
    if name == "provinces.csv":
        for code, cols in (("region", ("region_name_vi", "region_name_en")),
                           ("new_code", ("new_name_vi", "new_name_en"))):
            for c in cols:
                if c not in df:
                    continue
                usual = df.groupby(code)[c].agg(lambda v: v.mode().iloc[0])  # the name most rows give
                for i in df.index[df[c] != df[code].map(usual)]:
                    problems.append(Problem(name, int(i) + 2, c, "region_names",
                                            {"code": str(df.at[i, code]), "column": c}))
    return problems


def check_scores(scores: pd.DataFrame, indicators: pd.DataFrame, provinces: pd.DataFrame,
                 sources: pd.DataFrame | None, name: str = "scores.csv") -> list[Problem]:
    """All checks of a scores table (typed frame as produced by ``coerce_scores``). Only the columns of a
    scores table are read (any other column of the input is ignored, and cannot collide with a name used
    here); every check is linear in the number of rows."""
    import pandera.pandas as pa

    scores = scores[[c for c in SCORE_COLUMNS + ["rank_source_id", "rank_of"]
                     if c in scores.columns]].reset_index(drop=True)
    codes63 = set(provinces["province_code"])
    codes34 = set(provinces["new_code"])
    schema = pa.DataFrameSchema({
        "index": pa.Column(str, pa.Check.isin(INDICES, error="schema_index")),
        "year": pa.Column("Int64", pa.Check.in_range(2005, MAX_YEAR, error="schema_year"),
                          nullable=True),
        "province_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$", error="schema_code")),
        "indicator": pa.Column(str, pa.Check.str_length(1, 40, error="schema_indicator")),
        "value": pa.Column(float, nullable=True),
        "rank": pa.Column("Int64", pa.Check.in_range(1, 64, error="schema_rank"),
                          nullable=True),
        "units": pa.Column(str, pa.Check.isin(["63", "34"], error="schema_units")),
    }, strict=False, coerce=False)
    problems = _schema_problems(name, scores, schema)
    n = len(scores)
    line = np.arange(n) + 2  # by position (the index of the input is not used)
    code, units = scores["province_code"].to_numpy(), scores["units"].to_numpy()
    # province codes per unit set
    bad_code = ((units == "63") & ~scores["province_code"].isin(codes63).to_numpy()) | (
        (units == "34") & ~scores["province_code"].isin(codes34).to_numpy())
    for j in np.flatnonzero(bad_code & scores["province_code"].str.match(r"^\d{2}$", na=False).to_numpy()):
        problems.append(Problem(name, int(line[j]), "province_code", "not_province_code",
                                {"code": str(code[j]), "units": str(units[j])}))
    # value or rank present
    for j in np.flatnonzero((scores["value"].isna() & scores["rank"].isna()).to_numpy()):
        problems.append(Problem(name, int(line[j]), "value", "no_value_or_rank"))
    # indicator known for that index/year, value within its scale (a merge on positions, no names of ours)
    cols = ["index", "indicator", "scale_min", "scale_max", "year_from", "year_to"]
    left = pd.DataFrame({"index": scores["index"].to_numpy(), "indicator": scores["indicator"].to_numpy(),
                         "year": scores["year"].to_numpy(), "value": scores["value"].to_numpy(),
                         "pos": np.arange(n)})
    m = left.merge(indicators[cols], how="left", on=["index", "indicator"])
    in_era = (m["year"] >= m["year_from"]) & (m["year"] <= m["year_to"])
    matched = m[in_era.fillna(False).astype(bool)].drop_duplicates("pos")
    found = np.zeros(n, dtype=bool)
    found[matched["pos"].to_numpy()] = True
    year = scores["year"].to_numpy()
    ind, idx = scores["indicator"].to_numpy(), scores["index"].to_numpy()
    for j in np.flatnonzero(~found):
        problems.append(Problem(name, int(line[j]), "indicator", "not_an_indicator",
                                {"indicator": str(ind[j]), "index": str(idx[j]),
                                 "year": "" if pd.isna(year[j]) else int(year[j])}))
    out_of_scale = matched[(matched["value"] < matched["scale_min"] - 1e-9) |
                           (matched["value"] > matched["scale_max"] + 1e-9)]
    for r in out_of_scale.to_dict("records"):
        problems.append(Problem(name, int(r["pos"]) + 2, "value", "out_of_scale",
                                {"value": float(r["value"]), "lo": float(r["scale_min"]),
                                 "hi": float(r["scale_max"]), "index": r["index"], "indicator": r["indicator"]}))
    # duplicates
    dup = scores.duplicated(["index", "year", "province_code", "indicator", "units"], keep="first").to_numpy()
    for j in np.flatnonzero(dup):
        problems.append(Problem(name, int(line[j]), "province_code", "duplicate",
                                {"index": str(idx[j]), "year": "" if pd.isna(year[j]) else int(year[j]),
                                 "code": str(code[j]), "indicator": str(ind[j])}))
    if sources is not None and "source_id" in scores:
        known_src = set(sources["source_id"])
        for col in ("source_id", "rank_source_id"):
            if col not in scores:
                continue
            vals = scores[col].fillna("")
            bad = (vals != "") & ~vals.isin(known_src) if col == "rank_source_id" else ~vals.isin(known_src)
            v = vals.to_numpy()
            for j in np.flatnonzero(bad.to_numpy()):
                problems.append(Problem(name, int(line[j]), col, "unknown_source", {"id": str(v[j])}))
    if "rank_of" in scores:
        ro, rk = scores["rank_of"], scores["rank"]
        ro_v, rk_v = ro.to_numpy(), rk.to_numpy()
        for j in np.flatnonzero((rk.notna() & ro.isna()).fillna(False).to_numpy()):
            problems.append(Problem(name, int(line[j]), "rank_of", "rank_of_missing"))
        for j in np.flatnonzero((rk.notna() & ro.notna() & ((rk > ro) | (ro > 64))).fillna(False).to_numpy()):
            problems.append(Problem(name, int(line[j]), "rank_of", "rank_of_range",
                                    {"rank": int(rk_v[j]), "of": int(ro_v[j])}))
    problems += check_papi_sums(scores, name)
    return problems


def check_indicator_parents(ind: pd.DataFrame, name: str = "indicators.csv") -> list[Problem]:
    """``parent``: empty for a total (level 0); otherwise an indicator of the same index, one level up,
    defined in an overlapping era. So every indicator hangs under its own whole and a view listing the
    children of one parent never lists a part beside the part it belongs to."""
    problems = []
    for i, r in ind.iterrows():
        line = int(i) + 2
        if r["level"] == 0:
            if r["parent"]:
                problems.append(Problem(name, line, "parent", "parent_of_total"))
            continue
        up = ind[(ind["index"] == r["index"]) & (ind["indicator"] == r["parent"])
                 & (ind["year_from"] <= r["year_to"]) & (ind["year_to"] >= r["year_from"])]
        if up.empty:
            problems.append(Problem(name, line, "parent", "parent_unknown",
                                    {"parent": str(r["parent"]), "index": str(r["index"]),
                                     "years": f"{r['year_from']}–{r['year_to']}"}))
        elif not (up["level"] == r["level"] - 1).all():
            problems.append(Problem(name, line, "level", "parent_level",
                                    {"level": str(r["level"]), "parent": str(r["parent"]),
                                     "parent_level": ", ".join(str(x) for x in sorted(set(up["level"])))}))
    return problems


def check_papi_sums(scores: pd.DataFrame, name: str) -> list[Problem]:
    """PAPI: dimension = sum of its sub-dimensions; total = sum of dimensions (where all are present).
    Only rows of a year with sub-dimensions and of a known dimension id take part (so the work is linear:
    at most 63 provinces × a few years × a few dozen ids, whatever the input)."""
    from vngov.catalog import papi_subdims_by_year

    subs = papi_subdims_by_year()
    ids = {"total"} | {d for dims in subs.values() for d in dims} | {
        x for dims in subs.values() for sids in dims.values() for x in sids}
    pos = pd.Series(np.arange(len(scores)), index=scores.index)
    sel = ((scores["index"] == "PAPI") & (scores["units"] == "63") & scores["year"].isin(list(subs))
           & scores["indicator"].isin(ids) & scores["value"].notna()).fillna(False).astype(bool)
    p = pd.DataFrame({"year": scores.loc[sel, "year"].astype(int).to_numpy(),
                      "code": scores.loc[sel, "province_code"].to_numpy(),
                      "indicator": scores.loc[sel, "indicator"].to_numpy(),
                      "value": scores.loc[sel, "value"].astype(float).to_numpy(),
                      "pos": pos[sel].to_numpy()}).drop_duplicates(["year", "code", "indicator"])
    if p.empty:
        return []
    problems = []
    val = {(y, c, i): (v, q) for y, c, i, v, q in p.itertuples(index=False)}
    for year, code in p[["year", "code"]].drop_duplicates().itertuples(index=False):
        dims = subs.get(int(year), {})

        def get(i):
            return val.get((year, code, i), (None, None))
        for d, sids in dims.items():
            v, q = get(d)
            parts = [get(x)[0] for x in sids]
            if v is not None and all(x is not None for x in parts):
                total = sum(parts)
                if abs(total - v) > 2e-3:
                    problems.append(Problem(name, int(q) + 2, "value", "papi_dim_sum",
                                            {"year": int(year), "code": code, "dim": d, "value": float(v),
                                             "total": round(float(total), 4)}))
        v, q = get("total")
        parts = [get(d)[0] for d in dims]
        if v is not None and all(x is not None for x in parts):
            total = sum(parts)
            if abs(total - v) > 5e-3:
                problems.append(Problem(name, int(q) + 2, "value", "papi_total_sum",
                                        {"year": int(year), "code": code, "value": float(v),
                                         "total": round(float(total), 4)}))
    return problems


def coerce_scores(raw: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed copy of a string-read scores table; unparseable cells become problems (and NA)."""
    df = raw.copy()
    problems: list[Problem] = []
    line = pd.Series(np.arange(len(df)) + 2, index=df.index)
    bad_year = pd.Series(False, index=df.index)
    for col, kind in (("year", "int"), ("value", "float"), ("rank", "int")):
        s = df[col].fillna("").astype(str).str.strip()
        num = pd.to_numeric(s.where(s != ""), errors="coerce")
        bad = (s != "") & num.isna()
        if kind == "int":
            bad |= num.notna() & (num % 1 != 0)
        if col == "year":
            bad_year = bad
        for i in df.index[bad]:
            problems.append(Problem(name, int(line[i]), col, "not_a_whole_number" if kind == "int" else "not_a_number",
                                    {"v": s[i]}))
        num = num.where(~bad)
        df[col] = num.astype("Int64") if kind == "int" else num.astype(float)
    for i in df.index[df["year"].isna() & ~bad_year]:
        problems.append(Problem(name, int(line[i]), "year", "year_empty"))
    rc = df["rank_computed"].fillna("False").astype(str).str.strip().str.lower()
    for i in df.index[~rc.isin(["true", "false", ""])]:
        problems.append(Problem(name, int(line[i]), "rank_computed", "not_boolean", {"v": rc[i]}))
    df["rank_computed"] = rc.eq("true")
    for col in ("index", "province_code", "indicator", "units", "source_id"):
        df[col] = df[col].fillna("").astype(str).str.strip()
    if "rank_source_id" in df:
        df["rank_source_id"] = df["rank_source_id"].fillna("").astype(str)
    if "rank_of" in df:  # optional: how many units the rank is out of ("x/61")
        s = df["rank_of"].fillna("").astype(str).str.strip()
        num = pd.to_numeric(s.where(s != ""), errors="coerce")
        for i in df.index[((s != "") & num.isna()) | (num.notna() & (num % 1 != 0))]:
            problems.append(Problem(name, int(line[i]), "rank_of", "not_a_whole_number", {"v": s[i]}))
        df["rank_of"] = num.where(num % 1 == 0).astype("Int64")
    if "note" in df:
        df["note"] = df["note"].fillna("").astype(str)
    return df, problems


CHECKSUMS = "CHECKSUMS.sha256"  # written by scripts/build_data.py after the full validation passed


def bundle_digest(data_dir: Path) -> str:
    h = hashlib.sha256()
    for f in FILES:
        h.update(f.encode() + b"\0" + (Path(data_dir) / f).read_bytes())
    return h.hexdigest()


def bundled_files_unchanged(data_dir: Path) -> bool:
    """True if the files are byte-identical to the ones the build validated (then the row-level checks
    can be skipped on load; the structural checks and type coercion still run)."""
    mark = Path(data_dir) / CHECKSUMS
    try:
        return mark.read_text(encoding="utf-8").split()[0] == bundle_digest(data_dir)
    except (OSError, IndexError):
        return False


def write_checksums(data_dir: Path) -> None:
    (Path(data_dir) / CHECKSUMS).write_text(f"{bundle_digest(data_dir)}  {' '.join(FILES)}\n", encoding="utf-8")


def load_tables(data_dir: Path, full_check: bool = True) -> dict[str, pd.DataFrame]:
    """Read and type the bundled tables; raise DataValidationError listing every problem.

    full_check=False skips the row-level checks of scores.csv (check_scores); use it only for files
    already validated (``bundled_files_unchanged``)."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    required = {
        "scores.csv": SCORE_COLUMNS,
        "indicators.csv": ["index", "indicator", "parent", "level", "name_vi", "name_en", "unit",
                           "scale_min", "scale_max", "year_from", "year_to"],
        "provinces.csv": ["province_code", "name_vi", "name_en", "region", "new_code", "new_name_vi"],
        "sources.csv": ["source_id", "title", "publisher", "url", "licence"],
        "provinces34.csv": ["province_code", "name_vi", "name_en", "region", "former_codes"],
    }
    for f, cols in required.items():
        try:
            tables[f] = read_csv_checked(data_dir / f, f, cols)
        except DataValidationError as e:
            problems += e.problems
    if problems:
        raise DataValidationError(problems)
    for f in ("indicators.csv", "provinces.csv", "sources.csv"):
        problems += check_catalogue(f, tables[f])
    if problems:  # the typing below needs sound catalogues (and a reversed scale is not 439 score rows' fault)
        raise DataValidationError(problems)
    ind = tables["indicators.csv"]
    for col in ("level", "year_from", "year_to"):
        ind[col] = pd.to_numeric(ind[col]).astype(int)
    for col in ("scale_min", "scale_max"):
        ind[col] = pd.to_numeric(ind[col]).astype(float)
    ind["parent"] = ind["parent"].fillna("")
    problems += check_indicator_parents(ind)
    prov = tables["provinces.csv"]
    if len(prov) != 63 or prov["province_code"].duplicated().any():
        problems.append(Problem("provinces.csv", None, "province_code", "provinces_63"))
    p34 = tables["provinces34.csv"]
    former = sorted(c for f in p34["former_codes"] for c in str(f).split())
    if (len(p34) != 34 or p34["province_code"].duplicated().any() or former != sorted(prov["province_code"])
            or set(p34["province_code"]) != set(prov["new_code"])):
        problems.append(Problem("provinces34.csv", None, "province_code", "provinces_34"))
    scores, p = coerce_scores(tables["scores.csv"], "scores.csv")
    problems += p
    tables["scores.csv"] = scores
    src = tables["sources.csv"]
    for i in src.index[src["source_id"].duplicated()]:
        problems.append(Problem("sources.csv", int(i) + 2, "source_id", "duplicate_id",
                                {"id": src.at[i, "source_id"]}))
    if full_check and not any(p.file == "provinces.csv" for p in problems):
        problems += check_scores(scores, ind, prov, src)
    if problems:
        raise DataValidationError(problems)
    # national.csv: only the national figures need it; damaged, it is left out with one notice (``problems``)
    nat_cols = ["index", "year", "stat", "region", "value", "source_id"]
    nat = data_dir / "national.csv"
    tables["national.csv"] = pd.DataFrame(columns=nat_cols)
    tables["problems"] = []
    if nat.exists():
        try:
            df = read_csv_checked(nat, "national.csv", nat_cols)
            bad = check_catalogue("national.csv", df)
            if bad:
                tables["problems"] = bad
            else:
                tables["national.csv"] = df.fillna("")
        except DataValidationError as e:
            tables["problems"] = e.problems
    return tables


def validate_dataset(data_dir: Path) -> dict[str, pd.DataFrame]:
    """The build's check: every table, national.csv included (which the app would only leave out)."""
    tables = load_tables(data_dir)
    if tables.get("problems"):
        raise DataValidationError(list(tables["problems"]))
    return tables
