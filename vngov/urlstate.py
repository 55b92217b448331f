"""The view state carried in the URL: parsing (with notices for bad values) and serialising.

Query parameters (all optional):
  lang=vi|en, index=PAR_INDEX|SIPAS|PAPI|PCI, year=YYYY, ind=<indicator id>, region=<region id>,
  p=<province code>[,<code>…] (the province(s) a page is about), y2=<year> (second year, e.g. slope charts),
  vs=<index>,<index> (the X and Y indices of the Across-indices page), vy=<year> (its year, if not the
  sidebar's; needs vs)
The page itself is the URL path (st.navigation). Values are language-independent codes, so a link keeps
its view when the reader switches language. Nothing from the URL is evaluated; values are only
compared against known codes.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Mapping

from vngov.catalog import INDICES

MAX_PARAM_LEN = 200
MAX_PROVINCES = 5
MAX_NOTICES = 12  # every known parameter can be named at once (p can give two)
DEFAULT_INDEX = "PAPI"


@dataclass(frozen=True)
class State:
    lang: str = "vi"
    index: str = DEFAULT_INDEX
    year: int = 0  # 0 = latest year of the index
    ind: str = "total"
    region: str = ""
    p: tuple[str, ...] = ()
    y2: int = 0
    vs: tuple[str, ...] = ()
    vy: int = 0

    def to_params(self) -> dict[str, str]:
        d = asdict(self)
        out = {}
        for k, v in d.items():
            if k in ("p", "vs"):
                if v:
                    out[k] = ",".join(v)
            elif v not in ("", 0, None):
                out[k] = str(v)
        return out


@dataclass
class Parsed:
    state: State
    notices: list[str] = field(default_factory=list)


def _first(v) -> str:
    if isinstance(v, (list, tuple)):
        v = v[0] if v else ""
    return "" if v is None else str(v)


def _show(v: str) -> str:
    v = v if len(v) <= 40 else v[:37] + "…"
    return repr(v)


def parse(params: Mapping[str, object], years_of, indicators_of, regions, provinces) -> Parsed:
    """Parse raw query params against the dataset's vocabularies.

    years_of(index) -> list[int]; indicators_of(index, year) -> list[str]; regions, provinces: iterables of codes.
    Any invalid value is dropped (the default is used) and named in ``notices``. Never raises.
    """
    notices: list[str] = []
    raw = {k: _first(v) for k, v in params.items()}

    def bad(name, value, why):
        name = name if len(name) <= 40 else name[:37] + "…"
        notices.append(f"{name}={_show(value)} ({why})")

    for k, v in raw.items():
        if len(v) > MAX_PARAM_LEN:
            bad(k, v, f"longer than {MAX_PARAM_LEN} characters")
            raw[k] = ""
    known = {"lang", "index", "year", "ind", "region", "p", "y2", "vs", "vy"}
    for k in raw:
        if k not in known and k != "embed" and not k.startswith("embed_"):
            bad(k, raw[k], "unknown parameter")
    st = State()
    lang = raw.get("lang", "")
    if lang:
        if lang in ("vi", "en"):
            st = replace(st, lang=lang)
        else:
            bad("lang", lang, "use vi or en")
    index = raw.get("index", "").upper()
    if index:
        if index in INDICES:
            st = replace(st, index=index)
        else:
            bad("index", raw["index"], "unknown index")
    years = years_of(st.index)
    latest = max(years) if years else 0
    st = replace(st, year=latest)
    y = raw.get("year", "")
    if y:
        if re.fullmatch(r"\d{4}", y) and int(y) in years:
            st = replace(st, year=int(y))
        else:
            bad("year", y, f"no {st.index} data for that year")
    y2 = raw.get("y2", "")
    if y2:
        if re.fullmatch(r"\d{4}", y2) and int(y2) in years:
            st = replace(st, y2=int(y2))
        else:
            bad("y2", y2, f"no {st.index} data for that year")
    ind = raw.get("ind", "")
    if ind:
        if ind in indicators_of(st.index, st.year):
            st = replace(st, ind=ind)
        else:
            bad("ind", ind, f"not an indicator of {st.index} {st.year}")
    region = raw.get("region", "")
    if region:
        if region in set(regions):
            st = replace(st, region=region)
        else:
            bad("region", region, "unknown region")
    p = raw.get("p", "")
    if p:
        valid = set(provinces)
        codes, wrong = [], []
        for c in p.split(","):
            c = c.strip()
            if c.isdigit() and len(c) == 1:
                c = "0" + c
            (codes if c in valid and c not in codes else wrong).append(c)
        if wrong:
            bad("p", ",".join(wrong), "not a province code")
        if len(codes) > MAX_PROVINCES:
            bad("p", ",".join(codes[MAX_PROVINCES:]), f"at most {MAX_PROVINCES} provinces")
            codes = codes[:MAX_PROVINCES]
        st = replace(st, p=tuple(codes))
    vs = raw.get("vs", "")
    if vs:
        pair = tuple(v.strip().upper() for v in vs.split(","))
        if len(pair) == 2 and all(v in INDICES for v in pair) and pair[0] != pair[1]:
            st = replace(st, vs=pair)
        else:
            bad("vs", vs, "use two different indices, e.g. PAR_INDEX,SIPAS")
    vy = raw.get("vy", "")
    if vy:
        if not st.vs:
            bad("vy", vy, "needs vs, the pair of indices")
        elif re.fullmatch(r"\d{4}", vy) and all(int(vy) in years_of(i) for i in st.vs):
            st = replace(st, vy=int(vy))
        else:
            bad("vy", vy, f"no year of both {st.vs[0]} and {st.vs[1]}")
    if len(notices) > MAX_NOTICES:  # a URL stuffed with junk gets a short notice, not a wall of text
        notices = notices[:MAX_NOTICES] + [f"… {len(notices) - MAX_NOTICES} more"]
    return Parsed(st, notices)
