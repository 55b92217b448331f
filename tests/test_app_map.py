"""The map page and the shared frame through AppTest."""

import json

import pytest

from apptest_util import charts, lookup_records, no_exception, run_app, shown, static_tables
from conftest import ROOT


@pytest.mark.parametrize("index,year", [("PAPI", "2024"), ("PCI", "2019"), ("PAR_INDEX", "2023"), ("SIPAS", "2023")])
def test_map_for_every_index(ds, index, year):
    at = run_app({"index": index, "year": year})
    no_exception(at)
    assert at.title[0].value.startswith({"PAR_INDEX": "PAR INDEX"}.get(index, index) + " " + year)
    [ch] = charts(at)
    records = lookup_records(ch)
    # one row per province: all 63, with the published value or empty
    assert len(records) == 63 and records["province_code"].nunique() == 63
    n_pub = ds.coverage(index, int(year))["with_value"]
    assert records["value"].notna().sum() == n_pub
    assert f"{n_pub} trên 63" in at.markdown[0].value
    # the geometry is not in the spec: it is referenced once, as a static TopoJSON file with 63 provinces
    assert "provinces63" not in ch["spec"].get("datasets", {})
    assert '"url": "app/static/provinces63.topojson"' in ch["proto"].spec
    topo = json.loads((ROOT / "static" / "provinces63.topojson").read_text(encoding="utf-8"))
    assert len(topo["objects"]["provinces63"]["geometries"]) == 63


def test_no_data_is_not_zero(ds):
    at = run_app({"index": "PAPI", "year": "2021", "lang": "en"})
    no_exception(at)
    rec = lookup_records(charts(at)[0]).set_index("province_code")
    # Quảng Ninh, Bắc Giang, Bắc Ninh have no PAPI 2021 score: shown as "No data", never 0
    for code in ("22", "24", "27"):
        assert rec.at[code, "value"] is None or rec.at[code, "value"] != rec.at[code, "value"]
        assert rec.at[code, "value_txt"] == "No data"
    assert rec.at["46", "value_txt"] == "48.06"  # Thừa Thiên Huế 1st in 2021


def test_language_switch_changes_text():
    at = run_app({"index": "PAPI", "year": "2020", "lang": "en"})
    assert at.title[0].value == "PAPI 2020: Overall score"
    at.sidebar.button_group[0].set_value("vi").run()
    no_exception(at)
    assert at.title[0].value == "PAPI 2020: Điểm tổng hợp"
    assert at.query_params["lang"] == "vi"


def test_changing_index_year_indicator_updates_chart_and_url():
    at = run_app({"index": "PAPI", "year": "2020"})
    at.sidebar.selectbox[0].set_value("PCI").run()
    no_exception(at)
    assert at.query_params["index"] == "PCI"
    assert at.title[0].value.startswith("PCI 2020")  # the year is kept when the new index has it
    at.sidebar.selectbox[1].set_value(2010).run()
    assert at.title[0].value.startswith("PCI 2010")
    at.sidebar.selectbox[2].set_value("entry_costs").run()
    no_exception(at)
    assert at.query_params["ind"] == "entry_costs"
    rec = lookup_records(charts(at)[0])
    assert rec["value"].notna().sum() == 63 and rec["value"].max() <= 10


@pytest.mark.parametrize("params,notice", [
    ({"index": "NOPE"}, "index='NOPE'"), ({"year": "1900"}, "year='1900'"), ({"p": "99"}, "p='99'"),
    ({"lang": "fr"}, "lang='fr'"), ({"ind": "D9.9"}, "ind='D9.9'"), ({"region": "<script>"}, "region='<script>'"),
])
def test_bad_url_parameters_fall_back_with_notice(params, notice):
    at = run_app(params)
    no_exception(at)
    assert at.warning and notice in shown(at.warning[0].value)
    assert charts(at)  # the map is still drawn, with defaults


def test_data_page_lists_sources():
    at = run_app({"lang": "en"}, page="pages/data.py")
    no_exception(at)
    assert at.title[0].value == "Data & methods"
    text = " ".join(m.value for m in at.markdown)
    assert "CC BY-SA 4.0" in text and "Open Development Mekong" in text
    assert "QĐ 330/QĐ-BNV" in text  # where the official PAR INDEX tables are
    assert [h.value for h in at.header][:4] == [
        "Public Administration Reform Index (PAR INDEX)",
        "Satisfaction Index of Public Administrative Services (SIPAS)",
        "Provincial Governance and Public Administration Performance Index (PAPI)",
        "Provincial Competitiveness Index (PCI)"]
    labels = [b.label for b in at.get("download_button")]
    assert "Download data (CSV)" in labels and "sources.csv" in labels


def test_map_group_by_new_province(ds):
    at = run_app({"index": "PAPI", "year": "2020", "lang": "en"})
    no_exception(at)
    at.toggle[0].set_value(True).run()
    no_exception(at)
    [ch] = charts(at)
    assert '"url": "app/static/provinces34.topojson"' in ch["proto"].spec
    ranked, grouped = static_tables(at)  # plain HTML tables on the map page (no data grid to load)
    assert not at.dataframe
    assert len(ranked) == 63 and ranked.iloc[0]["Rank"] == "1/63"  # rank out of the units ranked
    assert len(grouped) == 34
    row = grouped[grouped["New province (from 1 July 2025)"] == "Tuyen Quang"].iloc[0]
    assert "Ha Giang (" in row["Former provinces merged"] and row["Former provinces with a score"] == "2"


