"""Issue 13: views of a 34-unit selection (TEST DATA fixture uploaded through the real upload path)."""

import pytest

from units34_util import uploaded
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views import map as vm


@pytest.fixture(scope="module")
def d34(ds):
    return uploaded(ds)


def walk(blocks):
    for x in blocks:
        yield x
        for attr in ("table", "chart"):
            if getattr(x, attr, None) is not None and not isinstance(x, b.Download):
                yield getattr(x, attr)
        for attr in ("blocks", "cells", "notes"):
            inner = getattr(x, attr, None)
            if inner:
                for c in inner:
                    yield from walk(c if isinstance(c, (list, tuple)) else [c])


def test_map_of_2025_is_the_34_unit_choropleth(d34):
    page = vm.model(d34, State(lang="en", index="PCI", year=2025), "en", True, True)
    maps = [x for x in walk(page.blocks) if isinstance(x, b.Map)]
    assert len(maps) == 1 and maps[0].units == 34 and not maps[0].show34
    f = maps[0].frame.set_index("province_code")
    assert len(f) == 34 and f.at["08", "name"] == "Tuyen Quang" and f.at["08", "rank_txt"] == "15/34"
    assert f.at["01", "rank_txt"] == "1/34" and f.at["08", "value_txt"] == "67.32 (uploaded)"
    assert f["change_txt"].eq("").all()  # no change against 2024 (63 units)
    assert page.head[0].text.startswith("**0 published + 34 uploaded of 34 provinces have a score")
    tables = [x for x in walk(page.blocks) if isinstance(x, b.Table) and x.key == "map_grouped"]
    g = tables[0].frame.set_index("New province (from 1 July 2025)")
    assert g.loc["Tuyen Quang"].iloc[0] == "Ha Giang, Tuyen Quang"


def test_map_of_2024_is_unchanged(d34):
    page = vm.model(d34, State(lang="en", index="PCI", year=2024), "en", False, True)
    m = [x for x in walk(page.blocks) if isinstance(x, b.Map)][0]
    assert m.units == 63 and len(m.frame) == 63


def test_choropleth_joins_34_boundaries(d34):
    from vngov.charts.map import choropleth
    from vngov.geo import load_topology
    page = vm.model(d34, State(lang="en", index="PCI", year=2025), "en", False, True)
    m = [x for x in walk(page.blocks) if isinstance(x, b.Map)][0]
    chart = choropleth(load_topology(34), m.frame, units=34, **m.kwargs)
    assert set(chart.datasets) == {"scores", "provinces34"}
    spec = chart.to_dict(validate=False)
    assert '"feature": "provinces34"' in str(spec).replace("'", '"')
    from vngov.geo import feature_codes
    assert set(feature_codes(load_topology(34), 34)) == set(m.frame["province_code"])


def sections(page):
    return {x.key: x for x in walk(page.blocks) if isinstance(x, b.Section) and x.key}


def test_rankings_2025_are_of_34_and_never_cross(d34):
    from vngov.views import rankings as vr
    s = State(lang="en", index="PCI", year=2025)
    page = vr.model(d34, s, "en")
    sec = sections(page)
    tbl = sec["table"].table.frame if "table" in sec else None
    c = vr.controls(d34, s, "en")
    assert len(c.provinces) == 34 and c.ref == 2025 and c.names["08"] == "Tuyen Quang"
    assert c.y2_options == [] and c.y2 is None  # 2024 (63 units) is never offered for a slope with 2025
    assert sec["movers"].empty.startswith("No movement to compare: the 2024 ranks are of the 63 former provinces, "
                                          "the 2025 ranks of the 34 provinces")
    assert "From 2025: 34 provinces." in " ".join(sec["bump"].captions)
    assert page.head[0].text == "**0 published + 34 uploaded of 34 provinces have a score for 2025.** 34 with a rank."
    tbl = getattr(tbl, "data", tbl)  # a Styler
    assert len(tbl) == 34 and tbl.iloc[0]["Province"] == "Ha Noi" and tbl.iloc[0]["Rank"] == 1
    assert tbl["Score change vs 2024"].isna().all() and tbl["Rank change vs 2024 (+ = up)"].isna().all()
    assert tbl["Score quartile"].notna().all()  # quartiles over the 34 (at least 22 with a score)
    cap = " ".join(sec["table"].captions)
    assert "No change in score or rank vs 2024 is computed: 2024 is of the 63 former provinces" in cap
    assert "the method changed" not in cap
    # the rank table reads x/34
    t_, _ = vr.rank_table(d34, "PCI", 2025, "total", "", "en")
    assert len(t_) == 34
    # 2024 is untouched: 63 provinces, slope years of the 63 set only
    c24 = vr.controls(d34, State(lang="en", index="PCI", year=2024), "en")
    assert 2025 not in c24.y2_options and c24.y2 == 2023


