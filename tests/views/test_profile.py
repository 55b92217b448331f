"""View model of the Province profile (vngov.views.profile): selections and the page model, pure."""

import math

import pandas as pd

from vngov.catalog import INDICES, METHOD_BREAKS
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.profile import HIGHLIGHT, history, latest, merger, model, region_peers, strengths


def test_history_rows_and_missing(ds):
    h = history(ds, "22")
    assert len(h) == sum(len(ds.years(i)) for i in INDICES)
    papi = h[h["index"] == "PAPI"].set_index("year")
    assert pd.isna(papi.at[2021, "value"])  # Quảng Ninh: no PAPI 2021 score -> no data, not 0
    assert pd.isna(papi.at[2022, "change"])  # nothing to compare with
    v = ds.series("PAPI", codes=["22"]).set_index("year")["value"]
    assert math.isclose(papi.at[2020, "change"], v[2020] - v[2019])


def test_history_change_blank_across_breaks(ds):
    h = history(ds, "01")
    for index, breaks in METHOD_BREAKS.items():
        for b in breaks:
            row = h[(h["index"] == index) & (h["year"] == b)]
            if len(row):
                assert pd.isna(row["change"].iloc[0]), (index, b)


def test_latest(ds):
    lt = latest(history(ds, "01")).set_index("index")
    assert lt.at["PAPI", "year"] == 2024 and lt.at["PCI", "year"] >= 2020
    assert set(lt.index) <= set(INDICES)
    for _, r in lt.iterrows():
        assert pd.notna(r["value"]) or pd.notna(r["rank"])


def test_strengths_papi_and_pci(ds):
    res = strengths(ds, "01", "PAPI")
    assert res["year"] == 2024 and res["basis"] == "rank"  # PAPI 2024: ranks among the 61 assessed (2 gaps)
    tab = res["table"]
    assert len(tab) == 8 and tab["position"].is_monotonic_increasing
    assert tab["rank_computed"].all() and (tab["rank"] == tab["position"]).all()
    assert res["strongest"]["position"].max() <= res["weakest"]["position"].min()
    res = strengths(ds, "48", "PCI")
    assert res["basis"] in ("rank", "position")
    assert strengths(ds, "01", "SIPAS") is None  # no SIPAS components anywhere


def test_strengths_by_rank_when_ranks_exist(ds):
    # PCI 2019 sub-index ranks exist for all 63; a province with PCI figures only up to 2019
    h = ds.scores
    pci = h[(h["index"] == "PCI") & (h["indicator"] != "total")]
    last = pci.groupby("province_code")["year"].max()
    code = last[last == 2019].index[0]
    res = strengths(ds, code, "PCI")
    assert res["year"] == 2019 and res["basis"] == "rank"
    assert list(res["table"]["rank"].astype(int)) == sorted(res["table"]["rank"].astype(int))


def test_region_peers(ds):
    peers, years = region_peers(ds, "01")
    rrd = ds.provinces[ds.provinces["region"] == "RRD"]
    assert set(peers["province_code"]) == set(rrd["province_code"])
    assert years == {i: max(ds.years(i)) for i in INDICES}
    papi = ds.slice("PAPI", 2024).set_index("province_code")["value"]
    for _, r in peers.iterrows():
        v = papi[r["province_code"]]
        assert (pd.isna(v) and pd.isna(r["PAPI_value"])) or math.isclose(v, r["PAPI_value"])


def test_merger(ds):
    m = merger(ds, "02")  # Hà Giang -> Tuyên Quang (new code 08)
    assert m["new_code"] == "08" and m["new_name_vi"] == "Tuyên Quang"
    assert list(m["others"]["province_code"]) == ["08"]
    assert merger(ds, "01")["others"].empty
    three = ds.provinces.groupby("new_code").size()
    code = ds.provinces[ds.provinces["new_code"] == three[three == 3].index[0]]["province_code"].iloc[0]
    assert len(merger(ds, code)["others"]) == 2


# ---- the page model ---------------------------------------------------------------------------------
def sections(page) -> dict:
    return {blk.heading: blk for blk in page.blocks if isinstance(blk, b.Section)}


def test_model_sections(ds):
    page = model(ds, State(lang="en", p=("22",)), "en", "22")
    assert page.title == "Province profile: Quang Ninh"
    heads = list(sections(page))
    assert heads[:4] == ["Latest score in each index", "All scores and ranks", "Overall score over time",
                         "Strongest and weakest components"]
    assert heads[4].startswith("Region peers: ") and heads[5] == "Since 1 July 2025" and len(heads) == 6
    trends = sections(page)["Overall score over time"]
    [grid] = [blk for blk in trends.blocks if isinstance(blk, b.Columns)]
    assert grid.per_row == 2 and [c[0].key for c in grid.cells] == [f"pf_trend_{i}" for i in INDICES]
    assert isinstance(trends.downloads[0].chart, b.Export)
    merger_text = sections(page)["Since 1 July 2025"].blocks[0].text
    assert "was not merged" in merger_text


def test_peers_highlight_own_row(ds):
    page = model(ds, State(lang="vi", p=("48",)), "vi", "48")
    peers = next(s for h, s in sections(page).items() if h.startswith("Các tỉnh cùng vùng")).table
    assert peers.key == "pf_peers" and hasattr(peers.frame, "data")  # a pandas Styler
    df = peers.frame.data
    mine = int(df.index[df[df.columns[0]] == "Đà Nẵng"][0])
    ctx = peers.frame._compute().ctx  # {(row, col): [(property, value)]}
    styled = {r for (r, _), props in ctx.items() if any(v for _, v in props)}
    assert styled == {mine}
    assert "#deebf7" in HIGHLIGHT and "#deebf7" in peers.frame.to_html()
    cells = [v for c in df.columns[1:] for v in df[c]]
    assert all("." not in v for v in cells)  # decimal comma in Vietnamese


def test_history_table_headers_translated(ds):
    page = model(ds, State(lang="vi"), "vi", "01")
    hist = sections(page)["Tất cả điểm và thứ hạng"].table.frame
    assert list(hist.columns) == ["Chỉ số", "Năm", "Điểm", "Xếp hạng", "Thay đổi so với năm trước"]
    assert not any("." in v for v in hist["Điểm"])
