"""Compare 2–5 provinces: latest totals and ranks, totals over the years, components. No Streamlit.

Also home of the shared trend chart (one index, one or more provinces, lines split at method breaks
and at years without a figure, optional target line), used by the meeting page too.
"""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd

from vngov.catalog import INDEX_META, INDICES, METHOD_BREAKS
from vngov.charts.common import FONT, decimals_for, fmt_num
from vngov.data import Dataset

# Okabe–Ito: a categorical palette that stays distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
MIN_PROVINCES, MAX_PROVINCES = 2, 5
# Default comparison when the URL names no province: the three centrally-run cities with the most
# published figures in every index (Hà Nội, TP Hồ Chí Minh, Đà Nẵng).
DEFAULT_PROVINCES = ("01", "79", "48")
BREAK_COLOR = "#6b6b6b"
TARGET_COLOR = "#D55E00"


# ------------------------------------------------------------------------------------------
# selection helpers
# ------------------------------------------------------------------------------------------
_TOTALS: dict[int, tuple[pd.DataFrame, Dataset]] = {}


def totals_view(ds: Dataset) -> Dataset:
    """The same dataset restricted to the total scores (about 4 % of the rows), so that the many
    ``series``/``slice`` calls of these pages stay fast. Kept per ``scores`` frame (a few at most)."""
    hit = _TOTALS.get(id(ds.scores))
    if hit is not None and hit[0] is ds.scores:
        return hit[1]
    sub = replace(ds, scores=ds.scores[ds.scores["indicator"] == "total"].reset_index(drop=True))
    if len(_TOTALS) >= 4:
        _TOTALS.pop(next(iter(_TOTALS)))
    _TOTALS[id(ds.scores)] = (ds.scores, sub)
    return sub


def initial_provinces(p: tuple[str, ...] | list[str], defaults=DEFAULT_PROVINCES,
                      n_max: int = MAX_PROVINCES) -> list[str]:
    """The widget's start value from the URL's ``p``: 2–5 codes kept as they are (first 5 if more);
    none or one code is topped up with the defaults to three provinces."""
    codes = list(dict.fromkeys(p))[:n_max]
    if len(codes) >= MIN_PROVINCES:
        return codes
    return codes + [c for c in defaults if c not in codes][:3 - len(codes)]


def province_colors(codes: list[str]) -> dict[str, str]:
    return {c: OKABE_ITO[i % len(OKABE_ITO)] for i, c in enumerate(codes)}


def index_label(index: str) -> str:
    return INDEX_META[index]["short"]


def ranked_units(index: str, year: int) -> int:
    """How many provinces the published ranking covers (the denominator of 'rank 12/63').

    63 provinces since 2008; the PCI ranks of 2005 cover 42 provinces and those of 2006–2008 count
    Hà Tây (64), as published (data/README.md)."""
    if index == "PCI" and year == 2005:
        return 42
    if index == "PCI" and 2006 <= year <= 2008:
        return 64
    return 63


def rank_text(rank, computed, lang: str) -> str:
    if rank is None or pd.isna(rank):
        return ""
    return f"{int(rank)}" + ("*" if bool(computed) and not pd.isna(computed) else "")


