"""Process-wide caches: the dataset (with a session's uploaded figures overlaid), the boundaries, view
results per dataset version, and Vega-Lite specs per distinct chart arguments."""

from __future__ import annotations

import importlib
import json
import threading
from collections import OrderedDict

import altair as alt
import pandas as pd
import streamlit as st

from vngov.charts import altair_speed
from vngov.data import Dataset, load_dataset
from vngov.geo import load_topology

# Altair checks every object against the Vega-Lite schema as it is built ("debug mode"); the chart
# functions are checked by the unit tests (to_dict() validates), so the served app skips it.
alt.utils.schemapi.disable_debug_mode()

UPLOAD_KEY = "_uploaded_scores"


@st.cache_resource(show_spinner=False)
def _bundled_dataset() -> Dataset:
    return load_dataset()


@st.cache_resource(show_spinner=False)
def topology(units: int = 63) -> dict:
    """The boundaries, checked against provinces.csv (exactly its 63 codes, or the 34 new ones); a damaged
    file raises DataValidationError (not cached: the next run reads it again)."""
    prov = _bundled_dataset().provinces
    return load_topology(units, codes=frozenset(prov["province_code" if units == 63 else "new_code"]))


def dataset() -> Dataset:
    """The bundled dataset, plus this session's uploaded figures if any (see the upload page)."""
    extra = st.session_state.get(UPLOAD_KEY)
    if extra is not None and len(extra):
        return _overlaid(extra["version"], extra)
    return _bundled_dataset()


def uploads() -> dict | None:
    """This session's accepted uploads ({scores, sources, version}) or None."""
    extra = st.session_state.get(UPLOAD_KEY)
    return extra if extra is not None and len(extra) else None


@st.cache_resource(show_spinner=False, max_entries=16, ttl=3600)
def _overlaid(digest: str, _extra: dict) -> Dataset:
    """The bundled dataset with uploaded rows in place of bundled rows with the same key; built once per
    distinct upload (its row indexes too), not at every run of the session."""
    from vngov.upload import overlay

    ds = _bundled_dataset()
    return Dataset(scores=overlay(ds.scores, _extra["scores"]), indicators=ds.indicators,
                   provinces=ds.provinces, national=ds.national, alt_provinces=ds.alt_provinces,
                   sources=pd.concat([ds.sources, _extra["sources"]], ignore_index=True), version=digest,
                   problems=ds.problems)


def _function(module: str, name: str):
    """A module-level function of the package by name (the cache keys carry names, not functions)."""
    return getattr(importlib.import_module(module), name)


def cached(fn, ds: Dataset, *args, **kwargs):
    """``fn(ds, *args, **kwargs)`` for a pure view function of the package, cached per ``ds.version``
    and arguments (process-wide, like the dataset itself). The result is shared by every session (not a
    copy: page models may hold pandas Stylers, which do not pickle): callers never change it."""
    return _cached_view(fn.__module__, fn.__qualname__, ds.version, ds, args, kwargs)


@st.cache_resource(show_spinner=False, max_entries=1024)
def _cached_view(module: str, name: str, version: str, _ds: Dataset, args: tuple, kwargs: dict):
    return _function(module, name)(_ds, *args, **kwargs)


_ALTAIR_LOCK = threading.Lock()  # the theme and data transformer are Altair globals


