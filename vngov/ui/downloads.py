"""Downloads: the data behind a section as a plain CSV (neutralised for spreadsheets, rounded as published)
and as a Frictionless Data Package (the CSV and ``datapackage.json``: index, year, indicator, units,
sources, licences); its chart as PNG/SVG made by vl-convert when a button is pressed, self-describing
(title, source line, boundary attribution on maps, date) in one font with Vietnamese coverage."""

from __future__ import annotations

from datetime import date

import streamlit as st

from vngov import export
from vngov.export import FORMULA_START, csv_bytes, neutralise  # noqa: F401 (re-exported)
from vngov.i18n import t
from vngov.ui.caches import dataset
from vngov.ui.mapspec import static_spec
from vngov.ui.state import lang
from vngov.views import blocks as b


def package(d: b.Download, title: str | None = None) -> bytes:
    """The download as a Frictionless Data Package (zip: <name>.csv + datapackage.json)."""
    return export.package_of(dataset(), d.frame, d.name, d.meta, title=title)


def subtitle(d: b.Download | None, lang_: str, boundaries: bool) -> list[str]:
    """The lines under an exported chart's title: source, boundary attribution (maps), date."""
    lines = []
    if d is not None:
        pubs = sorted({str(s["publisher"]) for s in export.sources_of(dataset(), d.frame) if s.get("publisher")})
        if pubs:
            lines.append(t("source_caption", lang_, sources="; ".join(pubs)))
    if boundaries:
        lines.append(t("boundary_attribution", lang_))
    lines.append(date.today().isoformat())
    return lines


def _export(c, d: b.Download | None = None, lang_: str | None = None) -> dict:
    """The spec vl-convert draws: self-contained, one font; with the download it belongs to, a title block
    saying what it is (title, source line, boundary attribution on maps, date)."""
    from vngov.ui.render import _page_lang, spec_of

    if isinstance(c, (b.Chart, b.Map)):
        spec, title = spec_of(c), c.title
    elif isinstance(c, b.Export):
        spec, title = static_spec(c.build(*c.args, **c.kwargs)), None
    else:
        spec, title = static_spec(c), None
    if d is not None:
        old = spec.get("title")
        text = title or (old.get("text") if isinstance(old, dict) else old) or d.name
        spec = {**spec, "title": {"text": text, "anchor": "start", "fontSize": 15, "limit": 0,
                                  "subtitle": subtitle(d, lang_ or _page_lang() or "vi", isinstance(c, b.Map)),
                                  "subtitleFontSize": 10, "subtitleColor": "#444"}}
    elif title:
        spec = {**spec, "title": title}
    return export.one_font(static_spec(spec))


def png(c, d: b.Download | None = None) -> bytes:
    import vl_convert as vlc
    export.export_fonts()
    return vlc.vegalite_to_png(_export(c, d), scale=2)


def svg(c, d: b.Download | None = None) -> bytes:
    import vl_convert as vlc
    export.export_fonts()
    return vlc.vegalite_to_svg(_export(c, d)).encode("utf-8")


def _boundaries_ok(c) -> bool:
    """False for a map whose boundary file is damaged (the page shows why instead of the map; no picture of
    it is offered)."""
    from vngov.ui.caches import topology
    from vngov.validate import DataValidationError

    if not (isinstance(c, b.Map) or "map" in getattr(getattr(c, "build", None), "__name__", "")):
        return True
    try:
        topology(63)
        if getattr(c, "show34", False):
            topology(34)
        return True
    except DataValidationError:
        return False


def downloads(d: b.Download) -> None:
    """CSV of the data behind a section, the same as a data package, and its chart as PNG/SVG (made by
    vl-convert when clicked)."""
    lang_ = lang()
    cols = st.columns(4)
    # the files are made when a button is clicked (a 39k-row CSV on every run cost ~40 ms)
    cols[0].download_button(d.label or t("download_csv", lang_), lambda: csv_bytes(d.frame), file_name=f"{d.name}.csv",
                            mime="text/csv", key=f"{d.key}_csv", on_click="ignore", icon=":material/download:")
    cols[1].download_button(t("download_package", lang_), lambda: package(d), file_name=f"{d.name}_datapackage.zip",
                            mime="application/zip", key=f"{d.key}_pkg", on_click="ignore",
                            icon=":material/folder_zip:", help=t("download_package_help", lang_))
    if d.chart is not None and _boundaries_ok(d.chart):
        cols[2].download_button(t("download_png", lang_), lambda: png(d.chart, d), file_name=f"{d.name}.png",
                                mime="image/png", key=f"{d.key}_png", on_click="ignore", icon=":material/image:")
        cols[3].download_button(t("download_svg", lang_), lambda: svg(d.chart, d), file_name=f"{d.name}.svg",
                                mime="image/svg+xml", key=f"{d.key}_svg", on_click="ignore",
                                icon=":material/image:")
