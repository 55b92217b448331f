"""Components: one province's component scores for the sidebar's index and year (vngov.views.components).

Province: the URL's ``p``; default the province ranked first on the total that year (not written to the URL).
"""

from vngov import ui
from vngov.i18n import t
from vngov.views import components as view

ds, s, lang = ui.page()
where = ui.slots("heat")
names = ds.province_names(lang)
code = ui.bind("cp_province", "select", t("province", lang), list(names),
               value=s.p[0] if s.p else ui.cached(view.default_province, ds, s.index, s.year),
               write=lambda c: {"p": (c,)}, names=names, where=where["top"].controls,
               help=t("cp_province_help", lang), placeholder=t("cp_choose", lang))
heat_only = ui.cached(view.heat_only_default, ds, s.index, s.year)  # None: no heat map that year
if heat_only is not None:
    heat_only = where["heat"].controls.toggle(t("cp_heat_only", lang), value=heat_only, key="cp_heat_only")
ui.render(ui.cached(view.model, ds, s, lang, code, bool(heat_only)), where)
