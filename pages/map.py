"""Map: choropleth of the 63 provinces for the chosen index, year and indicator (vngov.views.map), and a
keyboard route to a province's profile (a province picker and a link)."""

from vngov import ui
from vngov.i18n import t
from vngov.views import map as view

ds, s, lang = ui.page()
where = ui.slots()
pick, go, opt = where["top"].controls.columns([2, 2, 2], vertical_alignment="bottom")
units = ds.for_year(s.year)  # the map's unit set: 63 provinces to 2024, 34 from 2025
u = "34" if units.units == "34" else ""
p = ui.bind("mp_province", "select", t("mp_open_label", lang), list(units.provinces["province_code"]),
            value=s.p[0] if s.p and s.units == units.units else None, write=lambda v: {"p": (v,), "u": u},
            names=units.picker_names(lang), where=pick, placeholder=t("mp_choose", lang))
go.page_link(ui.ROOT / view.PROFILE, label=t("mp_open_profile", lang, name=units.province_name(p, lang) if p else "…"),
             icon=":material/location_city:", disabled=not p)
# the outline of the 34 over the 63 (a 34-unit selection draws the 34 themselves)
show34 = opt.toggle(t("show_34", lang), key="w_show34") if units.units == "63" else False
ui.render(ui.cached(view.model, ds, s, lang, show34, ui.uploads() is not None), where)
