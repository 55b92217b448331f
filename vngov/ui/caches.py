"""Process-wide caches: the dataset (with a session's uploaded figures overlaid), the boundaries, view
results per dataset version, and Vega-Lite specs per distinct chart arguments."""

from __future__ import annotations

import importlib
import threading

import altair as alt
import pandas as pd
import streamlit as st

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
    inline as named datasets, which Streamlit sends as Arrow)."""
    with _ALTAIR_LOCK, alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict(validate=False)


@st.cache_data(show_spinner=False, max_entries=1024)
def _chart_spec(module: str, name: str, args: tuple, kwargs: dict) -> dict:
    return to_spec(_function(module, name)(*args, **kwargs))


def chart_spec(build, *args, **kwargs) -> dict:
    """``to_spec(build(*args, **kwargs))`` for a module-level, pure chart function of the package,
    cached per distinct arguments. Building an Altair chart costs 50–300 ms of deep copies per chart;
    a cached spec is a copy of a few KB."""
    return _chart_spec(build.__module__, build.__qualname__, args, kwargs)