def to_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite dict of an Altair chart, as st.altair_chart would draw it (no Altair theme, data
    inline as named datasets, which Streamlit sends as Arrow). Boundary files among the chart's top-level
    datasets (TopoJSON/GeoJSON as loaded: plain JSON) are put in the spec as they are, not walked by Altair
    (~70,000 numbers: 300 ms of a meeting page's map)."""
    spec, geo = _to_light_spec(chart)
    return _with_geo(spec, geo)


_GEO_TYPES = ("Topology", "FeatureCollection")
# Altair's default transformer (inline values, no row limit), its frames turned into records column by column
_DATA_TRANSFORMER = altair_speed.register_data_transformer()


def _to_light_spec(chart: alt.TopLevelMixin) -> tuple[dict, dict]:
    """(the spec with an empty dict in place of each boundary dataset, {dataset name: its object})."""
    datasets = getattr(chart, "datasets", alt.Undefined)
    geo = {k: v for k, v in datasets.items() if isinstance(v, dict) and v.get("type") in _GEO_TYPES} \
        if isinstance(datasets, dict) else {}
    if geo:
        chart = chart.copy(deep=False)
        chart.datasets = {k: ({} if k in geo else v) for k, v in datasets.items()}  # same keys, same order
    with _ALTAIR_LOCK, alt.theme.enable("none"), alt.data_transformers.enable(_DATA_TRANSFORMER):
        return chart.to_dict(validate=False), geo


def _with_geo(spec: dict, geo: dict) -> dict:
    if geo:
        spec["datasets"] = {k: geo.get(k, v) for k, v in spec["datasets"].items()}
    return spec


_GEO_MARK = "$vngov_boundaries"  # in a cached spec: {"$vngov_boundaries": units}, the file vngov.geo loaded


def _shared_units(name: str, value: dict) -> int | None:
    """The unit set whose boundaries, as ``vngov.geo.load_topology(units)`` keeps them loaded, ``value`` is
    (the same object), or None."""
    from vngov.geo import OBJECT, load_topology

    for units, obj in OBJECT.items():
        if obj == name:
            try:
                return units if load_topology(units) is value else None
            except Exception:  # noqa: BLE001 (a damaged file: the spec keeps its own copy)
                return None
    return None


@st.cache_data(show_spinner=False, max_entries=1024)
def _chart_spec(module: str, name: str, args: tuple, kwargs: dict) -> dict:
    spec, geo = _to_light_spec(_function(module, name)(*args, **kwargs))
    # boundaries the geo module keeps loaded are not copied into the cache (nor out of it at every run)
    shared = {k: u for k, v in geo.items() if (u := _shared_units(k, v)) is not None}
    return _with_geo(spec, {k: ({_GEO_MARK: shared[k]} if k in shared else v) for k, v in geo.items()})


def _unmarked(spec: dict) -> dict:
    """The boundaries marked in a cached spec put back: referenced by URL where Streamlit serves them (as the map
    page does: the browser fetches the file once and keeps it; see ``mapspec``), else attached."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict) or not any(isinstance(v, dict) and _GEO_MARK in v for v in datasets.values()):
        return spec
    from vngov.ui.mapspec import by_static_url

    marked = {k: v[_GEO_MARK] for k, v in datasets.items() if isinstance(v, dict) and _GEO_MARK in v}
    spec, urls = by_static_url(spec, marked)
    spec["datasets"] = {k: (load_topology(marked[k]) if k in marked else v)
                        for k, v in spec["datasets"].items() if k not in urls}
    return spec


def chart_spec(build, *args, **kwargs) -> dict:
    """``to_spec(build(*args, **kwargs))`` for a module-level, pure chart function of the package,
    cached per distinct arguments. Building an Altair chart costs 50–300 ms of deep copies per chart;
    a cached spec is a copy of a few KB. Boundary files among its datasets (the meeting page's map) are not
    copied: referenced by URL where Streamlit serves them, as on the map page, else attached (``_unmarked``);
    ``mapspec.static_spec`` inlines them again for exports.

    The charts of a cached page model are asked for again at every run with the very same argument objects:
    those are found by identity first (``_SAME_ARGS``), without hashing their frames again for
    ``st.cache_data`` (~4 ms a frame, a fifth of a rerun)."""
    key = _identity_key(build, args, kwargs)
    hit = _SAME_ARGS.get(key)
    if hit is not None:
        return _unmarked(json.loads(hit))
    spec = _chart_spec(build.__module__, build.__qualname__, args, kwargs)
    _SAME_ARGS.put(key, json.dumps(spec), (args, kwargs))
    return _unmarked(spec)


_IMMUTABLE = (str, int, float, bool, bytes, type(None))


def _ident(x):
    """A key part that stands for ``x``: its value if immutable (str, number, tuple of those …), else its
    identity (frames, lists, dicts: the memo holds a reference, so the id is not reused meanwhile)."""
    if isinstance(x, _IMMUTABLE):
        return (type(x), x)
    if isinstance(x, (tuple, frozenset)):
        return (type(x), tuple(_ident(v) for v in x))
    return ("id", id(x))


def _identity_key(build, args: tuple, kwargs: dict) -> tuple:
    return (build.__module__, build.__qualname__, tuple(_ident(a) for a in args),
            tuple((k, _ident(v)) for k, v in kwargs.items()))


class _SameArgs:
    """Specs (as JSON text: every caller gets its own copy) by the identity of their arguments, least
    recently used out. The arguments are kept referenced (they are the frames of cached page models): a
    cached model is never changed (``cached``), so the same objects give the same chart."""

    def __init__(self, maxsize: int):
        self.maxsize, self._d, self._lock = maxsize, OrderedDict(), threading.Lock()

    def get(self, key) -> str | None:
        with self._lock:
            hit = self._d.get(key)
            if hit is not None:
                self._d.move_to_end(key)
                return hit[0]
        return None

    def put(self, key, text: str, refs) -> None:
        with self._lock:
            self._d[key] = (text, refs)
            while len(self._d) > self.maxsize:
                self._d.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._d.clear()


_SAME_ARGS = _SameArgs(512)
