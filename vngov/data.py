"""Loading the validated dataset and selecting from it (pure pandas; no Streamlit)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from vngov.catalog import INDEX_META, INDICES, METHOD_BREAKS, UNITS34_FROM, units_of
from vngov.geo import GEO_DIR
from vngov.i18n import col
from vngov.validate import bundled_files_unchanged, load_tables

ROOT = Path(__file__).resolve().parents[1]
# VNGOV_DATA_DIR: another copy of data/ (the tests start the app on damaged copies); GEO_DIR (VNGOV_GEO_DIR)
# is vngov.geo's
DATA_DIR = Path(os.environ.get("VNGOV_DATA_DIR") or ROOT / "data")
UNIT_SETS = ("63", "34")


def units34_table(provinces: pd.DataFrame, p34: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 34-unit provinces table in the columns of the 63 one (``new_code`` = its own code), with
    ``former_codes``. From data/provinces34.csv if given, else derived from the 63 table's new_code."""
    if p34 is None:
        rows = []
        for code, g in provinces.sort_values("province_code").groupby("new_code", sort=True):
            own = g[g["province_code"] == code]
            head = own.iloc[0] if len(own) else g.iloc[0]
            rows.append(dict(province_code=code, name_vi=g["new_name_vi"].iloc[0], name_en=g["new_name_en"].iloc[0],
                             region=head["region"], region_name_vi=head["region_name_vi"],
                             region_name_en=head["region_name_en"], former_codes=" ".join(g["province_code"]),
                             former_names_vi="; ".join(g["name_vi"]), former_names_en="; ".join(g["name_en"])))
        p34 = pd.DataFrame(rows)
    out = p34.copy()
    out["new_code"], out["new_name_vi"], out["new_name_en"] = out["province_code"], out["name_vi"], out["name_en"]
    return out.sort_values("province_code").reset_index(drop=True)


class _Memo:
    """A bounded (least recently used out) memo of a Dataset's selections, shared by the session threads.
    Frames are handed out as shallow copies: with pandas' copy-on-write a caller's change to its copy (a new
    column, a cell) never reaches the memo."""

    def __init__(self, maxsize: int):
        self.maxsize, self._d, self._lock = maxsize, OrderedDict(), threading.Lock()

    def get(self, key, compute):
        with self._lock:
            hit = key in self._d
            if hit:
                self._d.move_to_end(key)
                value = self._d[key]
        if not hit:
            value = compute()
            with self._lock:
                self._d[key] = value
                while len(self._d) > self.maxsize:
                    self._d.popitem(last=False)
        return value.copy(deep=False) if isinstance(value, pd.DataFrame) else value


_MEMO_LOCK = threading.Lock()
# per Dataset: a slice is ~15 KB (63 rows), a series ~150 KB (an index's years): a few MB each at most
MEMO_SIZES = {"slice": 192, "series": 32, "indicators": 128, "ranked_of": 2048}
MEMO_DEFAULT_SIZE = 64  # a selection of a view module (``Dataset.memo``): a component table is ~0.3 MB


