"""Components: one province's component scores for the sidebar's index and year.

Province: ``s.p[0]``; default (no ``p`` in the URL) the province ranked first on the total that year
(else the highest published total; see ``views_components.default_province``). Shows (1) each level-1
component against the mean of the provinces with a score, the highest score and the region mean, (2) a
heat map of all provinces × components, (3) the change per component vs the previous year.
"""

import pandas as pd
import streamlit as st

from vngov import ui
from vngov.charts.common import fmt_num, fmt_signed
from vngov.charts.components import change_chart, comparison_chart, heatmap
from vngov.i18n import t
from vngov.views_components import (break_before, change_frame, comparison_frame, component_table, components_of,
                                    default_province, heat_frame, official_mean, scale_mode, with_labels)

ds, s, lang = ui.page()

nd = t("no_data", lang)
index, year = s.index, s.year
idx_label = ui.index_label(index)
names = ds.province_names(lang)
code = s.p[0] if s.p else ui.cached(default_province, ds, index, year)

head = st.empty()  # the title, written once the province is settled
code = ui.province_select("cp_province", code, help_text=t("cp_province_help", lang))
head.title(t("cp_title", lang, index=idx_label, year=year, province=names[code]))

table = ui.cached(component_table, ds, index, year)
comps = ui.cached(components_of, ds, index, year)
table = with_labels(table, lang, t("total", lang))
comp_rows = table[table["indicator"] != "total"]
n_comp = int(comp_rows.loc[comp_rows["value"].notna(), "province_code"].nunique())
total = table[table["indicator"] == "total"]
st.markdown(f"**{t('cp_coverage', lang, n=n_comp, index=idx_label, year=year)}**")
ui.coverage_line(ds, total)
header = {"index": index, "year": str(year),
          "source": "; ".join(ds.sources_for(table["source_id"])["title"].head(5))}
key = f"{index}_{year}_{code}"

# ---- the overall score against the references ----
st.subheader(t("cp_total_heading", lang))
me = total[total["province_code"] == code].iloc[0]
have = total[total["value"].notna()]
region_name = me["region_name_en" if lang == "en" else "region_name_vi"]
reg = have[have["region"] == me["region"]]
off = ui.cached(official_mean, ds, index, year)
cols = st.columns(5 if off is not None else 4)
cols[0].metric(names[code], fmt_num(me["value"], 2, lang) or nd,
               delta=fmt_signed(me["change"], 2, lang) or None)
cols[0].caption(t("cp_no_rank", lang) if pd.isna(me["rank"]) else t("cp_rank_of", lang, rank=int(me["rank"])))
cols[1].metric(t("cp_mean_n", lang, n=len(have)), fmt_num(have["value"].mean(), 2, lang) or nd)
if len(have):
    best = have[have["value"] == have["value"].max()]
    cols[2].metric(t("cp_best_of", lang, name=", ".join(best["name"])), fmt_num(best["value"].iloc[0], 2, lang))
cols[3].metric(t("cp_region_mean", lang, region=region_name), fmt_num(reg["value"].mean(), 2, lang) or nd)
cols[3].caption(t("cp_n_with", lang, n=len(reg)))
if off is not None:
    cols[4].metric(t("cp_official_mean", lang), fmt_num(off, 2, lang))

if comps.empty:
    st.info(t("cp_no_components", lang, index=idx_label, year=year), icon="ℹ️")
