"""Validation of the dataset (bundled files and uploads).

Every problem is reported with the file, the row (1-based line number in the CSV, header = line 1),
the column and what is wrong. All problems are collected before raising, so a user sees them at once.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from vngov.catalog import INDICES

# pandera is imported where it is used (check_scores): importing it costs ~0.5 s at every server start,
# and the bundled files are validated at build time (see CHECKSUMS / bundled_files_unchanged).

SCORE_COLUMNS = ["index", "year", "province_code", "indicator", "value", "rank", "rank_computed",
                 "source_id", "units"]
FILES = ("scores.csv", "indicators.csv", "provinces.csv", "sources.csv")
MAX_YEAR = 2030


@dataclass
class Problem:
    file: str
    row: int | None  # CSV line number (header = 1); None for whole-file problems
    column: str | None
    message: str

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

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s) in the dataset:\n"
        shown = self.problems[:50]
        more = f"\n… and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        return head + "\n".join(f"- {p}" for p in shown) + more


def read_csv_checked(source, name: str, required: list[str], dtype=str) -> pd.DataFrame:
    """Read a CSV (path or bytes/text buffer); empty, unreadable or column-less files raise DataValidationError."""
    try:
        if isinstance(source, (bytes, bytearray)):
            source = io.BytesIO(source)
        if isinstance(source, (str, Path)) and not Path(source).exists():
            raise DataValidationError([Problem(name, None, None, "file is missing")])
        df = pd.read_csv(source, dtype=dtype, keep_default_na=False, na_values=[""], encoding="utf-8")
    except DataValidationError:
        raise
    except UnicodeDecodeError as e:
        raise DataValidationError([Problem(name, None, None, f"not UTF-8 text ({e.reason} at byte {e.start})")])
    except pd.errors.EmptyDataError:
        raise DataValidationError([Problem(name, None, None, "file is empty")])
    except pd.errors.ParserError as e:
        raise DataValidationError([Problem(name, None, None, f"not a readable CSV: {e}")])
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataValidationError([Problem(name, 1, c, "required column is missing") for c in missing])
    if df.empty:
        raise DataValidationError([Problem(name, None, None, "file has a header but no rows")])
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
            out.append(Problem(name, row, col, f"{r.check}: got {r.failure_case!r}"))
        return out


def check_scores(scores: pd.DataFrame, indicators: pd.DataFrame, provinces: pd.DataFrame,
                 sources: pd.DataFrame | None, name: str = "scores.csv") -> list[Problem]:
    """All checks of a scores table (typed frame as produced by ``coerce_scores``)."""
    import pandera.pandas as pa

    codes63 = set(provinces["province_code"])
    codes34 = set(provinces["new_code"])
    schema = pa.DataFrameSchema({
        "index": pa.Column(str, pa.Check.isin(INDICES, error=f"index must be one of {', '.join(INDICES)}")),
        "year": pa.Column("Int64", pa.Check.in_range(2005, MAX_YEAR, error=f"year must be 2005–{MAX_YEAR}"),
                          nullable=True),
        "province_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$", error="province_code must be 2 digits")),
        "indicator": pa.Column(str, pa.Check.str_length(1, 40, error="indicator must be 1–40 characters")),
        "value": pa.Column(float, nullable=True),
        "rank": pa.Column("Int64", pa.Check.in_range(1, 64, error="rank must be 1–64 (64: PCI 2006–2008 ranked Hà Tây too)"),
                          nullable=True),
        "units": pa.Column(str, pa.Check.isin(["63", "34"], error="units must be 63 or 34")),
    }, strict=False, coerce=False)
    problems = _schema_problems(name, scores, schema)
    line = scores.index + 2
    # province codes per unit set
    bad_code = ((scores["units"] == "63") & ~scores["province_code"].isin(codes63)) | (
        (scores["units"] == "34") & ~scores["province_code"].isin(codes34))
    for i in scores.index[bad_code & scores["province_code"].str.match(r"^\d{2}$", na=False)]:
        problems.append(Problem(name, int(line[i]), "province_code",
                                f"'{scores.at[i, 'province_code']}' is not a province code of the "
                                f"{scores.at[i, 'units']}-province list"))
    # value or rank present
    for i in scores.index[scores["value"].isna() & scores["rank"].isna()]:
        problems.append(Problem(name, int(line[i]), "value", "neither a value nor a rank"))
    # indicator known for that index/year, value within its scale
    cols = ["index", "indicator", "scale_min", "scale_max", "year_from", "year_to"]
    m = scores.reset_index(names="_row").merge(indicators[cols], how="left", on=["index", "indicator"])
    in_era = (m["year"] >= m["year_from"]) & (m["year"] <= m["year_to"])
    matched = m[in_era.fillna(False).astype(bool)].drop_duplicates("_row")
    found = set(matched["_row"])
    for i in scores.index:
        if i not in found:
            problems.append(Problem(name, int(line[i]), "indicator",
                                    f"'{scores.at[i, 'indicator']}' is not an indicator of "
                                    f"{scores.at[i, 'index']} in {scores.at[i, 'year']}"))
    out_of_scale = matched[(matched["value"] < matched["scale_min"] - 1e-9) |
                           (matched["value"] > matched["scale_max"] + 1e-9)]
    for r in out_of_scale.to_dict("records"):
        problems.append(Problem(name, int(r["_row"]) + 2, "value",
                                f"{r['value']} is outside the scale {r['scale_min']:g}–{r['scale_max']:g} of "
                                f"{r['index']} {r['indicator']}"))
    # duplicates
    dup = scores.duplicated(["index", "year", "province_code", "indicator", "units"], keep="first")
    for i in scores.index[dup]:
        problems.append(Problem(name, int(line[i]), "province_code",
                                f"duplicate of another row for ({scores.at[i, 'index']}, {scores.at[i, 'year']}, "
                                f"{scores.at[i, 'province_code']}, {scores.at[i, 'indicator']})"))
    if sources is not None and "source_id" in scores:
        known_src = set(sources["source_id"])
        for col in ("source_id", "rank_source_id"):
            if col not in scores:
                continue
            vals = scores[col].fillna("")
            bad = (vals != "") & ~vals.isin(known_src) if col == "rank_source_id" else ~vals.isin(known_src)
            for i in scores.index[bad]:
                problems.append(Problem(name, int(line[i]), col, f"'{vals[i]}' is not in sources.csv"))
    if "rank_of" in scores:
        ro, rk = scores["rank_of"], scores["rank"]
        for i in scores.index[(rk.notna() & ro.isna()).fillna(False)]:
            problems.append(Problem(name, int(line[i]), "rank_of", "a rank needs the number of units ranked"))
        for i in scores.index[(rk.notna() & ro.notna() & ((rk > ro) | (ro > 64))).fillna(False)]:
            problems.append(Problem(name, int(line[i]), "rank_of", f"rank {rk[i]} out of {ro[i]} units"))
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
                problems.append(Problem(name, line, "parent", "a total (level 0) has no parent"))
            continue
        up = ind[(ind["index"] == r["index"]) & (ind["indicator"] == r["parent"])
                 & (ind["year_from"] <= r["year_to"]) & (ind["year_to"] >= r["year_from"])]
        if up.empty:
            problems.append(Problem(name, line, "parent", f"'{r['parent']}' is not an indicator of {r['index']} "
                                                          f"in {r['year_from']}–{r['year_to']}"))
        elif not (up["level"] == r["level"] - 1).all():
            problems.append(Problem(name, line, "level", f"level {r['level']} but its parent '{r['parent']}' "
                                                         f"has level {sorted(set(up['level']))}"))
    return problems


def check_papi_sums(scores: pd.DataFrame, name: str) -> list[Problem]:
    """PAPI: dimension = sum of its sub-dimensions; total = sum of dimensions (where all are present)."""
    from vngov.catalog import papi_subdims_by_year

    p = scores[(scores["index"] == "PAPI") & (scores["units"] == "63")]
    if p.empty:
        return []
    problems = []
    wide = p.pivot_table(index=["year", "province_code"], columns="indicator", values="value", aggfunc="first")
    rows = p.reset_index(names="_row").set_index(["year", "province_code", "indicator"])["_row"]
    subs = papi_subdims_by_year()
    for (year, code), r in wide.iterrows():
        dims = subs.get(int(year), {})
        for d, sids in dims.items():
            if d in r and pd.notna(r[d]) and all(s in r and pd.notna(r[s]) for s in sids):
                total = sum(r[s] for s in sids)
                if abs(total - r[d]) > 2e-3:
                    problems.append(Problem(name, int(rows[(year, code, d)]) + 2, "value",
                                            f"PAPI {year} {code} {d} = {r[d]} but its sub-dimensions sum to "
                                            f"{total:.4f}"))
        if "total" in r and pd.notna(r["total"]) and all(d in r and pd.notna(r[d]) for d in dims):
            total = sum(r[d] for d in dims)
            if abs(total - r["total"]) > 5e-3:
                problems.append(Problem(name, int(rows[(year, code, "total")]) + 2, "value",
                                        f"PAPI {year} {code} total = {r['total']} but its dimensions sum to "
                                        f"{total:.4f}"))
    return problems


def coerce_scores(raw: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed copy of a string-read scores table; unparseable cells become problems (and NA)."""
    df = raw.copy()
    problems: list[Problem] = []
    for col, kind in (("year", "int"), ("value", "float"), ("rank", "int")):
        s = df[col].fillna("").astype(str).str.strip()
        num = pd.to_numeric(s.where(s != ""), errors="coerce")
        bad = (s != "") & num.isna()
        if kind == "int":
            bad |= num.notna() & (num % 1 != 0)
        for i in df.index[bad]:
            problems.append(Problem(name, int(i) + 2, col, f"'{s[i]}' is not a {'whole ' if kind == 'int' else ''}number"))
        num = num.where(~bad)
        df[col] = num.astype("Int64") if kind == "int" else num.astype(float)
    for i in df.index[df["year"].isna() & ~df.index.isin([p.row - 2 for p in problems if p.column == "year"])]:
        problems.append(Problem(name, int(i) + 2, "year", "year is empty"))
    rc = df["rank_computed"].fillna("False").astype(str).str.strip().str.lower()
    for i in df.index[~rc.isin(["true", "false", ""])]:
        problems.append(Problem(name, int(i) + 2, "rank_computed", f"'{rc[i]}' is not true/false"))
    df["rank_computed"] = rc.eq("true")
    for col in ("index", "province_code", "indicator", "units", "source_id"):
        df[col] = df[col].fillna("").astype(str).str.strip()
    if "rank_source_id" in df:
        df["rank_source_id"] = df["rank_source_id"].fillna("").astype(str)
    if "rank_of" in df:  # optional: how many units the rank is out of ("x/61")
        s = df["rank_of"].fillna("").astype(str).str.strip()
        num = pd.to_numeric(s.where(s != ""), errors="coerce")
        for i in df.index[((s != "") & num.isna()) | (num.notna() & (num % 1 != 0))]:
            problems.append(Problem(name, int(i) + 2, "rank_of", f"'{s[i]}' is not a whole number"))
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
    }
    for f, cols in required.items():
        try:
            tables[f] = read_csv_checked(data_dir / f, f, cols)
        except DataValidationError as e:
            problems += e.problems
    if problems:
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
        problems.append(Problem("provinces.csv", None, "province_code", "must list 63 distinct provinces"))
    scores, p = coerce_scores(tables["scores.csv"], "scores.csv")
    problems += p
    tables["scores.csv"] = scores
    src = tables["sources.csv"]
    for i in src.index[src["source_id"].duplicated()]:
        problems.append(Problem("sources.csv", int(i) + 2, "source_id", f"duplicate id '{src.at[i, 'source_id']}'"))
    if full_check and not any(p.file == "provinces.csv" for p in problems):
        problems += check_scores(scores, ind, prov, src)
    if problems:
        raise DataValidationError(problems)
    nat = data_dir / "national.csv"
    tables["national.csv"] = (pd.read_csv(nat, dtype=str, keep_default_na=False) if nat.exists()
                              else pd.DataFrame(columns=["index", "year", "stat", "region", "value", "source_id"]))
    return tables


def validate_dataset(data_dir: Path) -> dict[str, pd.DataFrame]:
    return load_tables(data_dir)