def test_compare_in_the_34_set(d34):
    from vngov.views import compare as vc
    page = vc.model(d34, State(lang="en", index="PCI", year=2025, p=("08", "01"), u="34"), "en", ("08", "01"))
    sec = sections(page)
    text = str(page.blocks)
    assert "Tuyen Quang" in text and "Ha Giang" not in text  # the new unit, not a former province
    latest = [x for x in walk(page.blocks) if isinstance(x, b.Table) and x.key == "cmp_latest_table"][0].frame
    assert latest.set_index("Index").loc["PCI 2025", "Tuyen Quang"] == "67.32 (uploaded) · rank 15"
    assert latest.set_index("Index").loc["PAPI", "Tuyen Quang"] == "No data"  # nothing of the 34 for PAPI
    assert page.blocks[0].text.startswith("Comparing provinces of the 34 from 1 July 2025: only results")
    # the 63-set compare of the same codes shows the former provinces' figures, never 2025
    page63 = vc.model(d34, State(lang="en", index="PCI", year=2024, p=("08", "01")), "en", ("08", "01"))
    latest63 = [x for x in walk(page63.blocks) if isinstance(x, b.Table) and x.key == "cmp_latest_table"][0].frame
    assert "67.32" not in latest63.to_string() and "/34" not in latest63.to_string()
    assert not any(isinstance(x, b.Text) and "34 from 1 July" in x.text for x in page63.blocks)


def test_meeting_in_the_34_set(d34):
    from vngov.views import meeting as vmt
    h = vmt.headline(d34.for_units("34"), "PCI", "08")
    assert (h.year, h.value, h.rank, h.ranked_of, h.prev_value, h.change) == (2025, 67.32, 15, 34, None, None)
    page = vmt.model(d34, State(lang="en", index="PCI", year=2025, p=("08",), u="34"), "en", "08")
    charts = [x for x in walk(page.blocks) if isinstance(x, b.Chart) and x.key == "mt_map"]
    assert charts[0].kwargs["units"] == 34 and len(charts[0].args[0]) == 34
    head = [x for x in walk(page.blocks) if isinstance(x, b.Html) and 'class="mt-head"' in x.html][0].html
    assert ">Tuyen Quang<" in head
    cards = " ".join(x.html for x in walk(page.blocks) if isinstance(x, b.Html) and "mt-card" in x.html)
    assert "67.32" in cards


def test_meeting_map_heading_counts_the_set(d34):
    from vngov.views import meeting as vmt
    page = vmt.model(d34, State(lang="en", index="PCI", year=2025, p=("08",), u="34"), "en", "08")
    heads = [x.text for x in walk(page.blocks) if isinstance(x, b.Text) and x.style == "heading"]
    assert "PCI 2025: Tuyen Quang (bold outline, named) among the 34 provinces" in heads
    page = vmt.model(d34, State(lang="en", index="PCI", year=2024, p=("02",)), "en", "02")
    heads = [x.text for x in walk(page.blocks) if isinstance(x, b.Text) and x.style == "heading"]
    assert "PCI 2024: Ha Giang (bold outline, named) among the 63 provinces" in heads


def test_new_province_profile_beside_its_former_provinces(d34):
    from vngov.views import profile as vp
    page = vp.model(d34, State(lang="en", index="PCI", year=2025, p=("08",), u="34"), "en", "08")
    assert page.title.endswith("Tuyen Quang") or "Tuyen Quang" in page.title
    metrics = [m for x in walk(page.blocks) if isinstance(x, b.Metrics) for m in x.items]
    pci = [m for m in metrics if m.label.startswith("PCI")][0]
    assert pci.label == "PCI 2025" and pci.value == "67.32" and pci.caption == "Rank 15/34 · a figure you uploaded, not a published one"
    assert pci.delta is None  # no change against a 63-unit year
    own = [x.key for x in walk(page.blocks) if isinstance(x, b.Chart) and x.key.startswith("pf_trend_")]
    assert own == ["pf_trend_PCI"]  # only the indices with a 34-unit year: no empty 2005-2024 axes
    sec = sections(page)["former"]
    texts = " ".join(x.text for x in walk(sec.blocks) if isinstance(x, b.Text))
    assert "[Ha Giang](profile?p=02&u=63&lang=en)" in texts and "[Tuyen Quang](profile?p=08&u=63&lang=en)" in texts
    panels = [x for x in walk(sec.blocks) if isinstance(x, b.Chart)]
    papi = [p for p in panels if p.key in ("pf_former_PAPI_02", "pf_former_PAPI_08")]
    assert len(papi) == 2  # two separate series, none combined
    h02 = papi[0].args[0]
    assert set(h02["province_code"]) == {"02"} and h02["year"].max() == 2024 and h02["value"].notna().sum() >= 13
    assert papi[0].kwargs["breaks"][-1] == 2025 and papi[0].kwargs["years"][-1] == 2025  # the dashed rule
    # the values are the former province's own published ones
    ha_giang = d34.series("PAPI", "total", ["02"]).set_index("year")["value"]
    assert (h02.set_index("year")["value"].dropna() == ha_giang.reindex(h02["year"].dropna()).dropna()).all()


