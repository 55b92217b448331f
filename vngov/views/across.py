"""Across indices: two indices for the same year, one point per province with both totals, Pearson r.

The pair is the URL's ``vs``, else PAR INDEX (X) vs SIPAS (Y) if they share at least 3 provinces in the
year shown, else PAPI vs PCI. The year is the URL's ``vy`` if both indices have figures that year, else
the sidebar's if they do, else their latest common year. Pure functions, no Streamlit.
"""

from __future__ import annotations

import math

import pandas as pd

from vngov.charts import across as ax
from vngov.charts.common import decimals_for
from vngov.charts.compare import OKABE_ITO
from vngov.data import Dataset
from vngov.i18n import col, fmt_num, t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import index_label, index_unit, source_titles

DEFAULT_PAIR = ("PAR_INDEX", "SIPAS")
FALLBACK_PAIR = ("PAPI", "PCI")
MIN_N = 3  # fewer provinces with both scores: no correlation is reported
# Fewer provinces with both scores: r is not a heading but a cautioned line with its 95 % interval (with
# n = 6 an r of 0.68 is compatible with anything from about -0.2 to 0.96).
MIN_HEADLINE_N = 20
# Pairs of indices that are not independent, and the catalogue key saying why. An index fact.
DEPENDENT_PAIRS = {frozenset(("PAR_INDEX", "SIPAS")): "ax_par_sipas"}


# ---- selections ---------------------------------------------------------------------------------
def _totals(ds: Dataset, index: str) -> pd.DataFrame:
    return ds.memo("across_totals", (index,), lambda: _select_totals(ds, index))


def _select_totals(ds: Dataset, index: str) -> pd.DataFrame:
    s = ds.totals.scores
    return s[(s["index"] == index) & (s["indicator"] == "total") & (s["units"] == "63") & s["value"].notna()]


def years_with_data(ds: Dataset, index: str) -> set[int]:
    return {int(y) for y in _totals(ds, index)["year"].unique()}


def common_years(ds: Dataset, x: str, y: str) -> list[int]:
    """Years in which both indices have published totals (ascending)."""
    return sorted(years_with_data(ds, x) & years_with_data(ds, y))


def pick_year(ds: Dataset, x: str, y: str, preferred: int | None) -> int | None:
    """The preferred (sidebar) year if both indices have it, else the latest common year."""
    yrs = common_years(ds, x, y)
    if not yrs:
        return None
    return preferred if preferred in yrs else yrs[-1]


def n_common(ds: Dataset, x: str, y: str, year: int | None) -> int:
    if year is None:
        return 0
    a = _totals(ds, x)
    b_ = _totals(ds, y)
    return len(set(a.loc[a["year"] == year, "province_code"]) & set(b_.loc[b_["year"] == year, "province_code"]))


def default_pair(ds: Dataset, preferred_year: int | None) -> tuple[str, str]:
    """PAR INDEX vs SIPAS if they share at least 3 provinces in the year that would be shown,
    else PAPI vs PCI."""
    x, y = DEFAULT_PAIR
    return DEFAULT_PAIR if n_common(ds, x, y, pick_year(ds, x, y, preferred_year)) >= MIN_N else FALLBACK_PAIR


def pair(ds: Dataset, s: State) -> tuple[str, str]:
    """The pair shown: the URL's ``vs``, else the default pair for the sidebar year."""
    return tuple(s.vs) if len(s.vs) == 2 else default_pair(ds, s.year)


def with_x(s: State, shown: tuple[str, str], x: str) -> dict:
    """The state change for an X index picked on the page (the pair goes into the link; a year picked
    for the old pair does not follow it)."""
    return {"vs": (x, (s.vs or shown)[1]), "vy": 0}


def with_y(s: State, shown: tuple[str, str], y: str) -> dict:
    return {"vs": ((s.vs or shown)[0], y), "vy": 0}


