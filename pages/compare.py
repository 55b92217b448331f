"""Compare: 2 to 5 provinces side by side (vngov.views.compare)."""

import streamlit as st

from vngov import ui
from vngov.i18n import t
from vngov.views import compare as view

ds, s, lang = ui.page()
where = ui.slots()
sent = st.session_state.get("cmp_provinces")  # the picker's value as sent: kept when it is the URL's p
ds = ds.for_units(s.units)  # the provinces are read in their unit set (63 to 2024, 34 from 2025)
pnames = ds.picker_names(lang)  # with the former provinces' names for the 34 units
codes = ui.bind("cmp_provinces", "multi", t("cmp_select", lang), list(pnames), value=view.selection(s.p, sent),
                write=lambda v: {"p": tuple(v)}, names=pnames, max_items=view.MAX_PROVINCES,
                help=t("cmp_select_help", lang), placeholder=t("cmp_choose", lang), where=where["top"].controls)
ui.render(ui.cached(view.model, ds, s, lang, tuple(codes), view.too_many(sent)), where)
