"""The committed boundary files (geo/, built by scripts/build_geo.py) are drawable as Vega draws them: every
polygon's outer ring clockwise and its holes counter-clockwise (a ring turned the other way is filled as the
whole globe minus the province: the map becomes one coloured square), no ring degenerate, every province
there, and small enough for the browser to draw quickly."""

import json

import pytest
from conftest import ROOT

from vngov.geo import polygons


def signed_area(pts) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:])) / 2


def problems(topo: dict, units: int = 63) -> list[str]:
    out = []
    for code, polys in polygons(topo, units).items():
        for k, poly in enumerate(polys):
            for j, r in enumerate(poly):
                a = signed_area(r)
                if len(r) < 4 or r[0] != r[-1] or a == 0:
                    out.append(f"{code} part {k} ring {j}: degenerate ({len(r)} points)")
                elif (a > 0) == (j == 0):  # y grows northwards: clockwise has a negative shoelace area
                    out.append(f"{code} part {k} ring {j}: {'outer ring counter-clockwise' if j == 0 else 'hole clockwise'}")
    return out


@pytest.mark.parametrize("name,n,parts", [("provinces63", 63, 928), ("provinces34", 34, 899)])
def test_boundaries_are_drawable_and_small(name, n, parts):
    path = ROOT / "geo" / f"{name}.topojson"
    topo = json.loads(path.read_text(encoding="utf-8"))
    assert problems(topo, n) == []
    polys = polygons(topo, n)
    assert len(polys) == n and len({c.zfill(2) for c in polys}) == n
    assert sum(len(p) for p in polys.values()) == parts, "an island or part of a province was lost"
    points = sum(len(a) for a in topo["arcs"])
    assert 5_000 < points < 10_000 and path.stat().st_size < 120_000, (points, path.stat().st_size)


def test_a_ring_turned_around_is_found():
    topo = json.loads((ROOT / "geo" / "provinces63.topojson").read_text(encoding="utf-8"))
    (obj,) = topo["objects"].values()
    g = next(g for g in obj["geometries"] if g["type"] == "Polygon" and len(g["arcs"]) == 1)
    g["arcs"][0] = [~i for i in reversed(g["arcs"][0])]
    assert problems(topo) == [f"{g['properties']['gso_code']} part 0 ring 0: outer ring counter-clockwise"]
