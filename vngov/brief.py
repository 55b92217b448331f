"""The meeting brief: one A4 page (PDF) about one province, in the page's language, ready to print.

Each index's latest published score, rank out of N (``Dataset.ranked_of``), change on the year before (or
why there is none) and group; the strongest and weakest PAPI and PCI components; a small map of one
index/year with the province outlined; the trends with their method breaks; sources and the date.

Pure (no Streamlit, no browser): the charts are the app's own Altair builders rendered to PNG by
vl-convert, the page is laid out with fpdf2, both with the Noto Sans files bundled in ``vngov/fonts/`` (full
Vietnamese coverage, OFL-1.1), so it works where no system font is installed.
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd

from vngov.catalog import INDEX_META, INDICES, METHOD_BREAKS
from vngov.charts import compare as cc
from vngov.charts.common import FONT, decimals_for, display_frame
from vngov.data import Dataset
from vngov.i18n import fmt_num, t
from vngov.urlstate import State
from vngov.views import meeting as mt
from vngov.views.common import break_texts, breaks_within, index_label, source_titles
from vngov.views.compare import trend_frame
from vngov.views.components import with_labels
from vngov.views.map import map_args
from vngov.views.profile import strengths
from vngov.views.rankings import add_tiers

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "Noto Sans"
A4 = (210.0, 297.0)  # mm
MARGIN = 12.0
INK, MUTED = (26, 26, 26), (85, 85, 85)


GLYPHS = {"≥": ">=", "≤": "<="}  # not in Noto Sans


def _nfc(s: str) -> str:
    s = unicodedata.normalize("NFC", str(s))
    for a, b in GLYPHS.items():
        s = s.replace(a, b)
    return s


# ---- charts as pictures -------------------------------------------------------------------------
@functools.cache
def _vl():
    import vl_convert as vlc

    vlc.register_font_directory(str(FONTS))
    return vlc


def _own_font(node):
    """The spec with every font set to the bundled Noto Sans (the app's font list names fonts that a server
    may not have; vl-convert would fall back to a serif)."""
    if isinstance(node, dict):
        return {k: (FAMILY if k in ("font", "labelFont", "titleFont") and isinstance(v, str) else _own_font(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_own_font(v) for v in node]
    return node


def png(chart: alt.TopLevelMixin, width: int, scale: float = 2.0) -> bytes:
    with alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        spec = chart.to_dict(validate=False)
    spec = _own_font(spec)
    spec["width"] = width
    spec["config"] = {**spec.get("config", {}), "font": FAMILY}
    return _vl().vegalite_to_png(spec, scale=scale)


# ---- what the page says -------------------------------------------------------------------------
def group_label(ds: Dataset, index: str, year: int | None, code: str, lang: str) -> str:
    """The province's group in that year: the PAR INDEX published band, else its score quartile; '—'."""
    if year is None:
        return "—"
    sl, kind = add_tiers(ds.totals.slice(index, year), index, year, "total")
    tier = sl.set_index("province_code")["tier"].get(code)
    if not kind or not isinstance(tier, str):
        return "—"
    return t(f"rk_band_{tier}", lang) if kind == "band" else t(f"rk_q{tier[1:]}", lang)


def rank_text(h: mt.Headline, lang: str) -> str:
    if h.rank is not None:
        return t("mt_rank", lang, rank=f"{h.rank}{'*' if h.rank_computed else ''}", n=h.ranked_of)
    if h.position is not None:
        return t("mt_no_rank", lang) + " · " + t("pf_position_of", lang, pos=h.position, n=h.n_scored)
    return t("mt_no_rank", lang) if h.year is not None else "—"


def change_text(h: mt.Headline, lang: str) -> str:
    parts = []
    if h.change is not None:
        d = fmt_num(abs(h.change), decimals_for(h.index, "total"), lang)
        key = "mt_up" if h.change > 0 else "mt_down" if h.change < 0 else "mt_same"
        parts.append(t(key, lang, d=d, year=h.prev_year))
    if h.rank_change is not None:
        n = h.rank_change
        key = "mt_rank_up" if n > 0 else "mt_rank_down" if n < 0 else "mt_rank_same"
        parts.append(t(key, lang, n=abs(n), year=h.prev_year))
    if not parts and h.year is not None:
        parts.append(t("mt_no_prev_break", lang, year=h.year, prev=h.year - 1)
                     if h.year in METHOD_BREAKS.get(h.index, ()) else t("mt_no_prev", lang))
    return "; ".join(parts) or "—"


