"""Build the boundary files in ``geo/`` from ``../shared/sources/geo``.

Run:  python -m scripts.build_geo [--shared PATH]

Input: the coverage-cleaned, coverage-simplified 63-province layer (tolerance 0.003°, shared edges
identical, every island part kept, Hoàng Sa in Đà Nẵng and Trường Sa in Khánh Hòa) and its 34-province
dissolve, both CC BY-SA 4.0 adaptations of Open Development Mekong "Địa phận tỉnh"
(see shared/sources/geo/PROVENANCE.md).

Output: geo/provinces63.topojson and geo/provinces34.topojson: exterior rings clockwise (the winding
d3-geo/Vega expects; GeoJSON's counter-clockwise rings would be drawn as the whole globe minus the
province), quantized, with only the join key and names as properties. Both layers are
simplified once more as coverages (``SIMPLIFY``: shared edges simplified identically, no ring dropped): the
browser draws under half the points (measured: 63 provinces 20,183 -> 9,090 points, 216 -> 113 KB; 34
provinces 18,398 -> 8,331, 194 -> 100 KB; all 928 and 899 polygon parts kept). TopoJSON stores each shared
edge once, so neighbouring provinces keep identical borders and the file stays small.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geopandas as gpd
import shapely
import topojson

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "geo"
ATTRIBUTION = ("Province boundaries: Open Development Mekong / Department of Survey and Mapping of Viet Nam, "
               "CC BY-SA 4.0; simplified and dissolved to the 34 provinces of 1 July 2025 by this project.")


SIMPLIFY = 0.01  # degrees (~1.1 km): under a pixel on the largest map drawn (Viet Nam's 15° of latitude in ~900 px)


def _write(gdf: gpd.GeoDataFrame, name: str, out: Path, quantization: float) -> int:
    gdf = gdf.copy()
    # simplified as a coverage (shared edges simplified once, identically; no ring removed), then oriented:
    # simplifying after orienting can turn a tiny ring around, which Vega fills as the whole globe
    geoms = shapely.coverage_simplify(gdf.geometry.values, SIMPLIFY, simplify_boundary=True)
    gdf["geometry"] = shapely.orient_polygons(geoms, exterior_cw=True)
    topo = topojson.Topology(gdf, object_name=name, prequantize=quantization, topology=True,
                             presimplify=False, toposimplify=False)
    data = json.loads(topo.to_json())
    data["attribution"] = ATTRIBUTION
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    out.write_text(text, encoding="utf-8")
    return len(text.encode())


def build(shared: Path, out: Path = GEO, quantization: float = 2e5) -> dict[str, int]:
    src = shared / "sources/geo/derived"
    g63 = gpd.read_file(src / "vn_provinces_63_simplified.geojson")
    g63 = g63[["gso_code", "name_vi", "new_code", "geometry"]].astype({"gso_code": str, "new_code": str})
    g63["gso_code"] = g63["gso_code"].str.zfill(2)
    assert len(g63) == 63 and g63["gso_code"].is_unique
    g34 = gpd.read_file(src / "vn_provinces_34_simplified.geojson")
    g34 = g34[["code", "name_vi", "geometry"]].rename(columns={"code": "gso_code"}).astype({"gso_code": str})
    g34["gso_code"] = g34["gso_code"].str.zfill(2)
    assert len(g34) == 34
    out.mkdir(exist_ok=True)
    sizes = {"provinces63.topojson": _write(g63, "provinces63", out / "provinces63.topojson", quantization),
             "provinces34.topojson": _write(g34, "provinces34", out / "provinces34.topojson", quantization)}
    (out / "ATTRIBUTION.txt").write_text(ATTRIBUTION + "\nLicence: https://creativecommons.org/licenses/by-sa/4.0/\n",
                                         encoding="utf-8")
    return sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    for f, n in build(args.shared).items():
        print(f"{f}: {n / 1024:.0f} KB")


if __name__ == "__main__":
    main()
