"""The Streamlit layer: cached loading, the shared sidebar, URL state, captions and downloads.

This is the only module of the package that imports Streamlit. Pages call ``frame()`` (done once by
app.py) and then ``state()``, ``dataset()`` and the helpers below.
"""

from __future__ import annotations

import functools
import importlib
import io
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from vngov import urlstate
from vngov.catalog import INDEX_META, INDICES, METHOD_BREAKS
from vngov.data import ROOT, Dataset, load_dataset
from vngov.geo import load_topology
from vngov.i18n import LANG_LABELS, t
from vngov.validate import DataValidationError

# Altair checks every object against the Vega-Lite schema as it is built ("debug mode"); the chart
# functions are checked by the unit tests (to_dict() validates), so the served app skips it.
alt.utils.schemapi.disable_debug_mode()

STATE_KEY = "_view_state"
NOTICE_KEY = "_url_notices"
PARAMS_KEY = "_last_params"
SEEN_KEY = "_seen_params"
UPLOAD_KEY = "_uploaded_scores"


# ------------------------------------------------------------------------------------------
# cached resources: loaded and validated once per process, shared by every session
# ------------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _bundled_dataset() -> Dataset:
    return load_dataset()


@st.cache_resource(show_spinner=False)
def topology(units: int = 63) -> dict:
    return load_topology(units)


def dataset() -> Dataset:
    """The bundled dataset, plus this session's uploaded figures if any (see the upload page)."""
    extra = st.session_state.get(UPLOAD_KEY)
    if extra is not None and len(extra):
        return _overlaid(extra["version"], extra)
    return _bundled_dataset()


@st.cache_resource(show_spinner=False, max_entries=16, ttl=3600)
def _overlaid(digest: str, _extra: dict) -> Dataset:
    """The bundled dataset with uploaded rows in place of bundled rows with the same key; built once per
    distinct upload (its row indexes too), not at every run of the session."""
    from vngov.upload import overlay

    ds = _bundled_dataset()
    return Dataset(scores=overlay(ds.scores, _extra["scores"]), indicators=ds.indicators,
                   provinces=ds.provinces, national=ds.national,
                   sources=pd.concat([ds.sources, _extra["sources"]], ignore_index=True), version=digest)


def cached(fn, ds: Dataset, *args, **kwargs):
    """``fn(ds, *args, **kwargs)`` for a pure view function of the package, cached per ``ds.version``
    and arguments (process-wide, like the dataset itself). Results are copies: callers may change them."""
    return _cached_view(fn.__module__, fn.__qualname__, ds.version, ds, args, kwargs)


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_view(module: str, name: str, version: str, _ds: Dataset, args: tuple, kwargs: dict):
    return _function(module, name)(_ds, *args, **kwargs)


def _function(module: str, name: str):
    """A module-level function of the package by name (the cache keys carry names, not functions)."""
    return getattr(importlib.import_module(module), name)