def latest_table(ds: Dataset, codes: list[str], lang: str, texts: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(long, wide). long: one row per index × province, for each index the latest year in which at
    least one of ``codes`` has a total (score or rank); value/rank NaN where none is published.
    wide: rows = index (with its year), columns = province names, cells = text ("no data" where missing).

    texts: no_data, rank ("rank {rank}"), rank_only ("rank {rank} (no score)"), index, year.
    """
    name_col = "name_en" if lang == "en" else "name_vi"
    names = ds.province_names(lang)
    ds = totals_view(ds)
    rows = []
    for index in INDICES:
        ser = ds.series(index, "total", codes)
        ser = ser[ser["value"].notna() | ser["rank"].notna()]
        if ser.empty:
            for c in codes:
                rows.append(dict(index=index, year=pd.NA, province_code=c, name=names[c],
                                 value=float("nan"), rank=pd.NA, rank_computed=pd.NA, source_id=None))
            continue
        year = int(ser["year"].max())
        sl = ds.slice(index, year).set_index("province_code")
        for c in codes:
            r = sl.loc[c]
            rows.append(dict(index=index, year=year, province_code=c, name=r[name_col], value=r["value"],
                             rank=r["rank"], rank_computed=r["rank_computed"], source_id=r["source_id"]))
    long = pd.DataFrame(rows)
    long["value"] = long["value"].astype(float)
    long["rank"] = long["rank"].astype("Float64")

    def cell(r) -> str:
        dec = decimals_for(r["index"], "total")
        rk = rank_text(r["rank"], r["rank_computed"], lang)
        if pd.isna(r["value"]):
            return texts["rank_only"].format(rank=rk) if rk else texts["no_data"]
        v = fmt_num(r["value"], dec, lang)
        return f"{v} · {texts['rank'].format(rank=rk)}" if rk else v

    long["text"] = [cell(r) for _, r in long.iterrows()]
    long["row"] = [f"{index_label(i)} {'' if pd.isna(y) else int(y)}".strip()
                   for i, y in zip(long["index"], long["year"])]
    wide = long.pivot(index="row", columns="province_code", values="text")
    wide = wide.reindex(index=list(dict.fromkeys(long["row"])), columns=codes)
    wide.columns = [names[c] for c in codes]
    wide.index.name = texts["index"]
    return long, wide.reset_index()


# ------------------------------------------------------------------------------------------
# trends
# ------------------------------------------------------------------------------------------
def with_segments(series: pd.DataFrame) -> pd.DataFrame:
    """Add ``seg``: one id per run of consecutive years of one province within one method era, so a
    line never crosses a method break nor bridges a year without a figure (no visual interpolation)."""
    out = series[series["value"].notna()].sort_values(["province_code", "year"]).copy()
    if out.empty:
        out["seg"] = pd.Series(dtype=str)
        return out
    new_run = ((out["province_code"] != out["province_code"].shift())
               | (out["era"] != out["era"].shift())
               | (out["year"] - out["year"].shift() != 1))
    out["seg"] = out["province_code"].astype(str) + "_" + new_run.cumsum().astype(str)
    return out


def breaks_within(index: str, years) -> list[int]:
    years = [int(y) for y in years]
    if not years:
        return []
    return [b for b in sorted(METHOD_BREAKS.get(index, {})) if min(years) < b <= max(years)]


def trend_frame(ds: Dataset, index: str, codes: list[str], lang: str, no_data: str) -> pd.DataFrame:
    """Totals of ``codes`` over the years (rows only where a score is published), with segments and
    tooltip texts."""
    ser = with_segments(totals_view(ds).series(index, "total", codes))
    dec = decimals_for(index, "total")
    ser["name"] = ser["name_en" if lang == "en" else "name_vi"]
    ser["value_txt"] = [fmt_num(v, dec, lang) or no_data for v in ser["value"]]
    ser["rank_txt"] = [rank_text(r, c, lang) for r, c in zip(ser["rank"], ser["rank_computed"])]
    ser["index_label"] = index_label(index)
    ser["value"] = ser["value"].astype(float)
    ser["year"] = ser["year"].astype(int)
    return ser[["index", "index_label", "year", "province_code", "name", "region", "era", "seg", "value",
                "value_txt", "rank", "rank_txt", "rank_computed", "source_id"]].reset_index(drop=True)


def trend_chart(df: pd.DataFrame, *, title: str, y_title: str, tooltip_titles: dict[str, str],
                color_domain: list[str] | None = None, color_range: list[str] | None = None,
                breaks: list[int] = (), break_tip: str = "{year}", target: float | None = None,
                target_label: str = "", year_range: tuple[int, int] | None = None, height: int = 250,
                legend: bool = True, font_scale: float = 1.0) -> alt.LayerChart:
    """Line + point chart of one index over the years. df: ``trend_frame`` output. Lines are drawn per
    ``seg`` (never across a method break or a missing year); each break year gets a dashed rule just
    before it, labelled with that year (``break_tip``, formatted with ``year``, is its tooltip). ``target`` adds a horizontal rule."""
    fs = font_scale
    years = list(df["year"]) + list(year_range or ())
    x_dom = [min(years) - 0.5, max(years) + 0.5] if years else alt.Undefined
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=x_dom, nice=False),
              axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=12 * fs, labelOverlap=True, labelFont=FONT))
    vals = list(df["value"].dropna()) + ([target] if target is not None else [])
    y_dom = alt.Undefined
    if vals:
        lo, hi = min(vals), max(vals)
        pad = max((hi - lo) * 0.15, 0.5)
        y_dom = [lo - pad, hi + pad]
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=y_dom, zero=False, nice=True),
              axis=alt.Axis(titleFontSize=12 * fs, labelFontSize=12 * fs, tickCount=5, labelFont=FONT,
                                  titleFont=FONT))
    color = alt.Color("name:N", title=None,
                      scale=alt.Scale(domain=color_domain, range=color_range) if color_domain else alt.Undefined,
                      legend=alt.Legend(orient="bottom", labelFontSize=13 * fs, symbolStrokeWidth=3,
                                        columns=3, labelLimit=220, labelFont=FONT) if legend else None)
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("year:Q", title=tooltip_titles["year"], format="d"),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"]),
            alt.Tooltip("rank_txt:N", title=tooltip_titles["rank"])]
    base = alt.Chart(df)
    lines = base.mark_line(strokeWidth=2.5 * fs).encode(x=x, y=y, color=color, detail="seg:N")
    points = base.mark_point(filled=True, size=60 * fs * fs, opacity=1).encode(
        x=x, y=y, color=color, shape=alt.Shape("name:N", legend=None,
                                               scale=alt.Scale(domain=color_domain) if color_domain else alt.Undefined),
        tooltip=tips)
    layers = [lines, points]
    if breaks:
        # the rule sits between the last year of the old method and the first of the new one, labelled
        # with the first year of the new method (short, so that close breaks do not collide)
        bdf = pd.DataFrame({"year": [b - 0.5 for b in breaks], "label": [str(b) for b in breaks],
                            "tip": [break_tip.format(year=b) for b in breaks]})
        rules = alt.Chart(bdf).mark_rule(color=BREAK_COLOR, strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=x, tooltip=alt.Tooltip("tip:N", title=None))
        labels = [alt.Chart(bdf).mark_text(align="left", baseline="top", dx=3, dy=1, fontSize=11 * fs,
                                           color=BREAK_COLOR, font=FONT).encode(x=x, y=alt.value(0), text="label:N")]
        layers = [rules, *labels] + layers
    if target is not None:
        tdf = pd.DataFrame({"value": [float(target)], "label": [target_label]})
        layers.append(alt.Chart(tdf).mark_rule(color=TARGET_COLOR, strokeDash=[8, 4], strokeWidth=2.5 * fs)
                      .encode(y="value:Q"))
        layers.append(alt.Chart(tdf).mark_text(align="right", baseline="bottom", dy=-3, fontSize=13 * fs,
                                               fontWeight="bold", color=TARGET_COLOR, font=FONT)
                      .encode(y="value:Q", x=alt.value("width"), text="label:N"))
    return alt.layer(*layers).properties(
        title=alt.TitleParams(title, fontSize=15 * fs, anchor="start", font=FONT),
        width="container", height=height)


def for_export(charts: list[alt.TopLevelMixin], width: int = 380, columns: int = 2) -> alt.ConcatChart:
    """Several container-width charts as one fixed-width grid (for the PNG/SVG download)."""
    return alt.concat(*[c.properties(width=width) for c in charts], columns=columns)


# ------------------------------------------------------------------------------------------
# components
# ------------------------------------------------------------------------------------------
def component_parent(ds: Dataset, index: str, year: int, ind: str) -> str:
    """The components shown: the children of the sidebar's indicator if it has any that year,
    else the children of the total."""
    inds = ds.indicators_for(index, year)
    return ind if (inds["parent"] == ind).any() else "total"


def components_frame(ds: Dataset, index: str, year: int, codes: list[str], lang: str, no_data: str,
                     parent: str = "total") -> pd.DataFrame:
    """One row per component × province (every pair, value NaN where none is published)."""
    inds = ds.indicators_for(index, year)
    inds = inds[inds["parent"] == parent]
    if inds.empty:
        return pd.DataFrame(columns=["indicator", "component", "province_code", "name", "value", "value_txt",
                                     "rank", "unit", "source_id"])
    s = ds.scores
    cur = s[(s["index"] == index) & (s["year"] == year) & (s["units"] == "63") & s["indicator"].isin(inds["indicator"])
            & s["province_code"].isin(codes)]
    nm = "name_en" if lang == "en" else "name_vi"
    grid = pd.MultiIndex.from_product([list(inds["indicator"]), codes], names=["indicator", "province_code"]).to_frame(index=False)
    out = grid.merge(cur[["indicator", "province_code", "value", "rank", "source_id"]], how="left",
                     on=["indicator", "province_code"])
    labels = {r["indicator"]: f"{r['indicator']} · {r[nm]}" for _, r in inds.iterrows()}
    if index == "PCI":  # PCI ids are words: the name alone reads better
        labels = {r["indicator"]: r[nm] for _, r in inds.iterrows()}
    out["component"] = out["indicator"].map(labels)
    out["unit"] = out["indicator"].map(dict(zip(inds["indicator"], inds["unit"])))
    out["name"] = out["province_code"].map(ds.province_names(lang))
    out["value"] = out["value"].astype(float)
    out["value_txt"] = [fmt_num(v, decimals_for(index, i), lang) or no_data
                        for v, i in zip(out["value"], out["indicator"])]
    out["index"], out["year"] = index, year
    return out


def components_chart(df: pd.DataFrame, *, x_title: str, no_data_label: str, tooltip_titles: dict[str, str],
                     color_domain: list[str], color_range: list[str]) -> alt.LayerChart:
    """Grouped horizontal bars: one group per component, one bar per province (same colours as the
    trend charts); a province without a figure gets the text 'no data' in its slot, never a bar of 0."""
    order = list(dict.fromkeys(df["component"]))
    y = alt.Y("component:N", sort=order, title=None,
              axis=alt.Axis(labelFontSize=13, labelLimit=340, labelFont=FONT, domain=False, ticks=False))
    y_off = alt.YOffset("name:N", sort=color_domain, scale=alt.Scale(domain=color_domain, paddingInner=0.1))
    color = alt.Color("name:N", title=None, scale=alt.Scale(domain=color_domain, range=color_range),
                      legend=alt.Legend(orient="top", labelFontSize=13, labelLimit=220))
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("component:N", title=tooltip_titles["component"]),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"])]
    base = alt.Chart(df)
    bars = base.transform_filter("isValid(datum.value)").mark_bar(height={"band": 0.9}).encode(
        y=y, yOffset=y_off, x=alt.X("value:Q", title=x_title, axis=alt.Axis(labelFontSize=12, titleFontSize=13)),
        color=color, tooltip=tips)
    values = base.transform_filter("isValid(datum.value)").mark_text(
        align="left", dx=3, fontSize=11, font=FONT, color="#333").encode(
        y=y, yOffset=y_off, x="value:Q", text="value_txt:N")
    missing = base.transform_filter("!isValid(datum.value)").mark_text(
        align="left", dx=3, fontSize=11, fontStyle="italic", color="#666", font=FONT).encode(
        y=y, yOffset=y_off, x=alt.datum(0), text=alt.value(no_data_label), tooltip=tips)
    n_rows = max(len(df), 1)
    return (alt.layer(bars, values, missing)
            .properties(width="container", height=max(140, 21 * n_rows + 14 * len(order)))
            .configure_view(stroke=None))
