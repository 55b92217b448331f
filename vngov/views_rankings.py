"""Data selections of the Rankings & movement page (pure pandas; no Streamlit).

Rules kept here (see data/README.md):
- ranks are the ``rank`` column only (published, or computed by the build from a complete set);
  nothing here ranks a partial set of scores;
- changes across a method break are blank (``Dataset.slice`` already drops the previous year then);
- tiers: PAR INDEX uses the Ministry of Home Affairs score bands (A >= 90 %, B 80-<90 %, C 70-<80 %,
  D < 70 %), stated by the Ministry for the assessments 2019, 2021, 2022, 2023 and 2024 (data/national.csv,
  data/transcribed/national_stats_issue6.csv). Earlier years used other bands (2018: A >= 80 %,
  B 75-<80 %, ..., per one source that conflicts with another), so no band is shown before 2019.
  Every other index/indicator gets score quartiles of the whole country's published scores of that year,
  labelled "quartile" (not an official grouping), and only when at least ``MIN_QUARTILE_SET`` provinces
  have a published score (quartiles of a handful of transcribed figures would mislead).
"""

from __future__ import annotations

import math

import pandas as pd

from vngov.charts.common import fmt_num
from vngov.data import Dataset, era_of, is_break

PAR_BAND_FROM = 2019
PAR_BANDS = ((90.0, "A"), (80.0, "B"), (70.0, "C"), (-math.inf, "D"))
MIN_QUARTILE_SET = 40
N_UNITS = 63


# ------------------------------------------------------------------------------------------
# tiers
# ------------------------------------------------------------------------------------------
def tier_kind(index: str, year: int, indicator: str, n_with_value: int) -> str | None:
    """'band' (PAR INDEX published bands), 'quartile', or None (no tier shown)."""
    if index == "PAR_INDEX" and indicator == "total":
        return "band" if year >= PAR_BAND_FROM else None
    return "quartile" if n_with_value >= MIN_QUARTILE_SET else None


def par_band(value: float) -> str | None:
    if value is None or pd.isna(value):
        return None
    for lo, band in PAR_BANDS:
        if value >= lo:
            return band
    return None  # pragma: no cover


def quartiles(values: pd.Series) -> pd.Series:
    """Quartile 1 (top 25 %) … 4 of the non-missing values (higher = better); ties share the best one.

    Quartile of a province = ceil(4 * position / n), position = 1 + number of strictly higher scores."""
    v = values.astype(float)
    n = int(v.notna().sum())
    pos = v.rank(method="min", ascending=False)
    return pos.map(lambda p: pd.NA if pd.isna(p) else int(math.ceil(4 * p / n))).astype("Int64")


def add_tiers(sl_all: pd.DataFrame, index: str, year: int, indicator: str) -> tuple[pd.DataFrame, str | None]:
    """Add a ``tier`` column ('A'…'D' or 'Q1'…'Q4', or None) to a slice of all 63 provinces."""
    out = sl_all.copy()
    kind = tier_kind(index, year, indicator, int(out["value"].notna().sum()))
    if kind == "band":
        out["tier"] = [par_band(v) for v in out["value"]]
    elif kind == "quartile":
        out["tier"] = [None if pd.isna(q) else f"Q{int(q)}" for q in quartiles(out["value"])]
    else:
        out["tier"] = None
    return out, kind


# ------------------------------------------------------------------------------------------
# the rank table
# ------------------------------------------------------------------------------------------
def sort_table(df: pd.DataFrame) -> pd.DataFrame:
    """Published rank first, then score (high first); rows with neither a score nor a rank last.

    A rank published without a score keeps its place; its score reads "no data"."""
    key = df.assign(_nofig=df["value"].isna() & df["rank"].isna(),
                    _rank=df["rank"].astype("Float64").fillna(math.inf),
                    _val=-df["value"].astype(float).fillna(-math.inf))
    key = key.sort_values(["_nofig", "_rank", "_val", "province_code"])
    return df.loc[key.index].reset_index(drop=True)


def rank_table(ds: Dataset, index: str, year: int, indicator: str = "total", region: str = "",
               lang: str = "vi") -> tuple[pd.DataFrame, str | None]:
    """One row per province of the region (all 63 if none), sorted, with tier; and the tier kind.

    Tiers (quartiles) are computed over the whole country, so a region filter does not change them."""
    sl, kind = add_tiers(ds.slice(index, year, indicator), index, year, indicator)
    if region:
        sl = sl[sl["region"] == region]
    sl = sl.assign(name=sl["name_en" if lang == "en" else "name_vi"])
    return sort_table(sl), kind


