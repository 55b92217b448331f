"""Data selections of the Components page (and the component part of the Province profile). No Streamlit.

Level-1 components of an index/year are the PAPI dimensions (D1–D8), the PCI sub-indices and the
PAR INDEX areas/blocks that were published. Components can have different scales (PAR INDEX blocks), so
every figure also gets ``pct``: its position on the indicator's scale, 0 % at ``scale_min`` and 100 % at
``scale_max`` (from ``Dataset.indicator_info``). When all components of a year share one scale the charts
show raw values; otherwise they show ``pct`` (see ``scale_mode``).

Nothing here computes a rank: "position among provinces with a score" is labelled as such by the pages.
"""

from __future__ import annotations

import pandas as pd

from vngov.data import Dataset, is_break

KEEP = ["province_code", "name_vi", "name_en", "region", "region_name_vi", "region_name_en",
        "value", "rank", "rank_computed", "prev_value", "change", "source_id", "note"]


def components_of(ds: Dataset, index: str, year: int) -> pd.DataFrame:
    """Indicator rows (with scale) of the level-1 components published for that index and year."""
    inds = ds.indicators_for(index, year)
    return inds[inds["level"] == 1].reset_index(drop=True)


def default_province(ds: Dataset, index: str, year: int) -> str:
    """Default province of the Components page: rank 1 of the total that year; else the highest published
    total; else the first province with a component figure; else Hà Nội ("01")."""
    sl = ds.slice(index, year)
    top = sl[sl["rank"] == 1]
    if len(top):
        return str(top["province_code"].iloc[0])
    if sl["value"].notna().any():
        return str(sl.loc[sl["value"].idxmax(), "province_code"])
    s = ds.scores
    comp = s[(s["index"] == index) & (s["year"] == year) & (s["indicator"] != "total")]
    return str(comp["province_code"].min()) if len(comp) else "01"


def scale_mode(comps: pd.DataFrame) -> str:
    """'raw' when all components share one scale (plot values), else 'pct' (plot % of the scale)."""
    if comps.empty:
        return "raw"
    return "raw" if comps[["scale_min", "scale_max"]].drop_duplicates().shape[0] == 1 else "pct"


def _pct(v, lo, hi):
    return (v - lo) / (hi - lo) * 100.0


def component_table(ds: Dataset, index: str, year: int, with_total: bool = True) -> pd.DataFrame:
    """Long frame: every province (63) × (total +) each level-1 component of that year, with value, rank,
    previous-year value and change (blank across a method break, as in ``Dataset.slice``), the scale and
    ``pct`` (value as % of the scale) and ``pct_change`` (change as % of the scale range).

    Same figures as one ``Dataset.slice`` per indicator, selected in one pass (the page draws it on every rerun)."""
    comps = components_of(ds, index, year)
    ids = (["total"] if with_total else []) + list(comps["indicator"])
    cols = KEEP + ["indicator", "order", "comp_vi", "comp_en", "scale_min", "scale_max", "pct", "pct_change"]
    if not ids or (ids == ["total"] and not len(ds.years(index))):
        return pd.DataFrame(columns=cols)
    ind = ds.indicators
    ind = ind[(ind["index"] == index) & ind["indicator"].isin(ids) & (ind["year_from"] <= year)
              & (ind["year_to"] >= year)]  # as Dataset.indicator_info: the row of that year's era, last wins
    info = (ind.drop_duplicates("indicator", keep="last").set_index("indicator")
            .reindex(ids)[["name_vi", "name_en", "scale_min", "scale_max"]]
            .rename(columns={"name_vi": "comp_vi", "name_en": "comp_en"}).reset_index())
    info["order"] = range(len(ids))
    s = ds.scores
    sub = s[(s["index"] == index) & s["year"].isin([year - 1, year]) & s["indicator"].isin(ids)
            & (s["units"] == "63")]
    cur = sub[sub["year"] == year][["province_code", "indicator", "value", "rank", "rank_computed", "source_id",
                                    "note"]]
    prev = sub[sub["year"] == year - 1][["province_code", "indicator", "value"]].rename(
        columns={"value": "prev_value"})
    if is_break(index, year - 1, year):
        prev = prev.iloc[0:0]
    prov = ds.provinces[["province_code", "name_vi", "name_en", "region", "region_name_vi", "region_name_en"]]
    out = (prov.merge(info, how="cross").merge(cur, on=["province_code", "indicator"], how="left")
           .merge(prev, on=["province_code", "indicator"], how="left"))
    out = out.sort_values(["order", "province_code"], kind="stable").reset_index(drop=True)
    for c in ("value", "prev_value", "scale_min", "scale_max"):
        out[c] = out[c].astype(float)
    out["change"] = out["value"] - out["prev_value"]
    out["pct"] = _pct(out["value"], out["scale_min"], out["scale_max"])
    out["pct_change"] = out["change"] / (out["scale_max"] - out["scale_min"]) * 100.0
    out["index"], out["year"] = index, year
    return out


