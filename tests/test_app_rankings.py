"""The Rankings & movement page through AppTest: every index, early and latest years, every control."""

import pandas as pd
import pytest

from apptest_util import charts, no_exception, run_app
from vngov.views import rankings as vr

PAGE = "pages/rankings.py"


def chart_data(at, column: str) -> pd.DataFrame | None:
    """The largest dataset having ``column`` among the page's charts (bump: 'segment', slope: 'delta',
    movers: 'change_txt')."""
    found = [df for ch in charts(at) for df in ch["data"].values() if column in df.columns]
    return max(found, key=len) if found else None


def expected_bump_codes(ds, index, year, p=(), region=""):
    ref = vr.reference_year(ds, index, year)
    top, bottom = vr.top_bottom(ds, index, ref, "total", region) if ref else ([], [])
    codes = set(top) | set(bottom) | set(p)
    ranked = ds.series(index, "total", list(codes)).dropna(subset=["rank"])
    return set(ranked["province_code"])


CASES = [("PAR_INDEX", 2024), ("PAR_INDEX", 2012), ("SIPAS", 2024), ("SIPAS", 2017),
         ("PAPI", 2024), ("PAPI", 2011), ("PCI", 2022), ("PCI", 2006)]


@pytest.mark.parametrize("index,year", CASES)
def test_every_index_early_and_latest(ds, index, year):
    at = run_app({"index": index, "year": str(year), "p": "01"}, page=PAGE)
    no_exception(at)
    short = {"PAR_INDEX": "PAR INDEX"}.get(index, index)
    assert at.title[0].value.startswith(f"Xếp hạng {short} {year}")
    # the table has every province, the ones without any figure last
    table = at.dataframe[0].value
    assert len(table) == 63
    cov = ds.coverage(index, year)
    assert f"{cov['with_value']} trên 63" in at.markdown[0].value
    # bump chart: top/bottom 5 of the (nearest ranked) year and Hà Nội, only with ranks
    bump = chart_data(at, "segment")
    want = expected_bump_codes(ds, index, year, ("01",))
    assert set(bump["province_code"]) == want
    assert bump["rank"].notna().all()
    # slope chart: every province with a figure in both years
    y2 = vr.default_y2(ds, index, year)
    a, b = sorted((year, y2))
    measure = vr.slope_measure(ds, index, "total", a, b)
    slope = chart_data(at, "delta")
    if measure:
        n = vr.slope_data(ds, index, "total", a, b, measure)["province_code"].nunique()
        assert (slope is None and n == 0) or slope["province_code"].nunique() == n
    # movers: exactly those with a rank in both years and no break between
    table_df, _ = vr.rank_table(ds, index, year)
    movers = chart_data(at, "change_txt")
    assert (movers is None) == (len(vr.movers(table_df)) == 0)
    assert at.caption[-1].value.startswith("Nguồn:")


def test_table_shows_no_data_last_and_quartiles_papi_2021():
    at = run_app({"index": "PAPI", "year": "2021", "lang": "en"}, page=PAGE)
    no_exception(at)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Province", "Score", "Rank", "Score change vs 2020",
                                   "Rank change vs 2020 (+ = up)", "Score quartile", "Source note"]
    # Sơn La's 2021 rank: sources conflict; the note saying what was kept is in its row (issue 14)
    son_la = table[table["Province"] == "Son La"].iloc[0]
    assert son_la["Source note"].startswith("[resolved] ") and "60 assessed" in son_la["Source note"]
    assert (table["Source note"] != "").sum() == 1
    assert set(table["Province"].tail(3)) == {"Quang Ninh", "Bac Giang", "Bac Ninh"}
    assert (table["Score"].tail(3) == float("-inf")).all()  # shown as "No data" (Styler), sorts last
    # official gaps: the 60 assessed are ranked among themselves (computed), the 3 others have none
    assert list(table["Rank"].head(60)) == list(range(1, 61)) and table["Rank"].tail(3).isna().all()
    assert table["Score quartile"].iloc[0] == "Q1 (top 25%)"
    assert "60 of 63 provinces have a published score for 2021." in at.markdown[0].value
    text = " ".join(c.value for c in at.caption)
    assert "PAPI has no ranks" not in text and "computed" in text  # the computed ranks are said to be so
    assert "among the 60 provinces assessed that year" in text and "all 63" not in text
    # 2020 ranks of 63, 2021 of 60: no rank change, and the page says why
    assert table["Rank change vs 2020 (+ = up)"].isna().all()
    assert "the 2020 ranks are out of 63 units, those of 2021 out of 60" in text
    assert not any("no province has a rank in both 2020 and 2021" in i.value for i in at.info)


