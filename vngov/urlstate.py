"""The view state carried in the URL: parsing (with notices for bad values) and serialising.

Query parameters (all optional):
  lang=vi|en, index=PAR_INDEX|SIPAS|PAPI|PCI, year=YYYY, ind=<indicator id>, region=<region id>,
  p=<province code>[,<code>…] (the province(s) a page is about), y2=<year> (second year, e.g. slope charts),
  vs=<index>,<index> (the X and Y indices of the Across-indices page), vy=<year> (its year, if not the
  sidebar's; needs vs), u=63|34 (the unit set the codes of p are read in where the year cannot decide it:
  province codes of the 63 provinces to 2024 and of the 34 from 1 July 2025 overlap; default: the year's)
The page itself is the URL path (st.navigation). Values are language-independent codes, so a link keeps
its view when the reader switches language. Nothing from the URL is evaluated; values are only
compared against known codes.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from collections.abc import Callable, Mapping

from vngov.catalog import INDICES, units_of

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
    u: str = ""  # "" = the unit set of the year (63 to 2024, 34 from 2025)

    @property
    def units(self) -> str:
        """The unit set the province codes ``p`` are read in."""
        return self.u or units_of(self.year)

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


@dataclass(frozen=True)
class Notice:
    """A bad URL parameter: its name and value as given (cut to 40 characters) and why it was dropped,
    as a code with parameters; ``render`` words it in the page's language."""
    param: str
    value: str
    code: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str) -> str:
        from vngov.i18n import t

        if self.code == "more":
            return t("url_more", lang, n=dict(self.args)["n"])
        why = t(f"url_{self.code}", lang, **dict(self.args))
        return f"{self.param}={_show(self.value)} ({why})"


@dataclass
class Parsed:
    state: State
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class Vocabulary:
    """What the dataset knows: years_of(index) -> list[int]; indicators_of(index, year) -> list[str];
    region and province codes."""
    years_of: Callable[[str], list[int]]
    indicators_of: Callable[[str, int], list[str]]
    regions: tuple[str, ...]
    provinces: tuple[str, ...]
    provinces34: tuple[str, ...] = ()  # the codes of the 34 units of 1 July 2025


def _first(v) -> str:
    if isinstance(v, (list, tuple)):
        v = v[0] if v else ""
    return "" if v is None else str(v)


def _show(v: str) -> str:
    v = v if len(v) <= 40 else v[:37] + "…"
    return repr(v)


