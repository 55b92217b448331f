"""Across indices: two indices for the same year, one point per province with both totals, Pearson r.

Defaults: PAR INDEX (X) vs SIPAS (Y) if they share at least 3 provinces in the year shown, else PAPI vs
PCI; the year is the sidebar's if both indices have it, else their latest common year.
"""

import streamlit as st

from vngov import ui
from vngov.catalog import INDEX_META, INDICES
from vngov.charts import across as ax
from vngov.charts import compare as cc
from vngov.charts.common import fmt_num
from vngov.i18n import t

ds, s, lang = ui.page()
ss = st.session_state
st.title(t("ax_title", lang))

# the pair: the URL's vs if any, else the default pair. The pickers follow vs when it changes elsewhere
# (a link, the back button); a pair picked here is written to the URL (vs=X,Y), so the link shares it
pair = s.vs or ui.cached(ax.default_pair, ds, s.year)
if "ax_x" not in ss or ss.get("_ax_vs_seen") != s.vs:
    ss["ax_x"], ss["ax_y"] = pair
    ss["_ax_vs_seen"] = s.vs
c1, c2, c3 = st.columns(3)
x = c1.selectbox(t("ax_x", lang), INDICES, format_func=ax.index_label, key="ax_x")
y = c2.selectbox(t("ax_y", lang), INDICES, format_func=ax.index_label, key="ax_y")
if x == y:
    st.warning(t("ax_same", lang), icon="⚠️")
    st.stop()
if (x, y) != tuple(pair):
    ui.update(vs=(x, y), vy=0)
    s = ui.state()
    ss["_ax_vs_seen"] = s.vs
xl, yl = ax.index_label(x), ax.index_label(y)
years = ui.cached(ax.common_years, ds, x, y)
if not years:
    st.info(t("ax_no_year", lang, x=xl, y=yl))
    st.stop()
# the year: the URL's vy if both indices have figures that year, else the sidebar year if they do, else
# their latest common year; set again whenever the pair, the sidebar year or vy changes
prev = ss.get("_ax_seen")
if s.vy and s.vy not in years:
    st.warning(t("ax_vy_none", lang, year=s.vy, x=xl, y=yl), icon="⚠️")
    ui.update(vy=0)
    s = ui.state()
elif s.vy and prev and prev[0] != s.year and prev[1:3] == (x, y):  # the sidebar year was changed: it wins
    ui.update(vy=0)
    s = ui.state()
default_year = s.vy if s.vy in years else ui.cached(ax.pick_year, ds, x, y, s.year)
seen = (s.year, x, y, s.vy)
if ss.get("ax_year") not in years or ss.get("_ax_seen") != seen:
    ss["ax_year"] = default_year
ss["_ax_seen"] = seen
year = c3.selectbox(t("ax_year", lang), years[::-1], key="ax_year")
if year != default_year:  # a year picked here goes into the link (with the pair it belongs to)
    ui.update(vs=(x, y), vy=int(year))
    ss["_ax_vs_seen"] = (x, y)
    ss["_ax_seen"] = (s.year, x, y, int(year))

df = ui.cached(ax.pair_frame, ds, x, y, year, lang)
r, n = ax.pearson(df)
tds = cc.totals_view(ds)
nx, ny = tds.coverage(x, year)["with_value"], tds.coverage(y, year)["with_value"]
st.markdown(f"**{t('ax_coverage', lang, x=xl, y=yl, year=year, nx=nx, ny=ny, n=n)}**")

label_all = st.checkbox(t("ax_labels", lang), key="ax_labels")
unit = lambda i: INDEX_META[i]["unit_en" if lang == "en" else "unit_vi"]  # noqa: E731
rdom, rrange = ax.region_colors(ds, lang)
chart = None
if n:
    chart = ui.chart_spec(
        ax.scatter_chart,
        df, x_title=t("ax_axis", lang, index=xl, year=year, unit=unit(x)),
        y_title=t("ax_axis", lang, index=yl, year=year, unit=unit(y)), region_domain=rdom, region_range=rrange,
        tooltip_titles=dict(name=t("province", lang), region=t("region", lang), x=xl, y=yl),
        label_all=label_all or n <= 12, label_codes=s.p)
    ui.show_chart(chart, key="ax_scatter")
if r is None:
    st.warning(t("ax_too_few", lang, n=n), icon="ℹ️")
else:
    st.markdown(f"#### {t('ax_r', lang, r=fmt_num(r, 2, lang), n=n)}")
st.caption(t("ax_r_help", lang, year=year))
if {x, y} == {"PAR_INDEX", "SIPAS"}:
    st.caption(t("ax_par_sipas", lang))

ui.source_caption(ds, set(df["x_source"]) | set(df["y_source"]))
ui.downloads(df, chart, f"{x}_vs_{y}_{year}",
             {"index": f"{x} (x) vs {y} (y)", "year": str(year), "indicator": "total",
              "source": "; ".join(ds.sources_for(set(df["x_source"]) | set(df["y_source"]))["title"].head(5))},
             key="ax")
