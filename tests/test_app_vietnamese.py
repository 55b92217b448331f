"""A Vietnamese page shows no English: every page, with a hostile link, read as a person reads it
(titles, texts, notices, captions, control labels, table headers)."""

import re

import pandas as pd
import pytest

from apptest_util import run_app, shown, static_tables
from conftest import ROOT

PAGES = ["pages/map.py", "pages/rankings.py", "pages/components.py", "pages/profile.py", "pages/compare.py",
         "pages/across.py", "pages/meeting.py", "pages/upload.py", "pages/data.py"]
HOSTILE = [{"index": "<script>alert(1)</script>", "year": "1900", "p": "99", "lang": "vi"},
           {"ind": "'; DROP TABLE scores;--", "region": "{{7*7}}", "vs": "PAPI,PAPI", "lang": "vi"},
           {"lang": "vi", "evil": "[x](http://evil.test)", "y2": "abc"}]
WORD = re.compile(r"\b[a-z]{4,}\b")


@pytest.fixture(scope="module")
def english_words():
    """Lower-case words of the English catalogue that no Vietnamese text, and no published data text
    (source titles, publishers, notes, which stay as published), contains."""
    from vngov.i18n import catalogue

    en = {w for v in catalogue().values() for w in WORD.findall(v["en"])}
    vi = {w for v in catalogue().values() for w in WORD.findall(v["vi"].lower())}
    data = set()
    for f in ("sources.csv", "national.csv", "indicators.csv", "provinces.csv"):
        df = pd.read_csv(ROOT / "data" / f, dtype=str).fillna("")
        for c in df.columns:
            data |= {w for v in df[c] for w in WORD.findall(v.lower())}
    return en - vi - data


def visible_text(at) -> list[str]:
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error", "success"):
        out += [shown(e.value) for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "toggle", "button", "checkbox", "radio", "number_input",
                 "text_input", "segmented_control"):
        out += [getattr(e, "label", "") or "" for e in at.get(kind)]
    out += [b.proto.label for b in at.get("download_button")]
    for df in at.dataframe:
        v = df.value
        cols = v.columns if hasattr(v, "columns") else v.data.columns
        out += [str(c) for c in cols]
    for tb in static_tables(at):  # the map page's plain HTML tables: headers and cells
        out += [str(c) for c in tb.columns] + [str(v) for v in tb.to_numpy().ravel()]
    return out


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", HOSTILE, ids=["index-year-p", "ind-region-vs", "unknown-y2"])
def test_no_english_on_a_vietnamese_page(page, params, english_words):
    at = run_app(params, page=page)
    assert not at.exception, [e.value for e in at.exception]
    leaks = {(w, t[:80]) for t in visible_text(at) for w in WORD.findall(t) if w in english_words}
    assert leaks == set()
