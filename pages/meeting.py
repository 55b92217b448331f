"""Meeting mode: one province for a projector — each index's latest score, rank, change, optional
target, a small trend per index and the 63-province map with the province outlined.

The province is the URL's first ``p`` (Hà Nội, 01, when none). Vietnamese unless the URL says lang=en.
"""

import html

import pandas as pd
import streamlit as st

from vngov import ui
from vngov.catalog import INDICES
from vngov.charts import compare as cc
from vngov.charts import meeting as mt
from vngov.charts.common import display_frame
from vngov.i18n import t

ds, s, lang = ui.page()
ss = st.session_state
KEY, SEEN = "mt_province", "_mt_p_seen"


def _on_change() -> None:
    code = ui.choice(KEY, ss[KEY], ds.province_names(), None)
    if code is None:  # a stale label (see ui.choice): nothing was picked
        return
    p = ((code,) + tuple(c for c in ui.state().p if c != code))[:5]  # keep the others (compare page)
    ui.update(p=p)
    ss[SEEN] = p


if KEY not in ss or ss.get(SEEN) != s.p:
    ss[KEY] = s.p[0] if s.p else mt.DEFAULT_PROVINCE
    ss[SEEN] = s.p

st.markdown(mt.CSS, unsafe_allow_html=True)
head, pick = st.columns([3, 1], vertical_alignment="bottom")
names = ds.province_names(lang)
with pick:
    code = ui.choice(KEY, st.selectbox(t("province", lang), list(names), key=KEY, on_change=_on_change,
                                       format_func=ui.labels(names)), names, s.p[0] if s.p else mt.DEFAULT_PROVINCE)
name = names[code]
head.markdown(f'<div class="mt-head">{html.escape(name)}</div>'
              f'<div class="mt-sub">{html.escape(t("mt_sub", lang))}</div>',
              unsafe_allow_html=True)

units = {i: ("%" if i in mt.PERCENT_INDICES else t("mt_points", lang)) for i in INDICES}
with st.expander(t("mt_targets", lang), icon=":material/flag:"):
    tcols = st.columns(4)
    targets = {}
    for col, index in zip(tcols, INDICES):
        hi = 100.0 if index != "PAPI" else 80.0
        targets[index] = col.number_input(t("mt_target", lang, index=cc.index_label(index), unit=units[index]),
                                          min_value=0.0, max_value=hi, value=None, step=0.5, format="%.2f",
                                          key=f"mt_target_{index}")

tx = dict(no_data=t("no_data", lang), rank=t("mt_rank", lang), no_rank=t("mt_no_rank", lang),
          position=t("mt_position", lang), up=t("mt_up", lang), down=t("mt_down", lang), same=t("mt_same", lang),
          rank_up=t("mt_rank_up", lang), rank_down=t("mt_rank_down", lang), rank_same=t("mt_rank_same", lang),
          no_prev=t("mt_no_prev", lang), met=t("mt_met", lang), not_met=t("mt_not_met", lang),
          points=t("mt_points", lang), latest_note=t("mt_latest_note", lang))
tips = dict(name=t("province", lang), year=t("year", lang), value=t("value", lang), rank=t("rank", lang))
heads = ui.cached(mt.headlines, ds, code)
cols = st.columns(2, gap="medium")
frames, trend_charts, breaks_shown = [], [], {}
for i, h in enumerate(heads):
    target = targets[h.index]
    with cols[i % 2]:
        st.markdown(mt.card_html(h, lang=lang, tx=tx, target=target), unsafe_allow_html=True)
        df = ui.cached(cc.trend_frame, ds, h.index, [code], lang, t("no_data", lang))
        if df.empty:
            continue
        years = sorted(df["year"].unique())
        tgt_txt = mt.fmt_value(h.index, target, lang, {"points": t("mt_points", lang)})
        kw = dict(title=t("mt_trend", lang, index=cc.index_label(h.index)), y_title=units[h.index],
                  tooltip_titles=tips, color_domain=[name], color_range=[cc.OKABE_ITO[0]],
                  breaks=cc.breaks_within(h.index, years), break_tip=t("cmp_break", lang),
                  target=target, target_label=t("mt_target_line", lang, target=tgt_txt),
                  height=170, legend=False, font_scale=1.2)
        ui.show_chart(ui.chart_spec(cc.trend_chart, df, **kw), key=f"mt_trend_{h.index}")
        frames.append(df)
        trend_charts.append((df, kw))
        breaks_shown[h.index] = years

# ---- the map of the sidebar's index and year, the province outlined ----------------------
sl = cc.totals_view(ds).slice(s.index, s.year)
frame = display_frame(sl, lang, t("no_data", lang))
st.markdown(f"### {t('mt_map_head', lang, index=ui.index_label(s.index), year=s.year, name=name)}")
info = ds.indicator_info(s.index, "total", s.year)
map_chart = ui.choropleth_spec(
    frame, value_title=f"{ui.index_label(s.index)} {s.year} ({ui.unit_label(info['unit'])})",
    no_data_label=t("no_data", lang),
    tooltip_titles=dict(name=t("province", lang), value=t("value", lang), rank=t("rank", lang),
                        change=t("change", lang)),
    labels=dict(hoang_sa=t("hoang_sa", lang), truong_sa=t("truong_sa", lang)),
    highlight=code, height=520, selectable=False)
st.vega_lite_chart(spec=map_chart, width="stretch", key="mt_map")

# ---- small print at the bottom: coverage, method changes, sources, downloads -----------------
cov = cc.totals_view(ds).coverage(s.index, s.year)
st.caption(t("coverage", lang, n=cov["with_value"], total=cov["total"]) + " " + t("mt_footer", lang) + " "
           + t("mt_no_prev_help", lang) + " "
           + t("cmp_trend_help", lang))
if any(cc.breaks_within(i, y) for i, y in breaks_shown.items()):
    with st.expander(t("mt_breaks", lang), icon=":material/info:"):
        for index, years in breaks_shown.items():
            ui.break_notes(index, years)
sources = {h.source_id for h in heads if h.source_id} | set(sl["source_id"].dropna())
if frames:
    sources |= set(pd.concat(frames)["source_id"].dropna())
ui.source_caption(ds, sources, t("boundary_attribution", lang), map_note=True)
table = pd.DataFrame([dict(index=h.index, province_code=h.code, year=h.year, value=h.value, rank=h.rank,
                           rank_computed=h.rank_computed, ranked_of=h.ranked_of if h.rank else None,
                           previous_year=h.prev_year, previous_value=h.prev_value, change=h.change,
                           target=targets[h.index], target_met=mt.target_met(h.value, targets[h.index]),
                           source_id=h.source_id) for h in heads])
with st.expander(t("mt_downloads", lang), icon=":material/download:"):
    ui.downloads(table, (lambda: cc.for_export([cc.trend_chart(d, **k) for d, k in trend_charts]))
                 if trend_charts else None, f"meeting_{code}",
                 {"index": ", ".join(INDICES), "year": "latest per index", "indicator": "total",
                  "province": f"{code} {ds.province_name(code, 'en')}",
                  "source": "; ".join(ds.sources_for(sources)["title"].head(5))}, key="mt_latest")
    ui.downloads(frame[["province_code", "name_vi", "name_en", "value", "rank", "source_id"]], map_chart,
                 f"meeting_map_{s.index}_{s.year}",
                 {"index": s.index, "year": str(s.year), "indicator": "total",
                  "source": "; ".join(ds.sources_for(sl["source_id"])["title"].head(5))}, key="mt_map")