def rows(ds: Dataset, code: str, lang: str) -> list[dict]:
    """One row per index: the figures the brief prints (texts in the language)."""
    out = []
    for h in mt.headlines(ds, code):
        out.append(dict(index=h.index, label=index_label(h.index), year=str(h.year) if h.year else "—",
                        score=mt.fmt_value(h.index, h.value, lang, {"points": t("mt_points", lang)})
                        or t("no_data", lang),
                        rank=rank_text(h, lang), change=change_text(h, lang),
                        group=group_label(ds, h.index, h.year, code, lang), source_id=h.source_id))
    return out


def components(ds: Dataset, code: str, lang: str, k: int = 3) -> list[dict]:
    """The strongest and weakest PAPI and PCI components (as on the profile)."""
    out = []
    for index in ("PAPI", "PCI"):
        res = strengths(ds, code, index, k)
        if res is None:
            continue
        by_rank = res["basis"] == "rank"
        lists = {}
        for part_key in ("strongest", "weakest"):
            part = with_labels(res[part_key], lang, t("total", lang))
            where = ([t("mt_rank", lang, rank=int(r), n=ds.ranked_of(index, res["year"], i) or "?")
                      for r, i in zip(part["rank"], part["indicator"])] if by_rank else
                     [t("pf_position_of", lang, pos=int(p), n=int(n)) for p, n in zip(part["position"], part["n_with"])])
            lists[part_key] = [f"{lab}: {fmt_num(v, 2, lang) or t('no_data', lang)} ({w})"
                               for lab, v, w in zip(part["label"], part["value"], where)]
        out.append(dict(index=index, year=res["year"], basis=res["basis"], **lists))
    return out


def trend_charts(ds: Dataset, code: str, lang: str) -> tuple[alt.TopLevelMixin | None, list[str], set[str]]:
    """The four trends as one grid (lines never across a break), the break notes, the sources drawn."""
    name = ds.province_name(code, lang)
    tips = dict(name=t("province", lang), year=t("year", lang), value=t("value", lang), rank=t("rank", lang))
    charts, notes, sources = [], [], set()
    for index in INDICES:
        df = trend_frame(ds, index, [code], lang, t("no_data", lang))
        if df.empty:
            continue
        years = sorted(int(y) for y in df["year"].unique())
        charts.append(cc.trend_chart(df, title=index_label(index), y_title=mt.unit(index, lang), tooltip_titles=tips,
                                     color_domain=[name], color_range=[cc.OKABE_ITO[0]],
                                     breaks=breaks_within(index, years), height=135, legend=False,
                                     scale=(0.0, float(INDEX_META[index]["scale_max"]))))
        notes += [f"{index_label(index)}: {x}" for x in break_texts(index, years, lang)]
        sources |= set(df["source_id"].dropna())
    grid = cc.for_export(charts, width=215, columns=2) if charts else None
    return grid, notes, sources


def small_map(ds: Dataset, code: str, lang: str, index: str, year: int):
    sl = ds.totals.slice(index, year)
    frame = display_frame(sl, lang, t("no_data", lang))
    cov = ds.totals.coverage(index, year)
    s = State(lang=lang, index=index, year=year)
    args = map_args(ds, s, lang, indicator="total", legend=f"{index_label(index)} {year}")
    title = t("mt_map_title", lang, index=index_label(index), year=year, n=cov["with_value"], total=cov["total"])
    chart = mt.big_map(frame, title=title, highlight=code, highlight_name=ds.province_name(code, lang),
                       font_size=12, height=440, pointer="‹ ", **args)
    return chart, set(sl["source_id"].dropna())


