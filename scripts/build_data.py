"""Build the bundled dataset in ``data/`` from the raw public sources in ``../shared/sources``.

Run:  python -m scripts.build_data [--shared PATH]

Writes data/scores.csv, data/indicators.csv, data/provinces.csv, data/sources.csv and
data/national.csv, then validates them with ``vngov.validate``. Every row is a published figure:
nothing is interpolated, estimated or filled. Where sources conflict the choice is made explicitly
in ``RESOLUTIONS`` below (and documented in data/README.md); an unresolved conflict stops the build.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vngov import catalog  # noqa: E402
from vngov.validate import validate_dataset, write_checksums  # noqa: E402

DATA = ROOT / "data"
SCORE_COLUMNS = [
    "index", "year", "province_code", "indicator", "value", "rank", "rank_computed",
    "source_id", "rank_source_id", "units", "note", "rank_of",
]
# Transcriptions of this project (data/transcribed/), one row per stated figure, all in one format.
HARVEST_FILES = ("harvest_issue6.csv", "pci_profiles_issue14.csv", "papi_ranks_issue14.csv",
                 "harvest_issue14.csv")

# --------------------------------------------------------------------------------------------
# Provinces
# --------------------------------------------------------------------------------------------
REGIONS = {
    "NMM": ("Trung du và miền núi phía Bắc", "Northern Midlands and Mountains",
            "02 04 06 08 10 11 12 14 15 17 19 20 24 25"),
    "RRD": ("Đồng bằng sông Hồng", "Red River Delta", "01 22 26 27 30 31 33 34 35 36 37"),
    "NCC": ("Bắc Trung Bộ và Duyên hải miền Trung", "North Central and Central Coast",
            "38 40 42 44 45 46 48 49 51 52 54 56 58 60"),
    "CH": ("Tây Nguyên", "Central Highlands", "62 64 66 67 68"),
    "SE": ("Đông Nam Bộ", "South East", "70 72 74 75 77 79"),
    "MRD": ("Đồng bằng sông Cửu Long", "Mekong River Delta",
            "80 82 83 84 86 87 89 91 92 93 94 95 96"),
}


def build_provinces(shared: Path) -> pd.DataFrame:
    attrs = pd.read_csv(shared / "sources/geo/derived/vn_provinces_63_attributes.csv", dtype=str)
    region_of = {c: r for r, (_, _, codes) in REGIONS.items() for c in codes.split()}
    out = pd.DataFrame({
        "province_code": attrs["gso_code"],
        "name_vi": attrs["name_vi"].replace({"Hồ Chí Minh": "TP Hồ Chí Minh"}),
        "name_en": attrs["name_ascii"].replace({"Ho Chi Minh": "Ho Chi Minh City"}),
        "unit_type": attrs["unit_type"].str.split(" ").str[0],
        "region": attrs["gso_code"].map(region_of),
        "new_code": attrs["new_code"],
        "new_name_vi": attrs["new_name_vi"].replace({"Hồ Chí Minh": "TP Hồ Chí Minh"}),
        "new_name_en": attrs["new_name_ascii"].replace({"Ho Chi Minh": "Ho Chi Minh City"}),
    })
    out["region_name_vi"] = out["region"].map({k: v[0] for k, v in REGIONS.items()})
    out["region_name_en"] = out["region"].map({k: v[1] for k, v in REGIONS.items()})
    assert len(out) == 63 and out["region"].notna().all(), "region table incomplete"
    return out.sort_values("province_code").reset_index(drop=True)


MAPPING_2025 = "sources/geo/mapping_2025/vn_province_mapping_63_to_34.csv"
SAPNHAP_2025 = "sources/geo/mapping_2025/sapnhap.bando.com.vn_province_2025-07-17.csv"
UNITS34_FROM = 2025  # Resolution 202/2025/QH15: 34 provincial units from 1 July 2025


def build_provinces34(shared: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    """The 34 provincial units of 1 July 2025 (Resolution 202/2025/QH15) from the shared 63 -> 34 mapping:
    code, names (VI/EN), region and the former (63-set) provinces it was formed from. The region is that of
    the former province whose code the new unit keeps (every new code is one of its former codes)."""
    m = pd.read_csv(shared / MAPPING_2025, dtype=str)
    assert len(m) == 63 and set(m["old_code"]) == set(provinces["province_code"]), "mapping: not the 63 codes"
    p63 = provinces.set_index("province_code")
    assert (p63.loc[m["old_code"], "new_code"].to_numpy() == m["new_code"].to_numpy()).all(), \
        "mapping disagrees with the 63-province attributes"
    rows = []
    for code, g in m.sort_values("old_code").groupby("new_code", sort=True):
        assert code in set(g["old_code"]), f"new code {code} is none of its former codes"
        former = list(g["old_code"])
        rows.append({
            "province_code": code,
            "name_vi": g["new_name_vi"].iloc[0].replace("Hồ Chí Minh", "TP Hồ Chí Minh"),
            "name_en": g["new_name_ascii"].iloc[0].replace("Ho Chi Minh", "Ho Chi Minh City"),
            "unit_type": "municipality" if g["new_name_vi_full"].iloc[0].startswith("Thành phố") else "province",
            "region": p63.at[code, "region"],
            "region_name_vi": p63.at[code, "region_name_vi"], "region_name_en": p63.at[code, "region_name_en"],
            "former_codes": " ".join(former),
            "former_names_vi": "; ".join(p63.loc[former, "name_vi"]),
            "former_names_en": "; ".join(p63.loc[former, "name_en"]),
        })
    out = pd.DataFrame(rows)
    sap = pd.read_csv(shared / SAPNHAP_2025, dtype=str)
    assert len(out) == 34 and len(sap) == 34 and out["province_code"].is_unique, "not 34 new units"
    assert sorted(c for f in out["former_codes"] for c in f.split()) == sorted(provinces["province_code"]), \
        "a former province is missing or in two new units"
    return out


def template34(p34: pd.DataFrame) -> pd.DataFrame:
    """The upload template for the 34 units: one row per unit with its code and name, units=34; the
    analyst fills index, year, indicator, value, rank and the source."""
    return pd.DataFrame({"index": "", "year": "", "province_code": p34["province_code"],
                         "province_name": p34["name_vi"], "indicator": "total", "value": "", "rank": "",
                         "source_id": "", "units": "34", "note": ""})


RESULTS_2025_COLUMNS = ["index", "year", "province_code", "indicator", "value", "rank", "rank_of", "url",
                        "title", "publisher", "date", "quote", "note"]


def results_2025(out: Path, p34: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Published results for the 34 units (data/transcribed/results_2025_*.csv: one figure a row with its
    page and quote), as score rows with units=34 and their web sources."""
    frames, srcs = [], []
    for f in sorted((out / "transcribed").glob("results_2025_*.csv")):
        d = pd.read_csv(f, dtype=str, keep_default_na=False)
        missing = [c for c in RESULTS_2025_COLUMNS if c not in d]
        assert not missing, f"{f.name}: missing columns {missing}"
        if d.empty:
            continue
        d["province_code"] = d["province_code"].str.zfill(2)
        bad = d[~d["province_code"].isin(set(p34["province_code"]))]
        assert bad.empty, f"{f.name}: not codes of the 34 units: {list(bad['province_code'])}"
        assert (d["quote"].str.strip() != "").all() and (d["url"].str.strip() != "").all(), \
            f"{f.name}: every figure needs its page and quote"
        assert (pd.to_numeric(d["year"]) >= UNITS34_FROM).all(), f"{f.name}: a 34-unit figure before 2025"
        srcs += [web_source_row(u, t_, p_, dt) for u, t_, p_, dt in zip(d["url"], d["title"], d["publisher"],
                                                                         d["date"])]
        frames.append(pd.DataFrame({
            "index": d["index"], "year": pd.to_numeric(d["year"]), "province_code": d["province_code"],
            "indicator": d["indicator"].replace("", "total"), "value": pd.to_numeric(d["value"]),
            "rank": pd.to_numeric(d["rank"]), "rank_of": pd.to_numeric(d["rank_of"]), "rank_computed": False,
            "source_id": [web_source_id(u) for u in d["url"]], "rank_source_id": "", "units": "34",
            "note": d["quote"].str.slice(0, 300)}))
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()), srcs


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", str(s)).replace("đ", "d").replace("Đ", "D")
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    return re.sub(r"[^a-z0-9]", "", s)


