"""Rankings & movement: rank table, bump chart of ranks over the years, slope chart between two years,
and the biggest rank movers since the previous year, for the sidebar's index, year, indicator and region.

Province picker default: the provinces of the link (``p=``); the bump chart also shows the top 5 and
bottom 5 of the selected year by published rank (toggle), or of the nearest ranked year when the selected
year has no ranks. Second year of the slope chart (``y2=``) default: the first year of the selected year's
method era, else the previous year.
"""

import streamlit as st

from vngov import ui
from vngov import views_rankings as vr
from vngov.catalog import METHOD_BREAKS
from vngov.charts.common import decimals_for, fmt_num, fmt_signed
from vngov.data import is_break
from vngov.charts.rankings import bump_chart, movers_chart, slope_chart, table_chart
from vngov.i18n import t

ds, s, lang = ui.page()
dec = decimals_for(s.index, s.ind)
label = ui.indicator_label(ds, s.index, s.ind, s.year)
idx = ui.index_label(s.index)
prev = s.year - 1
regions = ds.provinces.drop_duplicates("region").set_index("region")
region_name = str(regions.at[s.region, "region_name_en" if lang == "en" else "region_name_vi"]) if s.region else ""
names = ds.provinces.set_index("province_code")["name_en" if lang == "en" else "name_vi"].to_dict()
no_data = t("no_data", lang)


def header(years: list[int], year_label: str | None = None) -> dict[str, str]:
    """CSV header: what the download is (index, year(s), indicator, region) and its sources."""
    ids = ui.cached(vr.source_ids, ds, s.index, s.ind, years)
    return {"index": s.index, "year": year_label or ", ".join(str(y) for y in years), "indicator": s.ind, "region": s.region or "all",
            "source": "; ".join(ds.sources_for(ids)["title"].head(5))}


st.title(t("rk_title", lang, index=idx, year=s.year, indicator=label))
cov = ui.cached(vr.coverage_counts, ds, s.index, s.year, s.ind, s.region)
line = f"**{t('rk_coverage', lang, n=cov['n'], total=cov['total'], year=s.year)}** " \
       f"{t('coverage_rank', lang, n=cov['ranks'])}"
if s.region:
    line += " " + t("rk_coverage_region", lang, region=region_name, n=cov["n_region"], total=cov["total_region"])
st.markdown(line)

# ------------------------------------------------------------------------------------------
# 1. rank table
# ------------------------------------------------------------------------------------------
st.subheader(t("rk_table_h", lang))
table, kind = ui.cached(vr.rank_table, ds, s.index, s.year, s.ind, s.region, lang)
tier_labels = {**{b: t(f"rk_band_{b}", lang) for b in "ABCD"}, **{f"Q{q}": t(f"rk_q{q}", lang) for q in range(1, 5)}}
cols = {"name": t("province", lang), "value": t("value", lang), "rank": t("rank", lang),
        "change": t("rk_col_change", lang, year=prev), "rank_change": t("rk_col_rank_change", lang, year=prev)}
tier_col = t("rk_col_band", lang) if (s.index == "PAR_INDEX" and s.ind == "total") else t("rk_col_quartile", lang)
view = table[list(cols)].astype({"value": float, "rank": float, "change": float, "rank_change": float})
# st.dataframe has one text for every missing cell (placeholder=""): a missing score is stored as -inf
# (sorts last when sorting high-to-low) and shown as "no data" through the Styler
view["value"] = view["value"].fillna(float("-inf"))
view = view.rename(columns=cols)
view[tier_col] = table["tier"].map(tier_labels)
def signed_int(v) -> str:
    return f"{v:+.0f}" if v else "0"


num = dict(decimal="," if lang == "vi" else ".", thousands=None)
styled = (view.style
          .format(lambda v: no_data if v == float("-inf") else fmt_num(v, dec, lang), subset=[cols["value"]])
          .format("{:.0f}", subset=[cols["rank"]], na_rep="")
          .format(f"{{:+.{dec}f}}", subset=[cols["change"]], na_rep="", **num)
          .format(signed_int, subset=[cols["rank_change"]], na_rep="")
          .format(None, subset=[tier_col], na_rep=""))
st.dataframe(styled, hide_index=True, width="stretch", height=422, key="rk_table", placeholder="",
             column_config={cols["value"]: st.column_config.Column(width=120)})
notes = [t("rk_sort_note", lang)]
if kind == "band":
    notes.append(t("rk_band_note", lang))
elif s.index == "PAR_INDEX" and s.ind == "total":
    notes.append(t("rk_band_pre", lang, year=s.year))
elif kind == "quartile":
    notes.append(t("rk_quartile_note", lang, n=cov["n"], year=s.year, index=idx))
else:
    notes.append(t("rk_quartile_none", lang, n=cov["n"], min=vr.MIN_QUARTILE_SET))
