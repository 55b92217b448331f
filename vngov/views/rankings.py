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
from dataclasses import dataclass

import pandas as pd

from vngov.catalog import BANDS
from vngov.charts.common import decimals_for
from vngov.charts.rankings import bump_chart, movers_chart, slope_chart, table_chart
from vngov.data import Dataset, era_of, is_break, units_of
from vngov.i18n import col, fmt_num, fmt_signed, t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import (break_texts, breaks_within, index_label, indicator_label, origin_mark,
                                region_name, source_titles, uploaded_mask)

PAR_BANDS = ((90.0, "A"), (80.0, "B"), (70.0, "C"), (-math.inf, "D"))
MIN_QUARTILE_SET = 40
N_UNITS = 63


# ------------------------------------------------------------------------------------------
# marks shared by the pages of this group (uploaded figures, resolved source conflicts)
# ------------------------------------------------------------------------------------------
RESOLVED = "[resolved] "


def resolved_note(note) -> str:
    """The note of a figure whose sources conflicted (it starts with "[resolved] "), else ''."""
    return note if isinstance(note, str) and note.startswith(RESOLVED) else ""


def counts_text(n_pub: int, n_up: int, total: int, year: int, lang: str, key: str = "rk_coverage") -> str:
    """'13 of 63 provinces have a published score', or with uploads '13 published + 1 uploaded of 63'
    (uploaded figures are never counted as published)."""
    if n_up:
        return t("rk_coverage_up", lang, n=n_pub, k=n_up, total=total, year=year)
    return t(key, lang, n=n_pub, total=total, year=year)


def rank_units(ds: Dataset, index: str, years, indicator: str = "total") -> dict[int, int | None]:
    """{year: how many units that year's ranks are out of} (``Dataset.ranked_of``; None without ranks)."""
    return {int(y): ds.ranked_of(index, int(y), indicator) for y in years}


def units_differ(ds: Dataset, index: str, year_a: int, year_b: int, indicator: str = "total") -> bool:
    """True when both years have ranks out of different numbers of units (PCI 2005: 42, 2006: 64):
    ranks then do not compare, like across a method break."""
    na, nb = ds.ranked_of(index, year_a, indicator), ds.ranked_of(index, year_b, indicator)
    return na is not None and nb is not None and na != nb


def units_text(units: dict[int, int | None]) -> str:
    """'2005: 42; 2006–2008: 64; 2009–2024: 63' (runs of consecutive years with the same N)."""
    runs: list[tuple[int, int, int]] = []
    for y in sorted(y for y, n in units.items() if n):
        n = units[y]
        if runs and runs[-1][2] == n and runs[-1][1] == y - 1:
            runs[-1] = (runs[-1][0], y, n)
        else:
            runs.append((y, y, n))
    return "; ".join(f"{a}: {n}" if a == b else f"{a}–{b}: {n}" for a, b, n in runs)


# ------------------------------------------------------------------------------------------
# tiers
# ------------------------------------------------------------------------------------------
def tier_kind(index: str, year: int, indicator: str, n_with_value: int) -> str | None:
    """'band' (PAR INDEX published bands), 'quartile', or None (no tier shown)."""
    band = BANDS.get(index)
    if band and indicator == band["indicator"]:
        return "band" if year >= band["from_year"] else None
    return "quartile" if n_with_value >= min_quartile_set(year) else None


def min_quartile_set(year: int) -> int:
    """MIN_QUARTILE_SET of the 63 provinces; the same share of the 34 units from 2025 (22)."""
    return MIN_QUARTILE_SET if units_of(year) == "63" else round(MIN_QUARTILE_SET * 34 / 63)


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
    if units_differ(ds, index, year - 1, year, indicator):  # ranks out of different numbers: no rank change
        sl["rank_change"] = pd.NA
        sl["rank_change"] = sl["rank_change"].astype("Float64")
    if region:
        sl = sl[sl["region"] == region]
    sl = sl.assign(name=sl[col("name", lang)])
    return sort_table(sl), kind


