"""Map: choropleth of the 63 provinces for the chosen index, year and indicator."""

import streamlit as st

from vngov import ui
from vngov.charts.common import decimals_for, display_frame, fmt_num
from vngov.data import by_new_province
from vngov.charts.map import selected_code
from vngov.i18n import t

ds, s, lang = ui.page()
sl = ds.slice(s.index, s.year, s.ind)
frame = display_frame(sl, lang, t("no_data", lang))
label = ui.indicator_label(ds, s.index, s.ind, s.year)
st.title(t("map_title", lang, index=ui.index_label(s.index), year=s.year, indicator=label))
ui.coverage_line(ds, sl)

show34 = st.toggle(t("show_34", lang), key="w_show34")
info = ds.indicator_info(s.index, s.ind, s.year)
chart = ui.choropleth_spec(
    frame, value_title=f"{label} ({ui.unit_label(info['unit'])})", no_data_label=t("no_data", lang),
    tooltip_titles=dict(name=t("province", lang), value=t("value", lang), rank=t("rank", lang),
                        change=t("change", lang)),
    labels=dict(hoang_sa=t("hoang_sa", lang), truong_sa=t("truong_sa", lang)),
    show34=show34, highlight=s.p[0] if s.p else None,
    domain=(info["scale_min"], info["scale_max"]) if s.ind != "total" and info["scale_max"] <= 10 else None)
left, right = st.columns([3, 2], gap="medium")
# A new key after each handled click, so that coming back to the map does not re-open the profile.
n_clicks = st.session_state.setdefault("_map_clicks", 0)
with left:
    event = st.vega_lite_chart(spec=chart, on_select="rerun", selection_mode="province", key=f"map_chart_{n_clicks}",
                            width="stretch")
    st.caption(t("map_help_click", lang))
with right:
    table = frame if not s.region else frame[frame["region"] == s.region]
    table = table.sort_values(["value", "province_code"], ascending=[False, True], na_position="last")
    uploaded = "origin" in frame and (frame["origin"] == "uploaded").any()  # values read "80.16 (uploaded)"
    st.dataframe(table[["name", "value_txt", "rank_txt", "change_txt"]].rename(columns={
        "name": t("province", lang), "value_txt": t("value", lang), "rank_txt": t("rank", lang),
        "change_txt": t("mp_change_short", lang)}), hide_index=True, width="stretch", height=560,
        column_config={t("province", lang): st.column_config.TextColumn(width=104),  # the four fit 1280 px
                       t("value", lang): st.column_config.TextColumn(width=110),  # "Không có dữ liệu"
                       t("rank", lang): st.column_config.TextColumn(width=62),
                       t("mp_change_short", lang): st.column_config.TextColumn(width=80)})
code = selected_code(event)
if code:
    st.session_state["_map_clicks"] = n_clicks + 1
    ui.update(p=(code,))
    st.switch_page(ui.ROOT / "pages/profile.py")

ui.source_caption(ds, sl["source_id"], t("boundary_attribution", lang), map_note=True)

with st.expander(t("group_by_new", lang), expanded=show34):
    dec = decimals_for(s.index, s.ind)
    grouped = by_new_province(sl, lang, fmt=lambda v: fmt_num(v, dec, lang))
    st.dataframe(grouped.rename(columns={"new_province": t("new_province", lang),
                                         "former_provinces": t("old_provinces", lang),
                                         "with_score": t("mp_with_score", lang)}),
                 hide_index=True, width="stretch",
                 column_order=[t("new_province", lang), t("old_provinces", lang), t("mp_with_score", lang)])
    st.caption(t("mp_no_average", lang))
ui.downloads(frame[["province_code", "name_vi", "name_en", "region", "value", "rank", "rank_computed",
                    "prev_value", "change", "source_id"] + (["origin"] if uploaded else [])],
             chart, f"{s.index}_{s.year}_{s.ind}",
             {"index": s.index, "year": str(s.year), "indicator": s.ind,
              "source": "; ".join(ds.sources_for(sl["source_id"])["title"].head(5))}, key="map")