def non_ascii_names(v: str, limit: int = 3) -> str:
    """The non-ASCII characters of a value, each with its Unicode name ('２' U+FF12 FULLWIDTH DIGIT TWO), the
    first ``limit`` distinct ones."""
    import unicodedata

    chars = list(dict.fromkeys(c for c in v if not c.isascii()))
    out = [f"'{c}' U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in chars[:limit]]
    return ", ".join(out) + (" …" if len(chars) > limit else "")


def _cut(name: str) -> str:
    return name if len(name) <= 40 else name[:37] + "…"


def parse(params: Mapping[str, object], vocab: Vocabulary) -> Parsed:
    """Parse raw query params against the dataset's vocabularies.

    Any invalid value is dropped (the default is used) and named in ``notices``. Never raises.
    """
    notices: list[Notice] = []
    raw = {k: _first(v) for k, v in params.items()}

    def bad(name, value, code, **args):
        notices.append(Notice(_cut(str(name)), value, code, tuple(args.items())))

    for k, v in raw.items():
        if len(v) > MAX_PARAM_LEN:
            bad(k, v, "too_long", n=MAX_PARAM_LEN)
            raw[k] = ""
    known = {"lang", "index", "year", "ind", "region", "p", "y2", "vs", "vy", "u"}
    for k in raw:
        if k not in known and k != "embed" and not k.startswith("embed_"):
            bad(k, raw[k], "unknown_param")
        elif k in known and not raw[k].isascii():
            # every code is ASCII: a full-width or Arabic-Indic digit ('２０１９' is a year to int()) or a
            # look-alike letter (Cyrillic 'А' in PAPI) is named, never read as the code it resembles
            bad(k, raw[k], "non_ascii", chars=non_ascii_names(raw[k]))
            raw[k] = ""
    st = State()

    def known(k: str, allowed, problem: str) -> str:
        """The value of parameter k if it is one of ``allowed``; else "" and a notice (none if absent)."""
        v = raw.get(k, "")
        if v and v not in allowed:
            bad(k, v, problem)
            return ""
        return v

    if lang := known("lang", ("vi", "en"), "lang"):
        st = replace(st, lang=lang)
    index = raw.get("index", "").upper()
    if index:
        if index in INDICES:
            st = replace(st, index=index)
        else:
            bad("index", raw["index"], "index")
    years = vocab.years_of(st.index)
    latest = max(years) if years else 0
    st = replace(st, year=latest)
    y = raw.get("year", "")
    if y:
        if re.fullmatch(r"\d{4}", y) and int(y) in years:
            st = replace(st, year=int(y))
        else:
            bad("year", y, "year", index=st.index)
    y2 = raw.get("y2", "")
    if y2:
        if re.fullmatch(r"\d{4}", y2) and int(y2) in years:
            st = replace(st, y2=int(y2))
        else:
            bad("y2", y2, "year", index=st.index)
    ind = raw.get("ind", "")
    if ind:
        if ind in vocab.indicators_of(st.index, st.year):
            st = replace(st, ind=ind)
        else:
            bad("ind", ind, "ind", index=st.index, year=st.year)
    if region := known("region", set(vocab.regions), "region"):
        st = replace(st, region=region)
    if u := known("u", ("63", "34"), "units"):
        st = replace(st, u=u)
    p = raw.get("p", "")
    if p:
        valid = set(vocab.provinces34 if st.units == "34" else vocab.provinces)
        codes, wrong = [], []
        dup = []
        for c in p.split(","):
            c = c.strip()
            if c.isdigit() and len(c) == 1:
                c = "0" + c
            (dup if c in codes else codes if c in valid else wrong).append(c)
        if wrong:
            bad("p", ",".join(wrong), "p")
        if dup:  # a province named twice is a province code, once too many
            bad("p", ",".join(dict.fromkeys(dup)), "p_dup")
        if len(codes) > MAX_PROVINCES:
            bad("p", ",".join(codes[MAX_PROVINCES:]), "p_max", n=MAX_PROVINCES)
            codes = codes[:MAX_PROVINCES]
        st = replace(st, p=tuple(codes))
    vs = raw.get("vs", "")
    if vs:
        pair = tuple(v.strip().upper() for v in vs.split(","))
        if len(pair) == 2 and all(v in INDICES for v in pair) and pair[0] != pair[1]:
            st = replace(st, vs=pair)
        else:
            bad("vs", vs, "vs")
    vy = raw.get("vy", "")
    if vy:
        if not st.vs:
            bad("vy", vy, "vy_vs_invalid" if vs else "vy_needs_vs")
        elif re.fullmatch(r"\d{4}", vy) and all(int(vy) in vocab.years_of(i) for i in st.vs):
            st = replace(st, vy=int(vy))
        else:
            bad("vy", vy, "vy", x=st.vs[0], y=st.vs[1])
    if len(notices) > MAX_NOTICES:  # a URL stuffed with junk gets a short notice, not a wall of text
        notices = notices[:MAX_NOTICES] + [Notice("", "", "more", (("n", len(notices) - MAX_NOTICES),))]
    return Parsed(st, notices)


def normalize(s: State, vocab: Vocabulary) -> State:
    """The state with every field valid for the others (after a control changed one): a year the index
    has (else its latest), an indicator of that index and year (else the total), a second year of the
    index (else none), the Across year only with its pair. Never raises."""
    years = vocab.years_of(s.index)
    year = s.year if s.year in years else (max(years) if years else 0)
    ind = s.ind if s.ind in vocab.indicators_of(s.index, year) else "total"
    y2 = s.y2 if s.y2 in years and s.y2 != year else 0
    vy = s.vy if s.vs and s.vy and all(s.vy in vocab.years_of(i) for i in s.vs) else 0
    region = s.region if s.region in vocab.regions else ""
    # provinces are read in the unit set of the state: a year change across 2024 -> 2025 (without u) keeps
    # only the codes that exist in the new set (08 stays 08; 02 Hà Giang is no unit of the 34)
    valid = set(vocab.provinces34 if replace(s, year=year).units == "34" else vocab.provinces)
    p = tuple(c for c in s.p if c in valid) if valid else s.p
    return replace(s, year=year, ind=ind, y2=y2, vy=vy, region=region, p=p)