def coverage_counts(ds: Dataset, index: str, year: int, indicator: str = "total", region: str = "") -> dict:
    sl = ds.slice(index, year, indicator)
    reg = sl[sl["region"] == region] if region else sl
    up, up_reg = uploaded_mask(sl), uploaded_mask(reg)
    return dict(n=int((sl["value"].notna() & ~up).sum()), up=int((sl["value"].notna() & up).sum()),
                ranks=int(sl["rank"].notna().sum()), total=len(sl),
                n_region=int((reg["value"].notna() & ~up_reg).sum()),
                up_region=int((reg["value"].notna() & up_reg).sum()), total_region=len(reg))


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


def segments(df: pd.DataFrame, index: str, units: dict[int, int | None] | None = None) -> pd.Series:
    """Segment id per row of a (province, year) frame: a new segment at a method break, at a year
    without a figure, or (``units``: {year: N ranked}) where the number of ranked units changes (PCI 2005
    ranks of 42, 2006 ranks of 64), so a line never spans a break, a gap or a change of coverage."""
    units = units or {}
    out = []
    prev_code, prev_year, seg = None, None, 0
    for code, year in zip(df["province_code"], df["year"]):
        year = int(year)
        if code != prev_code or year != prev_year + 1 or is_break(index, prev_year, year) \
                or units.get(prev_year) != units.get(year):
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
        "province_code": ser["province_code"], "name": ser[col("name", lang)],
        "year": ser["year"].astype(int), "rank": ser["rank"].astype(int), "value": ser["value"].astype(float),
        "rank_computed": ser["rank_computed"], "era": ser["era"].astype(int),
        "source_id": ser["source_id"]})
    units = rank_units(ds, index, out["year"].unique(), indicator)
    out["rank_of"] = out["year"].map(units).astype("Int64")
    out["segment"] = segments(out, index, units)
    out["group"] = out["province_code"].map(groups)
    out["origin"] = list(ser["origin"]) if "origin" in ser else "bundled"
    out["value_txt"] = [origin_mark(fmt_num(v, dec, lang), o, lang) for v, o in zip(out["value"], out["origin"])]
    out["rank_txt"] = [origin_mark(f"{r}/{n}" if pd.notna(n) else str(r), o, lang)
                       for r, n, o in zip(out["rank"], out["rank_of"], out["origin"])]
    out["note"] = [resolved_note(x) for x in ser["note"]] if "note" in ser else ""
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
    """Second year when none is chosen: the previous comparable year (the latest earlier year with no
    method break in between and, where both have ranks, ranks out of the same number of units: PCI 2019
    -> 2018, not 2005); else the latest earlier year of the era; else the previous year of the index;
    else the first other year."""
    years = [y for y in ds.years(index) if y != year and units_of(y) == units_of(year)]  # never across 63 -> 34
    if not years:
        return None
    earlier = [y for y in years if y < year]
    same_era = [y for y in earlier if not is_break(index, y, year)]
    comparable = [y for y in same_era if not units_differ(ds, index, y, year, indicator)]
    for pool in (comparable, same_era, earlier):
        if pool:
            return max(pool)
    return min(years)


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
        "province_code": s["province_code"], "name": s[col("name", lang)],
        "year": s["year"].astype(int), "value": s["value"].astype(float),
        "rank": s["rank"].astype("Float64"), "source_id": s["source_id"]})
    out["measure"] = (out[measure]).astype(float)
    out["delta"] = out["province_code"].map(delta).astype(float)
    out["direction"] = out["province_code"].map(direction)
    out["origin"] = list(s["origin"]) if "origin" in s else "bundled"
    units = rank_units(ds, index, (a, b), indicator)
    out["value_txt"] = [origin_mark(fmt_num(v, dec, lang), o, lang) for v, o in zip(out["value"], out["origin"])]
    out["rank_txt"] = [origin_mark("" if pd.isna(r) else (f"{int(r)}/{units[y]}" if units.get(y) else str(int(r))),
                                   o, lang) for r, y, o in zip(out["rank"], out["year"], out["origin"])]
    out["note"] = [resolved_note(x) for x in s["note"]] if "note" in s else ""
    return out.sort_values(["year", "measure"]).reset_index(drop=True)