if vr.change_blocked_by_break(s.index, s.year):
    notes.append(t("rk_change_break", lang, prev=prev, year=s.year))
if table["rank_computed"].fillna(False).astype(bool).any():
    notes.append(t("rk_computed_note", lang, year=s.year))
st.caption(" ".join(notes))
text_table = view.copy()
text_table[cols["value"]] = [fmt_num(v, dec, lang) if v > float("-inf") else no_data for v in view[cols["value"]]]
text_table[cols["rank"]] = ["" if v != v else f"{v:.0f}" for v in view[cols["rank"]]]
text_table[cols["change"]] = [fmt_signed(v, dec, lang) for v in view[cols["change"]]]
text_table[cols["rank_change"]] = ["" if v != v else signed_int(v) for v in view[cols["rank_change"]]]
text_table = text_table.fillna("")
title = t("rk_title", lang, index=idx, year=s.year, indicator=label) + (f" · {region_name}" if s.region else "")
ui.downloads(table[["province_code", "name_vi", "name_en", "region", "value", "rank", "rank_computed",
                    "prev_value", "change", "prev_rank", "rank_change", "tier", "source_id"]],
             lambda: table_chart(text_table, title=title), f"rankings_{s.index}_{s.year}_{s.ind}",
             header([s.year, prev]), key="rk_dl_table")

# ------------------------------------------------------------------------------------------
# 2. bump chart
# ------------------------------------------------------------------------------------------
st.subheader(t("rk_bump_h", lang))
ranked_years, unranked_years = ui.cached(vr.rank_years, ds, s.index, s.ind)
ref = ui.cached(vr.reference_year, ds, s.index, s.year, s.ind)
codes_all = sorted(names, key=lambda c: names[c])
if "rk_p" not in st.session_state or st.session_state.get("_rk_p_seen") != s.p:
    st.session_state["rk_p"] = list(s.p)
    st.session_state["_rk_p_seen"] = s.p
c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
picked = ui.choices("rk_p", c1.multiselect(t("rk_pick", lang), codes_all, format_func=ui.labels(names), key="rk_p",
                                           max_selections=5), codes_all)
show_tb = c2.toggle(t("rk_topbottom", lang, year=ref or s.year), value=True, key="rk_topbottom")
if tuple(picked) != s.p:
    ui.update(p=tuple(picked))
    st.session_state["_rk_p_seen"] = tuple(picked)
top, bottom = ui.cached(vr.top_bottom, ds, s.index, ref, s.ind, s.region) if (ref and show_tb) else ([], [])
g_top, g_bottom, g_user = (t("rk_grp_top", lang, year=ref), t("rk_grp_bottom", lang, year=ref),
                           t("rk_grp_user", lang))
groups = {**{c: g_top for c in top}, **{c: g_bottom for c in bottom}, **{c: g_user for c in picked}}
bump = ui.cached(vr.bump_data, ds, s.index, s.ind, groups, lang, dec)
years = sorted(int(y) for y in ds.series(s.index, s.ind)["year"].unique())
breaks = [b for b in METHOD_BREAKS.get(s.index, {}) if min(years) < b <= max(years)]
bnotes = [t("rk_bump_default", lang, year=ref or s.year,
            region=t("rk_in_region", lang, region=region_name) if s.region else "")]
if ref and ref != s.year and show_tb:
    bnotes.append(t("rk_bump_fallback", lang, year=s.year, ref=ref))
bnotes.append(t("rk_bump_lines", lang))
if unranked_years:
    bnotes.append(t("rk_bump_gaps", lang, index=idx, years=vr.years_text(unranked_years)))
if s.index in ("PAR_INDEX", "SIPAS") or (s.index == "PCI" and max(years) >= 2021):
    bnotes.append(t("rk_bump_sparse", lang, index=idx))
bump_ch = None
if len(bump):
    titles = dict(name=t("province", lang), year=t("year", lang), rank=t("rank", lang), value=t("value", lang))
    bump_ch = ui.chart_spec(bump_chart, bump, years=years, breaks=breaks, group_order=[g_top, g_bottom, g_user],
                         user_group=g_user, titles=titles, break_label=t("rk_break_label", lang),
                         max_rank=max(63, int(bump["rank"].max())))
    ui.show_chart(bump_ch, key="rk_bump")
else:
    st.info(t("rk_bump_empty", lang))
st.caption(" ".join(bnotes))
ui.break_notes(s.index, years)
if len(bump):
    ui.downloads(bump.drop(columns=["value_txt"]),
                 ui.titled(bump_ch, f"{idx} · {label} · {t('rank', lang)} {min(years)}–{max(years)}"),
                 f"rank_history_{s.index}_{s.ind}", header(years, f"{min(years)}–{max(years)}"), key="rk_dl_bump")