def test_par_index_groups_and_break(ds):
    at = run_app({"index": "PAR_INDEX", "year": "2024", "lang": "en"}, page=PAGE)
    no_exception(at)
    table = at.dataframe[0].value
    assert "Group (Ministry band)" in table.columns
    scored = table[table["Score"] > float("-inf")]
    assert set(scored["Group (Ministry band)"]) <= {"A (≥ 90%)", "B (80–<90%)"}
    assert table["Score change vs 2023"].isna().all()  # 2024 is a method break
    assert any("Method change in 2024" in i.value for i in at.info)
    text = " ".join(c.value for c in at.caption)
    assert "No change vs 2023: the method changed in 2024." in text
    # 2018: bands not shown
    at = run_app({"index": "PAR_INDEX", "year": "2018", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert at.dataframe[0].value["Group (Ministry band)"].isna().all()


def test_province_picker_and_toggle_update_url_and_chart(ds):
    at = run_app({"index": "PAPI", "year": "2020", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert at.multiselect(key="rk_p").value == []
    at.multiselect(key="rk_p").set_value(["79", "48"]).run()
    no_exception(at)
    assert at.query_params["p"] in ("79,48", ["79,48"])
    bump = chart_data(at, "segment")
    assert {"79", "48"} <= set(bump["province_code"])
    assert set(bump.loc[bump["province_code"].isin(["79", "48"]), "group"]) == {"Your provinces"}
    assert bump["province_code"].nunique() == len(expected_bump_codes(ds, "PAPI", 2020, ("79", "48")))
    at.toggle(key="rk_topbottom").set_value(False).run()
    no_exception(at)
    assert set(chart_data(at, "segment")["province_code"]) == {"79", "48"}
    at.multiselect(key="rk_p").set_value([]).run()
    no_exception(at)
    assert "p" not in at.query_params
    assert chart_data(at, "segment") is None
    assert any("no ranks to draw" in i.value for i in at.info)


def test_p_from_url_initialises_picker():
    at = run_app({"index": "PCI", "year": "2019", "p": "22,01", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert at.multiselect(key="rk_p").value == ["22", "01"]
    bump = chart_data(at, "segment")
    assert {"22", "01"} <= set(bump["province_code"])


def test_second_year_and_measure(ds):
    at = run_app({"index": "PAPI", "year": "2020", "lang": "en"}, page=PAGE)
    assert at.selectbox(key="rk_y2").value == 2019  # the previous comparable year
    assert sorted(chart_data(at, "delta")["year"].unique()) == [2019, 2020]
    at.selectbox(key="rk_y2").set_value(2018).run()
    no_exception(at)
    assert at.query_params["y2"] in ("2018", ["2018"])
    assert chart_data(at, "delta")["province_code"].nunique() == 61  # scores of one era compare
    at.selectbox(key="rk_y2").set_value(2019).run()
    no_exception(at)
    assert at.query_params["y2"] in ("2019", ["2019"])
    slope = chart_data(at, "delta")
    assert sorted(slope["year"].unique()) == [2019, 2020] and slope["province_code"].nunique() == 63
    assert (slope["measure"] == slope["value"]).all()
    at.segmented_control(key="rk_measure").set_value("rank").run()
    no_exception(at)
    slope = chart_data(at, "delta")
    assert (slope["measure"] == slope["rank"]).all()
    # across the 2018 break: a warning, and ranks
    at.selectbox(key="rk_y2").set_value(2015).run()
    no_exception(at)
    assert any("score levels are not comparable" in w.value for w in at.warning)
    slope = chart_data(at, "delta")
    assert sorted(slope["year"].unique()) == [2015, 2020] and (slope["measure"] == slope["rank"]).all()
    # across the break to a gap year: ranks among the 61 assessed of 2014 vs 63 in 2020 do not compare
    at.selectbox(key="rk_y2").set_value(2011).run()
    at.selectbox(key="rk_y2").set_value(2014).run()
    no_exception(at)
    assert chart_data(at, "delta") is None
    assert any("The 2014 ranks are out of 61 units and those of 2020 out of 63" in w.value for w in at.warning)
    assert not any("no province has a rank in both years" in w.value for w in at.warning)
    # across a break to a year whose ranks name other provinces: nothing drawn, said so
    at = run_app({"index": "PAR_INDEX", "year": "2019", "lang": "en"}, page=PAGE)
    at.selectbox(key="rk_y2").set_value(2014).run()
    no_exception(at)
    assert any("no province has a rank in both years" in w.value for w in at.warning)
    assert chart_data(at, "delta") is None


def test_y2_from_url():
    at = run_app({"index": "PAPI", "year": "2020", "y2": "2016", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert at.selectbox(key="rk_y2").value == 2016
    assert sorted(chart_data(at, "delta")["year"].unique()) == [2016, 2020]


def test_region_filter_and_sidebar_controls():
    at = run_app({"index": "PAPI", "year": "2020", "region": "MRD", "lang": "en"}, page=PAGE)
    no_exception(at)
    assert len(at.dataframe[0].value) == 13
    assert "Mekong" in at.markdown[0].value
    mv = chart_data(at, "change_txt")
    assert len(mv) <= 13
    # sidebar: indicator, year, index
    at.sidebar.selectbox[2].set_value("D1").run()
    no_exception(at)
    assert at.query_params["ind"] in ("D1", ["D1"]) and "D1" in at.title[0].value
    at.sidebar.selectbox[1].set_value(2012).run()
    no_exception(at)
    assert at.title[0].value.startswith("PAPI 2012 rankings")
    at.sidebar.selectbox[0].set_value("SIPAS").run()
    no_exception(at)
    assert at.title[0].value.startswith("SIPAS 2012") is False and at.title[0].value.startswith("SIPAS")


def test_language_switch():
    at = run_app({"index": "PCI", "year": "2010", "lang": "en"}, page=PAGE)
    assert at.title[0].value == "PCI 2010 rankings: Overall score"
    assert at.header[0].value == "Rank table"
    at.sidebar.button_group[0].set_value("vi").run()
    no_exception(at)
    assert at.title[0].value == "Xếp hạng PCI 2010: Điểm tổng hợp"
    assert at.header[0].value == "Bảng xếp hạng"
    assert at.dataframe[0].value.columns[0] == "Tỉnh, thành phố"
    assert at.query_params["lang"] in ("vi", ["vi"])
