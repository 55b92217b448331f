"""The one Vietnamese/English text catalogue and the page's number formats. No Streamlit.

The texts live in ``vngov/text/*.toml`` (one file per page, ``common.toml`` for the frame): one table per
key with a ``vi`` and an ``en`` string, formatted with ``str.format`` fields. Every visible string goes
through ``t``; problems and notices carry a code and parameters and are rendered here, in the page's
language, so no behaviour depends on a message's wording.
"""

from __future__ import annotations

import math
import re
import tomllib
from functools import cache
from pathlib import Path

LANGS = ("vi", "en")
LANG_LABELS = {"vi": "Tiếng Việt", "en": "English"}
TEXT_DIR = Path(__file__).with_name("text")


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """{key: {"vi": ..., "en": ...}} from every text file; a key defined twice is an error."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(TEXT_DIR.glob("*.toml")):
        with path.open("rb") as f:
            for key, entry in tomllib.load(f).items():
                if key in out:
                    raise ValueError(f"text key {key!r} is defined twice ({path.name})")
                if set(entry) != set(LANGS):
                    raise ValueError(f"text key {key!r} in {path.name} needs exactly vi and en")
                out[key] = entry
    return out


def t(key: str, lang: str = "vi", **kw) -> str:
    """Text for ``key`` in ``lang`` ('vi' or 'en'), formatted with ``kw``. Unknown keys raise KeyError.
    Float parameters are written in the page's locale (two decimals; decimal comma in Vietnamese)."""
    s = catalogue()[key]["en" if lang == "en" else "vi"]
    if not kw:
        return s
    return s.format(**{k: (fmt_num(v, 2, lang) if isinstance(v, float) else v) for k, v in kw.items()})


def col(base: str, lang: str) -> str:
    """The column of a bilingual pair in the page's language: ``col("name", "en") == "name_en"``. The one
    place where a language picks a column (names, region names, new-province names, units)."""
    return f"{base}_{'en' if lang == 'en' else 'vi'}"


# ---- numbers in the page's locale -------------------------------------------------------------
def _missing(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and math.isnan(v)) or bool(v != v)
    except (TypeError, ValueError):
        return v is None


def fmt_num(v, decimals: int = 2, lang: str = "vi") -> str:
    """A number as a reader of the page's language writes it ('' when missing, callers show 'no data'):
    87,16 in Vietnamese, 87.16 in English."""
    if _missing(v):
        return ""
    s = f"{float(v):.{decimals}f}"
    return s if lang == "en" else s.replace(".", ",")


def fmt_signed(v, decimals: int = 2, lang: str = "vi") -> str:
    s = fmt_num(v, decimals, lang)
    if not s:
        return ""
    return s if s.startswith("-") else "+" + s


def fmt_int(v, lang: str = "vi") -> str:
    """A count with thousands grouped in the page's locale (39.850 in Vietnamese, 39,850 in English)."""
    if _missing(v):
        return ""
    s = f"{int(v):,}"
    return s if lang == "en" else s.replace(",", ".")


# ---- visitor text shown as inert text -----------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'^@%;/])")


def plain(text: object, limit: int | None = None) -> str:
    """Visitor text for places that do not interpret Markdown (table cells, file contents): control and
    bidi-override characters dropped, line breaks as spaces, cut to ``limit`` characters with '…'."""
    s = "".join(" " if c in "\r\n\t" else c for c in str(text)
                if c in "\r\n\t" or (c.isprintable() and not ("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069")))
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 0)] + "…"
    return s


WORD_JOINER = "\u2060"  # invisible, zero width; splits what an autolinker would take for a link
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)|(?<=@)")


def inert(text: object, limit: int | None = None) -> str:
    """Visitor text (URL, file name, cell, source text) made safe to place inside a Markdown string:
    ``plain``, a word joiner (U+2060, invisible) inside every ``://``, ``www.`` and around ``@`` so that
    no autolinker (GFM link literals, e-mail addresses) turns it into a link, and then every
    Markdown/HTML-significant ASCII character backslash-escaped (CommonMark renders an escaped
    punctuation character as itself). The one way visitor text reaches a Markdown string."""
    return _MD_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, plain(text, limit)))


def name_col(lang: str) -> str:
    return col("name", lang)