# ------------------------------------------------------------------------------------------
# state
# ------------------------------------------------------------------------------------------
def page() -> tuple[Dataset, urlstate.State, str]:
    """Start of every page file: (dataset, view state, language).

    Streamlit runs an app that has a ``pages/`` folder as a v1 multipage app until the first call of
    ``st.navigation`` in the process; a first visitor landing on /map would then run the page without
    app.py. In that case switch the process to ``st.navigation`` mode and rerun through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:  # this page was run without app.py (see above)
        PagesManager.uses_pages_directory = False
        st.rerun()
    if STATE_KEY not in st.session_state:
        frame()
    return dataset(), state(), lang()


def state() -> urlstate.State:
    return st.session_state[STATE_KEY]


def lang() -> str:
    return state().lang


def _parse_url(ds: Dataset) -> urlstate.Parsed:
    return urlstate.parse(
        dict(st.query_params), ds.years,
        lambda i, y: list(ds.indicators_for(i, y)["indicator"]),
        ds.provinces["region"].unique(), ds.provinces["province_code"])


def _set_state(s: urlstate.State) -> None:
    st.session_state[STATE_KEY] = s
    params = s.to_params()
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
    st.session_state[PARAMS_KEY] = params


def _sync_from_url(ds: Dataset) -> None:
    """On a new session, or when the URL was changed from outside (edited, pasted, back button),
    take the state from the URL. A URL equal to the one we last wrote, or to the one seen at the
    previous run, is not a change from outside."""
    current = {k: v for k, v in st.query_params.items()}
    seen = st.session_state.get(SEEN_KEY)
    st.session_state[SEEN_KEY] = current
    if STATE_KEY in st.session_state and (current in (st.session_state.get(PARAMS_KEY), seen) or not current):
        if not current:  # a page switch drops the query string: put it back
            _set_state(st.session_state[STATE_KEY])
        return
    parsed = _parse_url(ds)
    st.session_state[NOTICE_KEY] = parsed.notices
    for k in ("w_lang", "w_index", "w_year", "w_ind", "w_region"):
        st.session_state.pop(k, None)
    _set_state(parsed.state)


def choice(key: str, value, options, fallback):
    """The value of a selectbox whose option labels are translated, checked against its options.

    The browser sends back the selected *label*; Streamlit returns the raw label when it cannot map it to
    an option, which happens to a label of the other language when a control is used while the language
    is switching. Such a value is replaced by ``fallback`` and the widget is reset (it is drawn again from
    the view state at the next run)."""
    if value in options:
        return value
    st.session_state.pop(key, None)
    return fallback


def labels(names: dict) -> Callable[[object], str]:
    """``format_func`` over a {code: label} dict that labels any value: Streamlit formats the value it got
    back (possibly a stale label, see ``choice``) and fails on a None label."""
    return lambda v: names.get(v, str(v))


def choices(key: str, values, options) -> list:
    """``choice`` for a multiselect: the values that are options (stale labels dropped, widget reset)."""
    kept = [v for v in values if v in options]
    if len(kept) != len(values):
        st.session_state.pop(key, None)
    return kept


def province_select(key: str, default: str, help_text: str | None = None, label: str | None = None) -> str:
    """One-province picker in the page body, bound to the URL's ``p``: it follows ``p`` when that changes
    elsewhere (map click, link, back button), and a choice made here is written to the URL in the script
    body, so the URL and the page never disagree. Returns the selected province code."""
    ds, s = dataset(), state()
    code = s.p[0] if s.p else default
    seen = f"_{key}_seen"
    if key not in st.session_state or st.session_state.get(seen) != code:
        st.session_state[key] = code
        st.session_state[seen] = code
    names = ds.province_names(lang())
    picked = choice(key, st.selectbox(label or t("province", lang()), list(names), format_func=labels(names), key=key,
                                      help=help_text), names, code)
    if picked != code:
        code = picked
        st.session_state[seen] = code
        update(p=(code,))
    return code


def update(**changes) -> None:
    """Change the view state (e.g. from a map click) and keep the URL in step."""
    _set_state(replace(state(), **changes))


def frame() -> None:
    """Load data, read the URL, draw the shared sidebar. Called once per run by app.py."""
    try:
        with st.spinner("…"):
            ds = dataset()
    except DataValidationError as e:
        st.error(t("data_error", "vi", err="") + "\n\n" + str(e))
        st.stop()
    _sync_from_url(ds)
    # less empty space above the title, so the map fits a 1280×720 projector
    st.html("<style>.stMainBlockContainer{padding-top:2.2rem}</style>")
    s = state()
    sb = st.sidebar
    lang_ = sb.segmented_control(t("language", s.lang), ["vi", "en"], default=s.lang,
                                 format_func=LANG_LABELS.get, key="w_lang", width="stretch",
                                 required=True) or s.lang
    index = sb.selectbox(t("index", lang_), INDICES, index=INDICES.index(s.index),
                         format_func=lambda i: INDEX_META[i]["short"], key="w_index")
    years = ds.years(index)
    year = s.year if s.year in years else max(years)
    if st.session_state.get("w_year") not in years:
        st.session_state["w_year"] = year
    year = sb.selectbox(t("year", lang_), years[::-1], key="w_year")
    inds = ds.indicators_for(index, year)
    ids = list(inds["indicator"])
    ind = s.ind if s.ind in ids else "total"
    if st.session_state.get("w_ind") not in ids:
        st.session_state["w_ind"] = ind
    names = dict(zip(inds["indicator"], inds["name_en" if lang_ == "en" else "name_vi"]))
    ind = choice("w_ind", sb.selectbox(t("indicator", lang_), ids, key="w_ind",
                                       format_func=lambda i: t("total", lang_) if i == "total" else f"{i} · {names[i]}"),
                 ids, ind)
    regions = ds.provinces.drop_duplicates("region")
    rnames = dict(zip(regions["region"], regions["region_name_en" if lang_ == "en" else "region_name_vi"]))
    region_opts = [""] + list(rnames)
    region = choice("w_region", sb.selectbox(t("region", lang_), region_opts, index=region_opts.index(s.region),
                                             format_func=lambda r: rnames.get(r, t("all_regions", lang_)),
                                             key="w_region"), region_opts, s.region)
    y2 = s.y2 if s.y2 in years else 0
    _set_state(replace(s, lang=lang_, index=index, year=int(year), ind=ind, region=region, y2=y2))
    notices = st.session_state.get(NOTICE_KEY)
    if notices:
        st.warning(t("url_notice", lang_, items="; ".join(notices)), icon="⚠️")


def _light_choropleth(frame: pd.DataFrame, show34: bool, **kw) -> alt.TopLevelMixin:
    """``charts.map.choropleth`` without its boundary datasets (attached or referenced afterwards, so the
    cached spec stays ~20 KB)."""
    from vngov.charts.map import choropleth
    from vngov.geo import OBJECT

    chart = choropleth(topology(63), frame, topo34=topology(34) if show34 else None, **kw)
    light = chart.copy(deep=False)
    light.datasets = {k: v for k, v in chart.datasets.items() if k not in OBJECT.values()}
    return light


def choropleth_spec(frame: pd.DataFrame, *, show34: bool = False, **kw) -> dict:
    """Vega-Lite spec of ``charts.map.choropleth`` (same arguments), cached. The boundary TopoJSON is
    referenced by URL when Streamlit serves ``static/`` (the browser fetches the 216 KB file once and
    keeps it in its HTTP cache; otherwise Streamlit re-sends ~260 KB of JSON in every new map spec and
    parses/dumps it several times per rerun), else attached to the process-wide copy."""
    from vngov.geo import OBJECT

    spec = chart_spec(_light_choropleth, frame, show34, **kw)
    units = [63, 34] if show34 else [63]
    by_url = {OBJECT[u] for u in units if _static_url(OBJECT[u])}
    if by_url:
        spec = _refer_by_url(spec, by_url)
    spec["datasets"] = {**spec.get("datasets", {}),
                        **{OBJECT[u]: topology(u) for u in units if OBJECT[u] not in by_url}}
    return spec


@functools.cache  # the server's options and the files do not change while it runs
def _static_url(name: str) -> str | None:
    """``app/static/<name>.topojson`` if Streamlit serves static files (``static`` is a link to ``geo``)."""
    if st.get_option("server.enableStaticServing") and (ROOT / "static" / f"{name}.topojson").is_file():
        return f"app/static/{name}.topojson"
    return None


def _refer_by_url(node, names: set[str]):
    """Replace the named-data references ({"name": n, "format": ...}) to ``names`` by their static URL."""
    if isinstance(node, dict):
        if node.get("name") in names and "format" in node:
            return {"url": _static_url(node["name"]), "format": node["format"]}
        return {k: _refer_by_url(v, names) for k, v in node.items()}
    if isinstance(node, list):
        return [_refer_by_url(v, names) for v in node]
    return node


def _inline_urls(node, datasets: dict):
    """The reverse, for vl-convert (PNG/SVG downloads), which cannot fetch ``app/static/...``."""
    from vngov.geo import OBJECT

    if isinstance(node, dict):
        url = node.get("url")
        if isinstance(url, str) and url.startswith("app/static/"):
            name = url.rsplit("/", 1)[1].removesuffix(".topojson")
            datasets[name] = topology(next(u for u, n in OBJECT.items() if n == name))
            return {"name": name, **{k: v for k, v in node.items() if k != "url"}}
        return {k: _inline_urls(v, datasets) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_urls(v, datasets) for v in node]
    return node


# ------------------------------------------------------------------------------------------
# charts: Vega-Lite specs built once per distinct arguments, shared by every session
# ------------------------------------------------------------------------------------------
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


def show_chart(spec: dict, key: str) -> None:
    st.vega_lite_chart(spec=spec, width="stretch", key=key)


def titled(spec: dict, title: str) -> dict:
    """A spec with a title (for the PNG/SVG downloads)."""
    return {**spec, "title": title}


# ------------------------------------------------------------------------------------------
# captions, coverage, breaks, downloads
# ------------------------------------------------------------------------------------------
def source_caption(ds: Dataset, source_ids, extra: str = "", map_note: bool = False) -> None:
    """Caption naming the publishers of the figures shown (map_note adds the map's grey = no data)."""
    src = ds.sources_for(source_ids)
    pubs = sorted({p for p in src["publisher"]})
    label = "; ".join(pubs[:4]) + (f" (+{len(pubs) - 4})" if len(pubs) > 4 else "")
    key = "map_caption" if map_note else "source_caption"
    st.caption(t(key, lang(), sources=label or "—") + (" " + extra if extra else ""))
    uploaded_notice(src)


def uploaded_notice(shown_sources: pd.DataFrame) -> None:
    """If any figure on the page came from this session's uploads: say so, with the uploader's source text
    (uploaded figures are not published figures of the bundled dataset)."""
    extra = st.session_state.get(UPLOAD_KEY)
    if extra is None or not len(extra):
        return
    mine = shown_sources[shown_sources["source_id"].isin(set(extra["sources"]["source_id"]))]
    if len(mine):
        st.info(t("uploaded_shown", lang(), sources="; ".join(f"“{x}”" for x in mine["title"])),
                icon=":material/upload_file:")


def coverage_line(ds: Dataset, sl: pd.DataFrame) -> None:
    n = int(sl["value"].notna().sum())
    r = int(sl["rank"].notna().sum())
    st.markdown(f"**{t('coverage', lang(), n=n, total=len(sl))}** {t('coverage_rank', lang(), n=r)}")


def break_notes(index: str, years: list[int]) -> None:
    for y, (vi, en) in METHOD_BREAKS.get(index, {}).items():
        if years and min(years) < y <= max(years):
            st.info(t("method_break", lang(), year=y, text=en if lang() == "en" else vi), icon="ℹ️")


def csv_bytes(df: pd.DataFrame, header: dict[str, str]) -> bytes:
    """CSV with a commented header naming what it is (index, year, indicator, source)."""
    buf = io.StringIO()
    for k, v in header.items():
        buf.write(f"# {k}: {v}\n")
    buf.write(f"# downloaded: {date.today().isoformat()}\n")
    df.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def downloads(df: pd.DataFrame, chart, name: str, header: dict[str, str], key: str) -> None:
    """CSV of the data behind a chart, and the chart as PNG/SVG (rendered on demand by vl-convert).
    ``chart``: an Altair chart, a spec dict, a function returning either (built only when a download is
    clicked), or None."""
    cols = st.columns(3)
    # the files are made when a button is clicked (a 39k-row CSV on every run cost ~40 ms)
    cols[0].download_button(t("download_csv", lang()), lambda: csv_bytes(df, header), file_name=f"{name}.csv",
                            mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:")
    if chart is not None:
        cols[1].download_button(t("download_png", lang()), lambda: _png(chart), file_name=f"{name}.png",
                                mime="image/png", key=f"{key}_png", on_click="ignore",
                                icon=":material/image:")
        cols[2].download_button(t("download_svg", lang()), lambda: _svg(chart), file_name=f"{name}.svg",
                                mime="image/svg+xml", key=f"{key}_svg", on_click="ignore",
                                icon=":material/image:")


def _static(chart):
    if callable(chart) and not isinstance(chart, (dict, alt.TopLevelMixin)):
        chart = chart()
    spec = dict(chart) if isinstance(chart, dict) else to_spec(chart)
    extra: dict = {}
    spec = _inline_urls(spec, extra)
    if extra:
        spec["datasets"] = {**spec.get("datasets", {}), **extra}
    if spec.get("width") == "container":
        spec["width"] = 800
    return spec


def _png(chart) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_png(_static(chart), scale=2)


def _svg(chart) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_svg(_static(chart)).encode("utf-8")


def unit_label(unit: str) -> str:
    """A unit of indicators.csv ("điểm", "điểm/points", "%") in the page's language."""
    return t("mt_points", lang()) if "điểm" in str(unit) else str(unit)


def index_label(index: str) -> str:
    return INDEX_META[index]["short"]


def indicator_label(ds: Dataset, index: str, indicator: str, year: int) -> str:
    if indicator == "total":
        return t("total", lang())
    info = ds.indicator_info(index, indicator, year)
    return f"{indicator} · {info['name_en' if lang() == 'en' else 'name_vi']}"