def test_map_downloads_inline_the_static_geometry():
    """vl-convert cannot fetch app/static/...: the PNG/SVG export puts the TopoJSON back inline."""
    from vngov import ui
    spec = {"data": {"url": "app/static/provinces63.topojson", "format": {"type": "topojson",
                                                                          "feature": "provinces63"}}}
    out = ui.static_spec(spec)
    assert out["data"] == {"name": "provinces63", "format": {"type": "topojson", "feature": "provinces63"}}
    assert len(out["datasets"]["provinces63"]["objects"]["provinces63"]["geometries"]) == 63


@pytest.mark.parametrize("lang,unit", [("en", "points"), ("vi", "điểm")])
def test_legend_unit_in_the_page_language(lang, unit):
    at = run_app({"index": "PAPI", "year": "2021", "lang": lang})
    no_exception(at)
    [ch] = charts(at)
    spec = json.dumps(ch["spec"], ensure_ascii=False)
    assert f"({unit})" in spec
    assert lang == "vi" or "điểm" not in spec


@pytest.mark.parametrize("lang,decimal", [("vi", ","), ("en", None)])
def test_chart_numbers_in_the_page_locale(lang, decimal):
    """Vega formats axis ticks and legends: a Vietnamese page gets a decimal comma (config.locale)."""
    at = run_app({"index": "PAPI", "year": "2020", "lang": lang}, page="pages/rankings.py")
    no_exception(at)
    for ch in charts(at):
        got = ch["spec"].get("config", {}).get("locale", {}).get("number", {}).get("decimal")
        assert got == decimal


def _legends(spec) -> list[dict]:
    out = []

    def walk(n):
        if isinstance(n, dict):
            if isinstance(n.get("legend"), dict):
                out.append(n["legend"])
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)
    walk({k: v for k, v in spec.items() if k != "config"})  # the legends drawn, not config.legend's text colours
    return out


def test_landing_view_has_ranks():
    at = run_app({})  # PAPI, latest year
    no_exception(at)
    assert at.title[0].value.startswith("PAPI 2024")
    ranked = static_tables(at)[0]
    assert (ranked["Xếp hạng"] != "").sum() == 61 and ranked.iloc[0]["Xếp hạng"] == "1/61"
    assert "61 có thứ hạng" in at.markdown[0].value


def test_region_reaches_map_headline_and_csv(ds):
    at = run_app({"index": "PAPI", "year": "2024", "region": "MRD", "lang": "en"})
    no_exception(at)
    n = int(ds.slice("PAPI", 2024, region="MRD")["value"].notna().sum())
    assert f"{n} of 13 provinces of the Mekong River Delta" in at.markdown[0].value
    spec = json.dumps(charts(at)[0]["spec"])
    assert "indexof([" in spec and "'96'" in spec and "'01'" not in spec.split("indexof([")[1].split("]")[0]
    assert len(static_tables(at)[0]) == 13


def test_one_colour_rule_stated_in_the_legend(ds):
    """PCI sub-indices and totals alike: colours from the lowest to the highest published value."""
    for ind in ("entry_costs", "total"):
        at = run_app({"index": "PCI", "year": "2019", "ind": ind, "lang": "en"})
        no_exception(at)
        spec = charts(at)[0]["spec"]
        vals = ds.slice("PCI", 2019, ind)["value"]
        [title] = [lyr["encoding"]["color"]["title"] for lyr in spec["layer"]
                   if lyr.get("encoding", {}).get("color", {}).get("field") == "value"]
        assert title[1] == f"Colours: {vals.min():.2f} (lowest) → {vals.max():.2f} (highest)"
        [scale] = [lyr["encoding"]["color"]["scale"] for lyr in spec["layer"]
                   if lyr.get("encoding", {}).get("color", {}).get("field") == "value"]
        assert scale["domain"] == [pytest.approx(vals.min()), pytest.approx(vals.max())]  # not 0–10
        # legends outside the land: above (the scale) or below ("no data"), never an inner corner
        assert {lg["orient"] for lg in _legends(spec)} <= {"top", "bottom"}
    assert at.title[0].value == "PCI 2019: Overall score"


def test_names_not_raw_ids_in_title_and_menu():
    at = run_app({"index": "PCI", "year": "2019", "ind": "entry_costs", "lang": "en"})
    no_exception(at)
    assert at.title[0].value == "PCI 2019: Entry costs"
    menu = at.sidebar.selectbox[2]
    assert menu.format_func("entry_costs") == "Entry costs"
    at = run_app({"index": "PAPI", "year": "2024", "ind": "D1", "lang": "en"})
    assert at.title[0].value.startswith("PAPI 2024: D1 · ")  # short published ids stay


def test_keyboard_route_to_a_profile():
    at = run_app({"index": "PAPI", "year": "2024", "lang": "en"})
    no_exception(at)
    at.selectbox(key="mp_province").set_value("83").run()
    no_exception(at)
    assert at.query_params["p"] == "83"
    link = at.get("page_link")[0]
    assert link.proto.label == "Open the profile of Ben Tre" and not link.proto.disabled
    assert link.proto.page.endswith("profile")