# ------------------------------------------------------------------------------------------
# 3. slope chart between two years
# ------------------------------------------------------------------------------------------
st.subheader(t("rk_slope_h", lang))
y2_options = [y for y in ds.years(s.index) if y != s.year][::-1]
y2_default = s.y2 if s.y2 in y2_options else ui.cached(vr.default_y2, ds, s.index, s.year, s.ind)
if "rk_y2" not in st.session_state or st.session_state["rk_y2"] not in y2_options \
        or st.session_state.get("_rk_y2_seen") != (s.index, s.year, s.y2):
    st.session_state["rk_y2"] = y2_default
    st.session_state["_rk_y2_seen"] = (s.index, s.year, s.y2)
c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
y2 = c1.selectbox(t("rk_y2", lang, year=s.year), y2_options, key="rk_y2")
if y2 != y2_default:
    ui.update(y2=int(y2))
    st.session_state["_rk_y2_seen"] = (s.index, s.year, int(y2))
a, b = sorted((s.year, int(y2)))
broken = is_break(s.index, a, b)
measures = {"value": t("value", lang), "rank": t("rank", lang)}
if broken:
    measure = ui.cached(vr.slope_measure, ds, s.index, s.ind, a, b)
    st.warning(t("rk_slope_break", lang, a=a, b=b) if measure else t("rk_slope_break_none", lang, a=a, b=b),
               icon="⚠️")
else:
    measure = c2.segmented_control(t("rk_measure", lang), list(measures), format_func=measures.get,
                                   default="value", key="rk_measure", required=True) or "value"
if measure:
    slope = ui.cached(vr.slope_data, ds, s.index, s.ind, a, b, measure, s.region, lang, dec)
    what = t(f"rk_what_{measure}", lang)
    n_slope = slope["province_code"].nunique()
    if n_slope:
        later = slope[slope["year"] == b].sort_values("measure", ascending=(measure == "rank"))
        label_codes = None
        if n_slope > 20:
            label_codes = list(dict.fromkeys(list(picked) + list(later["province_code"].head(3))
                                             + list(later["province_code"].tail(3))))
        dir_labels = {k: t(f"rk_dir_{k}", lang) for k in ("up", "down", "same")}
        titles = dict(name=t("province", lang), year=t("year", lang), rank=t("rank", lang), value=t("value", lang),
                      measure=f"{measures[measure]} ({label})" if measure == "value" else measures[measure],
                      change=t("change", lang), direction=t("rk_direction", lang))
        slope_ch = ui.chart_spec(slope_chart, slope, measure=measure, dir_labels=dir_labels, titles=titles,
                               label_codes=label_codes, highlight=list(picked),
                               max_rank=max(63, int(slope["rank"].max()) if slope["rank"].notna().any() else 63))
        ui.show_chart(slope_ch, key="rk_slope")
        cap = t("rk_slope_n", lang, n=n_slope, what=what, a=a, b=b)
        if label_codes is not None:
            cap += " " + t("rk_slope_labels", lang, year=b)
        st.caption(cap)
        ui.downloads(slope.drop(columns=["value_txt", "rank_txt"]),
                     ui.titled(slope_ch, f"{idx} · {label} · {a} → {b}"),
                     f"slope_{s.index}_{s.ind}_{a}_{b}", header([a, b]), key="rk_dl_slope")
    else:
        st.info(t("rk_slope_empty", lang, what=what, a=a, b=b))

# ------------------------------------------------------------------------------------------
# 4. biggest movers since the previous year
# ------------------------------------------------------------------------------------------
st.subheader(t("rk_movers_h", lang, a=prev, b=s.year))
mv = vr.movers(table, n=10)
if len(mv):
    st.caption(t("rk_movers_note", lang, n=10))
    mtitles = dict(name=t("province", lang), change=t("rank_change", lang),
                   prev_rank=t("rk_prev_rank", lang, year=prev), rank=t("rk_rank_year", lang, year=s.year),
                   direction=t("rk_direction", lang))
    mv_ch = ui.chart_spec(movers_chart, mv, dir_labels={k: t(f"rk_dir_{k}", lang) for k in ("up", "down")}, titles=mtitles)
    ui.show_chart(mv_ch, key="rk_movers")
    ui.downloads(mv, ui.titled(mv_ch, f"{idx} · {label} · {prev} → {s.year}"),
                 f"movers_{s.index}_{s.ind}_{prev}_{s.year}", header([prev, s.year]), key="rk_dl_movers")
else:
    why = ui.cached(vr.movers_reason, ds, s.index, s.year, s.ind, table)
    key = {"break": "rk_movers_none_break", "no_prev": "rk_movers_none_prev"}.get(why, "rk_movers_none_rank")
    st.info(t(key, lang, year=s.year, prev=prev,
              region=t("rk_in_region", lang, region=region_name) if s.region else ""))

shown_years = sorted({s.year, prev, a, b} | set(bump["year"].unique() if len(bump) else []))
ui.source_caption(ds, ui.cached(vr.source_ids, ds, s.index, s.ind, shown_years), t("rk_ranks_note", lang))
