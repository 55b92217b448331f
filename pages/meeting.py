"""Meeting mode: one province for a projector (vngov.views.meeting). Vietnamese unless the URL says
lang=en."""

import streamlit as st

from vngov import ui
from vngov.i18n import t
from vngov.ui.brief import brief_download
from vngov.views import meeting as view

st.set_page_config(initial_sidebar_state="collapsed")  # a room sees the page, not the sidebar
ds, s, lang = ui.page()
where = ui.slots("cards")
head, pick = where["top"].controls.columns([3, 1], vertical_alignment="bottom")
where["head"] = ui.Slot(head, head, head)  # the province's name, beside its picker
ds = ds.for_units(s.units)  # the province is read in its unit set (63 to 2024, 34 from 2025)
names = ds.picker_names(lang)  # with the former provinces' names for the 34 units
code = ui.bind("mt_province", "select", t("province", lang), list(names), value=view.province(s), names=names,
               write=lambda v: {"p": view.with_province(ui.state().p, v)}, where=pick)
with where["top"].controls.expander(t("mt_targets", lang), icon=":material/flag:"):  # targets: not in the URL
    targets = tuple(c.number_input(label, min_value=0.0, max_value=hi, value=None, step=0.5, format="%.2f",
                                   key=f"mt_target_{index}")
                    for c, (index, label, hi) in zip(st.columns(4), view.target_inputs(lang)))
ui.render(ui.cached(view.model, ds, s, lang, code, targets), where)
if ds.units == "63":  # the A4 brief is of the 63 provinces (its map and history); none yet for the 34
    brief_download(where["foot"].head, ds, code, lang, s.index, s.year, key="mt_brief")
