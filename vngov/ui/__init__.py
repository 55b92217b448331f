"""The Streamlit layer, the only code of the package that imports Streamlit, split by concern:

- ``state``: the view state of a session and its URL (one write per run);
- ``bind``: one way to bind a control to a field of the state;
- ``frame``: the shared frame (data, URL, sidebar, link notices) and ``page()``;
- ``caches``: the dataset and uploads, view results and chart specs cached process-wide;
- ``mapspec``: the map spec with its boundaries by URL, inlined for exports;
- ``render``: drawing a page model (``vngov.views.blocks``);
- ``downloads``: CSV (neutralised for spreadsheets), PNG and SVG made when a button is pressed.

A page reads: ``ds, s, lang = ui.page()`` → bound controls (``ui.bind``) → one view-model call
(``ui.cached(views.x.model, ds, s, lang, …)``) → ``ui.render(model, slots)``.
"""

from vngov.data import ROOT
from vngov.ui.bind import bind, labels
from vngov.ui.caches import (UPLOAD_KEY, _bundled_dataset, cached, chart_spec, dataset, to_spec, topology,
                             uploads)
from vngov.ui.frame import frame, leave_legacy_pages_mode, page
from vngov.ui.mapspec import choropleth_spec, static_spec
from vngov.ui.downloads import csv_bytes, downloads, png, svg
from vngov.ui.render import Slot, caption_sources, render, slots, spec_of
from vngov.ui.state import lang, state, update

__all__ = ["ROOT", "Slot", "UPLOAD_KEY", "_bundled_dataset", "bind", "cached", "caption_sources", "chart_spec",
           "choropleth_spec", "csv_bytes", "dataset", "downloads", "frame", "labels", "lang",
           "leave_legacy_pages_mode", "page", "png", "render", "slots", "spec_of", "state", "static_spec", "svg",
           "to_spec", "topology", "update", "uploads"]
