"""Meeting mode through AppTest: every index on the map, the province picker, targets, both languages."""

import pandas as pd
import pytest

from apptest_util import charts, lookup_records, no_exception, run_app
from vngov.catalog import INDICES
from vngov.views import compare as vc
from vngov.views.common import index_label
from vngov.views import meeting as mt

PAGE = "pages/meeting.py"
CASES = [("PAR_INDEX", "2024"), ("PAR_INDEX", "2012"), ("SIPAS", "2024"), ("SIPAS", "2017"),
         ("PAPI", "2024"), ("PAPI", "2011"), ("PCI", "2022"), ("PCI", "2005")]


def cards(at) -> list[str]:
    return [m.value for m in at.markdown if 'class="mt-card"' in m.value]


def map_chart(at):
    return next(c for c in charts(at) if "provinces63" in c["proto"].spec)


def trend_data(at) -> list[pd.DataFrame]:
    out = []
    for c in charts(at):
        d = [v for v in c["data"].values() if "seg" in v.columns]
        if d:
            out.append(d[0])
    return out


@pytest.mark.parametrize("index,year", CASES)
def test_meeting_every_index(ds, index, year):
    at = run_app({"index": index, "year": year, "p": "48"}, page=PAGE)
    no_exception(at)
    assert any("Đà Nẵng" in m.value and "mt-head" in m.value for m in at.markdown)
    cs = cards(at)
    assert len(cs) == 4
    for h in mt.headlines(ds, "48"):
        [html] = [c for c in cs if f'mt-idx">{index_label(h.index)} {h.year or ""}'.strip() in c]
        if h.rank is not None:
            assert f"hạng {h.rank}{'*' if h.rank_computed else ''}/{h.ranked_of}" in html  # * = computed rank
        if h.value is None:
            assert "Không có dữ liệu" in html
    # the map: 63 provinces, the sidebar's index/year, Đà Nẵng outlined
    spec = map_chart(at)["spec"]
    rec = lookup_records(map_chart(at))
    assert len(rec) == 63 and rec["value"].notna().sum() == ds.coverage(index, int(year))["with_value"]
    assert '"48"' in str(spec) or "'48'" in str(spec)
    # one trend per index with a score for Đà Nẵng, Đà Nẵng only
    td = trend_data(at)
    assert len(td) == sum(not vc.trend_frame(ds, i, ["48"], "vi", "x").empty for i in INDICES)
    assert all(set(d["province_code"]) == {"48"} for d in td)


def test_default_province_and_picker(ds):
    at = run_app({"index": "PAPI"}, page=PAGE)
    no_exception(at)
    assert at.selectbox(key="mt_province").value == "01"  # Hà Nội by default
    assert any("Hà Nội" in m.value and "mt-head" in m.value for m in at.markdown)
    at.selectbox(key="mt_province").set_value("79").run()
    no_exception(at)
    assert at.query_params["p"] == "79"
    assert any("TP Hồ Chí Minh" in m.value and "mt-head" in m.value for m in at.markdown)
    assert all(set(d["province_code"]) == {"79"} for d in trend_data(at))


def test_picker_keeps_other_compared_provinces():
    at = run_app({"index": "PAPI", "p": "01,79,48"}, page=PAGE)
    at.selectbox(key="mt_province").set_value("48").run()
    assert at.query_params["p"] == "48,01,79"


def test_targets_met_and_not_met(ds):
    at = run_app({"index": "PAPI", "p": "01"}, page=PAGE)
    h = mt.headline(ds, "PAPI", "01")
    at.number_input(key="mt_target_PAPI").set_value(round(h.value - 1, 2)).run()
    no_exception(at)
    papi = next(c for c in cards(at) if "PAPI" in c)
    assert "✔ Đạt mục tiêu ≥" in papi
    at.number_input(key="mt_target_PAPI").set_value(round(h.value + 1, 2)).run()
    papi = next(c for c in cards(at) if "PAPI" in c)
    assert "✘ Chưa đạt mục tiêu ≥" in papi
    # the target line is drawn on the PAPI trend
    spec = next(c for c in charts(at) if "PAPI: diễn biến" in str(c["spec"].get("title")))
    tgt = [d for d in spec["data"].values() if "label" in d.columns and "value" in d.columns]
    assert tgt and tgt[0]["value"].iloc[0] == pytest.approx(round(h.value + 1, 2))
    for i in ("PAR_INDEX", "SIPAS", "PCI"):
        at.number_input(key=f"mt_target_{i}").set_value(50.0)
    at.run()
    no_exception(at)
    assert sum("mục tiêu" in c for c in cards(at)) >= 3


def test_english():
    at = run_app({"index": "SIPAS", "lang": "en", "p": "01"}, page=PAGE)
    no_exception(at)
    assert any("Ha Noi" in m.value and "mt-head" in m.value for m in at.markdown)
    assert any("rank" in c for c in cards(at))
    assert any("Source" in c.value for c in at.caption)
