"""Compare: 2 to 5 provinces side by side (latest totals and ranks, totals over the years, components).

Provinces come from the URL's ``p`` (first 5); with none or one there, the selection is topped up to
three with Hà Nội (01), TP Hồ Chí Minh (79) and Đà Nẵng (48). Pure functions, no Streamlit; the trend
frames are shared with meeting mode.
"""

from __future__ import annotations

import pandas as pd

from vngov.catalog import INDICES
from vngov.charts import compare as cc
from vngov.charts.common import decimals_for
from vngov.data import Dataset
from vngov.i18n import col, fmt_num, t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import (break_texts, breaks_within, index_label, index_unit, indicator_label,
                                origin_mark, source_titles, unit_label, uploaded_mask)

MIN_PROVINCES, MAX_PROVINCES = 2, 5
# Default comparison when the URL names no province: the three centrally-run cities with the most
# published figures in every index (Hà Nội, TP Hồ Chí Minh, Đà Nẵng).
DEFAULT_PROVINCES = ("01", "79", "48")
# How many provinces a published ranking covers when not 63 (the denominator of 'rank 12/63'): the PCI
# ranks of 2005 cover 42 provinces and those of 2006–2008 count Hà Tây (64), as published (data/README.md).
# An index fact: to move to the catalogue.
# Indices whose component ids are words (the name alone reads better than "id · name"). An index fact.
WORD_COMPONENT_IDS = ("PCI",)


# ---- the selection ------------------------------------------------------------------------------
def initial_provinces(p: tuple[str, ...] | list[str], defaults=DEFAULT_PROVINCES,
                      n_max: int = MAX_PROVINCES) -> list[str]:
    """The picker's start value from the URL's ``p``: 2–5 codes kept as they are (first 5 if more);
    none or one code is topped up with the defaults to three provinces."""
    codes = list(dict.fromkeys(p))[:n_max]
    if len(codes) >= MIN_PROVINCES:
        return codes
    return codes + [c for c in defaults if c not in codes][:3 - len(codes)]


def selection(p: tuple[str, ...], shown=None) -> list[str]:
    """What the picker shows for the state's ``p``: the picker's own value when it already is ``p`` (a
    person left fewer than two provinces there: they stay), else ``initial_provinces(p)``."""
    if isinstance(shown, (list, tuple)) and tuple(shown) == tuple(p):
        return list(p)
    return initial_provinces(p)


def too_many(shown) -> bool:
    """Whether a client sent more choices than the picker takes (they are cut; the page says so)."""
    return isinstance(shown, (list, tuple)) and len(shown) > MAX_PROVINCES


def province_colors(codes: list[str]) -> dict[str, str]:
    return {c: cc.OKABE_ITO[i % len(cc.OKABE_ITO)] for i, c in enumerate(codes)}


def ranked_units(ds: Dataset, index: str, year: int) -> int:
    """How many units the ranking covers (the denominator of 'rank 12/63'): ``Dataset.ranked_of``."""
    return ds.ranked_of(index, year) or 63


def rank_text(rank, computed, lang: str = "vi") -> str:
    if rank is None or pd.isna(rank):
        return ""
    return f"{int(rank)}" + ("*" if bool(computed) and not pd.isna(computed) else "")


