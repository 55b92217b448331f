"""Boundary files (TopoJSON, built by scripts/build_geo.py). Pure I/O, no Streamlit."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parents[1] / "geo"
OBJECT = {63: "provinces63", 34: "provinces34"}

# Label positions (lon, lat) for the archipelagos, which the boundaries include as parts of
# Đà Nẵng (Hoàng Sa) and Khánh Hòa (Trường Sa).
ARCHIPELAGO_LABELS = {"hoang_sa": (111.9, 17.55), "truong_sa": (114.2, 12.15)}


@lru_cache(maxsize=4)
def load_topology(units: int = 63, geo_dir: Path = GEO_DIR) -> dict:
    path = Path(geo_dir) / f"provinces{units}.topojson"
    with open(path, encoding="utf-8") as f:
        topo = json.load(f)
    if OBJECT[units] not in topo.get("objects", {}):
        raise ValueError(f"{path.name}: TopoJSON object '{OBJECT[units]}' is missing")
    return topo


def feature_codes(topo: dict, units: int = 63) -> list[str]:
    return [g["properties"]["gso_code"] for g in topo["objects"][OBJECT[units]]["geometries"]]
