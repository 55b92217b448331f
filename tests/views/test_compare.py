"""The compare view: the selection, the latest table, the trend and component frames (pure, fast)."""

import pandas as pd
import pytest

from vngov.catalog import INDICES
from vngov.data import era_of
from vngov.views import compare as vc

TEXTS = dict(no_data="No data", rank="rank {rank}", rank_only="rank {rank} (no score)", index="Index")


@pytest.mark.parametrize("p,expected", [
    ((), ["01", "79", "48"]),
    (("22",), ["22", "01", "79"]),
    (("79",), ["79", "01", "48"]),
    (("22", "24"), ["22", "24"]),
    (("01", "01", "79"), ["01", "79"]),
    (("01", "02", "04", "06", "08", "10", "11"), ["01", "02", "04", "06", "08"]),
])
def test_initial_provinces(p, expected):
    assert vc.initial_provinces(p) == expected


def test_totals_view_is_cached_and_only_totals(ds):
    a, b = ds.totals, ds.totals
    assert a is b and set(a.scores["indicator"]) == {"total"}
    assert len(a.scores) == (ds.scores["indicator"] == "total").sum()


def test_latest_table_values_and_no_data(ds):
    codes = ["01", "79", "48"]
    long, wide = vc.latest_table(ds, codes, "en", TEXTS)
    assert len(long) == 4 * 3 and len(wide) == 4
    assert list(wide.columns) == ["Index"] + [ds.province_name(c, "en") for c in codes]
    for index in INDICES:
        rows = long[long["index"] == index]
        year = int(rows["year"].iloc[0])
        sl = ds.slice(index, year).set_index("province_code")
        # the year is the latest in which one of the chosen provinces has a figure
        ser = ds.series(index, "total", codes)
        assert year == int(ser.loc[ser["value"].notna() | ser["rank"].notna(), "year"].max())
        for _, r in rows.iterrows():
            pub = sl.at[r["province_code"], "value"]
            if pd.isna(pub):
                assert pd.isna(r["value"]) and not r["text"].startswith("0")
                assert r["text"] == "No data" or "(no score)" in r["text"]
            else:
                assert r["value"] == pytest.approx(pub)
                assert r["text"].startswith(f"{pub:.2f}")
            if not pd.isna(sl.at[r["province_code"], "rank"]):
                assert f"rank {int(sl.at[r['province_code'], 'rank'])}" in r["text"]


def test_segments_never_span_a_break_or_a_gap(ds):
    for index in INDICES:
        df = vc.trend_frame(ds, index, ["01", "79", "48", "22"], "vi", "Không có dữ liệu")
        assert df["value"].notna().all()  # no row without a published score
        for _, g in df.groupby("seg"):
            assert g["province_code"].nunique() == 1
            assert g["year"].map(lambda y: era_of(index, y)).nunique() == 1
            ys = sorted(g["year"])
            assert ys == list(range(ys[0], ys[0] + len(ys)))  # consecutive years only


def test_component_parent_follows_sidebar_indicator(ds):
    assert vc.component_parent(ds, "PAPI", 2022, "D2") == "D2"
    assert vc.component_parent(ds, "PAPI", 2022, "D2.1") == "total"  # a leaf: show the dimensions
    assert vc.component_parent(ds, "PCI", 2019, "total") == "total"
    sub = vc.components_frame(ds, "PAPI", 2022, ["01", "79"], "vi", "x", parent="D2")
    assert set(sub["indicator"]) == {"D2.1", "D2.2", "D2.3", "D2.4"}


def test_ranked_units(ds):
    assert vc.ranked_units(ds, "PAPI", 2020) == 63
    assert vc.ranked_units(ds, "PAPI", 2024) == 61  # the assessed provinces ranked (issue 14)
    assert vc.ranked_units(ds, "PCI", 2005) == 42
    assert vc.ranked_units(ds, "PCI", 2007) == 64