# ---- (a) latest totals and ranks ----------------------------------------------------------------
def latest_table(ds: Dataset, codes: list[str], lang: str, texts: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(long, wide). long: one row per index × province, for each index the latest year in which at
    least one of ``codes`` has a total (score or rank); value/rank NaN where none is published.
    wide: rows = index (with its year), columns = province names, cells = text ("no data" where missing).

    texts: no_data, rank ("rank {rank}"), rank_only ("rank {rank} (no score)"), index.
    """
    name_col = col("name", lang)
    names = ds.province_names(lang)
    ds = ds.totals
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
                             rank=r["rank"], rank_computed=r["rank_computed"], source_id=r["source_id"],
                             origin=r.get("origin")))
    long = pd.DataFrame(rows)
    long["value"] = long["value"].astype(float)
    long["rank"] = long["rank"].astype("Float64")

    def cell(r) -> str:
        dec = decimals_for(r["index"], "total")
        rk = rank_text(r["rank"], r["rank_computed"], lang)
        if pd.isna(r["value"]):
            return texts["rank_only"].format(rank=rk) if rk else texts["no_data"]
        v = origin_mark(fmt_num(r["value"], dec, lang), r.get("origin"), lang)  # an uploaded figure says so
        return f"{v} · {texts['rank'].format(rank=rk)}" if rk else v

    long["text"] = [cell(r) for _, r in long.iterrows()]
    long["row"] = [f"{index_label(i)} {'' if pd.isna(y) else int(y)}".strip()
                   for i, y in zip(long["index"], long["year"])]
    wide = long.pivot(index="row", columns="province_code", values="text")
    wide = wide.reindex(index=list(dict.fromkeys(long["row"])), columns=codes)
    wide.columns = [names[c] for c in codes]
    wide.index.name = texts["index"]
    return long, wide.reset_index()


# ---- (b) totals over the years ------------------------------------------------------------------
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


def trend_frame(ds: Dataset, index: str, codes: list[str], lang: str, no_data: str) -> pd.DataFrame:
    """Totals of ``codes`` over the years (rows only where a score is published), with segments and
    tooltip texts. Once per Dataset and arguments (``Dataset.memo``: the compare and meeting pages and the
    brief ask for it)."""
    return ds.memo("trend_frame", (index, tuple(codes), lang, no_data),
                   lambda: _trend_frame(ds, index, codes, lang, no_data))


def _trend_frame(ds: Dataset, index: str, codes: list[str], lang: str, no_data: str) -> pd.DataFrame:
    ser = with_segments(ds.totals.series(index, "total", codes))
    dec = decimals_for(index, "total")
    ser["name"] = ser[col("name", lang)]
    ser["value_txt"] = [origin_mark(fmt_num(v, dec, lang), o, lang) or no_data
                        for v, o in zip(ser["value"], ser["origin"] if "origin" in ser else [None] * len(ser))]
    if "origin" not in ser:
        ser["origin"] = None
    ser["rank_txt"] = [rank_text(r, c, lang) for r, c in zip(ser["rank"], ser["rank_computed"])]
    ser["index_label"] = index_label(index)
    ser["value"] = ser["value"].astype(float)
    ser["year"] = ser["year"].astype(int)
    return ser[["index", "index_label", "year", "province_code", "name", "region", "era", "seg", "value",
                "value_txt", "rank", "rank_txt", "rank_computed", "source_id", "origin"]].reset_index(drop=True)


# ---- (c) components -----------------------------------------------------------------------------
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
    nm = col("name", lang)
    grid = pd.MultiIndex.from_product([list(inds["indicator"]), codes], names=["indicator", "province_code"]).to_frame(index=False)
    out = grid.merge(cur[["indicator", "province_code", "value", "rank", "source_id"]
                         + (["origin"] if "origin" in cur else [])], how="left", on=["indicator", "province_code"])
    if "origin" not in out:
        out["origin"] = None
    word_ids = index in WORD_COMPONENT_IDS
    labels = {r["indicator"]: r[nm] if word_ids else f"{r['indicator']} · {r[nm]}" for _, r in inds.iterrows()}
    out["component"] = out["indicator"].map(labels)
    out["unit"] = out["indicator"].map(dict(zip(inds["indicator"], inds["unit"])))
    out["name"] = out["province_code"].map(ds.province_names(lang))
    out["value"] = out["value"].astype(float)
    out["value_txt"] = [origin_mark(fmt_num(v, decimals_for(index, i), lang), o, lang) or no_data  # on the bar too
                        for v, i, o in zip(out["value"], out["indicator"], out["origin"])]
    out["index"], out["year"] = index, year
    return out


# ---- the page -----------------------------------------------------------------------------------
def tooltip_titles(lang: str) -> dict[str, str]:
    return dict(name=t("province", lang), year=t("year", lang), value=t("value", lang), rank=t("rank", lang),
                component=t("cmp_component", lang))


def model(ds: Dataset, s: State, lang: str, codes: tuple[str, ...], refused: bool = False) -> b.Page:
    """The compare page for the provinces ``codes`` (as the picker shows them); ``refused``: a client sent
    more than 5 (the page says that the rest were not accepted)."""
    title = t("cmp_title", lang)
    ds = ds.for_units(s.units)  # one unit set: its figures only (never a line or change across 63 -> 34)
    blocks: list = [b.Text(t("cmp_too_many", lang), "warning", icon="⚠️")] if refused else []
    if ds.units == "34":  # why the earlier years are empty here
        blocks.append(b.Text(t("cmp_units34", lang), "info", icon="ℹ️"))
    codes = list(codes)[:MAX_PROVINCES]
    if len(codes) < MIN_PROVINCES:
        return b.Page(title, blocks + [b.Text(t("cmp_too_few", lang), "info", icon="👆")])
    pnames = ds.province_names(lang)
    names = [pnames[c] for c in codes]
    colors = [province_colors(codes)[c] for c in codes]
    no_data = t("no_data", lang)
    tips = tooltip_titles(lang)
    provinces = ", ".join(codes)
    sources: set[str] = set()

    # (a) latest total and rank in each index
    long, wide = latest_table(ds, codes, lang, dict(no_data=no_data, rank=t("cmp_rank", lang),
                                                    rank_only=t("cmp_rank_only", lang), index=t("index", lang)))
    sources |= set(long["source_id"].dropna())
    blocks.append(b.Section(
        heading=t("cmp_latest_head", lang), table=b.Table(wide, key="cmp_latest_table"),
        captions=(t("cmp_latest_help", lang),),
        downloads=(b.Download(long.drop(columns=["row"]), "compare_latest",
                              {"index": ", ".join(INDICES), "year": "latest per index", "indicator": "total",
                               "provinces": provinces, "source": source_titles(ds, long["source_id"])},
                              key="cmp_latest"),)))

    # (b) totals over the years, one small chart per index, two a row (one a row on a phone)
    cells, frames, drawn = [], [], []
    for index in INDICES:
        label = index_label(index)
        df = trend_frame(ds, index, codes, lang, no_data)
        if df.empty:
            cells.append((b.Text(label, "bold"), b.Text(t("cmp_no_series", lang, index=label), "info")))
            continue
        years = sorted(int(y) for y in df["year"].unique())
        kw = dict(title=label, y_title=index_unit(index, lang), tooltip_titles=tips, color_domain=names,
                  color_range=colors, breaks=breaks_within(index, years), break_tip=t("cmp_break", lang))
        cov = t("cmp_series_cov", lang, index=label, n=len(df), k=df["province_code"].nunique(), total=len(codes),
                y0=years[0], y1=years[-1])
        cells.append((b.Chart(cc.trend_chart, (df,), kw, key=f"cmp_trend_{index}"), b.Text(cov, "caption"),
                      *(b.Text(x, "info", icon="ℹ️") for x in break_texts(index, years, lang))))
        frames.append(df)
        drawn.append((df, kw))
        sources |= set(df["source_id"].dropna())
    trend_downloads = ()
    if frames:
        trends = pd.concat(frames, ignore_index=True)
        trend_downloads = (b.Download(
            trends.drop(columns=["seg", "value_txt", "rank_txt", "index_label"]
                        + ([] if uploaded_mask(trends).any() else ["origin"])), "compare_trends",
            {"index": ", ".join(trends["index"].unique()), "year": "all", "indicator": "total",
             "provinces": provinces, "source": source_titles(ds, trends["source_id"])}, key="cmp_trend",
            chart=b.Export(cc.trend_grid, (tuple(drawn),))),)
    trend_notes = (b.Text(t("cmp_trend_help", lang), "caption"),)
    if frames and uploaded_mask(trends).any():
        trend_notes += (b.Text(t("uploaded_marks", lang), "caption"),)
    blocks.append(b.Section(heading=t("cmp_trend_head", lang), notes=trend_notes,
                            blocks=(b.Columns(tuple(cells), per_row=2, gap="medium"),), downloads=trend_downloads))

    # (c) components of the sidebar's index and year
    label = index_label(s.index)
    heading = t("cmp_comp_head", lang, index=label, year=s.year)
    parent = component_parent(ds, s.index, s.year, s.ind)
    comp = components_frame(ds, s.index, s.year, codes, lang, no_data, parent=parent)
    with_comp = comp.loc[comp["value"].notna(), "province_code"].nunique() if len(comp) else 0
    if with_comp == 0:
        blocks.append(b.Section(heading=heading, empty=t("cmp_no_components", lang, index=label, year=s.year)))
    else:
        help_ = t("cmp_comp_help", lang, n=with_comp, total=len(codes)) + (
            "" if parent == "total" else f" {indicator_label(ds, s.index, parent, s.year, lang)}")
        units = ", ".join(sorted({unit_label(u, lang) for u in comp["unit"].dropna()}))
        chart = b.Chart(cc.components_chart, (comp,), dict(x_title=units, no_data_label=no_data, tooltip_titles=tips,
                                                           color_domain=names, color_range=colors),
                        key="cmp_components")
        sources |= set(comp["source_id"].dropna())
        blocks.append(b.Section(
            heading=heading, notes=(b.Text(help_, "caption"),), chart=chart,
            downloads=(b.Download(comp if uploaded_mask(comp).any() else comp.drop(columns="origin"),
                                  f"compare_{s.index}_{s.year}_components",
                                  {"index": s.index, "year": str(s.year), "indicator": f"components of {parent}",
                                   "provinces": provinces, "source": source_titles(ds, comp["source_id"])},
                                  key="cmp_comp", chart=chart),)))
    return b.Page(title, blocks, sources=frozenset(sources))
