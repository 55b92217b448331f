"""Components page: one province's component scores for the sidebar's index and year (and the
component selections the Province profile shares). No Streamlit.

Province: ``s.p[0]``; default (no ``p`` in the URL) the province ranked first on the total that year
(else the highest published total; see ``default_province``). ``model`` shows the overall score against
the references, then (1) each level-1 component against the mean of the provinces with a score, the
highest score and the region mean, (2) a heat map of all provinces × components, (3) the change per
component vs the previous year.

Level-1 components of an index/year are the PAPI dimensions (D1–D8), the PCI sub-indices and the
PAR INDEX areas/blocks that were published. Components can have different scales (PAR INDEX blocks), so
every figure also gets ``pct``: its position on the indicator's scale, 0 % at ``scale_min`` and 100 % at
``scale_max`` (from ``Dataset.indicator_info``). When all components of a year share one scale the charts
show raw values; otherwise they show ``pct`` (see ``scale_mode``).

Nothing here computes a rank: "position among provinces with a score" is labelled as such by the pages.
"""

from __future__ import annotations

import pandas as pd

from vngov.charts.components import change_chart, comparison_chart, heatmap
from vngov.data import Dataset, is_break
from vngov.i18n import col, fmt_num, fmt_signed, t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import break_texts, coverage_text, index_label, origin_mark, source_titles, uploaded_mask

KEEP = ["province_code", "name_vi", "name_en", "region", "region_name_vi", "region_name_en",
        "value", "rank", "rank_computed", "prev_value", "change", "source_id", "note"]


def components_of(ds: Dataset, index: str, year: int) -> pd.DataFrame:
    """Indicator rows (with scale) of the components published for that index and year: the level-1
    components, and the level-2 parts of a level-1 component that has no figure of its own (PAR INDEX
    2018–2020 publish the survey block's three parts, not the block), so that no part stands beside its
    own whole (issue 14: the components of a total never add up to more than it)."""
    return ds.memo("components_of", (index, int(year)), lambda: _components_of(ds, index, year))


def _components_of(ds: Dataset, index: str, year: int) -> pd.DataFrame:
    inds = ds.indicators_for(index, year)
    level1 = inds[inds["level"] == 1]
    orphans = inds[(inds["level"] == 2) & ~inds["parent"].isin(set(level1["indicator"]))
                   & inds["parent"].isin(set(ds.indicators.loc[ds.indicators["level"] == 1, "indicator"]))]
    return pd.concat([level1, orphans]).reset_index(drop=True)


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

    Same figures as one ``Dataset.slice`` per indicator, selected in one pass, once per Dataset (``Dataset.memo``:
    the Components page and every province's profile ask for it)."""
    return ds.memo("component_table", (index, int(year), bool(with_total)),
                   lambda: _component_table(ds, index, year, with_total))


def _component_table(ds: Dataset, index: str, year: int, with_total: bool) -> pd.DataFrame:
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
                                    "note"] + (["origin"] if "origin" in sub else [])]
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
    if "origin" not in out:
        out["origin"] = None
    return out


def comparison_frame(table: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per component: the province's value, the mean of the provinces with a score, the highest score
    and the mean of the province's region (provinces with a score). Columns: indicator, order, series
    ('province', 'mean', 'best', 'region'), value, pct, n (provinces averaged), who (province name(s) of the
    best score), scale_min, scale_max. The province's row is kept with NaN where it has no figure."""
    # only the columns read below: each row selection then takes 13 columns, not the table's 28
    cols = ["indicator", "order", "comp_vi", "comp_en", "scale_min", "scale_max", "value", "province_code",
            "name_vi", "name_en", "rank", "region"] + (["origin"] if "origin" in table else [])
    comp = table.loc[table["indicator"] != "total", cols]
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
                         who_en=me["name_en"], rank=me["rank"], origin=me.get("origin")))
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
    names = out[col("comp", lang)]
    out["label"] = [total_label if i == "total" else (f"{i} · {n}" if i[:1] == "D" and i[1:2].isdigit() else n)
                    for i, n in zip(out["indicator"], names)]
    if "name_vi" in out:
        out["name"] = out[col("name", lang)]
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


# ---- the page model ---------------------------------------------------------------------------------
def heat_only_default(ds: Dataset, index: str, year: int) -> bool | None:
    """The heat map's "only provinces with component scores" switch, on by default when fewer than 20
    provinces have one; None when there is no heat map (no component published that index and year)."""
    table = component_table(ds, index, year)
    comp = table[(table["indicator"] != "total") & table["value"].notna()]
    return None if components_of(ds, index, year).empty else bool(comp["province_code"].nunique() < 20)


def _scale_num(v: float, lang: str) -> str:
    """A scale end as printed (10, 62, 2.5) in the page's locale."""
    s = f"{float(v):g}"
    return s if lang == "en" else s.replace(".", ",")


