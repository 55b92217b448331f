"""The Province profile page through AppTest."""

import pandas as pd
import pyarrow as pa
import pytest

from apptest_util import charts, no_exception, run_app
from vngov.catalog import INDEX_META, INDICES

PAGE = "pages/profile.py"


def panel_points(ch) -> pd.DataFrame:
    """Rows of the points layer of a trend panel (the published values drawn)."""
    spec = ch["spec"]
    for lay in spec["layer"]:
        if lay["mark"]["type"] == "point":
            d = lay.get("data") or spec.get("data")
            if d and "values" in d:
                return pd.DataFrame(d["values"])
            if d and "name" in d and d["name"] in ch["data"]:
                return ch["data"][d["name"]]
            return pa.ipc.open_stream(ch["proto"].data.data).read_pandas()
    return pd.DataFrame(columns=["year", "value"])


def published(ds, code, index):
    s = ds.scores
    return s[(s["index"] == index) & (s["province_code"] == code) & (s["indicator"] == "total")
             & s["value"].notna()]


@pytest.mark.parametrize("params,code", [
    ({}, "01"),                                                    # default: Hà Nội
    ({"index": "PAR_INDEX", "year": "2012", "p": "22"}, "22"),
    ({"index": "SIPAS", "year": "2024", "p": "31", "lang": "en"}, "31"),
    ({"index": "PCI", "year": "2006", "p": "02", "lang": "en"}, "02"),
    ({"index": "PAPI", "year": "2011", "p": "96"}, "96"),
])
def test_profile_for_any_province_and_sidebar_state(ds, params, code):
    at = run_app(params, page=PAGE)
    no_exception(at)
    name = ds.province_name(code, params.get("lang", "vi"))
    assert name in at.title[0].value
    assert at.selectbox(key="pf_province").value == code
    panels = charts(at)
    assert len(panels) == 4  # one trend panel per index
    assert [ch["spec"]["title"]["text"] for ch in panels] == [INDEX_META[i]["short"] for i in INDICES]
    for index, ch in zip(INDICES, panels):
        pts = panel_points(ch)
        pub = published(ds, code, index)
        assert len(pts) == len(pub)  # every published total, nothing filled in
        assert sorted(pts["year"].astype(int)) == sorted(pub["year"].astype(int))
    metrics = at.get("metric")
    assert len(metrics) == 4


def test_direct_url_in_english_and_merger(ds):
    at = run_app({"p": "22", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert at.title[0].value == "Province profile: Quang Ninh"
    labels = [m.label for m in at.get("metric")]
    assert labels[2] == "PAPI 2024"
    papi = ds.slice("PAPI", 2024).set_index("province_code").at["22", "value"]
    assert at.get("metric")[2].value == f"{papi:.2f}"
    text = " ".join(m.value for m in at.markdown)
    assert "was not merged" in text and "Quang Ninh" in text
    at2 = run_app({"p": "02", "lang": "en"}, page=PAGE)
    text = " ".join(m.value for m in at2.markdown)
    assert "**Tuyen Quang** (code 08)" in text and "together with: Tuyen Quang" in text


def test_selectbox_and_language_switch(ds):
    at = run_app({"lang": "vi"}, page=PAGE)
    no_exception(at)
    assert at.title[0].value == "Hồ sơ tỉnh: Hà Nội"
    at.selectbox(key="pf_province").set_value("79").run()
    no_exception(at)
    assert at.query_params["p"] == "79"
    assert at.title[0].value == "Hồ sơ tỉnh: Hồ Chí Minh" or "Hồ Chí Minh" in at.title[0].value
    pts = panel_points(charts(at)[3])
    assert len(pts) == len(published(ds, "79", "PCI"))
    at.sidebar.button_group[0].set_value("en").run()
    no_exception(at)
    assert at.query_params["p"] == "79" and at.query_params["lang"] == "en"
    assert "Ho Chi Minh" in at.title[0].value


def test_tables_history_peers_strengths(ds):
    at = run_app({"p": "48", "lang": "en"}, page=PAGE)  # Đà Nẵng
    no_exception(at)
    hist = at.dataframe[0].value
    assert len(hist) == sum(len(ds.years(i)) for i in INDICES)
    papi21 = hist[(hist["Index"] == "PAPI") & (hist["Year"] == "2021")]
    assert papi21["Score"].iloc[0] != "0" and papi21["Score"].iloc[0] != ""
    # region peers: the provinces of the North and South Central Coast region, with the latest year per index
    peers = at.dataframe[-1].value
    if hasattr(peers, "data"):
        peers = peers.data
    ncc = ds.provinces[ds.provinces["region"] == ds.provinces.set_index("province_code").at["48", "region"]]
    assert len(peers) == len(ncc) and "Da Nang" in set(peers["Province"])
    assert "PAPI 2024" in peers.columns
    # strongest / weakest PAPI and PCI components
    strong = [df.value for df in at.dataframe if "Strongest" in df.value.columns]
    weak = [df.value for df in at.dataframe if "Weakest" in df.value.columns]
    assert len(strong) == 2 and len(weak) == 2
    assert len(at.dataframe) == 6  # history, 2 × (strongest, weakest), peers


def test_history_shows_resolved_source_note():
    """A figure whose sources conflicted (Sơn La PAPI 2021 rank) carries its '[resolved] ' note in its row."""
    from apptest_util import run_app as _run
    at = _run({"p": "14", "lang": "en"}, page="pages/profile.py")
    hist = at.dataframe[0].value
    row = hist[(hist["Index"] == "PAPI") & (hist["Year"] == "2021")].iloc[0]
    assert row["Source note"].startswith("[resolved] ") and "60 assessed" in row["Source note"]
    assert (hist[(hist["Index"] == "PAPI") & (hist["Year"] == "2020")]["Source note"] == "").all()
