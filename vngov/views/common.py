"""Texts and selections several views share (pure; no Streamlit)."""

from __future__ import annotations

import re

import pandas as pd

from vngov.catalog import INDEX_META, METHOD_BREAKS
from vngov.data import Dataset
from vngov.i18n import col, inert, t


def index_label(index: str) -> str:
    return INDEX_META[index]["short"]


def index_unit(index: str, lang: str) -> str:
    return t(f"index_unit_{index}", lang)


def index_name(index: str, lang: str) -> str:
    return t(f"index_name_{index}", lang)


def unit_label(unit: str, lang: str) -> str:
    """A unit of indicators.csv ("điểm", "điểm/points", "%") in the page's language."""
    return t("mt_points", lang) if "điểm" in str(unit) else str(unit)


SHORT_ID = re.compile(r"^[A-Z]\d+(\.\d+)*$")  # PAPI's D1, D1.2: short ids people know from the reports


def indicator_name(indicator: str, name: str, lang: str) -> str:
    """What menus and titles call an indicator: its name, after a short published id (PAPI's "D1 · …"),
    never a raw data id ("entry_costs", "B_SURVEY")."""
    if indicator == "total":
        return t("total", lang)
    return f"{indicator} · {name}" if SHORT_ID.match(indicator) else str(name)


def indicator_title(ds: Dataset, index: str, indicator: str, year: int, lang: str) -> str:
    if indicator == "total":
        return t("total", lang)
    return indicator_name(indicator, ds.indicator_info(index, indicator, year)[col("name", lang)], lang)


def indicator_label(ds: Dataset, index: str, indicator: str, year: int, lang: str) -> str:
    """An indicator as titles and menus name it (``indicator_title``)."""
    return indicator_title(ds, index, indicator, year, lang)


def region_name(ds: Dataset, region: str, lang: str) -> str:
    if not region:
        return ""
    r = ds.provinces.loc[ds.provinces["region"] == region, col("region_name", lang)]
    return str(r.iloc[0]) if len(r) else region


def break_text(index: str, year: int, lang: str) -> str:
    return t("method_break", lang, year=year, text=t(f"break_{index}_{year}", lang))


def breaks_within(index: str, years) -> list[int]:
    """Method breaks of ``index`` that fall inside the span of ``years`` (a line must not cross them)."""
    years = list(years)
    if not years:
        return []
    return [b for b in sorted(METHOD_BREAKS.get(index, ())) if min(years) < b <= max(years)]


def break_notes(index: str, years) -> tuple:
    """(index, year) pairs of the method breaks within ``years``; ``break_texts`` words them."""
    return tuple((index, y) for y in breaks_within(index, years))


def break_texts(index: str, years, lang: str) -> tuple[str, ...]:
    return tuple(break_text(index, y, lang) for y in breaks_within(index, years))


def uploaded_mask(df: pd.DataFrame) -> pd.Series:
    """True on rows holding a figure uploaded in this session (``origin`` == 'uploaded')."""
    if "origin" not in df:
        return pd.Series(False, index=df.index)
    return df["origin"].astype("string").fillna("").eq("uploaded")


def origin_mark(text: str, origin, lang: str) -> str:
    """A figure's text with the uploaded mark ("80,16 (tải lên)") when it is an uploaded figure."""
    return f"{text} ({t('uploaded', lang)})" if text and isinstance(origin, str) and origin == "uploaded" else text


def score_counts(sl: pd.DataFrame) -> tuple[int, int]:
    """(published, uploaded) provinces with a score in ``sl`` (uploaded figures never count as published)."""
    has = sl["value"].notna()
    up = uploaded_mask(sl) & has
    return int((has & ~up).sum()), int(up.sum())


def coverage_headline(sl: pd.DataFrame, lang: str, region: str = "") -> str:
    """"13 of 63 provinces have a published score …", or with uploads "13 published + 1 uploaded of 63
    provinces have a score …" (``region``: the region's name, for a region's provinces)."""
    n, k = score_counts(sl)
    if k:
        key = "coverage_region_up" if region else "coverage_up"
        return t(key, lang, n=n, k=k, total=len(sl), region=region)
    return t("mp_coverage_region" if region else "coverage", lang, n=n, total=len(sl), region=region)


def coverage_text(sl: pd.DataFrame, lang: str) -> str:
    r = int(sl["rank"].notna().sum())
    return f"**{coverage_headline(sl, lang)}** {t('coverage_rank', lang, n=r)}"


def source_titles(ds: Dataset, ids, limit: int = 5) -> str:
    """Titles of the sources for a download's metadata (visitor text of uploads kept as plain text)."""
    return "; ".join(ds.sources_for(ids)["title"].head(limit))


def source_caption(ds: Dataset, ids, lang: str, uploaded_ids=frozenset(), extra: str = "",
                   map_note: bool = False) -> tuple[str, str | None]:
    """(caption naming the publishers of the figures shown, notice quoting the analyst's source text if
    any figure came from this session's uploads, else None)."""
    src = ds.sources_for(ids)
    pubs = sorted({inert(p) for p in src["publisher"]})
    label = "; ".join(pubs[:4]) + (f" (+{len(pubs) - 4})" if len(pubs) > 4 else "")
    caption = t("map_caption" if map_note else "source_caption", lang, sources=label or "—") + (
        " " + extra if extra else "")
    mine = src[src["source_id"].isin(set(uploaded_ids))]
    notice = (t("uploaded_shown", lang, sources="; ".join(f"“{inert(x)}”" for x in mine["title"]))
              if len(mine) else None)
    return caption, notice
