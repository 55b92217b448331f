"""Map: choropleth of the 63 provinces for the chosen index, year and indicator (vngov.views.map)."""

import streamlit as st

from vngov import ui
from vngov.i18n import t
from vngov.views import map as view

ds, s, lang = ui.page()
where = ui.slots()
show34 = where["top"].controls.toggle(t("show_34", lang), key="w_show34")
ui.render(ui.cached(view.model, ds, s, lang, show34, ui.uploads() is not None), where)