def slope_measure(ds: Dataset, index: str, indicator: str, year_a: int, year_b: int,
                  wanted: str = "value") -> str | None:
    """'value' or 'rank' as wanted when the years are in one era; across a break 'rank' if any province
    has a rank in both years, else None (levels are not comparable and there is nothing to show). Ranks
    out of different numbers of units (PCI 2005: 42, 2019: 63) do not compare either: no 'rank' then."""
    if wanted == "rank" and units_differ(ds, index, year_a, year_b, indicator):
        return None
    if not is_break(index, year_a, year_b):
        return wanted
    if units_differ(ds, index, year_a, year_b, indicator):
        return None
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
    """Why there are no rank changes: 'units34' (the 2025 change of units), 'break', 'no_prev', 'no_rank' or
    None (there are some)."""
    if units_of(year - 1) != units_of(year):
        return "units34"
    if is_break(index, year - 1, year):
        return "break"
    if (year - 1) not in ds.years(index):
        return "no_prev"
    if units_differ(ds, index, year - 1, year, indicator):
        return "units"
    if table["rank_change"].notna().sum() == 0:
        return "no_rank"
    return None


def source_ids(ds: Dataset, index: str, indicator: str, years) -> list[str]:
    """Sources of the values and of the ranks shown (``rank_source_id`` where it differs); each call a new list
    (the selection is made once per Dataset: ``Dataset.memo``)."""
    years = tuple(sorted({int(y) for y in years}))
    return list(ds.memo("source_ids", (index, indicator, years), lambda: _source_ids(ds, index, indicator, years)))


def _source_ids(ds: Dataset, index: str, indicator: str, years) -> list[str]:
    s = ds.scores
    s = s[(s["index"] == index) & (s["indicator"] == indicator) & (s["year"].isin(list(years)))]
    ids = set(s["source_id"].dropna())
    if "rank_source_id" in s:
        ids |= set(s["rank_source_id"].dropna())
    return sorted(i for i in ids if i)


# ------------------------------------------------------------------------------------------
# the page model
# ------------------------------------------------------------------------------------------
def sparse_rank_years(ds: Dataset, index: str, indicator: str = "total") -> list[int]:
    """Years in which some but not most of the ranked units have a rank in the data (transcribed ranks):
    fewer than 80 % of the year's ``rank_of`` (PCI 2005: 41 of 42 is complete, PCI 2023: 19 of 63 is not)."""
    ser = ds.series(index, indicator)
    have = ser.groupby("year")["rank"].count()
    return sorted(int(y) for y, n in have.items()
                  if 0 < n < 0.8 * (ds.ranked_of(index, int(y), indicator) or N_UNITS))


@dataclass(frozen=True)
class Controls:
    """What the page's controls offer for a view state (labels in the page's language)."""
    names: dict[str, str]
    provinces: list[str]  # every province, sorted by name
    ref: int | None  # the year whose ranks pick the top and bottom five
    y2_options: list[int]
    y2: int | None  # the second year shown (the URL's, else the default)
    broken: bool  # a method break between the two years: no choice of measure (ranks, or nothing)


def controls(ds: Dataset, s: State, lang: str) -> Controls:
    ds = ds.for_year(s.year)  # the provinces and years of the year's unit set
    names = ds.province_names(lang)
    y2_options = [y for y in ds.years(s.index) if y != s.year and units_of(y) == units_of(s.year)][::-1]
    y2 = s.y2 if s.y2 in y2_options else default_y2(ds, s.index, s.year, s.ind)
    return Controls(names=names, provinces=sorted(names, key=lambda c: names[c]),
                    ref=reference_year(ds, s.index, s.year, s.ind), y2_options=y2_options, y2=y2,
                    broken=y2 is not None and is_break(s.index, *sorted((s.year, int(y2)))))