def name_index(provinces: pd.DataFrame) -> dict[str, str]:
    idx = {}
    for r in provinces.itertuples():
        for n in (r.name_vi, r.name_en):
            idx[_fold(n)] = r.province_code
    idx.update({_fold("TP. Hồ Chí Minh"): "79", _fold("Hồ Chí Minh"): "79", "tphcm": "79",
                "hochiminhcity": "79", "brvt": "77", "ttHue".lower(): "46"})
    return idx


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------
FIXED_SOURCES = [
    dict(source_id="papi_hnks", title="PAPI provincial sub-dimension scores 2011–2024 (papi.org.vn values, "
         "as collected in hnks-gh/ml-mcdm data/csv)",
         publisher="CECODES, VFF-CRT, RTA & UNDP Viet Nam (papi.org.vn)",
         url="https://github.com/hnks-gh/ml-mcdm/tree/d165721ef5b79e96a1f9daa013612eef57d31734/data/csv",
         licence="PAPI reports: all rights reserved, provincial score files published for free download; "
                 "repository MIT",
         note="Sub-dimension scores as published."),
    dict(source_id="papi_hnks_sum", title="PAPI dimension and aggregate scores 2011–2024: sums of the published "
         "sub-dimension (dimension) and dimension (aggregate) scores",
         publisher="CECODES, VFF-CRT, RTA & UNDP Viet Nam (papi.org.vn)",
         url="https://papi.org.vn",
         licence="as papi_hnks",
         note="PAPI defines the dimension score as the sum of its sub-dimensions and the unweighted aggregate "
              "as the sum of dimensions; the sums equal the official 2011–2016 workbook (max |diff| 2e-6) and "
              "the official totals 2019–2024 (shared/sources/papi/PROVENANCE.md §4)."),
    dict(source_id="papi_xlsx_2011_2016", title="PAPI 2011–2016 official-format time series (PAPI_2011-2016.xlsx)",
         publisher="CECODES, VFF-CRT, RTA & UNDP Viet Nam (papi.org.vn); collected in mdtrinh/vietnamdata",
         url="https://github.com/mdtrinh/vietnamdata/blob/be581b8d5b1f0c6a747199fe23d8a77e55396e17/data-raw/PAPI/"
             "PAPI_2011-2016.xlsx",
         licence="CC0 (repository)", note="Used to cross-check the 2011–2016 sums at build time."),
]


def web_source_id(url: str) -> str:
    return "web_" + hashlib.sha1(url.strip().encode()).hexdigest()[:10]


# Hosts that are bare addresses: the publisher's name, as the page itself states it.
PUBLISHER_NAMES = {
    "211.88.39.63": ("Economic and Commercial Office of the Consulate General of China in Ho Chi Minh City "
                     "(驻胡志明市总领馆经商处), reprinting Báo Đầu tư of 28/6/2021",
                     "越南公布2020年省级行政改革指数排名 (Viet Nam publishes the 2020 provincial PAR INDEX ranking)"),
}
_BARE_ADDRESS = re.compile(r"^\d{1,3}(\.\d{1,3}){3}(:\d+)?$")


