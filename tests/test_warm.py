"""The warm-up of a served process (vngov.ui.warm): the default view of every page, in both languages, is
computed under the keys a visitor's first run uses, so that run computes no view result and no chart spec."""

import gc

import pytest
import streamlit as st

from apptest_util import charts, no_exception, run_app
from vngov.ui import caches, warm

PAGE_FILES = {p: f"pages/{p}.py" for p in warm.PAGES}


def _clear():
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def computed(monkeypatch):
    """Names of the view functions and chart builders computed (cache misses) while the fixture is active."""
    calls = []
    real = caches._function

    def spy(module, name):
        calls.append(f"{module}.{name}")
        return real(module, name)

    monkeypatch.setattr(caches, "_function", spy)
    return calls


@pytest.mark.parametrize("lang", warm.LANGS)
def test_a_first_run_after_the_warm_up_computes_nothing(lang, computed):
    _clear()
    for page in warm.PAGES:
        warm.default_view(page, lang)
    assert computed, "the warm-up computed nothing"
    computed.clear()
    for page in warm.PAGES:
        at = run_app({} if lang == "vi" else {"lang": lang}, page=None if page == "map" else PAGE_FILES[page])
        no_exception(at)
        assert computed == [], f"{page}/{lang}: the page computed {computed} (warm.default_view is out of step)"


def test_warmed_page_draws_what_a_cold_one_draws():
    for page in ("rankings", "meeting"):
        _clear()
        cold = [c["spec"] for c in charts(run_app({"lang": "en"}, page=PAGE_FILES[page]))]
        _clear()
        warm.default_view(page, "en")
        warmed = [c["spec"] for c in charts(run_app({"lang": "en"}, page=PAGE_FILES[page]))]
        assert warmed == cold and cold


def test_not_started_outside_a_served_app(monkeypatch):
    assert warm.start() is False  # pytest: no server runtime
    monkeypatch.setattr(warm, "_served", lambda: True)
    monkeypatch.setenv("VNGOV_WARM", "0")
    assert warm.start() is False


def test_run_freezes_what_is_loaded():
    warm.DONE.clear()
    try:
        warm.run(wait=False)
        assert warm.DONE.is_set() and gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
