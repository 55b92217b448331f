"""Files people take away (pure; no Streamlit): a plain CSV any tool opens, and a Frictionless Data Package
(a zip holding the same CSV and ``datapackage.json`` with what the file is: index, year, indicator, units,
sources and their licences). The descriptor is written with the standard library; the tests validate it
with the ``frictionless`` library.

Charts exported as PNG/SVG are drawn by vl-convert in one font with full Vietnamese coverage: Noto Sans,
bundled in ``vngov/fonts`` (SIL Open Font License 1.1, see vngov/fonts/OFL.txt)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DECIMALS = 6  # published figures have at most 6 decimals: more is float noise (3.407607999999996)
FONT_DIR = Path(__file__).resolve().parent / "fonts"
EXPORT_FONT = "Noto Sans"
PROFILE_V1 = "data-package"


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula (whose first character after any spaces is = + - @
    tab or CR) get a leading apostrophe (OWASP's CSV-injection advice); numbers are left alone."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            s = out[c]
            mask = s.map(lambda v: isinstance(v, str) and v.lstrip(" ").startswith(FORMULA_START))
            if mask.any():
                out.loc[mask, c] = "'" + s[mask]
    return out


def rounded(df: pd.DataFrame) -> pd.DataFrame:
    """Float columns rounded to the published precision (differences of published figures lose their
    float noise: 50.15 − 46.74 is written 3.41)."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(DECIMALS)
    return out


def csv_text(df: pd.DataFrame) -> str:
    """The plain CSV: one header row, then the rows (no comment lines), rounded, neutralised. Text cells are
    quoted (a CR or a ';' inside a cell must not start a new row or cell in any spreadsheet)."""
    out = neutralise(rounded(df))
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([str(c) for c in out.columns])
    return header.getvalue() + out.to_csv(index=False, header=False, lineterminator="\n",
                                          quoting=csv.QUOTE_NONNUMERIC)


def csv_bytes(df: pd.DataFrame, meta: dict | None = None) -> bytes:
    """The CSV download: UTF-8 with a byte-order mark (so Excel reads Vietnamese names right; pandas,
    R and LibreOffice skip it). ``meta`` is not written into the file: it goes into the data package."""
    return csv_text(df).encode("utf-8-sig")


def field_type(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s):
        return "boolean"
    if pd.api.types.is_integer_dtype(s):
        return "integer"
    if pd.api.types.is_float_dtype(s):
        return "number"
    vals = s.dropna()
    if len(vals) and all(isinstance(v, bool) for v in vals):
        return "boolean"
    return "string"


def slug(name: str) -> str:
    """A Data Package name: lower case letters, digits, '-', '_' and '.'."""
    return re.sub(r"[^a-z0-9._-]+", "-", str(name).lower()).strip("-") or "data"


def descriptor(df: pd.DataFrame, name: str, meta: dict, *, title: str | None = None,
               sources: list[dict] | None = None, units: str | None = None,
               created: datetime | None = None) -> dict:
    """``datapackage.json`` of a download: one CSV resource with its table schema; ``meta`` (index, year,
    indicator, region, …) kept as package properties; ``sources``: dicts with title, path (URL),
    publisher, licence."""
    base = slug(name)
    fields = []
    for c in df.columns:
        f = {"name": str(c), "type": field_type(df[c])}
        if f["type"] == "boolean":
            f["trueValues"], f["falseValues"] = ["True", "true"], ["False", "false"]
        fields.append(f)
    pkg: dict = {
        "profile": PROFILE_V1,
        "name": base,
        "title": title or name,
        "created": (created or datetime.now(timezone.utc)).replace(microsecond=0).isoformat(),
    }
    props = {str(k): " ".join(str(v).split()) for k, v in meta.items() if str(v).strip()}
    if units:
        props["units"] = units
    pkg.update({k: v for k, v in props.items() if k not in pkg})
    srcs = []
    for s in sources or []:
        item = {"title": str(s.get("title") or s.get("source_id") or "")}
        if s.get("url"):
            item["path"] = str(s["url"])
        for k in ("publisher", "licence", "source_id"):
            if s.get(k) and str(s[k]) == str(s[k]):  # not NaN
                item[k] = str(s[k])
        srcs.append(item)
    if srcs:
        pkg["sources"] = srcs
        pkg["licence"] = "; ".join(dict.fromkeys(f"{s['title']}: {s['licence']}" for s in srcs if "licence" in s))
    pkg["resources"] = [{
        "name": base, "path": f"{base}.csv", "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "schema": {"fields": fields, "missingValues": [""]},
    }]
    return pkg


def package_zip(df: pd.DataFrame, name: str, meta: dict, **kw) -> bytes:
    """A Frictionless Data Package: ``<name>.csv`` (UTF-8) and ``datapackage.json`` in one zip."""
    pkg = descriptor(df, name, meta, **kw)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(pkg["resources"][0]["path"], csv_text(df).encode("utf-8"))
        z.writestr("datapackage.json", json.dumps(pkg, ensure_ascii=False, indent=2))
    return buf.getvalue()


def sources_of(ds, frame: pd.DataFrame) -> list[dict]:
    """The sources (title, publisher, url, licence) of the rows of a download that name one."""
    ids = frame["source_id"].dropna().unique() if "source_id" in frame else ()
    return ds.sources_for(ids).to_dict("records") if len(ids) else []


def units_of(ds, meta: dict) -> str | None:
    """The unit of the download's indicator, when its metadata names index, indicator and one year."""
    try:
        info = ds.indicator_info(meta["index"], meta.get("indicator", "total"), int(meta["year"]))
    except (KeyError, ValueError, TypeError):
        return None
    return str(info["unit"]) if isinstance(info.get("unit"), str) else None


def package_of(ds, frame: pd.DataFrame, name: str, meta: dict, title: str | None = None) -> bytes:
    """``package_zip`` with the sources and units looked up in the dataset."""
    return package_zip(frame, name, meta, title=title, sources=sources_of(ds, frame), units=units_of(ds, meta))


def export_fonts() -> None:
    """Register the bundled Noto Sans with vl-convert (once per process; harmless if repeated)."""
    import vl_convert as vlc

    global _registered
    if not _registered:
        vlc.register_font_directory(str(FONT_DIR))
        _registered = True


_registered = False


def one_font(spec):
    """A copy of a Vega-Lite spec in which every font is the export font (config and marks), so that
    Vietnamese diacritics never fall back to another font."""
    def walk(node):
        if isinstance(node, dict):
            return {k: (v if k == "datasets" else EXPORT_FONT if k.lower().endswith("font") and isinstance(v, str)
                        else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    spec = walk(spec)
    config = dict(spec.get("config", {}))
    config["font"] = EXPORT_FONT
    for part in ("title", "axis", "legend", "header", "mark", "text"):
        config[part] = {**config.get(part, {}), **({"font": EXPORT_FONT} if part in ("mark", "text") else {})}
        if part in ("title",):
            config[part].update(font=EXPORT_FONT, subtitleFont=EXPORT_FONT)
        if part in ("axis", "legend", "header"):
            config[part].update(labelFont=EXPORT_FONT, titleFont=EXPORT_FONT)
    spec["config"] = config
    return spec