@dataclass
class Dataset:
    scores: pd.DataFrame
    indicators: pd.DataFrame
    provinces: pd.DataFrame
    sources: pd.DataFrame
    national: pd.DataFrame
    # identifies the figures: "bundled", or a digest of the uploaded rows overlaid on them; results computed
    # from a Dataset may be cached under it (two sessions with different uploads never share a result)
    version: str = "bundled"
    # problems of a file the pages can do without (national.csv): shown as one notice, the rest works
    problems: tuple = ()
    # the unit set this Dataset reads province codes in ("63" to 2024, "34" from 2025; codes of the two
    # sets overlap, so a code is always read with its set); ``alt_provinces``: the other set's table
    units: str = "63"
    alt_provinces: pd.DataFrame | None = None

    def for_units(self, units: str) -> Dataset:
        """The same figures read in the other unit set (its provinces table, its rows): built once."""
        units = str(units)
        if units not in UNIT_SETS:
            raise ValueError(f"unknown unit set {units!r}")
        return self if units == self.units else self._other_units

    def for_year(self, year: int | None) -> Dataset:
        return self.for_units(units_of(year)) if year else self

    @cached_property
    def _other_units(self) -> Dataset:
        other = "34" if self.units == "63" else "63"
        alt = self.alt_provinces
        if alt is None:
            if self.units != "63":
                raise ValueError("no 63-province table")
            alt = units34_table(self.provinces)
        ds = replace(self, units=other, provinces=alt, alt_provinces=self.provinces)
        ds.__dict__["_other_units"] = self  # both directions give the same two objects
        return ds

    @cached_property
    def former(self) -> dict[str, list[str]]:
        """34-unit code -> the 63-unit codes it was formed from (Resolution 202/2025/QH15)."""
        p34 = self.provinces if self.units == "34" else self.for_units("34").provinces
        return {c: str(f).split() for c, f in zip(p34["province_code"], p34["former_codes"])}

    @cached_property
    def successor(self) -> dict[str, str]:
        """63-unit code -> the 34-unit code it became part of on 1 July 2025."""
        return {o: n for n, olds in self.former.items() for o in olds}

    # ---- indexes built once per Dataset (the bundled one lives for the whole process) ---------
    @cached_property
    def _groups(self) -> dict[tuple, pd.DataFrame]:
        """(index, year, indicator) -> the rows of this Dataset's unit set."""
        s = self.scores[self.scores["units"] == self.units]
        return {(i, int(y), ind): g for (i, y, ind), g in s.groupby(["index", "year", "indicator"], sort=False)}

    @cached_property
    def _present(self) -> dict[tuple, set]:
        out: dict[tuple, set] = {}  # both unit sets: a year has one set (units_of)
        keys = self.scores[["index", "year", "indicator"]].drop_duplicates()
        for (i, y, ind) in zip(keys["index"], keys["year"].astype(int), keys["indicator"]):
            out.setdefault((i, y), set()).add(ind)
        return out

    @cached_property
    def _series_groups(self) -> dict[tuple, pd.DataFrame]:
        """(index, indicator) -> all years of this Dataset's unit set (a series never crosses 63 -> 34)."""
        s = self.scores[self.scores["units"] == self.units]
        return {(i, ind): g for (i, ind), g in s.groupby(["index", "indicator"], sort=False)}

    @cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        p = self.provinces
        return {"vi": dict(zip(p["province_code"], p["name_vi"])), "en": dict(zip(p["province_code"], p["name_en"]))}

    @cached_property
    def _memo(self) -> dict[str, _Memo]:
        """Selections already made from this Dataset (its figures never change: an upload is another
        Dataset): the views ask for the same slices and series many times, and every view of an index
        shares its series."""
        return {k: _Memo(n) for k, n in MEMO_SIZES.items()}

    def memo(self, name: str, key: tuple, compute):
        """``compute()`` once per ``(name, key)`` for this Dataset: for a pure selection of this Dataset's
        figures by a view module (e.g. ``views.components.component_table``), which every page asking for it
        shares. Bounded like the others; a frame is handed out as a shallow copy (copy-on-write)."""
        memo = self._memo.get(name)
        if memo is None:
            with _MEMO_LOCK:
                memo = self._memo.setdefault(name, _Memo(MEMO_DEFAULT_SIZE))
        return memo.get(key, compute)

    @cached_property
    def totals(self) -> Dataset:
        """The same dataset restricted to the total scores (about 4 % of the rows), so that the many
        ``series``/``slice`` calls of the compare, across and meeting views stay fast. Built once per
        Dataset (no module-global cache shared by the session threads)."""
        return replace(self, scores=self.scores[self.scores["indicator"] == "total"].reset_index(drop=True))

    def _rows(self, index: str, year: int, indicator: str) -> pd.DataFrame:
        if units_of(year) != self.units:
            return self.for_units(units_of(year))._rows(index, year, indicator)
        g = self._groups.get((index, int(year), indicator))
        return g if g is not None else self.scores.iloc[0:0]

    # ---- catalogue --------------------------------------------------------------------------
    def years(self, index: str) -> list[int]:
        return sorted({y for (i, y) in self._present if i == index})

    def indicators_for(self, index: str, year: int) -> pd.DataFrame:
        """Indicator rows of that index valid in that year that have at least one figure, total first."""
        return self._memo["indicators"].get((index, int(year)), lambda: self._indicators_for(index, year))

    def _indicators_for(self, index: str, year: int) -> pd.DataFrame:
        ind = self.indicators
        ind = ind[(ind["index"] == index) & (ind["year_from"] <= year) & (ind["year_to"] >= year)]
        ind = ind[ind["indicator"].isin(self._present.get((index, int(year)), set()))]
        return ind.sort_values(["level", "indicator"], key=lambda c: c if c.name == "level" else
                               c.map(_indicator_sort_key)).reset_index(drop=True)

    def indicator_info(self, index: str, indicator: str, year: int | None = None) -> dict:
        ind = self.indicators
        rows = ind[(ind["index"] == index) & (ind["indicator"] == indicator)]
        if year is not None:
            in_era = rows[(rows["year_from"] <= year) & (rows["year_to"] >= year)]
            rows = in_era if len(in_era) else rows
        if rows.empty:
            raise KeyError(f"{index} has no indicator {indicator!r}")
        return rows.iloc[-1].to_dict()

    def province_name(self, code: str, lang: str = "vi") -> str:
        return self._names[_lang(lang)].get(code, code)

    def province_names(self, lang: str = "vi") -> dict[str, str]:
        return dict(self._names[_lang(lang)])

    def picker_names(self, lang: str = "vi") -> dict[str, str]:
        """Labels of a province picker: the name; for the 34 units also the former provinces' names in both
        languages where they differ (typing "Hà Giang" or "Ha Giang" finds the new Tuyên Quang)."""
        names = self.province_names(lang)
        if self.units != "34":
            return names
        p63 = self.for_units("63")
        out = {}
        for code, olds in self.former.items():
            if olds == [code] and p63.province_name(code, "vi") == self.province_name(code, "vi"):
                out[code] = names[code]
                continue
            parts = [p63.province_name(o, lang) for o in olds]
            other = [p63.province_name(o, "en" if _lang(lang) == "vi" else "vi") for o in olds]
            extra = [o for o in other if o not in parts]
            out[code] = f"{names[code]} ({', '.join(parts)}" + (f"; {', '.join(extra)})" if extra else ")")
        return out

    # ---- selections -------------------------------------------------------------------------
    def slice(self, index: str, year: int, indicator: str = "total", region: str | None = None) -> pd.DataFrame:
        """One row per province (all 63, or those of a region): value/rank NaN where none is published,
        with the previous year's value and rank when the method did not change in between. The provinces are
        those of the year's unit set (63 to 2024, 34 from 2025), whatever set this Dataset reads."""
        if units_of(year) != self.units:
            return self.for_units(units_of(year)).slice(index, year, indicator, region)
        return self._memo["slice"].get((index, int(year), indicator, region or ""),
                                       lambda: self._slice(index, year, indicator, region))

    def _slice(self, index: str, year: int, indicator: str, region: str | None) -> pd.DataFrame:
        cur = self._rows(index, year, indicator)
        prev_year = year - 1
        prev = self._rows(index, prev_year, indicator)
        if is_break(index, prev_year, year):
            prev = prev.iloc[0:0]
        prov = self.provinces
        if region:
            prov = prov[prov["region"] == region]
        out = prov[["province_code", "name_vi", "name_en", "region", "region_name_vi", "region_name_en",
                    "new_code", "new_name_vi", "new_name_en"]].merge(
            cur[["province_code", "value", "rank", "rank_computed", "source_id", "note"]
                + [c for c in ("rank_of", "origin") if c in cur]],
            on="province_code", how="left")
        out = out.merge(prev[["province_code", "value", "rank"]].rename(
            columns={"value": "prev_value", "rank": "prev_rank"}), on="province_code", how="left")
        if self.units == "34" and "rank_of" in out:  # ranks of the 34 units are out of 34 unless stated
            out["rank_of"] = out["rank_of"].astype("Float64").mask(out["rank"].notna() & out["rank_of"].isna(), 34)
        elif self.units == "34":
            out["rank_of"] = pd.Series(34, index=out.index, dtype="Float64").where(out["rank"].notna())
        out["change"] = out["value"] - out["prev_value"]
        out["rank_change"] = (out["prev_rank"] - out["rank"]).astype("Float64")  # + = moved up
        out["index"], out["year"], out["indicator"] = index, year, indicator
        return out

    def series(self, index: str, indicator: str = "total", codes: list[str] | None = None) -> pd.DataFrame:
        key = (index, indicator, None if codes is None else tuple(codes))
        return self._memo["series"].get(key, lambda: self._series(index, indicator, codes))

    def _series(self, index: str, indicator: str, codes: list[str] | None) -> pd.DataFrame:
        out = self._series_groups.get((index, indicator), self.scores.iloc[0:0])
        if codes is not None:
            out = out[out["province_code"].isin(codes)]
        out = out.merge(self.provinces[["province_code", "name_vi", "name_en", "region"]], on="province_code")
        out = out.sort_values(["province_code", "year"]).reset_index(drop=True)
        eras = {int(y): era_of(index, int(y)) for y in out["year"].unique()}
        out["era"] = out["year"].astype(int).map(eras)
        return out

    def ranked_of(self, index: str, year: int, indicator: str = "total") -> int | None:
        """How many units the ranking of that index/year/indicator covers (the N of "rank 12/N"): the
        published ``rank_of`` (63; the number assessed in PAPI's gap years; 42 for PCI 2005, 64 with Hà Tây
        for PCI 2006–2008), else the number of ranked rows; None without ranks."""
        return self._memo["ranked_of"].get((index, int(year), indicator),
                                           lambda: self._ranked_of(index, year, indicator))

    def _ranked_of(self, index: str, year: int, indicator: str) -> int | None:
        rows = self._rows(index, year, indicator)
        ranked = rows[rows["rank"].notna()]
        if ranked.empty:
            return None
        if "rank_of" in ranked and ranked["rank_of"].notna().any():
            return int(ranked["rank_of"].dropna().max())
        return len(ranked)

    def coverage(self, index: str, year: int, indicator: str = "total") -> dict:
        sl = self.slice(index, year, indicator)
        return dict(with_value=int(sl["value"].notna().sum()), with_rank=int(sl["rank"].notna().sum()),
                    total=len(sl))

    def coverage_table(self) -> pd.DataFrame:
        return self.memo("coverage_table", (), self._coverage_table)

    def _coverage_table(self) -> pd.DataFrame:
        t = self.scores[self.scores["indicator"] == "total"]
        g = t.groupby(["index", "year"]).agg(with_score=("value", "count"), with_rank=("rank", "count"))
        comp = self.scores[self.scores["indicator"] != "total"].groupby(["index", "year"])["province_code"].nunique()
        g["with_components"] = comp.reindex(g.index).fillna(0).astype(int)
        return g.reset_index()

    def sources_for(self, ids) -> pd.DataFrame:
        ids = {i for i in ids if isinstance(i, str) and i}
        return self.sources[self.sources["source_id"].isin(ids)]

    def national_stats(self, index: str, year: int) -> pd.DataFrame:
        n = self.national
        return n[(n["index"] == index) & (n["year"].astype(str) == str(year))]


