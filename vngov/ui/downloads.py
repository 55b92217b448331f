"""Downloads: the data behind a section as CSV (neutralised for spreadsheets), its chart as PNG/SVG made
by vl-convert when a button is pressed."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import streamlit as st

from vngov.i18n import t
from vngov.ui.mapspec import static_spec
from vngov.ui.state import lang
from vngov.views import blocks as b


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula (starting with = + - @ tab or CR) get a leading
    apostrophe (OWASP's CSV-injection advice); numbers are left alone."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            s = out[c]
            mask = s.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
            if mask.any():
                out.loc[mask, c] = "'" + s[mask]
    return out


def csv_bytes(df: pd.DataFrame, meta: dict[str, str]) -> bytes:
    """CSV with a commented header naming what it is (index, year, indicator, source)."""
    buf = io.StringIO()
    for k, v in meta.items():
        v = " ".join(str(v).split())
        buf.write(f"# {k}: {chr(39) + v if v.startswith(FORMULA_START) else v}\n")
    buf.write(f"# downloaded: {date.today().isoformat()}\n")
    neutralise(df).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def _export(c) -> dict:
    if isinstance(c, (b.Chart, b.Map)):
        from vngov.ui.render import spec_of

        spec = spec_of(c)
        return static_spec({**spec, "title": c.title} if c.title else spec)
    if isinstance(c, b.Export):
        return static_spec(c.build(*c.args, **c.kwargs))
    return static_spec(c)


def png(c) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_png(_export(c), scale=2)


def svg(c) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_svg(_export(c)).encode("utf-8")


def downloads(d: b.Download) -> None:
    """CSV of the data behind a section, and its chart as PNG/SVG (made by vl-convert when clicked)."""
    lang_ = lang()
    cols = st.columns(3)
    # the files are made when a button is clicked (a 39k-row CSV on every run cost ~40 ms)
    cols[0].download_button(d.label or t("download_csv", lang_), lambda: csv_bytes(d.frame, d.meta), file_name=f"{d.name}.csv",
                            mime="text/csv", key=f"{d.key}_csv", on_click="ignore", icon=":material/download:")
    if d.chart is not None:
        cols[1].download_button(t("download_png", lang_), lambda: png(d.chart), file_name=f"{d.name}.png",
                                mime="image/png", key=f"{d.key}_png", on_click="ignore", icon=":material/image:")
        cols[2].download_button(t("download_svg", lang_), lambda: svg(d.chart), file_name=f"{d.name}.svg",
                                mime="image/svg+xml", key=f"{d.key}_svg", on_click="ignore",
                                icon=":material/image:")


