"""Rankings & movement: rank table, bump chart of ranks over the years, slope chart between two years and
the biggest rank movers, for the sidebar's index, year, indicator and region (vngov.views.rankings)."""

from vngov import ui
from vngov.i18n import t
from vngov.views import rankings as view

ds, s, lang = ui.page()
c = ui.cached(view.controls, ds, s, lang)
where = ui.slots("table", "bump", "slope", "movers")

left, right = where["bump"].controls.columns([3, 2], vertical_alignment="bottom")
ui.bind("rk_p", "multi", t("rk_pick", lang), c.provinces, value=list(s.p), write=lambda v: {"p": tuple(v)},
        names=c.names, max_items=5, where=left, placeholder=t("rk_pick_placeholder", lang))
show_tb = right.toggle(t("rk_topbottom", lang, year=c.ref or s.year), value=True, key="rk_topbottom")

measure = "value"
if c.y2 is not None:
    left, right = where["slope"].controls.columns([2, 3], vertical_alignment="bottom")
    ui.bind("rk_y2", "select", t("rk_y2", lang, year=s.year), c.y2_options, value=c.y2,
            write=lambda v: {"y2": int(v)}, where=left)
    if not c.broken:
        measures = {"value": t("value", lang), "rank": t("rank", lang)}
        measure = right.segmented_control(t("rk_measure", lang), list(measures), format_func=measures.get,
                                          default="value", key="rk_measure", required=True) or "value"

ui.render(ui.cached(view.model, ds, s, lang, show_tb, measure), where)
