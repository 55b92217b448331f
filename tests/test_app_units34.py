"""Issue 13 through AppTest: a 34-province table (TEST DATA fixture) in the session reaches every page."""

import pytest
from streamlit.testing.v1 import AppTest

from apptest_util import ENTRY, charts, lookup_records, no_exception, shown
from conftest import ROOT
from units34_util import FIXTURE, SOURCE
from vngov import upload as up


@pytest.fixture(scope="module")
def extra(ds):
    res = up.read_upload(FIXTURE.read_bytes(), FIXTURE.name, SOURCE, ds)
    assert res.ok
    return up.apply_upload(None, res, replace=False)


def app(extra, params, page=None):
    at = AppTest.from_string(ENTRY, default_timeout=90)
    at.session_state["_uploaded_scores"] = extra
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(str(ROOT / page))
        at.run()
    no_exception(at)
    return at


def test_map_2025_draws_the_34_provinces(extra):
    at = app(extra, {"index": "PCI", "year": "2025", "lang": "en"})
    assert at.title[0].value.startswith("PCI 2025")
    [ch] = charts(at)
    rec = lookup_records(ch).set_index("province_code")
    assert len(rec) == 34 and rec.at["08", "rank_txt"] == "15/34" and rec.at["08", "value_txt"] == "67.32 (uploaded)"
    assert '"url": "app/static/provinces34.topojson"' in ch["proto"].spec
    assert "provinces63" not in ch["proto"].spec
    assert "0 published + 34 uploaded of 34 provinces" in at.markdown[0].value
    # the picker lists the 34, a former name finds the new province
    box = at.selectbox(key="mp_province")
    assert len(box.options) == 34 and any(o.startswith("Tuyen Quang (Ha Giang") for o in box.options)


def test_default_year_is_the_latest_so_2025_opens_in_34(extra):
    at = app(extra, {"index": "PCI", "lang": "en"})
    assert len(lookup_records(charts(at)[0])) == 34


def test_2024_map_stays_63(extra):
    at = app(extra, {"index": "PCI", "year": "2024", "lang": "en"})
    assert len(lookup_records(charts(at)[0])) == 63


def test_profile_of_a_new_province(extra):
    at = app(extra, {"index": "PCI", "year": "2025", "lang": "en", "p": "08", "u": "34"}, "pages/profile.py")
    assert "Tuyen Quang" in at.title[0].value
    text = " ".join(m.value for m in at.markdown)
    assert "profile?p=02&u=63&lang=en" in text and "Ha Giang" in text
    assert any(m.value == "67.32" for m in at.metric)


def test_bad_unit_set_in_the_url_is_named(extra):
    at = app(extra, {"lang": "en", "u": "35", "p": "02"}, None)
    assert at.warning and "u='35'" in shown(at.warning[0].value)
    assert "the unit set must be 63 (to 2024) or 34 (from 1 July 2025)" in shown(at.warning[0].value)


def test_rankings_2025(extra):
    at = app(extra, {"index": "PCI", "year": "2025", "lang": "en"}, "pages/rankings.py")
    text = " ".join(x.value for x in at.markdown) + " ".join(x.value for x in at.caption) + \
        " ".join(x.value for x in at.info)
    assert "No movement to compare: the 2024 ranks are of the 63 former provinces" in text


def test_meeting_of_a_new_province(extra):
    at = app(extra, {"index": "PCI", "year": "2025", "lang": "en", "p": "08", "u": "34"}, "pages/meeting.py")
    html = " ".join(str(x.proto) for x in at.get("html")) + " ".join(m.value for m in at.markdown)
    assert "Tuyen Quang" in html and "67.32" in html


@pytest.mark.parametrize("page", ["pages/components.py", "pages/across.py", "pages/data.py", "pages/upload.py",
                                  "pages/compare.py"])
def test_every_page_runs_with_a_34_selection(extra, page):
    at = app(extra, {"index": "PCI", "year": "2025", "lang": "en", "p": "08,01", "u": "34"}, page)
    assert at.title or at.markdown
