"""The Components page through AppTest."""

import pandas as pd
import pyarrow as pa
import pytest

from apptest_util import charts, no_exception, run_app
from vngov.views.components import components_of, default_province, official_mean

PAGE = "pages/components.py"


def kind(ch) -> str:
    marks = {lay["mark"]["type"] if isinstance(lay["mark"], dict) else lay["mark"] for lay in ch["spec"]["layer"]}
    return "heat" if "rect" in marks else "change" if "bar" in marks else "vs"


def rows(ch, i=None) -> pd.DataFrame:
    """Data rows of layer i (or all layers): inline values, a named dataset, or the chart's main data
    (Streamlit sends the data shared by all layers as the element's ``data`` field)."""
    spec = ch["spec"]
    layers = spec["layer"] if i is None else [spec["layer"][i]]
    out = []
    for lay in layers:
        d = lay.get("data") or spec.get("data")
        if d and "name" in d and d["name"] in ch["data"]:
            out.append(ch["data"][d["name"]])
        elif d and "values" in d:
            out.append(pd.DataFrame(d["values"]))
        elif ch["proto"].HasField("data"):
            out.append(pa.ipc.open_stream(ch["proto"].data.data).read_pandas())
    return out[0] if i is not None else pd.concat(out, ignore_index=True)


def by_kind(at) -> dict:
    return {kind(c): c for c in charts(at)}


@pytest.mark.parametrize("index,year", [("PAPI", 2024), ("PAPI", 2011), ("PCI", 2022), ("PCI", 2006),
                                        ("PAR_INDEX", 2024), ("PAR_INDEX", 2012), ("SIPAS", 2024),
                                        ("SIPAS", 2017)])
def test_every_index_latest_and_early_year(ds, index, year):
    at = run_app({"index": index, "year": str(year)}, page=PAGE)
    no_exception(at)
    code = default_province(ds, index, year)
    assert at.query_params.get("p") in (None, "", [])  # the default is not written into the URL
    assert ds.province_name(code) in at.title[0].value
    comps = components_of(ds, index, year)
    ch = by_kind(at)
    if comps.empty:  # SIPAS, PAR INDEX 2012: only totals: said so, never an error
        assert not ch
        assert any("Không có điểm thành phần" in i.value for i in at.info)
        return
    heat = rows(ch["heat"], 0)
    table = ds.scores[(ds.scores["index"] == index) & (ds.scores["year"] == year)
                      & ds.scores["indicator"].isin(comps["indicator"]) & ds.scores["value"].notna()]
    n_comp = table["province_code"].nunique()
    expected = 63 if n_comp >= 20 else len(set(table["province_code"]) | {code})
    assert heat["province_code"].nunique() == expected
    assert len(heat) == expected * (len(comps) + 1)
    vs = rows(ch["vs"], 1)
    assert vs["label"].nunique() == len(comps)
    assert f"{n_comp} trên 63" in at.markdown[0].value


def test_selectbox_changes_province_and_url(ds):
    at = run_app({"index": "PAPI", "year": "2020", "lang": "en"}, page=PAGE)
    no_exception(at)
    sb = at.selectbox(key="cp_province")
    assert sb.value == default_province(ds, "PAPI", 2020) == "22"  # Quảng Ninh: 1st in PAPI 2020
    sb.set_value("48").run()
    no_exception(at)
    assert at.query_params["p"] == "48"
    assert at.title[0].value == "PAPI 2020: components of Da Nang"
    ch = by_kind(at)
    me = rows(ch["vs"], 1)
    me = me[me["series"] == "province"]
    d1 = ds.slice("PAPI", 2020, "D1").set_index("province_code").at["48", "value"]
    assert abs(me.loc[me["label"].str.startswith("D1"), "value"].iloc[0] - d1) < 1e-9
    assert me["series_label"].iloc[0] == "Da Nang"
    # the change chart: 8 dimensions, each 2020 minus 2019
    ch_rows = rows(ch["change"], 1)
    assert len(ch_rows) == 8
    d1_19 = ds.slice("PAPI", 2019, "D1").set_index("province_code").at["48", "value"]
    assert ch_rows.loc[ch_rows["label"].str.startswith("D1"), "x"].iloc[0] == pytest.approx(d1 - d1_19)
    # the page follows the URL when p changes from outside (e.g. a map click)
    at.query_params["p"] = "01"
    at.run()
    no_exception(at)
    assert at.selectbox(key="cp_province").value == "01"
    assert at.title[0].value == "PAPI 2020: components of Ha Noi"


def test_url_province_and_language_switch():
    at = run_app({"index": "PCI", "year": "2019", "p": "31", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert at.selectbox(key="cp_province").value == "31"
    assert at.title[0].value == "PCI 2019: components of Hai Phong"
    at.sidebar.button_group[0].set_value("vi").run()
    no_exception(at)
    assert at.title[0].value == "PCI 2019: chỉ số thành phần của Hải Phòng"
    assert at.query_params["p"] == "31" and at.query_params["lang"] == "vi"
    heat = rows(by_kind(at)["heat"], 0)
    assert heat["province_code"].nunique() == 63


def test_heat_toggle_and_sort_by_indicator(ds):
    at = run_app({"index": "PAPI", "year": "2021", "ind": "D3", "p": "22", "lang": "en"}, page=PAGE)
    no_exception(at)
    # Quảng Ninh has no 2021 figures: a warning, "No data" text, and grey cells, never 0
    assert any("no published component score" in w.value for w in at.warning)
    ch = by_kind(at)
    heat = ch["heat"]
    y_sort = heat["spec"]["layer"][1]["encoding"]["y"]["sort"]
    d3 = ds.slice("PAPI", 2021, "D3").sort_values("value", ascending=False)
    assert y_sort[0] == d3["name_en"].iloc[0]
    assert rows(heat, 0)["province_code"].nunique() == 63
    at.toggle(key="cp_heat_only").set_value(True).run()
    no_exception(at)
    heat = rows(by_kind(at)["heat"], 0)
    assert heat["province_code"].nunique() == 61  # 60 with figures + the selected province (no data)
    assert heat.loc[heat["province_code"] == "22", "norm"].isna().all()


def test_method_break_blank_change_with_note():
    at = run_app({"index": "PAPI", "year": "2018", "p": "01", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert "change" not in by_kind(at)
    assert any("method changed in 2018" in i.value for i in at.info)


def test_sparse_par_index_components(ds):
    at = run_app({"index": "PAR_INDEX", "year": "2020", "p": "01", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert any("Only 10 of 63" in c.value for c in at.caption)
    vs = rows(by_kind(at)["vs"], 1)
    assert vs["x"].dropna().between(0, 100).all()  # % of each block's scale
    off = official_mean(ds, "PAR_INDEX", 2020)
    assert len(at.get("metric")) == 4 + (off is not None)  # the official mean is shown only where published
    at2 = run_app({"index": "PAR_INDEX", "year": "2023", "p": "62", "lang": "en"}, page=PAGE)
    no_exception(at2)
    assert any(m.label == "National mean (official)" and m.value == "86.98"
               for m in at2.get("metric"))