def comparison_frame(table: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per component: the province's value, the mean of the provinces with a score, the highest score
    and the mean of the province's region (provinces with a score). Columns: indicator, order, series
    ('province', 'mean', 'best', 'region'), value, pct, n (provinces averaged), who (province name(s) of the
    best score), scale_min, scale_max. The province's row is kept with NaN where it has no figure."""
    comp = table[table["indicator"] != "total"]
    if comp.empty:
        return pd.DataFrame(columns=["indicator", "order", "series", "value", "pct", "n", "who_vi", "who_en"])
    region = table.loc[table["province_code"] == code, "region"].iloc[0]
    rows = []
    for ind, g in comp.groupby("indicator", sort=False):
        base = dict(indicator=ind, order=int(g["order"].iloc[0]), comp_vi=g["comp_vi"].iloc[0],
                    comp_en=g["comp_en"].iloc[0], scale_min=g["scale_min"].iloc[0], scale_max=g["scale_max"].iloc[0])
        have = g[g["value"].notna()]
        me = g[g["province_code"] == code].iloc[0]
        rows.append(dict(base, series="province", value=me["value"], n=1, who_vi=me["name_vi"],
                         who_en=me["name_en"], rank=me["rank"]))
        if len(have):
            best = have[have["value"] == have["value"].max()]
            rows.append(dict(base, series="mean", value=have["value"].mean(), n=len(have), who_vi="", who_en=""))
            rows.append(dict(base, series="best", value=best["value"].iloc[0], n=len(have),
                             who_vi=", ".join(best["name_vi"]), who_en=", ".join(best["name_en"])))
            reg = have[have["region"] == region]
            if len(reg):
                rows.append(dict(base, series="region", value=reg["value"].mean(), n=len(reg), who_vi="", who_en=""))
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype(float)
    out["pct"] = _pct(out["value"], out["scale_min"], out["scale_max"])
    return out


def heat_frame(table: pd.DataFrame, sort_by: str = "total") -> tuple[pd.DataFrame, list[str]]:
    """Every province × indicator with ``norm``: the value scaled 0–1 between the lowest and highest
    published value of that indicator that year (colour per component); NaN where there is no figure.
    Returns (frame, province codes in row order: by ``sort_by`` descending, provinces without it last)."""
    out = table.copy()
    g = out.groupby("indicator")["value"]
    lo, hi = g.transform("min"), g.transform("max")
    span = (hi - lo).where(hi > lo)
    out["norm"] = ((out["value"] - lo) / span).where(span.notna(), 0.5).where(out["value"].notna())
    key = out[out["indicator"] == sort_by] if sort_by in set(out["indicator"]) else out[out["indicator"] == "total"]
    key = key.sort_values(["value", "name_vi"], ascending=[False, True], na_position="last")
    order = list(key["province_code"]) or sorted(out["province_code"].unique())
    return out, order


def change_frame(table: pd.DataFrame, code: str) -> pd.DataFrame:
    """The province's change per component vs the previous year (blank across a method break)."""
    me = table[(table["province_code"] == code) & (table["indicator"] != "total")].copy()
    return me[["indicator", "order", "comp_vi", "comp_en", "value", "prev_value", "change", "pct_change",
               "scale_min", "scale_max"]].reset_index(drop=True)


def with_labels(df: pd.DataFrame, lang: str, total_label: str) -> pd.DataFrame:
    """Add ``label`` (component name in the language, PAPI ids kept as a prefix: "D1 · …") and ``name``
    (the province name in the language, when the frame has provinces)."""
    out = df.copy()
    names = out["comp_en" if lang == "en" else "comp_vi"]
    out["label"] = [total_label if i == "total" else (f"{i} · {n}" if i[:1] == "D" and i[1:2].isdigit() else n)
                    for i, n in zip(out["indicator"], names)]
    if "name_vi" in out:
        out["name"] = out["name_en" if lang == "en" else "name_vi"]
    return out


def break_before(index: str, year: int) -> bool:
    """True if the method changed between the previous year and this one."""
    return is_break(index, year - 1, year)


def official_mean(ds: Dataset, index: str, year: int) -> float | None:
    """The official national mean of the total as published in national.csv (numeric ones only)."""
    n = ds.national_stats(index, year)
    n = n[(n["stat"] == "mean") & (n["region"].fillna("") == "")]
    vals = pd.to_numeric(n["value"], errors="coerce").dropna()
    return float(vals.iloc[-1]) if len(vals) else None


def position_among(table: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per indicator: the province's published rank (if any) and its position among the provinces with a
    score (1 = highest; ties share the best position) with the number of those provinces. The position is
    NOT a rank: pages label it 'position among N provinces with a score'."""
    have = table[table["value"].notna()].copy()
    have["position"] = have.groupby("indicator")["value"].rank(ascending=False, method="min")
    have["n_with"] = have.groupby("indicator")["value"].transform("count")
    me = have[have["province_code"] == code]
    return me[["indicator", "order", "comp_vi", "comp_en", "value", "rank", "rank_computed", "position", "n_with",
               "pct", "scale_min", "scale_max"]].reset_index(drop=True)
