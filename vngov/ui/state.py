"""The view state of a session and its URL.

The state (``urlstate.State``) is the one source of truth: every control shows a field of it
(``ui.bind``), a change made by a person goes into it in the control's callback, before the script runs,
and the URL is written from it once per run (so one change is one browser-history entry). A URL that
differs from the one last written was changed from outside (a link, Back/Forward, an edit): it replaces
the state, and every bound control follows at its next drawing.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from vngov import urlstate
from vngov.data import Dataset

STATE_KEY = "_view_state"
NOTICE_KEY = "_url_notices"
PARAMS_KEY = "_last_params"
PAGE_KEY = "_last_page"


def state() -> urlstate.State:
    return st.session_state[STATE_KEY]


def lang() -> str:
    return state().lang


_VOCABS: dict = {}  # (id, version) of a dataset -> its vocabulary (a few per process: bundled + uploads)


def vocabulary(ds: Dataset) -> urlstate.Vocabulary:
    """The dataset's vocabulary for URL parsing, built once per dataset version and memoised: parsing and
    normalising the state runs two to three times a run and cost ~4 ms a run with pandas look-ups."""
    key = (id(ds), ds.version)
    v = _VOCABS.get(key)
    if v is None:
        if len(_VOCABS) > 32:
            _VOCABS.clear()
        years: dict = {}
        inds: dict = {}

        def years_of(i):
            if i not in years:
                years[i] = list(ds.years(i))
            return years[i]

        def indicators_of(i, y):
            if (i, y) not in inds:
                inds[i, y] = list(ds.indicators_for(i, y)["indicator"])
            return inds[i, y]

        v = _VOCABS[key] = urlstate.Vocabulary(
            years_of=years_of, indicators_of=indicators_of,
            regions=tuple(ds.provinces["region"].unique()), provinces=tuple(ds.provinces["province_code"]),
            provinces34=tuple(ds.for_units("34").provinces["province_code"]))
    return v


def update(**changes) -> None:
    """Change the view state (a control's callback, a map click); the URL follows at the end of the run."""
    from vngov.ui.caches import dataset

    st.session_state[STATE_KEY] = urlstate.normalize(replace(state(), **changes), vocabulary(dataset()))


def sync_from_url(ds: Dataset) -> None:
    """Take the state from the URL on a new session, or when the URL was changed from outside."""
    ss = st.session_state
    current = st.query_params.to_dict()
    page, ss[PAGE_KEY] = ss.get(PAGE_KEY), _page_hash()
    if STATE_KEY in ss and (current == ss.get(PARAMS_KEY) or (not current and page != ss[PAGE_KEY])):
        return  # our own URL, or a page switch that dropped the query string (written back below)
    parsed = urlstate.parse(current, vocabulary(ds))
    ss[NOTICE_KEY] = parsed.notices
    ss[STATE_KEY] = parsed.state


def write_url() -> None:
    """Write the state to the URL if the URL says something else (once per run: one browser-history entry
    per change). A URL that already means the state (a link that leaves fields at their defaults, such as
    ``/?lang=en``) is kept as it is: rewriting it would add a history entry that Back only undoes."""
    current = st.query_params.to_dict()
    params = state().to_params()
    if current != params and _means(current) != state():
        st.query_params.from_dict(params)
        current = params
    st.session_state[PARAMS_KEY] = current


def _page_hash() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return getattr(ctx, "page_script_hash", None) if ctx else None


def _means(params: dict) -> urlstate.State | None:
    """The state a URL's parameters give, or None if any of them is invalid."""
    from vngov.ui.caches import dataset

    parsed = urlstate.parse(params, vocabulary(dataset()))
    return None if parsed.notices else parsed.state


def notices() -> list:
    return st.session_state.get(NOTICE_KEY) or []