def _signed_int(v) -> str:
    return f"{v:+.0f}" if v else "0"


def model(ds: Dataset, s: State, lang: str, show_tb: bool = True, measure: str | None = "value") -> b.Page:
    """The Rankings & movement page: rank table, bump chart, slope chart, movers. Every part reads the year's
    unit set (63 provinces to 2024, 34 from 2025): no line or change is drawn across the 2025 change."""
    ds = ds.for_year(s.year)
    c = controls(ds, s, lang)
    dec = decimals_for(s.index, s.ind)
    label = indicator_label(ds, s.index, s.ind, s.year, lang)
    idx = index_label(s.index)
    prev = s.year - 1
    rname = region_name(ds, s.region, lang)
    in_region = t("rk_in_region", lang, region=rname) if s.region else ""

    def meta(years, year_label=None) -> dict[str, str]:
        ids = source_ids(ds, s.index, s.ind, years)
        return {"index": s.index, "year": year_label or ", ".join(str(y) for y in years), "indicator": s.ind,
                "region": s.region or "all", "source": source_titles(ds, ids)}

    cov = coverage_counts(ds, s.index, s.year, s.ind, s.region)
    line = f"**{counts_text(cov['n'], cov['up'], cov['total'], s.year, lang)}** " \
           f"{t('coverage_rank', lang, n=cov['ranks'])}"
    if s.region:
        line += " " + (t("rk_coverage_region_up", lang, region=rname, n=cov["n_region"], k=cov["up_region"],
                         total=cov["total_region"]) if cov["up_region"] else
                       t("rk_coverage_region", lang, region=rname, n=cov["n_region"], total=cov["total_region"]))

    # ---- 1. rank table ----
    table, kind = rank_table(ds, s.index, s.year, s.ind, s.region, lang)
    no_data = t("no_data", lang)
    tier_labels = {**{x: t(f"rk_band_{x}", lang) for x in "ABCD"}, **{f"Q{q}": t(f"rk_q{q}", lang) for q in range(1, 5)}}
    cols = {"name": t("province", lang), "value": t("value", lang), "rank": t("rank", lang),
            "change": t("rk_col_change", lang, year=prev), "rank_change": t("rk_col_rank_change", lang, year=prev)}
    band = BANDS.get(s.index)
    tier_col = t("rk_col_band", lang) if band and s.ind == band["indicator"] else t("rk_col_quartile", lang)
    view = table[list(cols)].astype({"value": float, "rank": float, "change": float, "rank_change": float})
    # st.dataframe has one text for every missing cell: a missing score is stored as -inf (sorts last when
    # sorting high-to-low) and shown as "no data" through the Styler
    view["value"] = view["value"].fillna(float("-inf"))
    view = view.rename(columns=cols)
    view[tier_col] = table["tier"].map(tier_labels)
    up = uploaded_mask(table)
    origin_col, note_col = t("rk_col_origin", lang), t("rk_col_note", lang)
    if up.any():  # every uploaded row says so in its own cell (not only the page's notice)
        view[origin_col] = [t("uploaded", lang) if u else t("rk_published", lang) for u in up]
    resolved = [resolved_note(x) for x in table["note"]]
    if any(resolved):  # a figure whose sources conflicted: what the sources say and what was kept
        view[note_col] = resolved
    num = dict(decimal="," if lang == "vi" else ".", thousands=None)
    styled = (view.style
              .format(lambda v: no_data if v == float("-inf") else fmt_num(v, dec, lang), subset=[cols["value"]])
              .format("{:.0f}", subset=[cols["rank"]], na_rep="")
              .format(f"{{:+.{dec}f}}", subset=[cols["change"]], na_rep="", **num)
              .format(_signed_int, subset=[cols["rank_change"]], na_rep="")
              .format(None, subset=[tier_col], na_rep=""))
    if up.any():
        styled = styled.apply(lambda col_: ["font-style: italic; color: #8a4b00" if u else "" for u in up],
                              subset=[cols["value"], origin_col])
    notes = [t("rk_sort_note", lang)]
    if kind == "band":
        notes.append(t("rk_band_note", lang))
    elif band and s.ind == band["indicator"]:
        notes.append(t("rk_band_pre", lang, year=s.year))
    elif kind == "quartile":
        notes.append(t("rk_quartile_note", lang, n=cov["n"], year=s.year, index=idx))
    else:
        notes.append(t("rk_quartile_none", lang, n=cov["n"], min=min_quartile_set(s.year)))
    if units_of(prev) != units_of(s.year):
        notes.append(t("rk_change_units34", lang, prev=prev, year=s.year))
    elif change_blocked_by_break(s.index, s.year):
        notes.append(t("rk_change_break", lang, prev=prev, year=s.year))
    if table["rank_computed"].fillna(False).astype(bool).any():
        notes.append(t("rk_computed_note", lang, year=s.year, n=ds.ranked_of(s.index, s.year, s.ind) or cov["ranks"]))
    if units_differ(ds, s.index, prev, s.year, s.ind) and units_of(prev) == units_of(s.year):
        notes.append(t("rk_rank_change_units", lang, prev=prev, year=s.year,
                       n_prev=ds.ranked_of(s.index, prev, s.ind), n=ds.ranked_of(s.index, s.year, s.ind)))
    if up.any():
        notes.append(t("rk_uploaded_rows", lang, n=int(up.sum())))
    if any(resolved):
        notes.append(t("rk_resolved_rows", lang, n=sum(map(bool, resolved))))
    text_table = view.copy()
    text_table[cols["value"]] = [fmt_num(v, dec, lang) if v > float("-inf") else no_data for v in view[cols["value"]]]
    text_table[cols["rank"]] = ["" if v != v else f"{v:.0f}" for v in view[cols["rank"]]]
    text_table[cols["change"]] = [fmt_signed(v, dec, lang) for v in view[cols["change"]]]
    text_table[cols["rank_change"]] = ["" if v != v else _signed_int(v) for v in view[cols["rank_change"]]]
    text_table = text_table.fillna("")
    title = t("rk_title", lang, index=idx, year=s.year, indicator=label) + (f" · {rname}" if s.region else "")
    sec_table = b.Section(
        heading=t("rk_table_h", lang), key="table",
        table=b.Table(styled, key="rk_table", height=422, widths={cols["value"]: 120}),
        captions=(" ".join(notes),),
        downloads=(b.Download(table[["province_code", "name_vi", "name_en", "region", "value", "rank",
                                     "rank_computed", "prev_value", "change", "prev_rank", "rank_change", "tier",
                                     "source_id", "note"] + (["origin"] if "origin" in table else [])],
                              f"rankings_{s.index}_{s.year}_{s.ind}", meta([s.year, prev]), key="rk_dl_table",
                              chart=b.Export(table_chart, (text_table,), dict(title=title))),))

    # ---- 2. bump chart ----
    ref = c.ref
    _, unranked_years = rank_years(ds, s.index, s.ind)
    top, bottom = top_bottom(ds, s.index, ref, s.ind, s.region) if (ref and show_tb) else ([], [])
    g_top, g_bottom, g_user = (t("rk_grp_top", lang, year=ref), t("rk_grp_bottom", lang, year=ref),
                               t("rk_grp_user", lang))
    groups = {**{x: g_top for x in top}, **{x: g_bottom for x in bottom}, **{x: g_user for x in s.p}}
    bump = bump_data(ds, s.index, s.ind, groups, lang, dec)
    years = sorted(int(y) for y in ds.series(s.index, s.ind)["year"].unique())
    breaks = breaks_within(s.index, years)
    bnotes = [t("rk_bump_default", lang, year=ref or s.year, region=in_region)]
    if ref and ref != s.year and show_tb:
        bnotes.append(t("rk_bump_fallback", lang, year=s.year, ref=ref))
    bnotes.append(t("rk_bump_lines", lang))
    if ds.units == "34":
        bnotes.append(t("rk_units34_note", lang))
    if unranked_years:
        bnotes.append(t("rk_bump_gaps", lang, index=idx, years=years_text(unranked_years)))
    sparse = sparse_rank_years(ds, s.index, s.ind)
    if sparse:
        bnotes.append(t("rk_bump_sparse", lang, index=idx, years=years_text(sparse)))
    units = {y: n for y, n in rank_units(ds, s.index, years, s.ind).items() if n}
    if len(set(units.values())) > 1:  # PCI: 2005 of 42, 2006-2008 of 64, then 63; PAPI gap years
        bnotes.append(t("rk_bump_units", lang, index=idx, units=units_text(units)))
    if len(bump) and uploaded_mask(bump).any():
        bnotes.append(t("rk_uploaded_marks", lang))
    bump_chart_ = None
    bump_dl: tuple = ()
    if len(bump):
        titles = dict(name=t("province", lang), year=t("year", lang), rank=t("rank", lang), value=t("value", lang),
                      note=t("rk_col_note", lang))
        bump_chart_ = b.Chart(bump_chart, (bump,), dict(
            years=years, breaks=breaks, group_order=[g_top, g_bottom, g_user], user_group=g_user, titles=titles,
            break_label=t("rk_break_label", lang), max_rank=max(N_UNITS, int(bump["rank"].max())),
            uploaded_label=t("uploaded", lang)),
            key="rk_bump", title=f"{idx} · {label} · {t('rank', lang)} {min(years)}–{max(years)}")
        bump_dl = (b.Download(bump.drop(columns=["value_txt", "rank_txt"]), f"rank_history_{s.index}_{s.ind}",
                              meta(years, f"{min(years)}–{max(years)}"), key="rk_dl_bump", chart=bump_chart_),)
    sec_bump = b.Section(heading=t("rk_bump_h", lang), key="bump", chart=bump_chart_,
                         empty=None if len(bump) else t("rk_bump_empty", lang), captions=(" ".join(bnotes),),
                         breaks=break_texts(s.index, years, lang), downloads=bump_dl)

    # ---- 3. slope chart ----
    sec_slope = _slope(ds, s, lang, c, measure, label, idx, dec, meta)

    # ---- 4. movers ----
    mv = movers(table, n=10)
    if len(mv):
        mtitles = dict(name=t("province", lang), change=t("rank_change", lang),
                       prev_rank=t("rk_prev_rank", lang, year=prev), rank=t("rk_rank_year", lang, year=s.year),
                       direction=t("rk_direction", lang))
        mv_chart = b.Chart(movers_chart, (mv,), dict(dir_labels={k: t(f"rk_dir_{k}", lang) for k in ("up", "down")},
                                                    titles=mtitles),
                           key="rk_movers", title=f"{idx} · {label} · {prev} → {s.year}")
        sec_movers = b.Section(heading=t("rk_movers_h", lang, a=prev, b=s.year), key="movers",
                               notes=(b.Text(t("rk_movers_note", lang, n=10), "caption"),), chart=mv_chart,
                               downloads=(b.Download(mv, f"movers_{s.index}_{s.ind}_{prev}_{s.year}",
                                                     meta([prev, s.year]), key="rk_dl_movers", chart=mv_chart),))
    else:
        why = movers_reason(ds, s.index, s.year, s.ind, table)
        key = {"break": "rk_movers_none_break", "no_prev": "rk_movers_none_prev",
               "units": "rk_movers_none_units",
               "units34": "rk_movers_none_units34"}.get(why, "rk_movers_none_rank")
        sec_movers = b.Section(heading=t("rk_movers_h", lang, a=prev, b=s.year), key="movers",
                               empty=t(key, lang, year=s.year, prev=prev, region=in_region,
                                       n_prev=ds.ranked_of(s.index, prev, s.ind), n=ds.ranked_of(s.index, s.year, s.ind)))

    a, bb = sorted((s.year, int(c.y2))) if c.y2 else (s.year, s.year)
    shown_years = sorted({s.year, prev, a, bb} | set(bump["year"].unique() if len(bump) else []))
    return b.Page(title=t("rk_title", lang, index=idx, year=s.year, indicator=label),
                  head=[b.Text(line)], blocks=[sec_table, sec_bump, sec_slope, sec_movers],
                  sources=frozenset(source_ids(ds, s.index, s.ind, shown_years)),
                  extra_caption=t("rk_ranks_note", lang))


