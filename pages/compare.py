"""Compare: 2 to 5 provinces side by side (latest totals and ranks, totals over the years, components).

Provinces come from the URL's ``p`` (first 5); with none or one there, the selection is topped up to
three with Hà Nội (01), TP Hồ Chí Minh (79) and Đà Nẵng (48).
"""

import pandas as pd
import streamlit as st

from vngov import ui
from vngov.catalog import INDEX_META, INDICES
from vngov.charts import compare as cc
from vngov.i18n import t

ds, s, lang = ui.page()
KEY, SEEN, TOO_MANY = "cmp_provinces", "_cmp_p_seen", "_cmp_too_many"


def _on_change() -> None:
    codes = ui.choices(KEY, list(st.session_state[KEY]), ds.province_names())
    if len(codes) > cc.MAX_PROVINCES:
        st.session_state[TOO_MANY] = True
        codes = codes[:cc.MAX_PROVINCES]
        st.session_state[KEY] = codes
    ui.update(p=tuple(codes))
    st.session_state[SEEN] = tuple(codes)


if KEY not in st.session_state or st.session_state.get(SEEN) != s.p:  # first visit, or p changed elsewhere
    st.session_state[KEY] = cc.initial_provinces(s.p)
    st.session_state[SEEN] = s.p

st.title(t("cmp_title", lang))
pnames = ds.province_names(lang)
codes = st.multiselect(t("cmp_select", lang), list(pnames), key=KEY, on_change=_on_change,
                       format_func=ui.labels(pnames), max_selections=cc.MAX_PROVINCES,
                       help=t("cmp_select_help", lang))
if st.session_state.pop(TOO_MANY, False):
    st.warning(t("cmp_too_many", lang), icon="⚠️")
codes = ui.choices(KEY, list(codes), pnames)[:cc.MAX_PROVINCES]
if len(codes) < cc.MIN_PROVINCES:
    st.info(t("cmp_too_few", lang), icon="👆")
    st.stop()

names = [pnames[c] for c in codes]
colors = [cc.province_colors(codes)[c] for c in codes]
no_data = t("no_data", lang)
tips = dict(name=t("province", lang), year=t("year", lang), value=t("value", lang), rank=t("rank", lang),
            component=t("cmp_component", lang))
source_ids: set[str] = set()

# ---- (a) latest total and rank in each index ----------------------------------------------
st.subheader(t("cmp_latest_head", lang))
long, wide = ui.cached(cc.latest_table, ds, codes, lang, dict(no_data=no_data, rank=t("cmp_rank", lang),
                                                   rank_only=t("cmp_rank_only", lang), index=t("index", lang)))
st.dataframe(wide, hide_index=True, width="stretch")
st.caption(t("cmp_latest_help", lang))
source_ids |= set(long["source_id"].dropna())
ui.downloads(long.drop(columns=["row"]), None, "compare_latest",
             {"index": ", ".join(INDICES), "year": "latest per index", "indicator": "total",
              "provinces": ", ".join(codes),
              "source": "; ".join(ds.sources_for(long["source_id"])["title"].head(5))}, key="cmp_latest")

# ---- (b) totals over the years, one small chart per index -----------------------------------
st.subheader(t("cmp_trend_head", lang))
st.caption(t("cmp_trend_help", lang))
frames, trend_charts = [], []
for i, index in enumerate(INDICES):
    if i % 2 == 0:  # two charts a row (one a row on a phone), each with its notes below it
        row = st.columns(2, gap="medium")
    label = cc.index_label(index)
    unit = INDEX_META[index]["unit_en" if lang == "en" else "unit_vi"]
    df = ui.cached(cc.trend_frame, ds, index, codes, lang, no_data)
    with row[i % 2]:
        if df.empty:
            st.markdown(f"**{label}**")
            st.info(t("cmp_no_series", lang, index=label))
            continue
        years = sorted(df["year"].unique())
        kw = dict(title=label, y_title=unit, tooltip_titles=tips, color_domain=names, color_range=colors,
                  breaks=cc.breaks_within(index, years), break_tip=t("cmp_break", lang))
        ui.show_chart(ui.chart_spec(cc.trend_chart, df, **kw), key=f"cmp_trend_{index}")
        st.caption(t("cmp_series_cov", lang, index=label, n=len(df), k=df["province_code"].nunique(),
                     total=len(codes), y0=years[0], y1=years[-1]))
        ui.break_notes(index, years)
        frames.append(df)
        trend_charts.append((df, kw))
        source_ids |= set(df["source_id"].dropna())
if frames:
    trends = pd.concat(frames, ignore_index=True)
    ui.downloads(trends.drop(columns=["seg", "value_txt", "rank_txt", "index_label"]),
                 lambda: cc.for_export([cc.trend_chart(d, **k) for d, k in trend_charts]), "compare_trends",
                 {"index": ", ".join(trends["index"].unique()), "year": "all", "indicator": "total",
                  "provinces": ", ".join(codes),
                  "source": "; ".join(ds.sources_for(trends["source_id"])["title"].head(5))}, key="cmp_trend")

# ---- (c) components of the sidebar's index and year -----------------------------------------
label = ui.index_label(s.index)
st.subheader(t("cmp_comp_head", lang, index=label, year=s.year))
parent = ui.cached(cc.component_parent, ds, s.index, s.year, s.ind)
comp = ui.cached(cc.components_frame, ds, s.index, s.year, codes, lang, no_data, parent=parent)
with_comp = comp.loc[comp["value"].notna(), "province_code"].nunique() if len(comp) else 0
if with_comp == 0:
    st.info(t("cmp_no_components", lang, index=label, year=s.year))
else:
    st.caption(t("cmp_comp_help", lang, n=with_comp, total=len(codes))
               + ("" if parent == "total" else f" {ui.indicator_label(ds, s.index, parent, s.year)}"))
    units = ", ".join(sorted({ui.unit_label(u) for u in comp["unit"].dropna()}))
    chart = ui.chart_spec(cc.components_chart, comp, x_title=units, no_data_label=no_data,
                                tooltip_titles=tips, color_domain=names, color_range=colors)
    ui.show_chart(chart, key="cmp_components")
    source_ids |= set(comp["source_id"].dropna())
    ui.downloads(comp, chart, f"compare_{s.index}_{s.year}_components",
                 {"index": s.index, "year": str(s.year), "indicator": f"components of {parent}",
                  "provinces": ", ".join(codes),
                  "source": "; ".join(ds.sources_for(comp["source_id"])["title"].head(5))}, key="cmp_comp")

ui.source_caption(ds, source_ids)
