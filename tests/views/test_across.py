"""The across view: common years, the default pair and year, the pair frame, Pearson's r (pure, fast)."""

import numpy as np
import pandas as pd
import pytest

from vngov.views import across as ax


def totals(ds, index, year):
    s = ds.scores
    t = s[(s["index"] == index) & (s["year"] == year) & (s["indicator"] == "total") & s["value"].notna()]
    return t.set_index("province_code")["value"]


def test_common_years_are_years_both_have(ds):
    for x, y in (("PAR_INDEX", "SIPAS"), ("PAPI", "PCI"), ("SIPAS", "PCI")):
        yrs = ax.common_years(ds, x, y)
        assert yrs == sorted(yrs) and yrs
        for yr in yrs:
            assert len(totals(ds, x, yr)) and len(totals(ds, y, yr))
        for yr in set(ds.years(x)) - set(yrs):
            assert not (len(totals(ds, x, yr)) and len(totals(ds, y, yr)))


def test_pick_year_prefers_the_sidebar_year(ds):
    yrs = ax.common_years(ds, "PAPI", "PCI")
    assert ax.pick_year(ds, "PAPI", "PCI", 2015) == 2015
    assert ax.pick_year(ds, "PAPI", "PCI", 2008) == yrs[-1]  # PAPI starts in 2011
    assert ax.pick_year(ds, "PAPI", "PCI", None) == yrs[-1]


def test_default_pair(ds):
    latest = ax.pick_year(ds, "PAR_INDEX", "SIPAS", None)
    expected = ("PAR_INDEX", "SIPAS") if ax.n_common(ds, "PAR_INDEX", "SIPAS", latest) >= 3 else ("PAPI", "PCI")
    assert ax.default_pair(ds, 2030) == expected
    # 2017: PAR INDEX and SIPAS share no province, so PAPI vs PCI is shown
    assert ax.n_common(ds, "PAR_INDEX", "SIPAS", 2017) < 3
    assert ax.default_pair(ds, 2017) == ("PAPI", "PCI")


def test_pair_frame_and_pearson(ds):
    df = ax.pair_frame(ds, "PAPI", "PCI", 2019, "vi")
    a, b = totals(ds, "PAPI", 2019), totals(ds, "PCI", 2019)
    both = sorted(set(a.index) & set(b.index))
    assert list(df["province_code"]) == both and len(df) == 63
    assert np.allclose(df["x"], a.loc[both].astype(float)) and np.allclose(df["y"], b.loc[both].astype(float))
    assert df["name"].iloc[0] == "Hà Nội" and "," in df["x_txt"].iloc[0]  # Vietnamese names and decimal comma
    r, n = ax.pearson(df)
    assert n == 63 and r == pytest.approx(np.corrcoef(df["x"], df["y"])[0, 1])


def test_pearson_needs_three():
    assert ax.pearson(pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 1.0]})) == (None, 2)
    assert ax.pearson(pd.DataFrame({"x": [1.0, 1.0, 1.0], "y": [3.0, 1.0, 2.0]})) == (None, 3)
    r, n = ax.pearson(pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [2.0, 4.0, 6.5]}))
    assert n == 3 and r > 0.99


def test_pair_frame_excludes_missing(ds):
    # PAPI 2021: Quảng Ninh, Bắc Giang, Bắc Ninh have no score, so they are not in the scatter
    df = ax.pair_frame(ds, "PAPI", "PCI", 2021, "en")
    assert not set(df["province_code"]) & {"22", "24", "27"}
    assert df["x"].notna().all() and df["y"].notna().all()