def web_source_row(url: str, title: str = "", publisher: str = "", date: str = "", note: str = "") -> dict:
    host = urlparse(url).netloc.removeprefix("www.") or url
    named, named_title = PUBLISHER_NAMES.get(host, ("", ""))
    publisher = publisher or named or host
    title = title or named_title
    if _BARE_ADDRESS.match(publisher):
        raise ValueError(f"source {url}: the publisher is a bare address; add its name to PUBLISHER_NAMES")
    return dict(source_id=web_source_id(url), title=title or f"Page on {host}", publisher=publisher,
                url=url.strip(), licence="© the publisher; a short factual figure quoted with attribution",
                note=(f"published {date}. " if date else "") + note)


# --------------------------------------------------------------------------------------------
# PAPI
# --------------------------------------------------------------------------------------------
def build_papi(shared: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    base = shared / "sources/papi/hnks-gh__ml-mcdm/data"
    pcodes = pd.read_csv(base / "codebook/codebook_provinces.csv", dtype=str)
    names = name_index(provinces)
    pmap = {r.Variable_Code: names[_fold(r.Variable_Name)] for r in pcodes.itertuples()}
    # P-codes are the GSO order; check the name join agrees with that.
    assert list(pmap.values()) == sorted(provinces["province_code"]), "PAPI P-code join mismatch"
    rows = []
    for year in range(2011, 2025):
        df = pd.read_csv(base / f"csv/{year}.csv", dtype={"Province": str})
        df["province_code"] = df["Province"].map(pmap)
        long = df.drop(columns="Province").melt("province_code", var_name="col", value_name="value")
        long = long.dropna(subset=["value"])
        long["indicator"] = "D" + long["col"].str[2] + "." + long["col"].str[3]
        long["year"] = year
        rows.append(long[["year", "province_code", "indicator", "value"]])
    sub = pd.concat(rows, ignore_index=True)
    sub["source_id"] = "papi_hnks"
    # dimension = sum of its sub-dimensions, only where every sub-dimension of that year is present
    expected = catalog.papi_subdims_by_year()
    dims = []
    for (year, code, dim), g in sub.assign(dim=sub["indicator"].str[:2]).groupby(["year", "province_code", "dim"]):
        want = expected[year].get(dim)
        if want is None:
            raise ValueError(f"PAPI {year}: unexpected dimension {dim}")
        if set(g["indicator"]) == set(want):
            dims.append((year, code, dim, float(g["value"].sum())))
        elif set(g["indicator"]) - set(want):
            raise ValueError(f"PAPI {year} {code}: sub-dimensions {set(g['indicator'])} not in {want}")
    dim = pd.DataFrame(dims, columns=["year", "province_code", "indicator", "value"])
    dim["source_id"] = "papi_hnks_sum"
    totals = []
    for (year, code), g in dim.groupby(["year", "province_code"]):
        if len(g) == len(expected[year]):
            totals.append((year, code, "total", float(g["value"].sum())))
    tot = pd.DataFrame(totals, columns=["year", "province_code", "indicator", "value"])
    tot["source_id"] = "papi_hnks_sum"
    out = pd.concat([sub, dim, tot], ignore_index=True)
    out["index"] = "PAPI"
    _check_papi_against_xlsx(shared, out)
    return out


def _check_papi_against_xlsx(shared: Path, papi: pd.DataFrame) -> None:
    """The 2011–2016 official workbook gives dimension and total scores directly: ours must equal them."""
    xlsx = shared / "sources/papi/mdtrinh__vietnamdata/data-raw/PAPI/PAPI_2011-2016.xlsx"
    for year in range(2011, 2017):
        x = pd.read_excel(xlsx, sheet_name=f"{year}_PAPI", header=0, skiprows=[1])
        x = x[pd.to_numeric(x["tinhid"], errors="coerce").between(1, 96)]
        tot_col = [c for c in x.columns if "weighted" in str(c).lower()][0]
        ours = papi[(papi.year == year) & (papi.indicator == "total")].set_index("province_code")["value"]
        for r in x.itertuples():
            code = f"{int(getattr(r, 'tinhid')):02d}"
            official = getattr(r, tot_col.replace(" ", "_")) if False else x.loc[r.Index, tot_col]
            if official == 0 or pd.isna(official):
                assert code not in ours.index, f"PAPI {year} {code}: official gap but we have a total"
                continue
            assert abs(ours[code] - official) < 1e-4, f"PAPI {year} {code}: {ours[code]} != {official}"


# --------------------------------------------------------------------------------------------
# PAR INDEX and SIPAS: transcribed facts
# --------------------------------------------------------------------------------------------
# Explicit choices between conflicting published figures: (index, year, code, indicator, field) ->
# (chosen, note). chosen None = the sources cannot be reconciled, so the figure is left out. The note is
# written into the figure's `note` column as "[resolved] <note>" (so the app can show it beside the figure)
# and the table in data/README.md repeats it. A rank that contradicts the scores of the same
# index/year/indicator stops the build unless one of the two figures involved has an entry here.
RESOLUTIONS: dict[tuple, tuple[float | None, str]] = {
    ("PAR_INDEX", 2018, "22", "total", "value"): (
        89.06, "sources differ: 89.6 (VietnamPlus EN) / 89.06; 2019 = 90.09 '+1.03' gives 89.06"),
    ("PAR_INDEX", 2023, "31", "total", "value"): (
        91.87, "sources differ: 91.81 / 91.87 (VGP, VNA); 2024 = 96.17 '+4.30' gives 91.87"),
    ("PAR_INDEX", 2021, "14", "total", "value"): (
        87.62, "sources differ: 87.62 (baosonla, the provincial paper) / 87.61 (susta.vn)"),
    ("PAR_INDEX", 2023, "17", "total", "value"): (
        86.76, "sources differ: 86.89 / 86.76 (two baohoabinh pages; 2024 = 88.18 '+1.42' gives 86.76)"),
    ("PAR_INDEX", 2023, "80", "total", "rank"): (
        None, "rank left out: 7 (kinhtedothi) / 8 (viet-jo order list) cannot be reconciled"),
    ("PAR_INDEX", 2023, "96", "total", "rank"): (
        34, "sources differ: rank 32 (kinhtedothi, vrviet) / 34 (baocamau title and text, same score 86.89); "
            "34 kept: 32 would put 86.89 above TP Hồ Chí Minh's 86.97 (33rd), 34 fits between it and "
            "Hòa Bình's 86.76 (35th)"),
    ("PCI", 2021, "42", "total", "value"): (
        64.87, "sources differ: 64.87 (baohatinh, VCCI province page) / 62.87 (nguoinghe); same rank 27"),
    ("PCI", 2023, "40", "total", "value"): (
        65.72, "sources differ: 65.72 (baonghean) / 65.71 (a Japanese reprint)"),
    ("SIPAS", 2019, "74", "total", "value"): (
        88.02, "sources differ: 88.02 (baobinhduong, with the rank) / 88.2 (binhduong.gov.vn EN, a dropped digit)"),
    ("SIPAS", 2024, "31", "total", "value"): (
        91.10, "sources differ: 90.59 / 91.10 (kinhtemoitruong); ranked 1st, and the national maximum was "
               "91.10 (baovinhlong)"),
    ("SIPAS", 2021, "14", "total", "value"): (
        90.13, "sources differ: 90.13 (baosonla, at publication) / 90.30 (susta.vn, a 2023 retrospective)"),
    ("SIPAS", 2023, "31", "total", "value"): (
        None, "score left out: 88.09 (doanhnghiephoinhap EN) contradicts the rank 5 stated with it, above "
              "Lào Cai 88.76 (6th); the order Hải Phòng 5th, Lào Cai 6th is stated by two other pages "
              "(viet-jo, laodongthudo); the 2024 page's '+1.69' from 90.59 points to 88.90"),
    ("PAPI", 2021, "14", "total", "rank"): (
        None, "a page states rank 53 ('từ vị trí 53 lên 46', susta.vn, 2022), which contradicts the published "
              "scores: Sơn La's 40.14 is above Đắk Nông (40.04), Sóc Trăng (40.04) and Kon Tum (39.95); the rank "
              "computed among the 60 assessed provinces is kept"),
    ("SIPAS", 2021, "48", "total", "rank"): (
        None, "rank left out: 38, read from '(hạng 38)' in a 2022 article without a score, is the rank "
              "Bà Rịa - Vũng Tàu's own paper states with its score 86.72 (38/63); a shared rank needs equal "
              "scores, which no source gives"),
}
RESOLVED_MARK = "[resolved]"  # starts the note of a figure whose sources conflict (see RESOLUTIONS)

# Facts excluded outright, with the reason (documented in data/README.md).
EXCLUDE = {
    ("SIPAS", 2018, "48"): "the page does not name SIPAS (satisfaction with administrative services, "
                           "reported beside PAR INDEX 2018); ambiguous",
}

PAR_COMPONENTS = [  # (id, substrings of the folded printed name), first match wins: order matters
    ("F_IMPACT", ["tacdongcuacaicachhanhchinh", "tacdongcuacchc"]),
    ("B_SIPAS", ["sipas", "hailong"]),
    ("B_SOCIOECON", ["phattrienkinhte", "ktxh", "chitieuphattrien", "phattrienkt"]),
    ("B_LEADERS", ["lanhdao"]),
    ("B_APPRAISAL", ["thamdinh"]),
    ("B_SURVEY", ["dieutraxahoihoc", "danhgiatacdong"]),
    ("F_DIRECTION", ["chidao"]),
    ("F_INSTITUTIONS", ["theche", "vanbanquypham", "vbqppl"]),
    ("F_PROCEDURES", ["thutuchanhchinh"]),
    ("F_ORGANISATION", ["tochucbomay"]),
    ("F_CIVIL_SERVICE", ["congvu", "doingu", "cbccvc"]),
    ("F_PUBLIC_FINANCE", ["taichinhcong"]),
    ("F_EGOV", ["hiendaihoa", "dientu", "chinhquyenso", "cqdt", "cqso"]),
]


def par_component_id(printed: str) -> str | None:
    key = _fold(re.sub(r"\(.*?\)", "", printed))
    for cid, parts in PAR_COMPONENTS:
        if any(p in key for p in parts):
            return cid
    return None


_COMP_RE = re.compile(r"^(?P<name>[^=]+)=\s*(?P<val>[0-9.]+)?\s*(?P<pct>%)?\s*(?:/\s*(?P<max>[0-9.]+))?\s*"
                      r"(?:\(rank (?P<rank>\d+)\))?\s*$")


def parse_components(index: str, text: str) -> tuple[list[dict], list[str]]:
    """Parse 'name=value[/max] (rank N); …' into component facts. Returns (facts, skipped-notes)."""
    facts, skipped = [], []
    for part in [p.strip() for p in str(text).split(";") if p.strip()]:
        if part.startswith("rank_"):  # Lào Cai 2017 style: rank_<area>=N
            name, _, val = part.partition("=")
            cid = {"rank_xaydung_vbqppl": "F_INSTITUTIONS", "rank_taichinhcong": "F_PUBLIC_FINANCE"}.get(name)
            if cid:
                facts.append(dict(indicator=cid, value=math.nan, rank=int(val)))
            else:
                skipped.append(f"{part} (area uncertain in source)")
            continue
        m = _COMP_RE.match(part.replace("(rank", " (rank").replace("  ", " "))
        cid = par_component_id(part.split("=")[0]) if index == "PAR_INDEX" else None
        if not m or cid is None:
            skipped.append(part)
            continue
        if m["pct"]:
            skipped.append(f"{part} (printed as % of the area's maximum, not as points)")
            continue
        if cid == "F_IMPACT" and m["max"] and float(m["max"]) <= 8:  # the socio-economic block (max 6.5)
            cid = "B_SOCIOECON"
        facts.append(dict(indicator=cid, value=float(m["val"]) if m["val"] else math.nan,
                          rank=int(m["rank"]) if m["rank"] else None))
    return facts, skipped


def _split_alternatives(s) -> list[float]:
    if s is None or (isinstance(s, float) and math.isnan(s)) or str(s).strip() == "":
        return []
    return [float(x) for x in str(s).split("|")]


def transcribed_facts(shared: Path, provinces: pd.DataFrame) -> tuple[pd.DataFrame, list[dict], list[str]]:
    """All PAR INDEX / SIPAS facts from shared transcriptions, one row per (source row, indicator)."""
    names = name_index(provinces)
    facts, sources, skipped = [], [], []
    for folder, index in (("par_index", "PAR_INDEX"), ("sipas", "SIPAS")):
        files = sorted((shared / "sources" / folder).glob("transcribed_20*.csv"))
        files.append(shared / "sources" / folder / "harvest_by_province.csv")
        for f in files:
            df = pd.read_csv(f, dtype=str, keep_default_na=False)
            for i, r in df.iterrows():
                code = f"{int(r['gso_code']):02d}" if r["gso_code"] else names[_fold(r["province"])]
                year = int(r["year"])
                if (index, year, code) in EXCLUDE:
                    skipped.append(f"{f.name} row {i + 2}: {r['province']} {year}: {EXCLUDE[(index, year, code)]}")
                    continue
                url = r["source_url"].strip()
                sources.append(web_source_row(url, note=f"quoted: {r['quote_or_note'][:300]}"))
                base = dict(index=index, year=year, province_code=code, source_id=web_source_id(url),
                            note=r["flag"].strip(), file=f"{f.name}:{i + 2}")
                vals = _split_alternatives(r["score"])
                rank = [int(x) for x in r["rank"].split("|")] if r["rank"] else []
                facts.append(dict(base, indicator="total", values=vals, ranks=rank))
                if r["components"]:
                    comps, sk = parse_components(index, r["components"])
                    skipped += [f"{f.name} row {i + 2} {r['province']} {year}: {s}" for s in sk]
                    for c in comps:
                        facts.append(dict(base, indicator=c["indicator"],
                                          values=[] if math.isnan(c["value"]) else [c["value"]],
                                          ranks=[c["rank"]] if c["rank"] else []))
    return pd.DataFrame(facts), sources, skipped


def harvest_facts(path: Path, provinces: pd.DataFrame) -> tuple[pd.DataFrame, list[dict], list[str]]:
    """Facts from data/transcribed/harvest_issue6.csv (one row per stated figure)."""
    if not path.exists():
        return pd.DataFrame(), [], []
    names = name_index(provinces)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    facts, sources, skipped = [], [], []
    for i, r in df.iterrows():
        where = f"{path.name} row {i + 2}"
        code = r["gso_code"].strip().zfill(2) if r["gso_code"].strip() else names.get(_fold(r["province"]))
        if code not in set(provinces["province_code"]):
            skipped.append(f"{where}: unknown province {r['province']!r}")
            continue
        printed = r["indicator_as_printed"].strip()
        if printed.lower() == "total":
            indicator = "total"
        elif r["index"] == "PAR_INDEX":
            indicator = par_component_id(printed)
            vmax = pd.to_numeric(r.get("value_max", ""), errors="coerce")
            if indicator == "F_IMPACT" and pd.notna(vmax) and vmax <= 8:
                indicator = "B_SOCIOECON"
        elif r["index"] == "PCI":
            indicator = catalog.pci_component_id(printed)
        else:
            indicator = None
        if indicator is None:
            skipped.append(f"{where}: component {printed!r} not mapped to an indicator")
            continue
        unit = r.get("value_unit", "").strip()
        if indicator != "total" and "%" in unit and r["index"] == "PAR_INDEX":
            skipped.append(f"{where}: component {printed!r} printed as % of its maximum")
            continue
        url = r["source_url"].strip()
        sources.append(web_source_row(url, r.get("source_title", ""), r.get("publisher", ""),
                                      r.get("published_date", ""), f"quoted: {r['quote'][:300]}"))
        vals = _split_alternatives(r["value"].replace(",", ".")) if r["value"].strip() else []
        ranks = [int(float(x)) for x in r["rank"].split("|")] if r["rank"].strip() else []
        facts.append(dict(index=r["index"], year=int(r["year"]), province_code=code, indicator=indicator,
                          values=vals, ranks=ranks, source_id=web_source_id(url), note=r["flag"].strip(),
                          file=where))
    return pd.DataFrame(facts), sources, skipped


def merge_facts(facts: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One row per (index, year, province, indicator); conflicts resolved only through RESOLUTIONS."""
    out, conflicts = [], []
    for key, g in facts.groupby(["index", "year", "province_code", "indicator"], sort=True):
        row = dict(zip(["index", "year", "province_code", "indicator"], key))
        notes = sorted({n for n in g["note"] if n})
        resolved: list[str] = []
        for field, col in (("value", "values"), ("rank", "ranks")):
            cands = [(v, s) for vs, s in zip(g[col], g["source_id"]) for v in vs]
            distinct = sorted({round(v, 4) for v, _ in cands})
            rkey = key + (field,)
            if rkey in RESOLUTIONS:
                chosen, why = RESOLUTIONS[rkey]
                conflicts.append(f"{rkey}: candidates {distinct} -> {chosen} ({why})")
                resolved.append(f"{RESOLVED_MARK} {why}")
            elif len(distinct) > 1:  # left out until a human decides (listed as UNRESOLVED in the report)
                chosen = None
                conflicts.append(f"UNRESOLVED {rkey}: candidates {distinct} from {list(g['file'])} -> left out")
            else:
                chosen = distinct[0] if distinct else None
            src = next((s for v, s in cands if chosen is not None and abs(v - chosen) < 1e-6), "")
            row[field] = chosen
            row[f"{field}_src"] = src
        if row["value"] is None and row["rank"] is None and not resolved:
            continue
        row["source_id"] = row["value_src"] or row["rank_src"]
        row["rank_source_id"] = row["rank_src"] if row["rank_src"] and row["rank_src"] != row["source_id"] else ""
        row["note"] = " | ".join(resolved + notes)
        out.append(row)
    df = pd.DataFrame(out).drop(columns=["value_src", "rank_src"])
    return df, conflicts


def national_stats(shared: Path, extra: Path) -> tuple[pd.DataFrame, list[dict]]:
    rows, sources = [], []
    for folder, index in (("par_index", "PAR_INDEX"), ("sipas", "SIPAS")):
        df = pd.read_csv(shared / "sources" / folder / "transcribed_national_stats.csv", dtype=str,
                         keep_default_na=False)
        for r in df.itertuples():
            url = r.source_url.strip()
            sources.append(web_source_row(url, note=f"quoted: {r.quote_or_note[:300]}"))
            stat = {"mean_63": "mean"}.get(r.stat, r.stat)
            rows.append(dict(index=index, year=int(r.year), stat=stat, region="", value=r.value,
                             source_id=web_source_id(url), note=r.quote_or_note))
    if extra.exists():
        df = pd.read_csv(extra, dtype=str, keep_default_na=False)
        for r in df.itertuples():
            url = r.source_url.strip()
            sources.append(web_source_row(url, getattr(r, "source_title", ""), note=f"quoted: {r.quote[:300]}"))
            rows.append(dict(index=r.index, year=int(r.year), stat=r.stat, region=r.region, value=r.value,
                             source_id=web_source_id(url), note=(r.quote + (" | " + r.flag if r.flag else ""))))
    return pd.DataFrame(rows), sources


# --------------------------------------------------------------------------------------------
# Ranks, assembly
# --------------------------------------------------------------------------------------------
def add_computed_ranks(df: pd.DataFrame) -> pd.DataFrame:
    """Rank (1 = best, ties share the min rank) the provinces with a value in each index/year/indicator
    group: all 63 in a complete year, the assessed ones in a year with official gaps (PAPI 2014, 2018,
    2021–2024: "x/61"). ``rank_of`` = how many were ranked. A province without a value gets no rank."""
    df = df.copy()
    df["rank_computed"] = False
    df["rank_of"] = pd.NA
    for key, g in df.groupby(["index", "year", "indicator"]):
        if g["rank"].notna().any():
            continue
        g = g[g["value"].notna()]
        if g.empty:
            continue
        df.loc[g.index, "rank"] = g["value"].rank(ascending=False, method="min").astype(int)
        df.loc[g.index, "rank_computed"] = True
        df.loc[g.index, "rank_of"] = len(g)
    return df


def apply_published_ranks(papi: pd.DataFrame, facts: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """PAPI ranks stated on pages replace the computed rank of the same figure (flag cleared, page as the
    rank's source). A stated rank that differs from the computed one is kept as stated and reported (the
    rank-order check then stops the build unless RESOLUTIONS documents it)."""
    papi = papi.copy()
    for c in ("rank_source_id", "note"):
        papi[c] = papi[c].fillna("") if c in papi else ""
    report = []
    at = {k: i for i, k in enumerate(zip(papi["year"], papi["province_code"], papi["indicator"]))}
    for r in facts.itertuples():
        i = at.get((r.year, r.province_code, r.indicator))
        if i is not None and pd.isna(r.rank) and r.note:  # a stated rank left out: its note stays on the figure
            idx = papi.index[i]
            papi.at[idx, "note"] = r.note
            report.append(f"PAPI {r.year} {r.province_code} {r.indicator}: stated rank left out "
                          f"(RESOLUTIONS), computed {papi.at[idx, 'rank']} of {papi.at[idx, 'rank_of']} kept")
            continue
        if i is None or pd.isna(r.rank):
            report.append(f"PAPI {r.year} {r.province_code} {r.indicator}: stated rank {r.rank} but no "
                          "published score (not assessed): not loaded")
            continue
        idx = papi.index[i]
        computed = papi.at[idx, "rank"]
        report.append(f"PAPI {r.year} {r.province_code} {r.indicator}: stated rank {int(r.rank)}, computed "
                      f"{computed} of {papi.at[idx, 'rank_of']} ({'same' if computed == r.rank else 'DIFFERENT'})")
        papi.at[idx, "rank"] = int(r.rank)
        papi.at[idx, "rank_computed"] = False
        papi.at[idx, "rank_source_id"] = r.rank_source_id or r.source_id
        papi.at[idx, "note"] = (f"rank stated by the page; the same as the rank among the "
                                f"{papi.at[idx, 'rank_of']} assessed" if computed == r.rank else
                                f"rank as stated by the page (among the {papi.at[idx, 'rank_of']} assessed "
                                f"it computes as {computed})") + (f" | {r.note}" if r.note else "")
    return papi, report


def _decimals(v: float) -> int:
    s = f"{v:.6f}".rstrip("0")
    return len(s.split(".")[1]) if "." in s else 0


def rank_contradictions(scores: pd.DataFrame) -> list[dict]:
    """Pairs of figures of the same index/year/indicator/unit set whose ranks contradict their scores:
    a higher score ranked below a lower one (beyond the rounding of the printed figures), or two
    provinces sharing a rank without a score that shows them equal. Higher is better in all four indices."""
    out = []
    s = scores[scores["rank"].notna()]
    for key, g in s.groupby(["index", "year", "indicator", "units"]):
        rows = list(g[["province_code", "value", "rank"]].itertuples(index=False))
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                tol = 0.5 * 10 ** -_decimals(a.value) + 0.5 * 10 ** -_decimals(b.value) \
                    if pd.notna(a.value) and pd.notna(b.value) else 0
                why = None
                if a.rank == b.rank:
                    if pd.isna(a.value) or pd.isna(b.value) or abs(a.value - b.value) > tol:
                        why = "share a rank"
                elif pd.notna(a.value) and pd.notna(b.value):
                    hi, lo = (a, b) if a.value > b.value else (b, a)
                    if hi.value - lo.value > tol and hi.rank > lo.rank:
                        why = "higher score ranked lower"
                if why:
                    out.append(dict(index=key[0], year=int(key[1]), indicator=key[2], why=why,
                                    a=(a.province_code, a.value, int(a.rank)),
                                    b=(b.province_code, b.value, int(b.rank))))
    return out


def check_rank_order(scores: pd.DataFrame, resolutions: dict = RESOLUTIONS) -> list[str]:
    """Every rank contradiction must be documented in RESOLUTIONS (an entry for either figure);
    raises ValueError listing the undocumented ones. Returns the documented ones for the report."""
    documented, bad = [], []
    for c in rank_contradictions(scores):
        keys = [(c["index"], c["year"], code, c["indicator"], f) for code in (c["a"][0], c["b"][0])
                for f in ("rank", "value")]
        line = (f"{c['index']} {c['year']} {c['indicator']}: {c['why']}: {c['a'][0]} {c['a'][1]} "
                f"(rank {c['a'][2]}) / {c['b'][0]} {c['b'][1]} (rank {c['b'][2]})")
        (documented if any(k in resolutions for k in keys) else bad).append(line)
    if bad:
        raise ValueError("ranks contradict the scores (resolve from the sources and document in RESOLUTIONS):\n"
                         + "\n".join(bad))
    return documented


def ranked_units(index: str, year: int) -> int:
    """How many units a published rank is out of: 63, except PCI 2005 (42 provinces) and 2006–2008 (64
    units: Hà Tây was still ranked; the bundled ranks of those years count it)."""
    if index == "PCI" and year == 2005:
        return 42
    if index == "PCI" and year <= 2008:
        return 64
    return 34 if year >= UNITS34_FROM else 63


def pci_indicator_eras(pci_ind: pd.DataFrame, last_year: int = 2024) -> pd.DataFrame:
    """The PCI parser gives a compact ``years`` string; the catalogue wants one row per era.
    Sub-indices published in 2021–2022 (and the total) stay defined up to ``last_year`` so that web
    figures for later editions can be loaded; only published figures ever fill them."""
    rows = []
    for r in pci_ind.to_dict("records"):
        spans = [tuple(int(x) for x in (part.split("-") * 2)[:2]) for part in str(r.pop("years")).split(";")]
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        if last >= 2019:
            last = last_year
        rows.append(dict(r, year_from=first, year_to=last))
    return pd.DataFrame(rows)


def build(shared: Path, out: Path = DATA, use_harvest: bool = True) -> dict:
    provinces = build_provinces(shared)
    papi = build_papi(shared, provinces)
    papi["rank"] = pd.NA
    papi = add_computed_ranks(papi)

    facts, web_sources, skipped = transcribed_facts(shared, provinces)
    hfacts, hsources, hskipped = [], [], []
    for name in HARVEST_FILES if use_harvest else ():
        f, s_, k = harvest_facts(out / "transcribed" / name, provinces)
        hfacts.append(f), hsources.extend(s_), hskipped.extend(k)
    all_facts = pd.concat([facts] + hfacts, ignore_index=True)
    merged, conflicts = merge_facts(all_facts)
    merged["rank_computed"] = False
    papi, papi_rank_report = apply_published_ranks(papi, merged[merged["index"] == "PAPI"])
    merged = merged[(merged["index"] != "PAPI") & (merged["value"].notna() | merged["rank"].notna())]

    from scripts.pci_source import load_pci  # noqa: E402  (separate module: workbook parsing)
    pci, pci_ind, pci_src = load_pci(shared)
    pci_web = merged[merged["index"] == "PCI"]
    if len(pci_web):  # web figures only where the bulk files have nothing for that province-year-indicator
        have = set(zip(pci["year"], pci["province_code"], pci["indicator"]))
        pci_web = pci_web[[k not in have for k in zip(pci_web["year"], pci_web["province_code"],
                                                      pci_web["indicator"])]]
    merged = pd.concat([merged[merged["index"] != "PCI"], pci_web], ignore_index=True)

    scores = pd.concat([papi, merged, pci], ignore_index=True)
    scores["units"] = "63"
    provinces34 = build_provinces34(shared, provinces)
    r2025, r2025_sources = results_2025(out, provinces34) if use_harvest else (pd.DataFrame(), [])
    if len(r2025):
        scores = pd.concat([scores, r2025], ignore_index=True)
    # how many units each rank is out of ("x/61"): counted for computed PAPI ranks, else the published scale
    published = scores["rank"].notna() & scores["rank_of"].isna() if "rank_of" in scores else scores["rank"].notna()
    if "rank_of" not in scores:
        scores["rank_of"] = pd.NA
    scores.loc[published, "rank_of"] = [ranked_units(i, int(y)) for i, y in
                                        zip(scores.loc[published, "index"], scores.loc[published, "year"])]
    for c in SCORE_COLUMNS:
        if c not in scores:
            scores[c] = ""
    scores = scores[SCORE_COLUMNS]
    scores["rank"] = pd.to_numeric(scores["rank"]).astype("Int64")
    scores["rank_of"] = pd.to_numeric(scores["rank_of"]).astype("Int64")
    rank_report = check_rank_order(scores)
    scores["value"] = pd.to_numeric(scores["value"]).round(6)
    scores["note"] = scores["note"].fillna("")
    scores["rank_source_id"] = scores["rank_source_id"].fillna("")
    scores = scores.sort_values(["index", "year", "indicator", "province_code"]).reset_index(drop=True)

    nat, nat_sources = national_stats(shared, out / "transcribed/national_stats_issue6.csv" if use_harvest
                                      else Path("/nonexistent"))
    sources = pd.DataFrame(FIXED_SOURCES + web_sources + hsources + nat_sources + r2025_sources)
    sources = pd.concat([sources, pci_src], ignore_index=True)
    sources = sources.drop_duplicates("source_id", keep="first")
    used = set(scores["source_id"]) | set(scores["rank_source_id"]) | set(nat["source_id"]) | {"papi_xlsx_2011_2016"}
    sources = sources[sources["source_id"].isin(used)].sort_values("source_id")

    indicators = pd.concat([catalog.indicator_table(), pci_indicator_eras(pci_ind)], ignore_index=True)
    indicators = indicators.drop_duplicates(["index", "indicator", "year_from"], keep="first")

    out.mkdir(parents=True, exist_ok=True)
    scores.to_csv(out / "scores.csv", index=False, float_format="%.10g")
    indicators.to_csv(out / "indicators.csv", index=False)
    provinces.to_csv(out / "provinces.csv", index=False)
    provinces34.to_csv(out / "provinces34.csv", index=False)
    template34(provinces34).to_csv(out / "template_scores34.csv", index=False)
    sources.to_csv(out / "sources.csv", index=False)
    nat.to_csv(out / "national.csv", index=False)
    report = dict(conflicts=conflicts, skipped=skipped + hskipped, rank_order=rank_report,
                  papi_ranks=papi_rank_report)
    (out / "build_report.txt").write_text(
        "Conflicts resolved (see RESOLUTIONS in scripts/build_data.py):\n" + "\n".join(conflicts)
        + "\n\nRank contradictions documented in RESOLUTIONS (any other stops the build):\n"
        + ("\n".join(rank_report) or "none")
        + "\n\nPAPI ranks stated on pages (computed among the assessed provinces otherwise):\n"
        + "\n".join(papi_rank_report)
        + "\n\nTranscribed items not loaded, with the reason:\n" + "\n".join(report["skipped"]) + "\n",
        encoding="utf-8")
    tables = validate_dataset(out)
    write_checksums(out)  # the app skips the row-level checks on load while the files are unchanged
    write_coverage(out, tables["scores.csv"])
    return report


COV_START, COV_END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def coverage_markdown(scores: pd.DataFrame) -> str:
    """index × year: provinces with a total score, with a rank, with any component figure."""
    s = scores[scores["units"] == "63"]
    tot = s[s["indicator"] == "total"]
    g = tot.groupby(["index", "year"]).agg(score=("value", "count"), rank=("rank", "count"))
    comp = s[s["indicator"] != "total"].groupby(["index", "year"])["province_code"].nunique()
    g["components"] = comp.reindex(g.index).fillna(0).astype(int)
    lines = ["| index | year | provinces with score | with rank | with components |", "|---|---|---|---|---|"]
    for (index, year), r in g.iterrows():
        lines.append(f"| {index} | {year} | {r['score']} | {r['rank']} | {r['components']} |")
    totals = tot.groupby("index")["value"].count()
    years = tot.groupby("index")["year"].agg(["min", "max"])
    lines.append("")
    for index in totals.index:
        n_years = years.loc[index, "max"] - years.loc[index, "min"] + 1
        lines.append(f"- {index}: {totals[index]} province-years with a score out of {n_years * 63} "
                     f"({100 * totals[index] / (n_years * 63):.0f}%), {years.loc[index, 'min']}–{years.loc[index, 'max']}")
    return "\n".join(lines)


def write_coverage(out: Path, scores: pd.DataFrame) -> None:
    readme = out / "README.md"
    if not readme.exists():
        return
    text = readme.read_text(encoding="utf-8")
    if COV_START not in text:
        return
    head, rest = text.split(COV_START, 1)
    _, tail = rest.split(COV_END, 1)
    readme.write_text(head + COV_START + "\n" + coverage_markdown(scores) + "\n" + COV_END + tail, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--no-harvest", action="store_true", help="leave out data/transcribed/*_issue6.csv")
    args = ap.parse_args()
    report = build(args.shared, use_harvest=not args.no_harvest)
    print(f"built {DATA}: {len(report['conflicts'])} conflicts resolved, {len(report['skipped'])} items skipped")


if __name__ == "__main__":
    main()