def _slope(ds, s, lang, c: Controls, measure, label, idx, dec, meta) -> b.Section:
    heading = t("rk_slope_h", lang)
    if c.y2 is None:
        return b.Section(heading=heading, key="slope", empty=t("rk_slope_empty", lang, what="", a=s.year, b=s.year))
    a, bb = sorted((s.year, int(c.y2)))
    notes: tuple = ()
    if c.broken:
        measure = slope_measure(ds, s.index, s.ind, a, bb)
        if measure or not units_differ(ds, s.index, a, bb, s.ind):
            notes = (b.Text(t("rk_slope_break", lang, a=a, b=bb) if measure else
                            t("rk_slope_break_none", lang, a=a, b=bb), "warning"),)
    elif measure == "rank" and units_differ(ds, s.index, a, bb, s.ind):
        measure = None
    if measure is None and units_differ(ds, s.index, a, bb, s.ind):
        notes = (*notes, b.Text(t("rk_slope_units", lang, a=a, b=bb, na=ds.ranked_of(s.index, a, s.ind),
                                  nb=ds.ranked_of(s.index, bb, s.ind)), "warning"))
    if not measure:
        return b.Section(heading=heading, key="slope", notes=notes)
    measures = {"value": t("value", lang), "rank": t("rank", lang)}
    slope = slope_data(ds, s.index, s.ind, a, bb, measure, s.region, lang, dec)
    what = t(f"rk_what_{measure}", lang)
    n_slope = slope["province_code"].nunique()
    if not n_slope:
        return b.Section(heading=heading, key="slope", notes=notes,
                         empty=t("rk_slope_empty", lang, what=what, a=a, b=bb))
    later = slope[slope["year"] == bb].sort_values("measure", ascending=(measure == "rank"))
    label_codes = None
    if n_slope > 20:
        label_codes = list(dict.fromkeys(list(s.p) + list(later["province_code"].head(3))
                                         + list(later["province_code"].tail(3))))
    titles = dict(name=t("province", lang), year=t("year", lang), rank=t("rank", lang), value=t("value", lang),
                  note=t("rk_col_note", lang),
                  measure=f"{measures[measure]} ({label})" if measure == "value" else measures[measure],
                  change=t("change", lang), direction=t("rk_direction", lang))
    chart = b.Chart(slope_chart, (slope,), dict(
        measure=measure, dir_labels={k: t(f"rk_dir_{k}", lang) for k in ("up", "down", "same")}, titles=titles,
        label_codes=label_codes, highlight=list(s.p), uploaded_label=t("uploaded", lang),
        max_rank=max(N_UNITS, int(slope["rank"].max()) if slope["rank"].notna().any() else N_UNITS)),
        key="rk_slope", title=f"{idx} · {label} · {a} → {bb}")
    cap = t("rk_slope_n", lang, n=n_slope, what=what, a=a, b=bb)
    if uploaded_mask(slope).any():
        cap += " " + t("rk_uploaded_marks", lang)
    if label_codes is not None:
        cap += " " + t("rk_slope_labels", lang, year=bb)
    return b.Section(heading=heading, key="slope", notes=notes, chart=chart, captions=(cap,),
                     downloads=(b.Download(slope.drop(columns=["value_txt", "rank_txt"]),
                                           f"slope_{s.index}_{s.ind}_{a}_{bb}", meta([a, bb]), key="rk_dl_slope",
                                           chart=chart),))