def year_choice(ds: Dataset, s: State) -> tuple[list[int], int] | None:
    """(the years of the year picker, latest first; the year shown), or None when there is no year to
    pick (the same index twice, or no common year)."""
    x, y = pair(ds, s)
    years = common_years(ds, x, y) if x != y else []
    if not years:
        return None
    return years[::-1], s.vy if s.vy in years else pick_year(ds, x, y, s.year)


def pair_frame(ds: Dataset, x: str, y: str, year: int, lang: str) -> pd.DataFrame:
    """One row per province with both totals in ``year``: x, y values and texts, region."""
    a = _totals(ds, x)
    b_ = _totals(ds, y)
    a = a.loc[a["year"] == year, ["province_code", "value", "source_id", "origin"]].rename(
        columns={"value": "x", "source_id": "x_source", "origin": "x_origin"})
    b_ = b_.loc[b_["year"] == year, ["province_code", "value", "source_id", "origin"]].rename(
        columns={"value": "y", "source_id": "y_source", "origin": "y_origin"})
    nm, rg = col("name", lang), col("region_name", lang)
    out = a.merge(b_, on="province_code").merge(
        ds.provinces[["province_code", nm, "region", rg]].rename(columns={nm: "name", rg: "region_name"}),
        on="province_code")
    out["x"], out["y"] = out["x"].astype(float), out["y"].astype(float)
    up = t("uploaded", lang)
    out["x_txt"] = [fmt_num(v, decimals_for(x, "total"), lang) + (f" ({up})" if o == "uploaded" else "")
                    for v, o in zip(out["x"], out["x_origin"])]
    out["y_txt"] = [fmt_num(v, decimals_for(y, "total"), lang) + (f" ({up})" if o == "uploaded" else "")
                    for v, o in zip(out["y"], out["y_origin"])]
    out["origin"] = ["uploaded" if "uploaded" in (a_, b2) else "bundled" for a_, b2 in zip(out["x_origin"], out["y_origin"])]
    out["year"], out["x_index"], out["y_index"] = year, x, y
    return out.sort_values("province_code").reset_index(drop=True)


def pearson(df: pd.DataFrame) -> tuple[float | None, int]:
    """(r, n); r is None when n < 3 or when either variable is constant."""
    d = df[["x", "y"]].dropna()
    n = len(d)
    if n < MIN_N or d["x"].std() == 0 or d["y"].std() == 0:
        return None, n
    r = float(d["x"].corr(d["y"]))
    return (None if math.isnan(r) else r), n


def r_interval(r: float, n: int) -> tuple[float, float] | None:
    """The 95 % interval of Pearson's r (Fisher's z), or None when n < 4."""
    if n < 4 or abs(r) >= 1:
        return None
    z, se = math.atanh(r), 1 / math.sqrt(n - 3)
    return math.tanh(z - 1.96 * se), math.tanh(z + 1.96 * se)


def counts(ds: Dataset, index: str, year: int) -> tuple[int, int]:
    """(published, uploaded) totals of the index that year (uploaded figures never count as published)."""
    s = _totals(ds, index)
    s = s[s["year"] == year]
    up = s["origin"].eq("uploaded") if "origin" in s else pd.Series(False, index=s.index)
    return int((~up).sum()), int(up.sum())


def region_colors(ds: Dataset, lang: str) -> tuple[list[str], list[str]]:
    """(region names in the dataset's order, Okabe–Ito colours) so a region keeps its colour."""
    rg = ds.provinces.drop_duplicates("region")
    names = list(rg[col("region_name", lang)])
    return names, OKABE_ITO[:len(names)]


