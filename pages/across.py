"""Across indices: two indices for the same year, one point per province with both totals, Pearson r
(vngov.views.across)."""

from vngov import ui
from vngov.catalog import INDICES
from vngov.i18n import t
from vngov.views import across as view
from vngov.views.common import index_label

ds, s, lang = ui.page()
where = ui.slots("scatter")
c1, c2, c3 = where["top"].controls.columns(3)
pair = ui.cached(view.pair, ds, s)
ui.bind("ax_x", "select", t("ax_x", lang), INDICES, value=pair[0], names=index_label, where=c1,
        write=lambda v: view.with_x(ui.state(), pair, v))
ui.bind("ax_y", "select", t("ax_y", lang), INDICES, value=pair[1], names=index_label, where=c2,
        write=lambda v: view.with_y(ui.state(), pair, v))
choice = ui.cached(view.year_choice, ds, s)
label_all = False
if choice:  # a pair with common years: the year picker and the labels toggle
    ui.bind("ax_year", "select", t("ax_year", lang), choice[0], value=choice[1], where=c3,
            write=lambda v: {"vs": pair, "vy": int(v)})
    label_all = where["scatter"].controls.checkbox(t("ax_labels", lang), key="ax_labels")
ui.render(ui.cached(view.model, ds, s, lang, label_all), where)
