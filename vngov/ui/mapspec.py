"""The map's Vega-Lite spec: built once per view, its boundary TopoJSON referenced by URL (Streamlit
serves ``static/``, a link to ``geo/``; the browser fetches the 216 KB file once and keeps it in its HTTP
cache) or attached when static serving is off; inlined again for PNG/SVG exports (vl-convert cannot fetch
``app/static/…``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from vngov.data import ROOT
from vngov.geo import OBJECT
from vngov.ui.caches import chart_spec, to_spec, topology

STATIC_PREFIX = "app/static/"


def _light_choropleth(frame: pd.DataFrame, show34: bool, units: int = 63, **kw) -> alt.TopLevelMixin:
    """``charts.map.choropleth`` without its boundary datasets (attached or referenced afterwards, so the
    cached spec stays ~20 KB)."""
    from vngov.charts.map import choropleth

    chart = choropleth(topology(units), frame, topo34=topology(34) if show34 and units == 63 else None, units=units,
                       **kw)
    light = chart.copy(deep=False)
    light.datasets = {k: v for k, v in chart.datasets.items() if k not in OBJECT.values()}
    return light


def choropleth_spec(frame: pd.DataFrame, *, show34: bool = False, units: int = 63, **kw) -> dict:
    """Vega-Lite spec of ``charts.map.choropleth`` (same arguments), cached; boundaries by URL."""
    spec = chart_spec(_light_choropleth, frame, show34, units, **kw)
    units = [34] if units == 34 else [63, 34] if show34 else [63]
    spec, by_url = by_static_url(spec, [OBJECT[u] for u in units])
    spec["datasets"] = {**spec.get("datasets", {}),
                        **{OBJECT[u]: topology(u) for u in units if OBJECT[u] not in by_url}}
    return spec


def by_static_url(spec: dict, names) -> tuple[dict, set[str]]:
    """``spec`` with its references to the boundary datasets ``names`` that Streamlit serves turned into their
    URLs (``_static_url``), and the set of those names (their datasets are then not needed in the spec)."""
    urls = {name: url for name in names if (url := _static_url(name))}
    if urls:
        spec = walk(spec, lambda n: {"url": urls[n["name"]], "format": n["format"]}
                    if n.get("name") in urls and "format" in n else None)
    return spec, set(urls)


def _static_url(name: str) -> str | None:
    """``app/static/<name>.topojson`` if Streamlit serves static files (``static`` is a link to ``geo``) and
    the boundaries are those of geo/ (not another copy named by VNGOV_GEO_DIR: static/ is not that copy)."""
    from vngov import geo

    if Path(geo.GEO_DIR).resolve() != (ROOT / "geo").resolve():
        return None
    return _served(name)


@functools.cache  # the server's options and the files do not change while it runs
def _served(name: str) -> str | None:
    if st.get_option("server.enableStaticServing") and (ROOT / "static" / f"{name}.topojson").is_file():
        return f"{STATIC_PREFIX}{name}.topojson"
    return None


def walk(node, replace: Callable[[dict], dict | None]):
    """A copy of a spec in which every dict for which ``replace`` gives a value is that value."""
    if isinstance(node, dict):
        new = replace(node)
        if new is not None:
            return new
        return {k: walk(v, replace) for k, v in node.items()}
    if isinstance(node, list):
        return [walk(v, replace) for v in node]
    return node


def static_spec(chart) -> dict:
    """A self-contained spec for vl-convert: ``chart`` is a spec dict, an Altair chart, or a function
    returning either (called now); static URLs become named datasets again; a container width is 800."""
    if callable(chart) and not isinstance(chart, (dict, alt.TopLevelMixin)):
        chart = chart()
    spec = dict(chart) if isinstance(chart, dict) else to_spec(chart)
    names = {v: u for u, v in OBJECT.items()}
    extra: dict = {}

    def inline(n: dict):
        url = n.get("url")
        if isinstance(url, str) and url.startswith(STATIC_PREFIX):
            name = url.rsplit("/", 1)[1].removesuffix(".topojson")
            extra[name] = topology(names[name])
            return {"name": name, **{k: v for k, v in n.items() if k != "url"}}
        return None

    spec = walk(spec, inline)
    if extra:
        spec["datasets"] = {**spec.get("datasets", {}), **extra}
    if spec.get("width") == "container":
        spec["width"] = 800
    return spec
