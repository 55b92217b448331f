"""Two indices for the same year: scatter of the provinces with both totals, Pearson r. No Streamlit."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from vngov.catalog import INDICES
from vngov.charts.common import FONT, decimals_for, fmt_num
from vngov.charts.compare import OKABE_ITO, index_label, totals_view
from vngov.data import Dataset

DEFAULT_PAIR = ("PAR_INDEX", "SIPAS")
FALLBACK_PAIR = ("PAPI", "PCI")
SHAPES = ["circle", "square", "diamond", "triangle-up", "cross", "triangle-down"]  # with colour: region
MIN_N = 3  # fewer provinces with both scores: no correlation is reported


def _totals(ds: Dataset, index: str) -> pd.DataFrame:
    s = totals_view(ds).scores
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
    b = _totals(ds, y)
    return len(set(a.loc[a["year"] == year, "province_code"]) & set(b.loc[b["year"] == year, "province_code"]))


def default_pair(ds: Dataset, preferred_year: int | None) -> tuple[str, str]:
    """PAR INDEX vs SIPAS if they share at least 3 provinces in the year that would be shown,
    else PAPI vs PCI."""
    x, y = DEFAULT_PAIR
    return DEFAULT_PAIR if n_common(ds, x, y, pick_year(ds, x, y, preferred_year)) >= MIN_N else FALLBACK_PAIR


def pair_frame(ds: Dataset, x: str, y: str, year: int, lang: str) -> pd.DataFrame:
    """One row per province with both totals in ``year``: x, y values and texts, region."""
    a = _totals(ds, x)
    b = _totals(ds, y)
    a = a.loc[a["year"] == year, ["province_code", "value", "source_id"]].rename(
        columns={"value": "x", "source_id": "x_source"})
    b = b.loc[b["year"] == year, ["province_code", "value", "source_id"]].rename(
        columns={"value": "y", "source_id": "y_source"})
    nm, rg = ("name_en", "region_name_en") if lang == "en" else ("name_vi", "region_name_vi")
    out = a.merge(b, on="province_code").merge(
        ds.provinces[["province_code", nm, "region", rg]].rename(columns={nm: "name", rg: "region_name"}),
        on="province_code")
    out["x"], out["y"] = out["x"].astype(float), out["y"].astype(float)
    out["x_txt"] = [fmt_num(v, decimals_for(x, "total"), lang) for v in out["x"]]
    out["y_txt"] = [fmt_num(v, decimals_for(y, "total"), lang) for v in out["y"]]
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


def region_colors(ds: Dataset, lang: str) -> tuple[list[str], list[str]]:
    """(region names in the dataset's order, Okabe–Ito colours) so a region keeps its colour."""
    rg = ds.provinces.drop_duplicates("region")
    names = list(rg["region_name_en" if lang == "en" else "region_name_vi"])
    return names, OKABE_ITO[:len(names)]


def scatter_chart(df: pd.DataFrame, *, x_title: str, y_title: str, region_domain: list[str],
                  region_range: list[str], tooltip_titles: dict[str, str], label_all: bool = False,
                  label_codes: tuple[str, ...] = (), height: int = 480) -> alt.LayerChart:
    """Scatter, one point per province, colour (and shape) = region. Names on hover; written next to
    the point for every province if ``label_all``, else only for ``label_codes`` (the chosen provinces)."""
    pad = lambda s: [float(s.min()) - max((s.max() - s.min()) * 0.08, 0.5),  # noqa: E731
                     float(s.max()) + max((s.max() - s.min()) * 0.08, 0.5)] if len(s) else alt.Undefined
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=pad(df["x"]), zero=False, nice=False),
              axis=alt.Axis(labelFontSize=12, titleFontSize=14, labelFont=FONT, titleFont=FONT, tickCount=8))
    y = alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=pad(df["y"]), zero=False, nice=False),
              axis=alt.Axis(labelFontSize=12, titleFontSize=14, labelFont=FONT, titleFont=FONT))
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("region_name:N", title=tooltip_titles["region"]),
            alt.Tooltip("x_txt:N", title=tooltip_titles["x"]),
            alt.Tooltip("y_txt:N", title=tooltip_titles["y"])]
    base = alt.Chart(df)
    points = base.mark_point(filled=True, size=150, opacity=0.9).encode(
        x=x, y=y,
        color=alt.Color("region_name:N", title=tooltip_titles["region"],
                        scale=alt.Scale(domain=region_domain, range=region_range),
                        legend=alt.Legend(orient="bottom", columns=2, labelFontSize=13, titleFontSize=13, symbolSize=170,
                                          labelLimit=320, labelFont=FONT, titleFont=FONT)),
        shape=alt.Shape("region_name:N", scale=alt.Scale(domain=region_domain, range=SHAPES[:len(region_domain)]),
                        legend=None),
        tooltip=tips)
    layers = [points]
    lab = df if label_all else df[df["province_code"].isin(label_codes)]
    if len(lab):
        layers.append(alt.Chart(lab).mark_text(align="left", dx=7, dy=-6, fontSize=12, font=FONT, color="#222")
                      .encode(x=x, y=y, text="name:N"))
    return alt.layer(*layers).properties(width="container", height=height).configure_view(stroke=None)


__all__ = ["INDICES", "index_label", "common_years", "pick_year", "default_pair", "pair_frame", "pearson",
           "scatter_chart", "region_colors", "n_common"]
