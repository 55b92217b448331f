"""Data selections of the Province profile page. No Streamlit.

Everything about one province: its totals in every index and year, its latest figures, its strongest
and weakest components, its region peers and the province it became part of on 1 July 2025.
"""

from __future__ import annotations

import pandas as pd

from vngov.catalog import INDICES
from vngov.data import Dataset, era_of, is_break
from vngov.views_components import component_table, components_of, position_among

DEFAULT_PROVINCE = "01"  # Hà Nội


def history(ds: Dataset, code: str) -> pd.DataFrame:
    """One row per index and published year of that index (so a year without a figure for the province is
    a row with NaN value: 'no data'): value, rank, rank_computed, change vs previous year (NaN across a
    method break or when either year is missing), era, source_id."""
    s = ds.scores
    mine = s[(s["province_code"] == code) & (s["indicator"] == "total") & (s["units"] == "63")]
    frames = []
    for index in INDICES:
        years = ds.years(index)
        f = pd.DataFrame({"index": index, "year": years})
        f = f.merge(mine[mine["index"] == index][["year", "value", "rank", "rank_computed", "source_id", "note"]]
                    .astype({"year": int}), on="year", how="left")
        f["era"] = [era_of(index, y) for y in f["year"]]
        prev = f.set_index("year")["value"]
        f["prev_value"] = [prev.get(y - 1) if (y - 1) in prev.index and not is_break(index, y - 1, y) else None
                           for y in f["year"]]
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    for c in ("value", "prev_value"):
        out[c] = out[c].astype(float)
    out["change"] = out["value"] - out["prev_value"]
    out["province_code"] = code
    return out


def latest(hist: pd.DataFrame) -> pd.DataFrame:
    """Per index: the latest year in which the province has a published score or rank (absent if none)."""
    h = hist[hist["value"].notna() | hist["rank"].notna()]
    return h.sort_values("year").groupby("index", sort=False).tail(1).set_index("index").reindex(
        [i for i in INDICES if i in set(h["index"])]).reset_index()


def strengths(ds: Dataset, code: str, index: str, k: int = 3) -> dict | None:
    """The province's strongest and weakest components in the latest year it has component scores.

    Ordered by the published rank when every component has one ('rank'); else by the position among the
    provinces with a score ('position', which is not a rank and is labelled so). Returns dict(year, basis,
    table (all components, best first), strongest, weakest) or None if it has no component score."""
    s = ds.scores
    have = s[(s["index"] == index) & (s["province_code"] == code) & (s["indicator"] != "total")
             & s["value"].notna()]
    for year in sorted(have["year"].unique(), reverse=True):
        year = int(year)
        comps = set(components_of(ds, index, year)["indicator"])
        if not comps & set(have.loc[have["year"] == year, "indicator"]):
            continue
        table = component_table(ds, index, year, with_total=False)
        pos = position_among(table, code)
        if pos.empty:
            continue
        basis = "rank" if pos["rank"].notna().all() else "position"
        key = pos["rank"].astype(float) if basis == "rank" else pos["position"]
        pos = pos.assign(_k=key).sort_values(["_k", "pct"], ascending=[True, False]).drop(columns="_k")
        n = min(k, len(pos) // 2) or 1
        return dict(year=year, basis=basis, table=pos.reset_index(drop=True), strongest=pos.head(n),
                    weakest=pos.tail(n).iloc[::-1])
    return None


def region_peers(ds: Dataset, code: str) -> tuple[pd.DataFrame, dict[str, int]]:
    """The provinces of the same region × the latest year of each index: value and rank (NaN: no data).
    Returns (frame with province_code, name_vi, name_en and <INDEX>_value, <INDEX>_rank columns, {index: year})."""
    region = ds.provinces.set_index("province_code").at[code, "region"]
    years = {i: max(ds.years(i)) for i in INDICES if ds.years(i)}
    out = ds.provinces[ds.provinces["region"] == region][["province_code", "name_vi", "name_en"]].copy()
    for index, year in years.items():
        sl = ds.slice(index, year, region=region)[["province_code", "value", "rank"]]
        out = out.merge(sl.rename(columns={"value": f"{index}_value", "rank": f"{index}_rank"}),
                        on="province_code", how="left")
    return out.reset_index(drop=True), years


def merger(ds: Dataset, code: str) -> dict:
    """The province (34 of 1 July 2025) that this one became part of, and the other former provinces in it."""
    p = ds.provinces
    row = p[p["province_code"] == code].iloc[0]
    others = p[(p["new_code"] == row["new_code"]) & (p["province_code"] != code)]
    return dict(new_code=row["new_code"], new_name_vi=row["new_name_vi"], new_name_en=row["new_name_en"],
                others=others[["province_code", "name_vi", "name_en"]].reset_index(drop=True))
