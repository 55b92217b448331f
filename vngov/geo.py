"""Boundary files (TopoJSON, built by scripts/build_geo.py). Pure I/O, no Streamlit.

A boundary file is checked when it is read: parseable JSON, the TopoJSON object of its unit set, a transform,
arcs that are lists of points, every feature a (Multi)Polygon with a ``gso_code`` and arcs that exist, and
(given the codes of provinces.csv) exactly those codes, each once. A damaged file raises
``DataValidationError`` naming the file and the feature; the pages that need no map keep working."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

GEO_DIR = Path(os.environ.get("VNGOV_GEO_DIR") or Path(__file__).resolve().parents[1] / "geo")
OBJECT = {63: "provinces63", 34: "provinces34"}

# Label positions (lon, lat) for the archipelagos, which the boundaries include as parts of
# Đà Nẵng (Hoàng Sa) and Khánh Hòa (Trường Sa).
ARCHIPELAGO_LABELS = {"hoang_sa": (111.9, 17.55), "truong_sa": (114.2, 12.15)}


def load_topology(units: int = 63, geo_dir: Path | None = None, codes: frozenset | None = None) -> dict:
    """The checked boundaries of ``units`` from ``geo_dir`` (None: ``GEO_DIR`` as it is now); with ``codes``
    also exactly those province codes. Raises DataValidationError."""
    return _load_topology(units, Path(geo_dir or GEO_DIR), codes)


@lru_cache(maxsize=8)
def _load_topology(units: int, geo_dir: Path, codes: frozenset | None) -> dict:
    from vngov.validate import DataValidationError, Problem

    path = geo_dir / f"provinces{units}.topojson"
    name = f"geo/{path.name}"
    try:
        with open(path, encoding="utf-8") as f:
            topo = json.load(f)
    except FileNotFoundError:
        raise DataValidationError([Problem(name, None, None, "file_missing")])
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise DataValidationError([Problem(name, None, None, "geo_json", {"err": str(e)[:120]})])
    problems = check_topology(topo, units, name, codes)
    if problems:
        raise DataValidationError(problems)
    return topo


def check_topology(topo, units: int, name: str, codes=None) -> list:
    """Problems of a parsed TopoJSON (empty if it is sound); linear in its size."""
    from vngov.validate import Problem

    def bad(code, feature=None, **args):
        return Problem(name, None, None, code, {"feature": "" if feature is None else str(feature), **args})
    obj = topo.get("objects", {}).get(OBJECT[units]) if isinstance(topo, dict) else None
    if not isinstance(obj, dict) or not isinstance(obj.get("geometries"), list):
        return [bad("geo_object", object=OBJECT[units])]
    tr = topo.get("transform")
    arcs = topo.get("arcs")
    if not (isinstance(tr, dict) and all(isinstance(tr.get(k), list) and len(tr[k]) == 2
                                         and all(isinstance(x, (int, float)) for x in tr[k])
                                         for k in ("scale", "translate"))):
        return [bad("geo_transform")]
    if not isinstance(arcs, list) or not arcs:
        return [bad("geo_arcs_list")]
    for i, arc in enumerate(arcs):
        if not (isinstance(arc, list) and len(arc) >= 2 and all(
                isinstance(pt, list) and len(pt) >= 2 and all(isinstance(x, (int, float)) for x in pt[:2])
                for pt in arc)):
            return [bad("geo_arc", arc=i)]
    n = len(arcs)
    problems, seen = [], {}

    def arc_ids(node):
        if isinstance(node, list):
            for x in node:
                yield from arc_ids(x)
        else:
            yield node
    for k, g in enumerate(obj["geometries"]):
        props = g.get("properties") if isinstance(g, dict) else None
        code = props.get("gso_code") if isinstance(props, dict) else None
        label = code if isinstance(code, str) and code else f"#{k + 1}"
        if not isinstance(code, str) or not code:
            problems.append(bad("geo_no_code", label))
            continue
        seen[code] = seen.get(code, 0) + 1
        if g.get("type") not in ("Polygon", "MultiPolygon") or not g.get("arcs"):
            problems.append(bad("geo_empty", label))
            continue
        wrong = [a for a in arc_ids(g["arcs"]) if not isinstance(a, int) or not (-n <= a < n)]
        if wrong:
            problems.append(bad("geo_arc_index", label, arc=str(wrong[0]), n=n))
    problems += [bad("geo_dup", c) for c, m in seen.items() if m > 1]
    if codes is not None:
        problems += [bad("geo_missing", c) for c in sorted(set(codes) - set(seen))]
        problems += [bad("geo_extra", c) for c in sorted(set(seen) - set(codes))]
    return problems


def feature_codes(topo: dict, units: int = 63) -> list[str]:
    return [g["properties"]["gso_code"] for g in topo["objects"][OBJECT[units]]["geometries"]]


def polygons(topo: dict, units: int = 63) -> dict[str, list[list[list[tuple[int, int]]]]]:
    """Each province's polygons as rings of quantised points (the first ring of a polygon its outer one),
    decoded from the delta-encoded arcs; ``x * scale + translate`` of ``topo["transform"]`` gives lon/lat."""
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x, y))
        arcs.append(pts)

    def ring(ids: list[int]) -> list[tuple[int, int]]:
        pts: list[tuple[int, int]] = []
        for i in ids:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a[1:] if pts else a)  # consecutive arcs share their end point
        return pts

    out = {}
    for g in topo["objects"][OBJECT[units]]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        out[g["properties"]["gso_code"]] = [[ring(r) for r in poly] for poly in polys]
    return out
