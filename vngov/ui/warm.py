"""What every visitor needs, made once at the start of a served process, in the background.

``start()`` (app.py calls it after each run; it acts once per process, after the first page has been served)
starts one thread that, a step at a time and each step only once no script run is going on (or after
``IDLE_WAIT_S``), imports the modules of every page, builds the dataset's indexes (both unit sets, the
totals), loads the boundaries, and computes the default view of every page in both languages: the same
``ui.cached`` view results and chart specs a visitor's first run of that page would compute, under the same
keys, so that run finds them (tests/test_warm.py checks that a page run after ``default_views`` computes
nothing new). Then it freezes what is loaded (``gc.freeze``): Python's full garbage collections no longer walk
the ~200,000 long-lived objects of the libraries, the dataset and the boundaries (~180 ms each, a few times a
minute under load).

Memory: what it computes goes into the bounded caches a visitor's run fills anyway (16 default views). Not
run under AppTest (its runtime is a mock) nor with VNGOV_WARM=0.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator

LOG = logging.getLogger(__name__)
SCRIPT_THREAD = "ScriptRunner.scriptThread"  # Streamlit's name for the thread of a script run
IDLE_WAIT_S = 2.0  # at most this long before a step for the server to have no script run going on
LANGS = ("vi", "en")
PAGES = ("map", "rankings", "components", "profile", "compare", "across", "meeting", "data")
MODULES = (*(f"vngov.views.{p}" for p in (*PAGES, "upload")), "vngov.ui.mapspec", "vngov.ui.brief",
           "pandas.io.formats.style")

DONE = threading.Event()  # set when the warm-up is over (tests and benchmarks wait for it)
_LOCK = threading.Lock()
_STARTED: list[threading.Thread] = []


def start() -> bool:
    """Start the warm-up thread unless it was started before in this process, this is not a served app
    (AppTest) or VNGOV_WARM is 0. True if it runs (or ran)."""
    if os.environ.get("VNGOV_WARM", "1") == "0" or not _served():
        return False
    with _LOCK:
        if not _STARTED:
            th = threading.Thread(target=run, name="vngov-warm", daemon=True)
            _STARTED.append(th)
            th.start()
    return True


def _served() -> bool:
    from streamlit import runtime
    from streamlit.runtime import Runtime

    return runtime.exists() and type(Runtime.instance()) is Runtime


def run(wait: bool = True) -> None:
    """All the steps (``wait``: each once the server is idle), then ``gc.freeze``."""
    t0 = time.process_time()
    try:
        for name, step in steps():
            if wait:
                _until_idle()
            try:
                step()
            except Exception:  # noqa: BLE001 (a damaged file: the pages report it when visited)
                LOG.debug("warm-up step %s failed", name, exc_info=True)
    finally:
        if wait:
            _until_idle()
        gc.collect()
        gc.freeze()
        DONE.set()
        LOG.debug("warm-up done in %.2f s of CPU (all threads)", time.process_time() - t0)


def _until_idle() -> None:
    deadline = time.monotonic() + IDLE_WAIT_S
    while time.monotonic() < deadline and any(
            t.name == SCRIPT_THREAD and t.is_alive() for t in threading.enumerate()):
        time.sleep(0.02)


def steps() -> Iterator[tuple[str, Callable[[], object]]]:
    yield "imports", lambda: [importlib.import_module(m) for m in MODULES]
    yield "dataset", _dataset_indexes
    yield "boundaries", _boundaries
    yield "freeze", lambda: (gc.collect(), gc.freeze())  # the bulk, before the views (they may wait long)
    for lang in LANGS:
        for page in PAGES:
            yield f"{page}/{lang}", lambda page=page, lang=lang: default_view(page, lang)


def _dataset_indexes() -> None:
    from vngov.ui.caches import _bundled_dataset
    from vngov.ui.state import vocabulary

    ds = _bundled_dataset()
    for d in (ds, ds.for_units("34")):
        for x in (d, d.totals):
            x._groups, x._series_groups, x._present, x._names  # noqa: B018 (built on first use)
    ds.successor  # noqa: B018
    vocabulary(ds)


def _boundaries() -> None:
    from vngov.geo import load_topology
    from vngov.ui.caches import topology

    for units in (63, 34):
        topology(units)
        load_topology(units)  # the meeting page's map reads them here


def default_state(lang: str):
    """The view state of a visitor who opens the app with no parameters but the language."""
    from vngov import urlstate
    from vngov.ui.caches import _bundled_dataset
    from vngov.ui.state import vocabulary

    return urlstate.parse({} if lang == "vi" else {"lang": lang}, vocabulary(_bundled_dataset())).state


def default_view(page: str, lang: str) -> None:
    """What the first run of ``pages/<page>.py`` computes for ``default_state(lang)``: its ``ui.cached`` view
    results with the arguments the page passes (its controls at their defaults), then the specs of the charts
    ``ui.render`` draws. Keep in step with the page files (tests/test_warm.py fails otherwise)."""
    from vngov.ui.caches import _bundled_dataset, cached

    ds, s = _bundled_dataset(), default_state(lang)
    v = importlib.import_module(f"vngov.views.{page}")
    if page == "map":
        units = ds.for_year(s.year)
        units.picker_names(lang)
        model = cached(v.model, ds, s, lang, False, False)  # show34 off; no uploads
    elif page == "rankings":
        cached(v.controls, ds, s, lang)
        model = cached(v.model, ds, s, lang, True, "value")  # top/bottom five on; measure: value
    elif page == "components":
        code = s.p[0] if s.p else cached(v.default_province, ds, s.index, s.year)
        heat_only = cached(v.heat_only_default, ds, s.index, s.year)
        model = cached(v.model, ds, s, lang, code, bool(heat_only))
    elif page == "profile":
        pds = ds.for_units(s.units)
        pds.picker_names(lang)
        model = cached(v.model, pds, s, lang, s.p[0] if s.p else v.DEFAULT_PROVINCE)
    elif page == "compare":
        cds = ds.for_units(s.units)
        names = cds.picker_names(lang)
        codes = tuple(c for c in v.selection(s.p, None) if c in names)
        model = cached(v.model, cds, s, lang, codes, v.too_many(None))
    elif page == "across":
        cached(v.pair, ds, s)
        cached(v.year_choice, ds, s)
        model = cached(v.model, ds, s, lang, False)  # labels toggle off
    elif page == "meeting":
        mds = ds.for_units(s.units)
        mds.picker_names(lang)
        targets = tuple(None for _ in v.target_inputs(lang))  # the target inputs start empty
        model = cached(v.model, mds, s, lang, v.province(s), targets)
    elif page == "data":
        model = cached(v.model, ds, s, lang)
    else:
        raise ValueError(f"no default view for page {page!r}")
    drawn_specs(model)


def drawn_specs(model) -> None:
    """The spec of every chart and map ``ui.render`` draws for a page model (not those behind downloads)."""
    from vngov.ui.caches import chart_spec
    from vngov.ui.mapspec import choropleth_spec
    from vngov.views import blocks as b

    def visit(items):
        for block in items:
            if isinstance(block, b.Chart):
                chart_spec(block.build, *block.args, **block.kwargs)
            elif isinstance(block, b.Map):
                choropleth_spec(block.frame, show34=block.show34, units=block.units, **block.kwargs)
            elif isinstance(block, b.Section):
                visit([block.chart] if block.chart is not None else [])
                visit(block.blocks)
            elif isinstance(block, b.Columns):
                for cell in block.cells:
                    visit(cell)
            elif isinstance(block, b.Expander):
                visit(block.blocks)

    visit(model.head)
    visit(model.blocks)