def _span(n: pd.Series) -> str:
    """'63', or '2–10' when the number of provinces averaged differs between components."""
    if not len(n):
        return "0"
    lo, hi = int(n.min()), int(n.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def model(ds: Dataset, s: State, lang: str, code: str, heat_only: bool = False) -> b.Page:
    """The Components page for province ``code`` (shown in the picker); ``heat_only``: the heat map shows
    only the provinces with component scores (and the province itself)."""
    index, year = s.index, s.year
    nd, label = t("no_data", lang), index_label(index)
    names = ds.province_names(lang)
    table = with_labels(component_table(ds, index, year), lang, t("total", lang))
    comps = components_of(ds, index, year)
    comp_rows = table[table["indicator"] != "total"]
    n_comp = int(comp_rows.loc[comp_rows["value"].notna(), "province_code"].nunique())
    total = table[table["indicator"] == "total"]
    ctx = dict(ds=ds, index=index, year=year, lang=lang, nd=nd, code=code, name=names[code], table=table,
               comp_rows=comp_rows, me=total[total["province_code"] == code].iloc[0],
               header={"index": index, "year": str(year), "source": source_titles(ds, table["source_id"])},
               key=f"{index}_{year}_{code}")
    coverage = t("cp_coverage", lang, n=n_comp, index=label, year=year)
    blocks = [b.Text(f"**{coverage}**"),
              b.Text(coverage_text(total, lang)), _total_section(ctx, total)]
    if comps.empty:
        blocks.append(b.Text(t("cp_no_components", lang, index=label, year=year), "info"))
    else:
        mode = scale_mode(comps)
        if n_comp < 63:
            blocks.append(b.Text(t("cp_sparse", lang, n=n_comp), "caption"))
        if uploaded_mask(table).any():  # uploaded figures are marked in the charts, not only in a banner
            blocks.append(b.Text(t("uploaded_marks", lang), "caption"))
        blocks += [_vs_section(ctx, comps, mode), _heat_section(ctx, s.ind, heat_only),
                   _change_section(ctx, mode)]
    return b.Page(title=t("cp_title", lang, index=label, year=year, province=names[code]), blocks=blocks,
                  sources=frozenset(table["source_id"].dropna()))


def _total_section(c: dict, total: pd.DataFrame) -> b.Section:
    """The overall score against the mean, the highest score, the region mean and the official mean."""
    lang, nd, me = c["lang"], c["nd"], c["me"]
    have = total[total["value"].notna()]
    reg = have[have["region"] == me["region"]]
    off = official_mean(c["ds"], c["index"], c["year"])
    items = [b.Metric(c["name"], fmt_num(me["value"], 2, lang) or nd, delta=fmt_signed(me["change"], 2, lang) or None,
                      caption=t("cp_no_rank", lang) if pd.isna(me["rank"]) else
                      t("cp_rank_of", lang, rank=int(me["rank"]))),
             b.Metric(t("cp_mean_n", lang, n=len(have)), fmt_num(have["value"].mean(), 2, lang) or nd)]
    if len(have):
        best = have[have["value"] == have["value"].max()]
        items.append(b.Metric(t("cp_best_of", lang, name=", ".join(best["name"])),
                              fmt_num(best["value"].iloc[0], 2, lang)))
    items.append(b.Metric(t("cp_region_mean", lang, region=me[col("region_name", lang)]),
                          fmt_num(reg["value"].mean(), 2, lang) or nd, caption=t("cp_n_with", lang, n=len(reg))))
    if off is not None:
        items.append(b.Metric(t("cp_official_mean", lang), fmt_num(off, 2, lang)))
    return b.Section(heading=t("cp_total_heading", lang), blocks=(b.Metrics(tuple(items)),))


def _vs_section(c: dict, comps: pd.DataFrame, mode: str) -> b.Section:
    """1. The province against the mean, the highest score and the region mean, per component."""
    lang, nd, code = c["lang"], c["nd"], c["code"]
    cmp = with_labels(comparison_frame(c["table"], code), lang, t("total", lang))
    series_labels = {"province": c["name"], "best": t("cp_best", lang),
                     "mean": t("cp_mean_n", lang, n=_span(cmp.loc[cmp["series"] == "mean", "n"])),
                     "region": t("cp_region_mean_n", lang, region=c["me"][col("region_name", lang)],
                                 n=_span(cmp.loc[cmp["series"] == "region", "n"]))}
    notes = []
    if mode == "raw":
        value_title = t("cp_raw_axis", lang, lo=_scale_num(comps["scale_min"].iloc[0], lang),
                        hi=_scale_num(comps["scale_max"].iloc[0], lang))
    else:
        value_title = t("cp_pct_axis", lang)
        notes.append(b.Text(t("cp_pct_note", lang), "caption"))
    if cmp.loc[cmp["series"] == "province", "value"].isna().all():
        notes.append(b.Text(t("cp_province_no_comp", lang, name=c["name"]), "warning"))
    tips = dict(component=t("cp_tt_component", lang), series=t("cp_tt_series", lang), value=t("value", lang),
                pct=t("cp_tt_pct", lang), who=t("cp_tt_who", lang), n=t("cp_tt_n", lang))
    chart = b.Chart(comparison_chart, (cmp,), dict(mode=mode, lang=lang, series_labels=series_labels,
                                                   value_title=value_title, no_data=nd, tooltip_titles=tips,
                                                   uploaded_label=t("uploaded", lang)),
                    key="cp_chart_vs")
    mine = c["comp_rows"][c["comp_rows"]["province_code"] == code]
    heads = [t("cp_tt_component", lang), t("value", lang), t("rank", lang), t("cp_table_pct", lang)]
    shown = pd.DataFrame({heads[0]: mine["label"].tolist(),
                          heads[1]: [origin_mark(fmt_num(v, 2, lang), o, lang) or nd  # uploaded marked
                                     for v, o in zip(mine["value"], mine["origin"])],
                          heads[2]: ["" if pd.isna(r) else str(int(r)) for r in mine["rank"]],
                          heads[3]: [fmt_num(v, 0, lang) or nd for v in mine["pct"]]})
    download = b.Download(cmp[["indicator", "label", "series", "value", "pct", "n", "who_vi", "who_en", "scale_min",
                               "scale_max"]], f"components_{c['key']}",
                          {**c["header"], "province": code, "indicator": "level-1 components"}, key="cp_vs",
                          chart=chart)
    return b.Section(heading=t("cp_vs_heading", lang), notes=tuple(notes), chart=chart,
                     table=b.Table(shown, key="cp_table"), downloads=(download,))


def _heat_section(c: dict, ind: str, only: bool) -> b.Section:
    """2. The heat map of all provinces × components, sorted by the sidebar's indicator (else the total)."""
    lang, nd, code, table = c["lang"], c["nd"], c["code"], c["table"]
    sort_by = ind if ind in set(table["indicator"]) else "total"
    hf, order = heat_frame(table, sort_by)
    if only:
        comp_rows = c["comp_rows"]
        keep = set(comp_rows.loc[comp_rows["value"].notna(), "province_code"]) | {code}
        order = [p for p in order if p in keep]
        hf = hf[hf["province_code"].isin(keep)]
    sort_label = table.loc[table["indicator"] == sort_by, "label"].iloc[0]
    chart = b.Chart(heatmap, (hf, order), dict(
        lang=lang, highlight=code, no_data=nd, color_title=t("cp_heat_color", lang), uploaded_label=t("uploaded", lang),
        tooltip_titles=dict(name=t("province", lang), component=t("cp_tt_component", lang), value=t("value", lang),
                            rank=t("rank", lang))), key="cp_chart_heat")
    download = b.Download(hf[["province_code", "name_vi", "name_en", "indicator", "value", "rank", "norm", "source_id"]],
                          f"components_heatmap_{c['index']}_{c['year']}",
                          {**c["header"], "indicator": "total and level-1 components"}, key="cp_heat", chart=chart)
    return b.Section(heading=t("cp_heat_heading", lang) + f" · {c['year']}", key="heat",
                     notes=(b.Text(t("cp_heat_sort", lang, label=sort_label), "caption"),), chart=chart,
                     downloads=(download,))


def _change_section(c: dict, mode: str) -> b.Section:
    """3. The change per component vs the previous year (none across a method break)."""
    lang, nd, code, me, year = c["lang"], c["nd"], c["code"], c["me"], c["year"]
    prev = year - 1
    heading = t("cp_change_heading", lang, prev=prev)
    if break_before(c["index"], year):
        return b.Section(heading=heading, notes=(b.Text(t("cp_change_break", lang, prev=prev, year=year), "info"),),
                         breaks=break_texts(c["index"], [prev, year], lang))
    cf = with_labels(change_frame(c["table"], code), lang, t("total", lang))
    if cf["change"].isna().all():
        return b.Section(heading=heading, empty=t("cp_change_none", lang, name=c["name"], prev=prev, year=year))
    notes = ()
    if pd.notna(me["change"]):
        notes = (b.Text(t("cp_change_total", lang, prev_v=fmt_num(me["prev_value"], 2, lang), prev=prev,
                          v=fmt_num(me["value"], 2, lang), year=year, change=fmt_signed(me["change"], 2, lang)),
                        "caption"),)
    chart = b.Chart(change_chart, (cf,), dict(
        mode=mode, lang=lang, no_data=nd, value_title=t("cp_change_axis" if mode == "raw" else "cp_change_axis_pct", lang),
        tooltip_titles=dict(component=t("cp_tt_component", lang), prev=t("cp_tt_prev", lang), value=t("value", lang),
                            change=t("change", lang))), key="cp_chart_change")
    download = b.Download(cf[["indicator", "label", "prev_value", "value", "change", "pct_change"]],
                          f"components_change_{c['key']}",
                          {**c["header"], "province": code, "previous_year": str(prev),
                           "indicator": "level-1 components"}, key="cp_change", chart=chart)
    return b.Section(heading=heading, notes=notes, chart=chart, downloads=(download,))
