"""Damaged data files (issue 12 point 6): each case of the issue on a damaged copy of data/ or geo/. A
damaged file gives one clear message naming the file, the row and column (or the feature), in the page's
language; what does not need that file keeps working (a damaged boundary file stops only the maps; a
damaged national.csv leaves the national figures out with a notice). The app is pointed at the copy the way
VNGOV_DATA_DIR / VNGOV_GEO_DIR do it (tested on their own in a fresh interpreter)."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from apptest_util import run_app
from conftest import ROOT
from vngov.data import load_dataset
from vngov.geo import load_topology
from vngov.validate import DataValidationError, describe


# ---- damaged copies ----------------------------------------------------------------------------------
def copy_tree(tmp_path):
    data, geo = tmp_path / "data", tmp_path / "geo"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("transcribed"))
    shutil.copytree(ROOT / "geo", geo)
    return data, geo


def edit_csv(path, fn):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    fn(rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(path, line, column, value):
    """Cell of CSV line ``line`` (header = 1) in ``column``."""
    def fn(rows):
        rows[line - 1][rows[0].index(column)] = value
    edit_csv(path, fn)


def problems_of(fn):
    with pytest.raises(DataValidationError) as e:
        fn()
    return e.value.problems


def topo_edit(geo, units, fn):
    path = geo / f"provinces{units}.topojson"
    topo = json.loads(path.read_text(encoding="utf-8"))
    fn(topo)
    path.write_text(json.dumps(topo), encoding="utf-8")


def geoms(topo, units=63):
    return topo["objects"][f"provinces{units}"]["geometries"]


CODES63 = None


def codes(units=63):
    prov = load_dataset().provinces
    return frozenset(prov["province_code" if units == 63 else "new_code"])


# ---- tables --------------------------------------------------------------------------------------------
TABLE_CASES = [
    # (id, file, line, column, new value, expected (file, row, column, code))
    ("scale_min_not_a_number", "indicators.csv", 2, "scale_min", "six", ("indicators.csv", 2, "scale_min",
                                                                          "schema_number")),
    ("year_from_blank", "indicators.csv", 5, "year_from", "", ("indicators.csv", 5, "year_from", "required")),
    ("name_en_blank", "provinces.csv", 10, "name_en", "", ("provinces.csv", 10, "name_en", "required")),
    ("new_code_blank", "provinces.csv", 7, "new_code", "", ("provinces.csv", 7, "new_code", "required")),
    ("scale_reversed", "indicators.csv", 68, "scale_min", "200", ("indicators.csv", 68, "scale_min",
                                                                   "scale_order")),
    ("region_two_names", "provinces.csv", 15, "region_name_en", "Red River", ("provinces.csv", 15,
                                                                              "region_name_en", "region_names")),
    ("province_code_twice", "provinces.csv", 3, "province_code", "01", ("provinces.csv", 3, "province_code",
                                                                        "schema_unique")),
]
# a code given twice: both rows are named (pandera's uniqueness check), the first being the intact one
ALSO = {"province_code_twice": [("provinces.csv", 2, "province_code", "schema_unique")]}


@pytest.mark.parametrize("case", TABLE_CASES, ids=[c[0] for c in TABLE_CASES])
def test_damaged_table_is_one_problem_naming_file_row_column(tmp_path, case):
    _, f, line, column, value, expected = case
    data, _ = copy_tree(tmp_path)
    set_cell(data / f, line, column, value)
    probs = problems_of(lambda: load_dataset(data))
    assert [(p.file, p.row, p.column, p.code) for p in probs] == ALSO.get(case[0], []) + [expected]  # the cause
    en, vi = describe(probs[-1], "en"), describe(probs[-1], "vi")
    assert en.startswith(f"{f}, row {line}, column '{column}':") and en != vi and f in vi


def test_duplicate_indicator_row(tmp_path):
    data, _ = copy_tree(tmp_path)
    edit_csv(data / "indicators.csv", lambda rows: rows.insert(70, list(rows[67])))  # line 68 again as 71
    probs = problems_of(lambda: load_dataset(data))
    assert [(p.row, p.column, p.code, p.args["other"]) for p in probs] == [(71, "indicator", "duplicate_row", 68)]


def test_a_reversed_scale_is_not_blamed_on_the_score_rows(tmp_path):
    data, _ = copy_tree(tmp_path)
    set_cell(data / "indicators.csv", 68, "scale_max", "-1")  # SIPAS total
    probs = problems_of(lambda: load_dataset(data, full_check=True))
    assert len(probs) == 1 and probs[0].code == "scale_order"
    assert not any(p.file == "scores.csv" for p in probs)


def test_ragged_national_row_is_a_notice_and_the_rest_loads(tmp_path):
    data, _ = copy_tree(tmp_path)
    text = (data / "national.csv").read_text(encoding="utf-8").splitlines()
    text[3] += ",extra,cells"
    (data / "national.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    ds = load_dataset(data)
    assert len(ds.scores) == len(load_dataset().scores) and ds.national.empty
    [p] = ds.problems
    assert (p.file, p.row, p.code) == ("national.csv", 4, "fields")
    assert describe(p, "en") == "national.csv, row 4: the row has 9 fields but the header has 7"


def test_the_build_refuses_a_damaged_national_csv(tmp_path):
    from vngov.validate import validate_dataset

    data, _ = copy_tree(tmp_path)
    assert validate_dataset(data)["national.csv"].shape[0] > 0
    set_cell(data / "national.csv", 5, "index", "NOPE")
    [p] = problems_of(lambda: validate_dataset(data))
    assert (p.file, p.row, p.column, p.code) == ("national.csv", 5, "index", "schema_index")


def test_national_with_a_bad_year_is_a_notice(tmp_path):
    data, _ = copy_tree(tmp_path)
    set_cell(data / "national.csv", 5, "year", "20x9")
    ds = load_dataset(data)
    assert [(p.file, p.row, p.column, p.code) for p in ds.problems] == [("national.csv", 5, "year",
                                                                         "schema_year4")]


# ---- boundary files ------------------------------------------------------------------------------------
def test_bundled_boundaries_pass():
    assert len(geoms(load_topology(63, ROOT / "geo", codes(63)))) == 63
    assert len(geoms(load_topology(34, ROOT / "geo", codes(34)), 34)) == 34


def _truncate(geo):
    p = geo / "provinces63.topojson"
    p.write_bytes(p.read_bytes()[: 5000])


def _drop(geo):
    topo_edit(geo, 63, lambda t: geoms(t).pop(10))


def _relabel(geo):
    def fn(t):
        geoms(t)[5]["properties"]["gso_code"] = geoms(t)[6]["properties"]["gso_code"]
    topo_edit(geo, 63, fn)


def _bad_arcs(geo):
    def fn(t):
        geoms(t)[3]["arcs"] = [[[99999]]] if geoms(t)[3]["type"] == "Polygon" else [[[99999]]]
    topo_edit(geo, 63, fn)


def _no_shape(geo):
    def fn(t):
        geoms(t)[4]["arcs"] = []
    topo_edit(geo, 63, fn)


def _no_transform(geo):
    topo_edit(geo, 63, lambda t: t.pop("transform"))


def feature(geo, k):
    return geoms(json.loads((ROOT / "geo" / "provinces63.topojson").read_text(encoding="utf-8")))[k][
        "properties"]["gso_code"]


GEO_CASES = [
    ("truncated", _truncate, lambda: [("geo_json", "")]),
    ("province_missing", _drop, lambda: [("geo_missing", feature(None, 10))]),
    ("code_relabelled", _relabel, lambda: [("geo_dup", feature(None, 6)), ("geo_missing", feature(None, 5))]),
    ("arc_index_out_of_range", _bad_arcs, lambda: [("geo_arc_index", feature(None, 3))]),
    ("feature_without_shape", _no_shape, lambda: [("geo_empty", feature(None, 4))]),
    ("no_transform", _no_transform, lambda: [("geo_transform", "")]),
]


@pytest.mark.parametrize("case", GEO_CASES, ids=[c[0] for c in GEO_CASES])
def test_damaged_boundaries_name_file_and_feature(tmp_path, case):
    _, damage, expected = case
    _, geo = copy_tree(tmp_path)
    damage(geo)
    probs = problems_of(lambda: load_topology(63, geo, codes(63)))
    assert [(p.code, p.args.get("feature", "")) for p in probs] == expected()
    assert all(p.file == "geo/provinces63.topojson" for p in probs)
    if expected()[0][1]:
        assert expected()[0][1] in describe(probs[0], "vi") and expected()[0][1] in describe(probs[0], "en")


def test_missing_34_boundaries(tmp_path):
    _, geo = copy_tree(tmp_path)
    (geo / "provinces34.topojson").unlink()
    [p] = problems_of(lambda: load_topology(34, geo, codes(34)))
    assert (p.file, p.code) == ("geo/provinces34.topojson", "file_missing")
    assert load_topology(63, geo, codes(63))  # the 63 still load


# ---- the app on a damaged copy ---------------------------------------------------------------------------
@pytest.fixture
def app_on(monkeypatch):
    """Point the app at a copy (as VNGOV_DATA_DIR / VNGOV_GEO_DIR do) with fresh process caches."""
    import streamlit as st

    import vngov.data
    import vngov.geo
    import vngov.ui.state  # noqa: F401  (the package exports a function of the same name)
    state_mod = sys.modules["vngov.ui.state"]

    def clear():
        st.cache_resource.clear()
        st.cache_data.clear()
        vngov.geo._load_topology.cache_clear()
        state_mod._VOCABS.clear()

    def point(data=None, geo=None):
        clear()
        if data:
            monkeypatch.setattr(vngov.data, "DATA_DIR", data)
        if geo:
            monkeypatch.setattr(vngov.geo, "GEO_DIR", geo)
    yield point
    monkeypatch.undo()
    clear()


def texts(at, kind):
    return [e.value for e in at.get(kind)]


def test_app_with_a_damaged_catalogue_shows_one_message_in_the_pages_language(tmp_path, app_on):
    data, _ = copy_tree(tmp_path)
    set_cell(data / "indicators.csv", 2, "scale_min", "six")
    app_on(data=data)
    for lang, head in (("en", "The dataset could not be loaded: indicators.csv, row 2, column 'scale_min':"),
                       ("vi", "Không thể nạp dữ liệu: indicators.csv")):
        at = run_app({"lang": lang})
        assert not at.exception
        [msg] = texts(at, "error")
        shown = msg.replace("\\", "")
        assert shown.startswith(head), shown
        assert "six" in shown


def test_app_with_damaged_national_warns_once_and_the_pages_work(tmp_path, app_on):
    data, _ = copy_tree(tmp_path)
    text = (data / "national.csv").read_text(encoding="utf-8").splitlines()
    text[3] += ",extra,cells"
    (data / "national.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    app_on(data=data)
    for page in (None, "pages/rankings.py", "pages/data.py"):
        at = run_app({"lang": "en"}, page=page)
        assert not at.exception and not at.error
        notes = [w.replace("\\", "") for w in texts(at, "warning") if "damaged" in w]
        assert len(notes) == 1 and "national.csv, row 4" in notes[0]
    assert at.get("dataframe")  # the data page still lists its tables


def test_app_with_damaged_boundaries_stops_only_the_map(tmp_path, app_on):
    _, geo = copy_tree(tmp_path)
    _drop(geo)
    app_on(geo=geo)
    at = run_app({"lang": "en", "index": "PAPI"})
    assert not at.exception
    [msg] = texts(at, "error")
    assert msg.replace("\\", "").startswith("The map cannot be drawn: geo/provinces63.topojson: province "
                                           f"{feature(None, 10)} of provinces.csv is missing")
    assert not at.get("vega_lite_chart") or all("provinces63" not in str(c.proto.spec) for c in
                                                at.get("vega_lite_chart"))
    assert any("PAPI" in h.value for h in at.title)  # the page around the map is drawn
    at = run_app({"lang": "vi"}, page="pages/rankings.py")
    assert not at.exception and not at.error and at.get("vega_lite_chart")  # rankings need no map
    at = run_app({"lang": "vi"})
    assert texts(at, "error")[0].replace("\\", "").startswith("Không vẽ được bản đồ: geo/provinces63.topojson")


def test_app_with_missing_34_boundaries_fails_only_the_overlay(tmp_path, app_on):
    _, geo = copy_tree(tmp_path)
    (geo / "provinces34.topojson").unlink()
    app_on(geo=geo)
    at = run_app({"lang": "en"})
    assert not at.exception and not at.error and at.get("vega_lite_chart")
    at.toggle(key="w_show34").set_value(True).run()
    assert not at.exception
    [msg] = texts(at, "error")
    assert msg.replace("\\", "").startswith("The map cannot be drawn: geo/provinces34.topojson: file is missing")


# ---- the environment variables -----------------------------------------------------------------------------
def test_env_vars_point_the_app_at_another_copy(tmp_path):
    data, geo = copy_tree(tmp_path)
    code = ("import vngov.data, vngov.geo; print(vngov.data.DATA_DIR); print(vngov.geo.GEO_DIR); "
            "print(vngov.data.GEO_DIR)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "VNGOV_DATA_DIR": str(data), "VNGOV_GEO_DIR": str(geo)})
    assert out.stdout.split() == [str(data), str(geo), str(geo)], out.stderr


# ---- a real server on a damaged copy (browser) ------------------------------------------------------------
@pytest.mark.browser
def test_served_app_on_damaged_copies_through_the_env_vars(tmp_path, page):
    """``VNGOV_DATA_DIR`` and ``VNGOV_GEO_DIR`` on a served app: a province missing from the boundaries and a
    ragged national.csv row give one error where the map was and one notice; the other pages work."""
    import time
    import urllib.request

    from conftest import free_port
    from test_browser import shot
    from test_browser_pages import settle

    data, geo = copy_tree(tmp_path)
    _drop(geo)
    text = (data / "national.csv").read_text(encoding="utf-8").splitlines()
    text[3] += ",extra,cells"
    (data / "national.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "VNGOV_DATA_DIR": str(data), "VNGOV_GEO_DIR": str(geo)})
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert time.time() < deadline, "streamlit did not start"
                time.sleep(0.3)
        base = f"http://127.0.0.1:{port}"
        page.goto(base + "/?lang=en&index=PAPI")
        settle(page)
        alerts = [a.replace("\u2060", "") for a in page.locator("[data-testid='stAlert']").all_inner_texts()]
        missing = feature(None, 10)
        assert sum(f"The map cannot be drawn: geo/provinces63.topojson: province {missing} of provinces.csv "
                   "is missing" in a for a in alerts) == 1, alerts
        assert sum("A data file is damaged" in a and "national.csv, row 4" in a for a in alerts) == 1, alerts
        assert page.locator("h1").first.inner_text().startswith("PAPI")
        shot(page, "damaged_geo_national_map_en")
        assert page.get_by_text("Download data (CSV)").count() >= 1  # the table's data still downloads
        assert page.get_by_text("Download chart (PNG)").count() == 0  # no picture of a map that cannot be drawn
        for path in ("/rankings?lang=en&index=PAPI", "/data?lang=vi"):
            page.goto(base + path)
            settle(page)
            alerts = page.locator("[data-testid='stAlert']").all_inner_texts()
            assert not any("cannot be drawn" in a or "Không vẽ được" in a for a in alerts), alerts
            assert page.locator("h1").count() >= 1
    finally:
        proc.terminate()
        proc.wait(10)
