"""The across-indices page through AppTest: defaults from the sidebar, every control, both languages."""

import pytest

from apptest_util import charts, no_exception, run_app
from vngov.catalog import INDICES
from vngov.views import across as ax
from vngov.charts.common import fmt_num

PAGE = "pages/across.py"
CASES = [("PAR_INDEX", "2024"), ("PAR_INDEX", "2012"), ("SIPAS", "2024"), ("SIPAS", "2017"),
         ("PAPI", "2024"), ("PAPI", "2011"), ("PCI", "2022"), ("PCI", "2006")]


def points(at):
    [ch] = charts(at)
    return next(d for d in ch["data"].values() if "x_txt" in d.columns), ch


def headline(at) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(w.value for w in at.warning)


@pytest.mark.parametrize("index,year", CASES)
def test_defaults_follow_sidebar(ds, index, year):
    at = run_app({"index": index, "year": year}, page=PAGE)
    no_exception(at)
    x, y = ax.default_pair(ds, int(year))
    yr = ax.pick_year(ds, x, y, int(year))
    assert (at.selectbox(key="ax_x").value, at.selectbox(key="ax_y").value) == (x, y)
    assert at.selectbox(key="ax_year").value == yr
    assert at.selectbox(key="ax_year").options == [str(v) for v in ax.common_years(ds, x, y)[::-1]]
    df = ax.pair_frame(ds, x, y, yr, "vi")
    r, n = ax.pearson(df)
    pts, _ = points(at)
    assert len(pts) == n and pts["x"].notna().all() and pts["y"].notna().all()
    if r is None:
        assert f"n = {n} tỉnh, thành phố có cả hai điểm: quá ít" in headline(at)
    else:
        assert f"r = {fmt_num(r, 2, 'vi')}, n = {n} tỉnh, thành phố có cả hai điểm" in headline(at)


def test_every_index_on_both_axes(ds):
    at = run_app({"index": "PAPI", "year": "2015"}, page=PAGE)
    for x in INDICES:
        for y in INDICES:
            if x == y:
                continue
            at.selectbox(key="ax_x").set_value(x)
            at.selectbox(key="ax_y").set_value(y).run()
            no_exception(at)
            yr = at.selectbox(key="ax_year").value
            assert yr == ax.pick_year(ds, x, y, 2015)
            assert len(points(at)[0]) == len(ax.pair_frame(ds, x, y, yr, "vi"))


def test_year_labels_and_same_index(ds):
    at = run_app({"index": "PCI", "year": "2019"}, page=PAGE)
    at.selectbox(key="ax_x").set_value("PAPI")
    at.selectbox(key="ax_y").set_value("PCI").run()
    assert at.selectbox(key="ax_year").value == 2019
    at.selectbox(key="ax_year").set_value(2012).run()
    no_exception(at)
    pts, ch = points(at)
    assert len(pts) == 63 and set(pts["year"]) == {2012}
    r, n = ax.pearson(ax.pair_frame(ds, "PAPI", "PCI", 2012, "vi"))
    assert f"r = {fmt_num(r, 2, 'vi')}, n = 63" in headline(at)
    assert len(ch["spec"]["layer"]) == 1  # no province chosen: no labels
    at.checkbox(key="ax_labels").check().run()
    _, ch = points(at)
    assert len(ch["spec"]["layer"]) == 2  # every province labelled
    at.selectbox(key="ax_y").set_value("PAPI").run()
    assert any("hai chỉ số khác nhau" in w.value for w in at.warning) and not charts(at)


def test_english_chosen_provinces_labelled(ds):
    at = run_app({"index": "PAPI", "year": "2019", "lang": "en", "p": "01,48"}, page=PAGE)
    at.selectbox(key="ax_x").set_value("PAPI")
    at.selectbox(key="ax_y").set_value("PCI").run()
    no_exception(at)
    assert at.title[0].value == "Two indices against each other"
    pts, ch = points(at)
    assert "Ha Noi" in set(pts["name"])
    assert "provinces with both scores" in headline(at)
    assert any("Source" in c.value for c in at.caption)


def test_pair_and_year_go_into_the_link_and_come_back(ds):
    """A pair and year picked on the page are in the URL (vs, vy); opening that URL shows the same view."""
    at = run_app({"index": "PAPI", "year": "2020", "lang": "en"}, page=PAGE)
    at.selectbox(key="ax_x").set_value("PCI").run()
    at.selectbox(key="ax_y").set_value("PAPI").run()
    no_exception(at)
    assert at.query_params["vs"] == "PCI,PAPI" and "vy" not in at.query_params
    years = ax.common_years(ds, "PCI", "PAPI")
    pick = years[0]  # not the sidebar year (2020)
    at.selectbox(key="ax_year").set_value(pick).run()
    no_exception(at)
    assert at.query_params["vs"] == "PCI,PAPI" and at.query_params["vy"] == str(pick)
    link = dict(at.query_params)
    again = run_app(link, page=PAGE)
    no_exception(again)
    assert (again.selectbox(key="ax_x").value, again.selectbox(key="ax_y").value, again.selectbox(key="ax_year").value) \
        == ("PCI", "PAPI", pick)
    pts, _ = points(again)
    assert len(pts) == ax.pearson(ax.pair_frame(ds, "PCI", "PAPI", pick, "en"))[1]
    # the sidebar year, changed afterwards, takes over from the year picked on the page
    again.selectbox(key="w_year").set_value(2019).run()
    no_exception(again)
    assert again.selectbox(key="ax_year").value == 2019 and "vy" not in again.query_params



def test_small_n_r_is_cautioned_and_sidebar_said(ds):
    # PAR INDEX vs SIPAS 2019: r = 0,68 from 6 provinces: no heading, a caution with the 95 % interval
    at = run_app({"index": "PCI", "year": "2019", "vs": "PAR_INDEX,SIPAS", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert not any(m.value.startswith("#### r =") for m in at.markdown)
    [w] = [w.value for w in at.warning if w.value.startswith("r = 0.68")]
    assert "Only 6 provinces have both scores" in w and "95% interval of r: -0.30 to 0.96" in w
    cap = " ".join(c.value for c in at.caption)
    assert "the sidebar's index (PCI) does not apply here" in cap
    # n = 63: r is the heading
    at = run_app({"index": "PAPI", "year": "2019", "vs": "PAPI,PCI", "lang": "en"}, page=PAGE)
    assert any(m.value.startswith("#### r =") for m in at.markdown)