def test_former_province_profile_links_to_the_new_one(d34):
    from vngov.views import profile as vp
    page = vp.model(d34, State(lang="en", index="PAPI", year=2024, p=("02",)), "en", "02")
    texts = " ".join(x.text for x in walk(page.blocks) if isinstance(x, b.Text))
    assert "Open the new province's profile: [Tuyen Quang](profile?p=08&u=34&lang=en)" in texts
    hist = vp.history(d34, "02")
    assert hist["year"].max() == 2024 and "PCI" in set(hist["index"])  # never a 2025 row in a 63 profile


def test_pickers_find_a_new_province_by_a_former_name(d34):
    vi, en = d34.for_units("34").picker_names("vi"), d34.for_units("34").picker_names("en")
    assert vi["08"] == "Tuyên Quang (Hà Giang, Tuyên Quang; Ha Giang, Tuyen Quang)"
    assert en["08"] == "Tuyen Quang (Ha Giang, Tuyen Quang; Hà Giang, Tuyên Quang)"
    assert [c for c, n in vi.items() if "Hà Giang" in n] == ["08"]
    assert [c for c, n in en.items() if "Ba Ria" in n] == ["79"]
    assert vi["01"] == "Hà Nội" and len(vi) == 34
    assert d34.picker_names("vi")["02"] == "Hà Giang"  # the 63 set: names as before


def test_data_and_methods_explain_the_reform(ds):
    from vngov.views import data as vd
    page = vd.model(ds, State(lang="en"), "en")
    texts = " ".join(x.text for x in walk(page.blocks) if isinstance(x, b.Text))
    assert "Resolution 202/2025/QH15 (adopted 12 June 2025, in force 1 July 2025)" in texts
    assert "Across the two sets: none." in texts and "34-unit figures bundled: 0 rows" in texts
    t_ = [x for x in walk(page.blocks) if isinstance(x, b.Table) and x.key == "dm_units34"][0].frame
    row = t_.set_index("Code (34)").loc["08"]
    assert len(t_) == 34 and row["New province (from 1 July 2025)"] == "Tuyen Quang"
    assert row.iloc[-1] == "02 Ha Giang, 08 Tuyen Quang"


def test_meeting_of_a_new_province_shows_the_former_series_apart(d34):
    from vngov.views import meeting as vmt
    page = vmt.model(d34, State(lang="en", index="PCI", year=2025, p=("08",), u="34"), "en", "08")
    exp = [x for x in walk(page.blocks) if isinstance(x, b.Expander)
           and x.label == "The former provinces it was formed from (63 provinces, to 2024)"]
    assert len(exp) == 1
    keys = {x.key for x in walk(exp[0].blocks) if isinstance(x, b.Chart)}
    assert {"pf_former_PAPI_02", "pf_former_PAPI_08", "pf_former_PCI_02", "pf_former_PCI_08"} <= keys
    # the trend card of the new province holds its own 2025 figure only
    trend = [x for x in walk(page.blocks) if isinstance(x, b.Chart) and x.key == "mt_trend_PCI"][0].args[0]
    assert list(trend["year"]) == [2025] and list(trend["province_code"]) == ["08"]
    page63 = vmt.model(d34, State(lang="en", index="PCI", year=2024, p=("02",)), "en", "02")
    assert not [x for x in walk(page63.blocks) if isinstance(x, b.Expander) and "former provinces" in x.label]


def test_profile_history_table_has_no_empty_rows(d34):
    """A new province with one figure gets a one-row history table (no 7 empty rows under it); a long
    history keeps the scrolling 320 px table."""
    from vngov.views import profile as vp
    def history_table(page):
        return [x for x in walk(page.blocks) if isinstance(x, b.Table) and x.key == "pf_history"][0]
    short = history_table(vp.model(d34, State(lang="en", index="PCI", year=2025, p=("08",), u="34"), "en", "08"))
    assert len(short.frame) == 1 and short.height == 38 + 35 + 2
    long = history_table(vp.model(d34, State(lang="en", index="PAPI", year=2024, p=("01",)), "en", "01"))
    assert long.height == 320


def test_map_table_has_no_empty_change_column(d34):
    """2025 is the first year of the 34 units: no change can be computed, so the map's table has no '± 2024'
    column of blanks; a year with changes keeps its '± year' column."""
    def table_columns(page):
        return list([x for x in walk(page.blocks) if isinstance(x, b.Table) and x.key == "map_table"][0].frame.columns)
    assert table_columns(vm.model(d34, State(lang="en", index="PCI", year=2025), "en", False, True)) == [
        "Province", "Score", "Rank"]
    assert "± 2019" in table_columns(vm.model(d34, State(lang="en", index="PCI", year=2020), "en", False, False))
