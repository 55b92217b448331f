"""Province profile: everything about one province (vngov.views.profile).

Province: the URL's ``p`` (default Hà Nội); the map page opens this page on a click.
"""

from vngov import ui
from vngov.i18n import t
from vngov.ui.brief import brief_download
from vngov.views import profile as view

ds, s, lang = ui.page()
where = ui.slots()
ds = ds.for_units(s.units)  # the province is read in its unit set (63 to 2024, 34 from 2025: u=34)
names = ds.picker_names(lang)  # with the former provinces' names for the 34 units
code = ui.bind("pf_province", "select", t("province", lang), list(names),
               value=s.p[0] if s.p else view.DEFAULT_PROVINCE, write=lambda c: {"p": (c,)}, names=names,
               where=where["top"].controls, help=t("pf_province_help", lang), placeholder=t("pf_choose", lang))
ui.render(ui.cached(view.model, ds, s, lang, code), where)
if ds.units == "63":  # the A4 brief is of the 63 provinces; none yet for the 34
    brief_download(where["foot"].head, ds, code, lang, s.index, s.year, key="pf_brief")