def by_new_province(sl: pd.DataFrame, lang: str = "vi", fmt=None) -> pd.DataFrame:
    """Group a ``Dataset.slice`` frame by the province each old province became part of on 1 July 2025.

    One row per new province: its name, the former provinces with their published scores (or 'no data'),
    and how many of them have a score. No figure is combined: scores of merged provinces are not averaged.
    """
    name, new_name = col("name", lang), col("new_name", lang)
    fmt = fmt or (lambda v: f"{v:.2f}")
    d = sl.sort_values("province_code")
    # one string per old province, built column-wise (DataFrame.iterrows cost ~0.1-0.4 s per rerun here)
    d = d.assign(_part=[f"{n} ({fmt(v) if pd.notna(v) else '—'})" for n, v in zip(d[name], d["value"])])
    g = d.groupby(["new_code", new_name], sort=True)
    out = pd.DataFrame({"n_former": g.size(), "with_score": g["value"].count(),
                        "former_provinces": g["_part"].agg("; ".join)}).reset_index()
    out = out.rename(columns={new_name: "new_province"})
    return out[["new_code", "new_province", "n_former", "with_score", "former_provinces"]]


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def _indicator_sort_key(ind: str):
    return (0 if ind == "total" else 1, ind)


def era_of(index: str, year: int) -> int:
    """Era number: increases at each method break of the index and at the 2025 change of units (63 -> 34),
    which is a break like a method break."""
    return sum(1 for b in METHOD_BREAKS.get(index, {}) if year >= b) + (1 if year >= UNITS34_FROM else 0)


