"""Charts of the Province profile: the total score over the years, one panel per index. No Streamlit.

Lines are split into segments by method era (``detail`` on era), so a line never crosses a method break;
every published value is also a point, so a lone value (one year in an era, or isolated years of the
sparse PAR INDEX/SIPAS) is still visible. Breaks are marked with a dashed vertical rule.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from vngov.charts.common import FONT, fmt_num, fmt_signed, records, top_level

LINE = "#08519c"
BREAK = "#e66101"
BREAK_TEXT = "#a64b00"  # its label: AA on white (the rule's own orange is 3.5:1)


def trend_panel(h: pd.DataFrame, *, title: str, lang: str, years: list[int], breaks: list[int], no_data: str,
                tooltip_titles: dict[str, str], break_label: str, width="container", height: int = 190,
                decimals: int = 2) -> alt.LayerChart:
    """One index: ``h`` = ``vngov.views.profile.history`` rows of that index (year, value, rank, era, change).
    ``years``: the index's published years (x domain); ``breaks``: method-break years inside them."""
    d = h[h["value"].notna()].copy()
    d["value_txt"] = [fmt_num(v, decimals, lang) for v in d["value"]]
    d["rank_txt"] = ["" if pd.isna(r) else str(int(r)) for r in d["rank"]]
    d["change_txt"] = [fmt_signed(v, decimals, lang) for v in d["change"]]
    d["year"] = d["year"].astype(int)
    d["era"] = d["era"].astype(int)
    lo, hi = (min(years), max(years)) if years else (2005, 2024)
    xscale = alt.Scale(domain=[lo - 0.5, hi + 0.5], nice=False)
    xs = alt.X("year:Q", scale=xscale, title=None,
               axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=11, labelOverlap=True, grid=False))
    vals = d["value"]
    if len(vals):
        pad = max((vals.max() - vals.min()) * 0.15, 0.5)
        ys = alt.Scale(domain=[float(vals.min() - pad), float(vals.max() + pad)], nice=False, zero=False)
    else:
        ys = alt.Scale(domain=[0, 1])
    y = alt.Y("value:Q", scale=ys, title=None, axis=alt.Axis(labelFontSize=11, tickCount=4))
    tips = [alt.Tooltip("year:Q", title=tooltip_titles["year"], format="d"),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"]),
            alt.Tooltip("rank_txt:N", title=tooltip_titles["rank"]),
            alt.Tooltip("change_txt:N", title=tooltip_titles["change"])]
    base = alt.Chart(alt.Data(values=records(d[["year", "value", "era", "value_txt", "rank_txt", "change_txt"]])))
    layers = []
    bk = [b for b in breaks if lo < b <= hi]
    if bk:
        rules = pd.DataFrame({"x": [b - 0.5 for b in bk], "txt": [break_label.format(year=b) for b in bk]})
        rb = alt.Chart(alt.Data(values=records(rules)))
        layers.append(rb.mark_rule(color=BREAK, strokeDash=[4, 3], strokeWidth=1.5).encode(
            x=alt.X("x:Q", scale=xscale), tooltip=alt.Tooltip("txt:N", title=tooltip_titles["break"])))
        layers.append(rb.mark_text(color=BREAK_TEXT, align="left", baseline="top", dx=3, dy=2, fontSize=10, font=FONT)
                      .encode(x=alt.X("x:Q", scale=xscale), y=alt.value(0), text="txt:N"))
    if len(d):
        layers.append(base.mark_line(color=LINE, strokeWidth=2).encode(x=xs, y=y, detail="era:N"))
        layers.append(base.mark_point(color=LINE, filled=True, size=55, opacity=1).encode(x=xs, y=y, tooltip=tips))
    else:
        layers.append(alt.Chart(alt.Data(values=[{"year": (lo + hi) / 2, "txt": no_data}])).mark_text(
            fontSize=13, fontStyle="italic", color="#555", font=FONT).encode(
            x=xs, y=alt.value(height / 2), text="txt:N"))
    return top_level(alt.layer(*layers), title=alt.TitleParams(title, fontSize=14, anchor="start", font=FONT),
                     width=width, height=height)


def configure(chart):
    """Top-level styling shared by a single panel and the grid (set on ``chart`` itself, which the caller
    has just built: ``common.top_level``)."""
    return top_level(chart, configure={"axis": dict(labelFont=FONT, titleFont=FONT), "view": dict(stroke=None)})


def configured_panel(h: pd.DataFrame, **kw) -> alt.LayerChart:
    """``trend_panel`` with the top-level styling (one chart on its own)."""
    return configure(trend_panel(h, **kw))


def trend_grid(hist: pd.DataFrame, panel_args: dict[str, dict], *, columns: int = 2, width: int = 340,
               **common) -> alt.ConcatChart:
    """All panels in one chart (fixed width; for the PNG/SVG download). ``panel_args``: per index, the
    keyword arguments of ``trend_panel`` that differ (title, years, breaks)."""
    panels = [trend_panel(hist[hist["index"] == i], width=width, **args, **common) for i, args in panel_args.items()]
    return configure(alt.concat(*panels, columns=columns))