# ---- the page -----------------------------------------------------------------------------------
def model(ds: Dataset, s: State, lang: str, label_all: bool = False) -> b.Page:
    title = t("ax_title", lang)
    x, y = pair(ds, s)
    if x == y:
        return b.Page(title, [b.Text(t("ax_same", lang), "warning", icon="⚠️")])
    xl, yl = index_label(x), index_label(y)
    choice = year_choice(ds, s)
    if choice is None:
        return b.Page(title, [b.Text(t("ax_no_year", lang, x=xl, y=yl), "info")])
    years, year = choice
    blocks: list = []
    if s.vy and s.vy not in years:
        blocks.append(b.Text(t("ax_vy_none", lang, year=s.vy, x=xl, y=yl), "warning", icon="⚠️"))
    df = pair_frame(ds, x, y, year, lang)
    r, n = pearson(df)
    (nx, kx), (ny, ky) = counts(ds, x, year), counts(ds, y, year)
    cov = (t("ax_coverage_up", lang, x=xl, y=yl, year=year, nx=nx, kx=kx, ny=ny, ky=ky, n=n) if kx or ky else
           t("ax_coverage", lang, x=xl, y=yl, year=year, nx=nx, ny=ny, n=n))
    blocks.append(b.Text(f"**{cov}**"))
    # the sidebar's index does not choose the pair; its year is used only when both indices have it
    side = t("ax_sidebar", lang, index=index_label(s.index), year=s.year)
    if year != s.year and not s.vy:
        side += " " + t("ax_sidebar_year", lang, year=s.year, shown=year, x=xl, y=yl)
    blocks.append(b.Text(side, "caption"))
    chart = None
    if n:
        rdom, rrange = region_colors(ds, lang)
        chart = b.Chart(ax.scatter_chart, (df,), dict(
            x_title=t("ax_axis", lang, index=xl, year=year, unit=index_unit(x, lang)),
            y_title=t("ax_axis", lang, index=yl, year=year, unit=index_unit(y, lang)),
            region_domain=rdom, region_range=rrange,
            tooltip_titles=dict(name=t("province", lang), region=t("region", lang), x=xl, y=yl),
            label_all=bool(label_all) or n <= 12, label_codes=tuple(s.p)), key="ax_scatter")
    notes = [b.Text(t("ax_r_help", lang, year=year), "caption")]
    if r is None:
        r_text = b.Text(t("ax_too_few", lang, n=n), "warning", icon="ℹ️")
    elif n < MIN_HEADLINE_N:  # no heading: a cautioned line, with the interval
        ci = r_interval(r, n)
        r_text = b.Text(t("ax_r", lang, r=fmt_num(r, 2, lang), n=n) + ". " + (
            t("ax_r_few", lang, n=n, lo=fmt_num(ci[0], 2, lang), hi=fmt_num(ci[1], 2, lang), min=MIN_HEADLINE_N)
            if ci else t("ax_r_few_noci", lang, n=n, min=MIN_HEADLINE_N)), "warning", icon="⚠️")
    else:
        r_text = b.Text(f"#### {t('ax_r', lang, r=fmt_num(r, 2, lang), n=n)}")
    if chart is not None and (label_all or n <= 12):
        placed = len(ax.place_labels(df, pd.Series(True, index=df.index), ax._domain(df["x"]), ax._domain(df["y"]),
                                     first=tuple(s.p)))
        if placed < n:
            notes.append(b.Text(t("ax_labels_fit", lang, k=placed, n=n), "caption"))
    if n and (df["origin"] == "uploaded").any():
        notes.append(b.Text(t("ax_uploaded_marks", lang), "caption"))
    if frozenset((x, y)) in DEPENDENT_PAIRS:
        notes.append(b.Text(t(DEPENDENT_PAIRS[frozenset((x, y))], lang), "caption"))
    ids = set(df["x_source"]) | set(df["y_source"])
    blocks.append(b.Section(chart=chart, blocks=(r_text, *notes), key="scatter", downloads=(b.Download(
        df, f"{x}_vs_{y}_{year}", {"index": f"{x} (x) vs {y} (y)", "year": str(year), "indicator": "total",
                                   "source": source_titles(ds, ids)}, key="ax", chart=chart),)))
    return b.Page(title, blocks, sources=frozenset(i for i in ids if isinstance(i, str)))