# ---- the page -----------------------------------------------------------------------------------
def _pdf():
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.add_font(FAMILY, "", str(FONTS / "NotoSans-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "NotoSans-Bold.ttf"))
    pdf.add_page()
    return pdf


def build(ds: Dataset, code: str, lang: str, index: str | None = None, year: int | None = None,
          today: date | None = None) -> bytes:
    """The brief of province ``code`` as PDF bytes: one A4 page. ``index``/``year``: the map's (default
    PAPI, its latest year)."""
    index = index or "PAPI"
    year = year or max(ds.years(index))
    today = today or date.today()
    name = ds.province_name(code, lang)
    pdf = _pdf()
    W = A4[0] - 2 * MARGIN
    pdf.set_title(_nfc(t("mt_brief_title", lang, name=name)))
    pdf.set_lang(lang)
    pdf.set_creator("vngov")

    def text(s: str, size: float, style: str = "", color=INK, h: float | None = None, w: float = 0):
        pdf.set_font(FAMILY, style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(w or W, h or size * 0.45, _nfc(s), new_x="LMARGIN", new_y="NEXT")

    # header
    text(t("mt_brief_title", lang, name=name), 17, "B", h=8)
    text(t("mt_brief_sub", lang, date=today.isoformat()), 9, color=MUTED)
    pdf.ln(2)

    # the four indices
    table = rows(ds, code, lang)
    heads = [t(k, lang) for k in ("mt_brief_col_index", "mt_brief_col_year", "mt_brief_col_score", "mt_brief_col_rank",
                                  "mt_brief_col_change", "mt_brief_col_group")]
    pdf.set_font(FAMILY, "", 8.5)
    pdf.set_text_color(*INK)
    from fpdf.fonts import FontFace

    with pdf.table(col_widths=(24, 11, 23, 38, 58, 32), width=W, line_height=4.2, padding=1.2, text_align="LEFT",
                   headings_style=FontFace(emphasis="BOLD", fill_color=(235, 240, 247)),
                   first_row_as_headings=True) as tb:
        r = tb.row()
        for hd in heads:
            r.cell(_nfc(hd))
        for row in table:
            r = tb.row()
            for k in ("label", "year", "score", "rank", "change", "group"):
                r.cell(_nfc(row[k]))
    pdf.ln(1)
    text(t("mt_brief_notes", lang), 7, color=MUTED)
    pdf.ln(1.5)

    # strongest and weakest components
    comps = components(ds, code, lang)
    if comps:
        text(t("mt_brief_components", lang), 11, "B", h=5.5)
        y0, col_w = pdf.get_y(), W / len(comps)
        bottoms = []
        for i, c in enumerate(comps):
            pdf.set_xy(MARGIN + i * col_w, y0)
            basis = t("pf_basis_rank" if c["basis"] == "rank" else "pf_basis_position", lang)
            lines = [(f"{index_label(c['index'])} {c['year']}", "B", 9), (basis, "", 6.8)]
            lines += [(t("pf_strongest", lang), "B", 8)] + [(f"+ {x}", "", 7.6) for x in c["strongest"]]
            lines += [(t("pf_weakest", lang), "B", 8)] + [(f"– {x}", "", 7.6) for x in c["weakest"]]
            for s, style, size in lines:
                pdf.set_x(MARGIN + i * col_w)
                pdf.set_font(FAMILY, style, size)
                pdf.set_text_color(*(MUTED if size < 7 else INK))
                pdf.multi_cell(col_w - 3, size * 0.43, _nfc(s), new_x="LEFT", new_y="NEXT")
            bottoms.append(pdf.get_y())
        pdf.set_xy(MARGIN, max(bottoms) + 2)

    # footer, measured first so that the pictures take the room left
    grid, notes, trend_sources = trend_charts(ds, code, lang)
    the_map, map_sources = small_map(ds, code, lang, index, year)
    sources = {r["source_id"] for r in table if r["source_id"]} | trend_sources | map_sources
    foot = [(t("mt_brief_breaks", lang) + " " + " ".join(notes), 6.8) if notes else None,
            (t("mt_footer", lang), 6.8),
            (t("mt_brief_sources", lang, sources=source_titles(ds, sources, limit=8)), 6.5),
            (t("boundary_attribution", lang), 6.5),
            (t("mt_brief_made", lang, date=today.isoformat()), 6.5)]
    foot = [f for f in foot if f]
    pdf.set_font(FAMILY, "", 6.8)
    foot_h = sum(pdf.multi_cell(W, size * 0.42, _nfc(s), dry_run=True, output="HEIGHT") for s, size in foot) + 2
    top, bottom = pdf.get_y(), A4[1] - MARGIN - foot_h
    room = bottom - top
    map_w, trend_w = 74.0, W - 78.0
    # the pictures: map on the left, trends on the right, scaled to the room left
    map_png = png(the_map, 360)
    from PIL import Image
    import io

    mw, mh = Image.open(io.BytesIO(map_png)).size
    map_h = min(room, map_w * mh / mw)
    pdf.image(io.BytesIO(map_png), x=MARGIN, y=top, w=map_h * mw / mh, h=map_h)
    if grid is not None:
        pdf.set_xy(MARGIN + 78, top)
        text(t("mt_brief_trends", lang), 9, "B", w=trend_w, h=4.2)
        pdf.set_x(MARGIN + 78)
        gpng = png(grid, 215)
        gw, gh = Image.open(io.BytesIO(gpng)).size
        y = pdf.get_y()
        h = min(bottom - y, trend_w * gh / gw)
        pdf.image(io.BytesIO(gpng), x=MARGIN + 78, y=y, w=h * gw / gh, h=h)
    pdf.set_xy(MARGIN, bottom + 2)
    for s, size in foot:
        text(s, size, color=MUTED, h=size * 0.42)
    return bytes(pdf.output())