else:
    mode = scale_mode(comps)
    if n_comp < 63:
        st.caption(t("cp_sparse", lang, n=n_comp))
    # ---- 1. the province against mean, best, region mean ----
    st.subheader(t("cp_vs_heading", lang))
    cmp = with_labels(comparison_frame(table, code), lang, t("total", lang))
    series_labels = {"province": names[code], "best": t("cp_best", lang)}
    ns = cmp.loc[cmp["series"] == "mean", "n"]
    rn = cmp.loc[cmp["series"] == "region", "n"]
    rng = lambda v: (str(int(v.min())) if v.min() == v.max() else f"{int(v.min())}–{int(v.max())}") if len(v) else "0"
    series_labels["mean"] = t("cp_mean_n", lang, n=rng(ns))
    series_labels["region"] = t("cp_region_mean_n", lang, region=region_name, n=rng(rn))
    if mode == "raw":
        lo, hi = comps["scale_min"].iloc[0], comps["scale_max"].iloc[0]
        value_title = t("cp_raw_axis", lang, lo=f"{lo:g}", hi=f"{hi:g}")
    else:
        value_title = t("cp_pct_axis", lang)
        st.caption(t("cp_pct_note", lang))
    if cmp.loc[cmp["series"] == "province", "value"].isna().all():
        st.warning(t("cp_province_no_comp", lang, name=names[code]), icon="⚠️")
    tips = dict(component=t("cp_tt_component", lang), series=t("cp_tt_series", lang), value=t("value", lang),
                pct=t("cp_tt_pct", lang), who=t("cp_tt_who", lang), n=t("cp_tt_n", lang))
    ch1 = ui.chart_spec(comparison_chart, cmp, mode=mode, lang=lang, series_labels=series_labels, value_title=value_title,
                           no_data=nd, tooltip_titles=tips)
    ui.show_chart(ch1, key="cp_chart_vs")
    mine = comp_rows[comp_rows["province_code"] == code]
    st.dataframe(
        mine.assign(**{t("cp_tt_component", lang): mine["label"],
                       t("value", lang): [fmt_num(v, 2, lang) or nd for v in mine["value"]],
                       t("rank", lang): ["" if pd.isna(r) else str(int(r)) for r in mine["rank"]],
                       t("cp_table_pct", lang): [fmt_num(v, 0, lang) or nd for v in mine["pct"]]}
                    )[[t("cp_tt_component", lang), t("value", lang), t("rank", lang), t("cp_table_pct", lang)]],
        hide_index=True, width="stretch", key="cp_table")
    ui.downloads(cmp[["indicator", "label", "series", "value", "pct", "n", "who_vi", "who_en", "scale_min",
                      "scale_max"]], ch1, f"components_{key}", {**header, "province": code,
                                                                "indicator": "level-1 components"}, key="cp_vs")

    # ---- 2. heat map of all provinces × components ----
    st.subheader(t("cp_heat_heading", lang) + f" · {year}")
    only = st.toggle(t("cp_heat_only", lang), value=n_comp < 20, key="cp_heat_only")
    sort_by = s.ind if s.ind in set(table["indicator"]) else "total"
    hf, order = heat_frame(table, sort_by)
    if only:
        keep = set(comp_rows.loc[comp_rows["value"].notna(), "province_code"]) | {code}
        order = [c for c in order if c in keep]
        hf = hf[hf["province_code"].isin(keep)]
    sort_label = table.loc[table["indicator"] == sort_by, "label"].iloc[0]
    st.caption(t("cp_heat_sort", lang, label=sort_label))
    ch2 = ui.chart_spec(heatmap, hf, order, lang=lang, highlight=code, no_data=nd, color_title=t("cp_heat_color", lang),
                  tooltip_titles=dict(name=t("province", lang), component=t("cp_tt_component", lang),
                                      value=t("value", lang), rank=t("rank", lang)))
    ui.show_chart(ch2, key="cp_chart_heat")
    ui.downloads(hf[["province_code", "name_vi", "name_en", "indicator", "value", "rank", "norm", "source_id"]],
                 ch2, f"components_heatmap_{index}_{year}", {**header, "indicator": "total and level-1 components"},
                 key="cp_heat")

    # ---- 3. change vs previous year ----
    prev = year - 1
    st.subheader(t("cp_change_heading", lang, prev=prev))
    if break_before(index, year):
        st.info(t("cp_change_break", lang, prev=prev, year=year), icon="ℹ️")
        ui.break_notes(index, [prev, year])
    else:
        cf = with_labels(change_frame(table, code), lang, t("total", lang))
        if cf["change"].isna().all():
            st.info(t("cp_change_none", lang, name=names[code], prev=prev, year=year), icon="ℹ️")
        else:
            if pd.notna(me["change"]):
                st.caption(t("cp_change_total", lang, prev_v=fmt_num(me["prev_value"], 2, lang), prev=prev,
                             v=fmt_num(me["value"], 2, lang), year=year, change=fmt_signed(me["change"], 2, lang)))
            ch3 = ui.chart_spec(change_chart, cf, mode=mode, lang=lang, no_data=nd,
                               value_title=t("cp_change_axis" if mode == "raw" else "cp_change_axis_pct", lang),
                               tooltip_titles=dict(component=t("cp_tt_component", lang), prev=t("cp_tt_prev", lang),
                                                   value=t("value", lang), change=t("change", lang)))
            ui.show_chart(ch3, key="cp_chart_change")
            ui.downloads(cf[["indicator", "label", "prev_value", "value", "change", "pct_change"]], ch3,
                         f"components_change_{key}", {**header, "province": code, "previous_year": str(prev),
                                                      "indicator": "level-1 components"}, key="cp_change")

ui.source_caption(ds, table["source_id"])
