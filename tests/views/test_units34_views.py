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
        for attr in ("blocks", "cells"):
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
    assert page.head[0].text.startswith("**34 of 34 provinces have a published score")
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