def is_break(index: str, year_a: int, year_b: int) -> bool:
    """True if a method break lies between two years (so their levels must not be joined by a line)."""
    return era_of(index, year_a) != era_of(index, year_b)


def load_dataset(data_dir: Path | None = None, full_check: bool | None = None) -> Dataset:
    """full_check None: the row-level checks run unless the files are the ones the build validated.
    data_dir None: ``DATA_DIR`` as it is now (VNGOV_DATA_DIR, or data/)."""
    data_dir = Path(data_dir or DATA_DIR)
    if full_check is None:
        full_check = not bundled_files_unchanged(data_dir)
    t = load_tables(data_dir, full_check=full_check)
    scores = t["scores.csv"]
    scores["origin"] = "bundled"
    return Dataset(scores=scores, indicators=extend_totals(t["indicators.csv"]), provinces=t["provinces.csv"],
                   sources=t["sources.csv"], national=t["national.csv"],
                   alt_provinces=units34_table(t["provinces.csv"], t.get("provinces34.csv")),
                   problems=tuple(t.get("problems", ())))


def extend_totals(ind: pd.DataFrame, to_year: int = 2030) -> pd.DataFrame:
    """The catalogue ends with the 2024 editions; each index's total score (its last era's name and scale)
    is also an indicator for the 34-unit editions from 2025, so that a published 2025 table can be loaded
    (an upload). Nothing else is assumed about the 2025 methods (components are not carried over)."""
    last = ind[ind["indicator"] == "total"].sort_values("year_to").groupby("index").tail(1)
    new = last[last["year_to"] == UNITS34_FROM - 1].copy()  # an index whose catalogue ends with 2024
    new["year_from"], new["year_to"] = UNITS34_FROM, to_year
    return pd.concat([ind, new], ignore_index=True)


__all__ = ["units_of", "UNITS34_FROM", "units34_table", "extend_totals", "Dataset", "load_dataset", "by_new_province", "is_break", "era_of", "INDICES", "INDEX_META", "DATA_DIR", "GEO_DIR"]
