"""Province profile: everything about one province (``s.p[0]``; default Hà Nội, "01"). No Streamlit.

Its latest score and rank per index, all scores and ranks, trends per index (split at method breaks),
its strongest and weakest PAPI and PCI components, its region peers (its own row highlighted) and the
province it became part of on 1 July 2025. The map page opens this page on a click;
``/profile?p=22&lang=en`` works directly.
"""

from __future__ import annotations

import pandas as pd

from vngov.catalog import INDICES, METHOD_BREAKS
from vngov.charts.profile import configured_panel, trend_grid
from vngov.data import UNITS34_FROM, Dataset, era_of, is_break, units_of
from vngov.i18n import col, fmt_num, fmt_signed, t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import break_texts, index_label, source_titles
from vngov.views.components import component_table, components_of, position_among, with_labels

DEFAULT_PROVINCE = "01"  # Hà Nội


def history(ds: Dataset, code: str) -> pd.DataFrame:
    """One row per index and published year of that index (so a year without a figure for the province is
    a row with NaN value: 'no data'): value, rank, rank_computed, change vs previous year (NaN across a
    method break or when either year is missing), era, source_id. Once per Dataset and province (``Dataset.memo``)."""
    return ds.memo("history", (code,), lambda: _history(ds, code))


def _history(ds: Dataset, code: str) -> pd.DataFrame:
    s = ds.scores
    mine = s[(s["province_code"] == code) & (s["indicator"] == "total") & (s["units"] == ds.units)]
    frames = []
    for index in INDICES:
        years = set_years(ds, index)  # the years of the Dataset's unit set: a code is read with its set
        f = pd.DataFrame({"index": index, "year": years})
        f = f.merge(mine[mine["index"] == index][["year", "value", "rank", "rank_computed", "source_id", "note"]
                                                  + (["origin"] if "origin" in mine else [])]
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
    out["year"] = out["year"].astype(int)  # (an index with no year of the set leaves an empty float column)
    out["province_code"] = code
    return out


def set_years(ds: Dataset, index: str) -> list[int]:
    """The published years of ``index`` in the Dataset's unit set (63 to 2024, 34 from 2025)."""
    return [y for y in ds.years(index) if units_of(y) == ds.units]


def latest(hist: pd.DataFrame) -> pd.DataFrame:
    """Per index: the latest year in which the province has a published score or rank (absent if none)."""
    h = hist[hist["value"].notna() | hist["rank"].notna()]
    return h.sort_values("year").groupby("index", sort=False).tail(1).set_index("index").reindex(
        [i for i in INDICES if i in set(h["index"])]).reset_index()


def strengths(ds: Dataset, code: str, index: str, k: int = 3) -> dict | None:
    """The province's strongest and weakest components in the latest year it has component scores.

    Ordered by the published rank when every component has one ('rank'); else by the position among the
    provinces with a score ('position', which is not a rank and is labelled so). Returns dict(year, basis,
    table (all components, best first), strongest, weakest) or None if it has no component score. Once per
    Dataset (``Dataset.memo``); each caller gets its own dict (its frames are copy-on-write copies)."""
    res = ds.memo("strengths", (code, index, k), lambda: _strengths(ds, code, index, k))
    return None if res is None else {key: (v.copy(deep=False) if isinstance(v, pd.DataFrame) else v)
                                     for key, v in res.items()}


def _strengths(ds: Dataset, code: str, index: str, k: int) -> dict | None:
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


# ---- a table with the province's own row highlighted -------------------------------------------------
HIGHLIGHT = "font-weight: bold; background-color: #deebf7"


def _row_css(row: pd.Series, mine: tuple[bool, ...]) -> list[str]:
    return [HIGHLIGHT if mine[row.name] else "" for _ in row]


def highlighted(df: pd.DataFrame, mine, **table_kw) -> b.Table:
    """``df`` as a table (a pandas Styler) with the rows where ``mine`` is True highlighted."""
    df, mine = df.reset_index(drop=True), tuple(bool(m) for m in mine)
    return b.Table(df.style.apply(_row_css, axis=1, mine=mine), **table_kw)


# ---- the page model ---------------------------------------------------------------------------------
def model(ds: Dataset, s: State, lang: str, code: str) -> b.Page:
    """The profile of province ``code`` (shown in the picker), read in the state's unit set (``s.units``):
    one of the 63 provinces to 2024, or one of the 34 from 1 July 2025 (``model34``)."""
    ds = ds.for_units(s.units)
    if ds.units == "34":
        return model34(ds, s, lang, code)
    name = ds.province_names(lang)[code]
    hist = history(ds, code)
    c = dict(ds=ds, lang=lang, nd=t("no_data", lang), code=code, name=name, hist=hist,
             province=f"{code} {ds.province_name(code, lang)}")
    coverage = t("pf_coverage", lang, name=name, n=int(hist["value"].notna().sum()), m=len(hist))
    return b.Page(title=t("pf_title", lang, name=name),
                  blocks=[b.Text(f"**{coverage}**"), _latest_section(c), _history_section(c), _trends_section(c),
                          _strength_section(c), _peers_section(c), _merger_section(c)],
                  sources=frozenset(hist["source_id"].dropna()))


def _rank_text(rank, computed, lang: str, n: int | None = None, units: str = "63") -> str:
    if pd.isna(rank):
        return t("pf_no_rank", lang)
    key = "pf_rank_computed" if computed is True else "pf_rank_of_n" if units == "34" else "pf_rank_of"
    return t(key, lang, rank=int(rank), n=n or int(units))  # the 34 units: "Rank 15/34"


HA_TAY_YEARS = {"PCI": range(2005, 2009)}  # PCI ranks of 2005–2008 count Hà Tây (data/README.md)


def ha_tay_rank(index: str, year, rank) -> bool:
    """True for a PCI 2005–2008 rank: out of the units of that year, Hà Tây (merged into Hà Nội in 2008)
    among them (42 in 2005, 64 in 2006–2008)."""
    return pd.notna(rank) and pd.notna(year) and int(year) in HA_TAY_YEARS.get(index, ())


def card_notes(r: pd.Series, index: str, lang: str, n: int | None, units: str = "63") -> str:
    """The caption of a profile card: the rank (computed ones 'x/N among the N assessed'), then what a
    reader must know about the figure: a rank published without a score, a figure uploaded in this
    session, sources that differ (the history table says how), a PCI 2005–2008 rank that counts Hà Tây."""
    parts = [_rank_text(r["rank"], bool(r["rank_computed"]) if pd.notna(r["rank_computed"]) else False, lang, n, units)]
    if pd.isna(r["value"]) and pd.notna(r["rank"]):
        parts.append(t("pf_rank_only", lang))
    if r.get("origin") == "uploaded":
        parts.append(t("pf_uploaded", lang))
    if isinstance(r.get("note"), str) and r["note"].startswith("[resolved] "):
        parts.append(t("pf_sources_differ", lang))
    if ha_tay_rank(index, r.get("year"), r["rank"]):
        parts.append(t("pf_ha_tay", lang))
    return " · ".join(parts)


def _latest_section(c: dict) -> b.Section:
    """1. The latest score and rank per index."""
    lang, nd = c["lang"], c["nd"]
    last = latest(c["hist"]).set_index("index")
    items = []
    for index in INDICES:
        short = index_label(index)
        if index in last.index:
            r = last.loc[index]
            n = c["ds"].ranked_of(index, int(r["year"]))
            if pd.isna(r["value"]):  # a rank without a score: the rank is the card's figure (not a cut-off "no data")
                items.append(b.Metric(f"{short} {int(r['year'])}", _rank_text(r["rank"], False, lang, n, c["ds"].units),
                                      caption=card_notes(r, index, lang, n).split(" · ", 1)[-1]))
                continue
            items.append(b.Metric(f"{short} {int(r['year'])}", fmt_num(r["value"], 2, lang) or nd,
                                  delta=fmt_signed(r["change"], 2, lang) or None,
                                  caption=card_notes(r, index, lang, n, c["ds"].units)))
        else:
            items.append(b.Metric(short, nd, caption=t("pf_never", lang)))
    return b.Section(heading=t("pf_latest_heading", lang), blocks=(b.Metrics(tuple(items)),))


def _history_section(c: dict) -> b.Section:
    """All scores and ranks, per index, latest year first."""
    lang, nd, hist = c["lang"], c["nd"], c["hist"]
    idx = t("pf_col_index", lang)
    table = pd.DataFrame({
        idx: [index_label(i) for i in hist["index"]],
        t("year", lang): hist["year"].astype(str),
        t("value", lang): [fmt_num(v, 2, lang) or nd for v in hist["value"]],
        t("rank", lang): ["" if pd.isna(r) else (f"{int(r)}/{n}" if ha_tay_rank(i, y, r) else str(int(r)))
                          for i, y, r, n in zip(hist["index"], hist["year"], hist["rank"],
                                                [c["ds"].ranked_of(i, int(y)) for i, y in zip(hist["index"],
                                                                                           hist["year"])])],
        t("change", lang): [fmt_signed(v, 2, lang) for v in hist["change"]],
    })
    if "origin" in hist and (hist["origin"] == "uploaded").any():  # uploaded figures marked in their row
        table[t("rk_col_origin", lang)] = [t("uploaded", lang) if o == "uploaded" else
                                           (t("rk_published", lang) if pd.notna(v) else "")
                                           for v, o in zip(hist["value"], hist["origin"])]
    notes = [n if isinstance(n, str) and n.startswith("[resolved] ") else "" for n in hist["note"]]
    if any(notes):  # a figure whose sources conflicted: what they say and what was kept (issue 14)
        table[t("pf_col_note", lang)] = notes
    hatay = [ha_tay_rank(i, y, r) for i, y, r in zip(hist["index"], hist["year"], hist["rank"])]
    return b.Section(heading=t("pf_history_heading", lang),
                     notes=(b.Text(t("pf_ha_tay_table", lang), "caption"),) if any(hatay) else (),
                     table=b.Table(table.iloc[::-1].sort_values(idx, kind="stable"), key="pf_history",
                                   height=min(320, 38 + 35 * len(table) + 2)))  # no empty rows under a short history


def _trends_section(c: dict) -> b.Section:
    """2. The total over the years, one panel per index (two a row), method breaks, downloads."""
    ds, lang, hist = c["ds"], c["lang"], c["hist"]
    common = dict(lang=lang, no_data=c["nd"], break_label=t("pf_break_label", lang),
                  tooltip_titles=dict(year=t("year", lang), value=t("value", lang), rank=t("rank", lang),
                                      change=t("change", lang), **{"break": t("pf_tt_break", lang)}))
    # a new province (34 units): only the indices with a year of its set (no empty 2005-2024 axes)
    shown = [i for i in INDICES if set_years(ds, i)] if ds.units == "34" else list(INDICES)
    hist = hist[hist["index"].isin(shown)]
    panel_args = {i: dict(title=index_label(i), years=set_years(ds, i), breaks=list(METHOD_BREAKS.get(i, ())))
                  for i in shown}
    panels = tuple((b.Chart(configured_panel, (hist[hist["index"] == i],), {**panel_args[i], **common},
                            key=f"pf_trend_{i}"),) for i in shown)
    breaks = tuple(b.Text(x, "info") for i in shown for x in break_texts(i, set_years(ds, i), lang))
    download = b.Download(
        hist[["index", "year", "value", "rank", "rank_computed", "change", "era", "source_id", "note"]],
        f"profile_{c['code']}_totals",
        {"province": c["province"], "index": ", ".join(INDICES), "year": "all", "indicator": "total",
         "source": source_titles(ds, hist["source_id"])}, key="pf_trends",
        chart=b.Export(trend_grid, (hist, panel_args), common))
    return b.Section(heading=t("pf_trends_heading", lang), notes=(b.Text(t("pf_trends_note", lang), "caption"),),
                     blocks=(b.Columns(panels, per_row=2), b.Expander(t("pf_breaks_expander", lang), breaks)),
                     downloads=(download,))


def _strength_cell(c: dict, index: str, res: dict | None) -> tuple:
    lang, nd, short = c["lang"], c["nd"], index_label(index)
    if res is None:
        return (b.Text(short, "bold"), b.Text(t("pf_no_components", lang, name=c["name"], index=short), "info"))
    by_rank = res["basis"] == "rank"
    cell = [b.Text(f"{short} {res['year']}", "bold"), b.Text(t("pf_basis_rank" if by_rank else "pf_basis_position",
                                                               lang), "caption")]
    for label_key, part in (("pf_strongest", res["strongest"]), ("pf_weakest", res["weakest"])):
        part = with_labels(part, lang, t("total", lang))
        where = ([str(int(r)) for r in part["rank"]] if by_rank else
                 [t("pf_position_of", lang, pos=int(p), n=int(n)) for p, n in zip(part["position"], part["n_with"])])
        cell.append(b.Table(pd.DataFrame({t(label_key, lang): part["label"].tolist(),
                                          t("value", lang): [fmt_num(v, 2, lang) or nd for v in part["value"]],
                                          t("rank" if by_rank else "pf_position", lang): where}),
                            key=f"pf_{label_key}_{index}"))
    return tuple(cell)


def _strength_section(c: dict) -> b.Section:
    """3. The strongest and weakest PAPI and PCI components, in the latest year with component scores."""
    ds, code = c["ds"], c["code"]
    found = {index: strengths(ds, code, index) for index in ("PAPI", "PCI")}
    rows = [res["table"].assign(index=index, year=res["year"], basis=res["basis"])
            for index, res in found.items() if res is not None]
    downloads = ()
    if rows:
        sdf = pd.concat(rows, ignore_index=True)
        mine = ds.scores.loc[ds.scores["province_code"] == code, "source_id"].unique()
        downloads = (b.Download(
            sdf[["index", "year", "indicator", "comp_vi", "comp_en", "value", "rank", "position", "n_with", "pct",
                 "basis"]], f"profile_{code}_components",
            {"province": c["province"], "index": "PAPI, PCI",
             "year": ", ".join(f"{i} {y}" for i, y in sdf[["index", "year"]].drop_duplicates().values),
             "indicator": "level-1 components", "source": source_titles(ds, mine, limit=3)}, key="pf_strength"),)
    return b.Section(heading=t("pf_strength_heading", c["lang"]),
                     blocks=(b.Columns(tuple(_strength_cell(c, i, r) for i, r in found.items())),),
                     downloads=downloads)


def _peers_section(c: dict) -> b.Section:
    """4. The provinces of the same region in the latest year of each index, the province's row highlighted."""
    ds, lang, nd, code = c["ds"], c["lang"], c["nd"], c["code"]
    prow = ds.provinces.set_index("province_code").loc[code]
    peers, years = region_peers(ds, code)
    show = pd.DataFrame({t("province", lang): peers[col("name", lang)]})
    for index, year in years.items():
        show[f"{index_label(index)} {year}"] = [
            (fmt_num(v, 2, lang) + ("" if pd.isna(r) else f" ({int(r)})")) if pd.notna(v) else
            (nd if pd.isna(r) else f"{nd} ({int(r)})")
            for v, r in zip(peers[f"{index}_value"], peers[f"{index}_rank"])]
    download = b.Download(peers, f"profile_{code}_region_peers",
                          {"province": code, "region": str(prow["region"]), "index": ", ".join(INDICES),
                           "year": ", ".join(f"{i} {y}" for i, y in years.items()), "indicator": "total",
                           "source": "see data/sources.csv"}, key="pf_peers")
    return b.Section(heading=t("pf_peers_heading", lang, region=prow[col("region_name", lang)]),
                     notes=(b.Text(t("pf_peers_note", lang), "caption"),),
                     table=highlighted(show, peers["province_code"] == code, key="pf_peers"), downloads=(download,))


def _merger_section(c: dict) -> b.Section:
    """5. The province it became part of on 1 July 2025."""
    lang, name = c["lang"], c["name"]
    m = merger(c["ds"], c["code"])
    new = m[col("new_name", lang)]
    if m["others"].empty:
        text = t("pf_unchanged", lang, name=name, new=new, code=m["new_code"])
    else:
        text = t("pf_merged_into", lang, name=name, new=new, code=m["new_code"],
                 others=", ".join(m["others"][col("name", lang)]))
    link = t("pf_open_new", lang, new=new, url=profile_url(m["new_code"], "34", lang))
    return b.Section(heading=t("pf_merger_heading", lang), blocks=(b.Text(text), b.Text(link)))


def profile_url(code: str, units: str, lang: str) -> str:
    """A relative link to a province's profile, its code read in ``units`` (the page is /profile)."""
    return f"profile?p={code}&u={units}&lang={lang}"


def model34(ds: Dataset, s: State, lang: str, code: str) -> b.Page:
    """The profile of one of the 34 provinces of 1 July 2025: its own 34-unit figures, then the history of
    each province it was formed from as separate series (63-unit figures to 2024, the 2025 change of units
    marked like a method break). Nothing of the former provinces is summed, averaged or weighted."""
    name = ds.province_name(code, lang)
    hist = history(ds, code)
    c = dict(ds=ds, lang=lang, nd=t("no_data", lang), code=code, name=name, hist=hist,
             province=f"{code} {ds.province_name(code, 'en')}")
    coverage = t("pf_coverage", lang, name=name, n=int(hist["value"].notna().sum()), m=len(hist))
    blocks = [b.Text(t("pf_new_intro", lang, name=name)), b.Text(f"**{coverage}**"), _latest_section(c),
              _history_section(c)]
    if any(set_years(ds, i) for i in INDICES):
        blocks.append(_trends_section(c))
    former, sources = _former_section(ds, code, lang, name)
    blocks.append(former)
    return b.Page(title=t("pf_title", lang, name=name), blocks=blocks,
                  sources=frozenset(hist["source_id"].dropna()) | sources)


def _former_section(ds: Dataset, code: str, lang: str, name: str) -> tuple[b.Section, frozenset]:
    """The provinces ``code`` (34-unit) was formed from: a link to each one's profile and its overall score
    per index to 2024, one panel per former province and index, a dashed rule at 2025 (the change of units)."""
    ds63 = ds.for_units("63")
    olds = ds.former.get(code, [])
    links = ", ".join(f"[{ds63.province_name(o, lang)}]({profile_url(o, '63', lang)})" for o in olds)
    common = dict(lang=lang, no_data=t("no_data", lang), break_label=t("pf_break_label", lang),
                  tooltip_titles=dict(year=t("year", lang), value=t("value", lang), rank=t("rank", lang),
                                      change=t("change", lang), **{"break": t("pf_tt_break", lang)}))
    rows, sources = [], set()
    hists = {o: history(ds63, o) for o in olds}
    for index in INDICES:
        years = set_years(ds63, index)
        if not years:
            continue
        cells = []
        for o in olds:
            h = hists[o][hists[o]["index"] == index]
            sources |= set(h["source_id"].dropna())
            cells.append((b.Chart(configured_panel, (h,), dict(
                title=f"{index_label(index)} · {ds63.province_name(o, lang)} ({t('pf_former', lang)})",
                years=years + [UNITS34_FROM], breaks=list(METHOD_BREAKS.get(index, ())) + [UNITS34_FROM], **common),
                key=f"pf_former_{index}_{o}"),))
        rows.append(b.Columns(tuple(cells), per_row=min(len(cells), 3)))
    blocks = (b.Text(t("pf_formed_from", lang, name=name, links=links)),
              b.Text(t("pf_former_note", lang), "caption"), *rows)
    return b.Section(heading=t("pf_former_heading", lang), key="former", blocks=blocks), frozenset(sources)