def coverage_counts(ds: Dataset, index: str, year: int, indicator: str = "total", region: str = "") -> dict:
    sl = ds.slice(index, year, indicator)
    reg = sl[sl["region"] == region] if region else sl
    return dict(n=int(sl["value"].notna().sum()), ranks=int(sl["rank"].notna().sum()), total=len(sl),
                n_region=int(reg["value"].notna().sum()), total_region=len(reg))


def change_blocked_by_break(index: str, year: int) -> bool:
    return is_break(index, year - 1, year)


# ------------------------------------------------------------------------------------------
# bump chart
# ------------------------------------------------------------------------------------------
def rank_years(ds: Dataset, index: str, indicator: str = "total") -> tuple[list[int], list[int]]:
    """(years with at least one rank, years with figures but no rank) for this index and indicator."""
    ser = ds.series(index, indicator)
    have = ser.groupby("year")["rank"].count()
    ranked = sorted(int(y) for y, n in have.items() if n > 0)
    unranked = sorted(int(y) for y, n in have.items() if n == 0)
    return ranked, unranked


def reference_year(ds: Dataset, index: str, year: int, indicator: str = "total") -> int | None:
    """The year whose ranks pick the default provinces: the selected year if it has ranks, else the
    nearest ranked year (earlier preferred on a tie)."""
    ranked, _ = rank_years(ds, index, indicator)
    if not ranked:
        return None
    if year in ranked:
        return year
    return min(ranked, key=lambda y: (abs(y - year), y > year))


def top_bottom(ds: Dataset, index: str, year: int, indicator: str = "total", region: str = "",
               n: int = 5) -> tuple[list[str], list[str]]:
    """Codes of the n best and n worst published ranks of that year (among the region's provinces).
    With fewer than 2n ranked provinces every ranked province is in one of the two lists."""
    sl = ds.slice(index, year, indicator)
    if region:
        sl = sl[sl["region"] == region]
    r = sl.dropna(subset=["rank"]).sort_values(["rank", "province_code"])
    codes = list(r["province_code"])
    top = codes[:n]
    bottom = [c for c in codes[-n:] if c not in top]
    return top, bottom


def segments(df: pd.DataFrame, index: str) -> pd.Series:
    """Segment id per row of a (province, year) frame: a new segment at a method break or at a year
    without a figure, so a line never spans a break or a gap."""
    out = []
    prev_code, prev_year, seg = None, None, 0
    for code, year in zip(df["province_code"], df["year"]):
        year = int(year)
        if code != prev_code or year != prev_year + 1 or is_break(index, prev_year, year):
            seg += 1
        out.append(f"{code}-{era_of(index, year)}-{seg}")
        prev_code, prev_year = code, year
    return pd.Series(out, index=df.index, dtype="str")


def bump_data(ds: Dataset, index: str, indicator: str, groups: dict[str, str], lang: str = "vi",
              dec: int = 2) -> pd.DataFrame:
    """Ranks over all years for the given provinces. groups: {province_code: group label} (order kept).

    Only rows with a published/computed rank; segment ids split at breaks and gaps."""
    ser = ds.series(index, indicator, list(groups))
    ser = ser.dropna(subset=["rank"]).sort_values(["province_code", "year"]).reset_index(drop=True)
    out = pd.DataFrame({
        "province_code": ser["province_code"], "name": ser["name_en" if lang == "en" else "name_vi"],
        "year": ser["year"].astype(int), "rank": ser["rank"].astype(int), "value": ser["value"].astype(float),
        "rank_computed": ser["rank_computed"], "era": ser["era"].astype(int),
        "source_id": ser["source_id"]})
    out["segment"] = segments(out, index)
    out["group"] = out["province_code"].map(groups)
    out["value_txt"] = [fmt_num(v, dec, lang) for v in out["value"]]
    return out


def years_text(years: list[int]) -> str:
    """2014, 2018, 2021–2024"""
    parts, run = [], []
    for y in sorted(years):
        if run and y == run[-1] + 1:
            run.append(y)
            continue
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
        run = [y]
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(parts)


# ------------------------------------------------------------------------------------------
# slope chart
# ------------------------------------------------------------------------------------------
def default_y2(ds: Dataset, index: str, year: int, indicator: str = "total") -> int | None:
    """Second year when none is chosen: the first year of the selected year's era (so levels compare),
    or, if that is the selected year itself, the previous year of the index."""
    years = [y for y in ds.years(index) if y != year]
    if not years:
        return None
    same_era = [y for y in years if not is_break(index, y, year)]
    if same_era and min(same_era) < year:
        return min(same_era)
    earlier = [y for y in years if y < year]
    return max(earlier) if earlier else min(years)


