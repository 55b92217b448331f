"""Data & methods (vngov.views.data)."""

from vngov import ui
from vngov.views import data as view

ds, s, lang = ui.page()
ui.render(ui.cached(view.model, ds, s, lang))