def slope_data(ds: Dataset, index: str, indicator: str, year_a: int, year_b: int, measure: str,
               region: str = "", lang: str = "vi", dec: int = 2) -> pd.DataFrame:
    """Long frame (two rows per province) of provinces with the measure ('value' or 'rank') in both years.
    year_a < year_b after ordering. direction: 'up' (better), 'down', 'same'."""
    a, b = sorted((year_a, year_b))
    s = ds.series(index, indicator)
    if region:
        s = s[s["region"] == region]
    s = s[s["year"].isin([a, b])].dropna(subset=[measure])
    both = s.groupby("province_code")["year"].nunique()
    s = s[s["province_code"].isin(both[both == 2].index)].copy()
    wide = s.pivot(index="province_code", columns="year", values=measure)
    if len(wide):
        delta = (wide[b] - wide[a]).astype(float)
        if measure == "rank":
            delta = -delta  # a smaller rank number is better
        direction = delta.map(lambda d: "up" if d > 0 else ("down" if d < 0 else "same"))
    else:
        delta, direction = pd.Series(dtype=float), pd.Series(dtype=str)
    out = pd.DataFrame({
        "province_code": s["province_code"], "name": s["name_en" if lang == "en" else "name_vi"],
        "year": s["year"].astype(int), "value": s["value"].astype(float),
        "rank": s["rank"].astype("Float64"), "source_id": s["source_id"]})
    out["measure"] = (out[measure]).astype(float)
    out["delta"] = out["province_code"].map(delta).astype(float)
    out["direction"] = out["province_code"].map(direction)
    out["value_txt"] = [fmt_num(v, dec, lang) for v in out["value"]]
    out["rank_txt"] = ["" if pd.isna(r) else str(int(r)) for r in out["rank"]]
    return out.sort_values(["year", "measure"]).reset_index(drop=True)


def slope_measure(ds: Dataset, index: str, indicator: str, year_a: int, year_b: int,
                  wanted: str = "value") -> str | None:
    """'value' or 'rank' as wanted when the years are in one era; across a break 'rank' if any province
    has a rank in both years, else None (levels are not comparable and there is nothing to show)."""
    if not is_break(index, year_a, year_b):
        return wanted
    s = ds.series(index, indicator)
    s = s[s["year"].isin([year_a, year_b])].dropna(subset=["rank"])
    return "rank" if (s.groupby("province_code")["year"].nunique() == 2).any() else None


# ------------------------------------------------------------------------------------------
# movers
# ------------------------------------------------------------------------------------------
def movers(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n biggest rank gains and n biggest losses (rank_change: + = moved up), from a rank_table
    (whose rank_change is blank across a break and where either year lacks a rank). Zero moves dropped."""
    m = table.dropna(subset=["rank_change"])
    m = m[m["rank_change"] != 0]
    up = m[m["rank_change"] > 0].sort_values(["rank_change", "rank"], ascending=[False, True]).head(n)
    down = m[m["rank_change"] < 0].sort_values(["rank_change", "rank"], ascending=[True, True]).head(n)
    out = pd.concat([up, down])
    out = out.assign(direction=["up" if v > 0 else "down" for v in out["rank_change"]])
    cols = ["province_code", "name", "prev_rank", "rank", "rank_change", "prev_value", "value", "direction",
            "source_id"]
    out = out[cols].copy()
    out["rank_change"] = out["rank_change"].astype(int)
    return out.reset_index(drop=True)


def movers_reason(ds: Dataset, index: str, year: int, indicator: str, table: pd.DataFrame) -> str | None:
    """Why there are no rank changes: 'break', 'no_prev', 'no_rank' or None (there are some)."""
    if is_break(index, year - 1, year):
        return "break"
    if (year - 1) not in ds.years(index):
        return "no_prev"
    if table["rank_change"].notna().sum() == 0:
        return "no_rank"
    return None


def source_ids(ds: Dataset, index: str, indicator: str, years) -> list[str]:
    """Sources of the values and of the ranks shown (``rank_source_id`` where it differs)."""
    s = ds.scores
    s = s[(s["index"] == index) & (s["indicator"] == indicator) & (s["year"].isin(list(years)))]
    ids = set(s["source_id"].dropna())
    if "rank_source_id" in s:
        ids |= set(s["rank_source_id"].dropna())
    return sorted(i for i in ids if i)
