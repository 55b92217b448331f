"""Charts of the compare page: the trend chart (one index, one or more provinces, lines split at method
breaks and at years without a figure, optional target line; the meeting page uses it too) and the grouped
component bars. Altair builders only: the frames they draw come from ``vngov.views.compare``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from vngov.charts.common import FONT, top_level, uploaded_ring

# Okabe–Ito: a categorical palette that stays distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
BREAK_COLOR = "#6b6b6b"
TARGET_COLOR = "#D55E00"


# ------------------------------------------------------------------------------------------
# trends
# ------------------------------------------------------------------------------------------
def y_domain(values, target: float | None = None, scale: tuple[float, float] | None = None,
             height: int = 250, headroom_px: float = 0) -> list[float] | None:
    """The value axis of a trend: the data (and target) padded by 15 % of their range, never narrower than a
    tenth of the index's ``scale`` (or of the value's size without one), so that one point or a flat line
    does not draw an axis like 76.8–77.8; kept inside ``scale``; ``headroom_px`` above the target (its label)."""
    vals = [float(v) for v in values if v is not None and not pd.isna(v)] + ([float(target)] if target is not None else [])
    if not vals:
        return None
    lo, hi = min(vals), max(vals)
    span_min = (scale[1] - scale[0]) * 0.1 if scale else max(abs(hi) * 0.1, 1.0)
    pad = max((hi - lo) * 0.15, (span_min - (hi - lo)) / 2)
    d0, d1 = lo - pad, hi + pad
    if scale:
        if d0 < scale[0]:
            d0, d1 = scale[0], d1 + (scale[0] - d0)
        if d1 > scale[1]:
            d0, d1 = max(scale[0], d0 - (d1 - scale[1])), scale[1]
    if target is not None and headroom_px and height > headroom_px:
        # the target's label sits above its line: room for it inside the plot (it never meets the labels of
        # the method breaks, which sit above the plot)
        need = headroom_px / height
        if (d1 - target) < need * (d1 - d0):
            d1 = (target - need * d0) / (1 - need)
    return [d0, d1]


def trend_chart(df: pd.DataFrame, *, title: str, y_title: str, tooltip_titles: dict[str, str],
                color_domain: list[str] | None = None, color_range: list[str] | None = None,
                breaks: list[int] = (), break_tip: str = "{year}", target: float | None = None,
                target_label: str = "", year_range: tuple[int, int] | None = None, height: int = 250,
                legend: bool = True, font_scale: float = 1.0,
                scale: tuple[float, float] | None = None) -> alt.LayerChart:
    """Line + point chart of one index over the years. df: ``trend_frame`` output. Lines are drawn per
    ``seg`` (never across a method break or a missing year); each break year gets a dashed rule just
    before it, labelled with that year above the plot (``break_tip``, formatted with ``year``, is its
    tooltip). ``target`` adds a horizontal rule labelled inside the plot. ``scale``: the index's scale
    (the value axis is never narrower than a tenth of it, see ``y_domain``); one tick per year."""
    fs = font_scale
    years = [int(y) for y in df["year"]] + list(year_range or ())
    x_dom = [min(years) - 0.5, max(years) + 0.5] if years else alt.Undefined
    ticks = list(range(min(years), max(years) + 1)) if years else alt.Undefined
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=x_dom, nice=False),
              axis=alt.Axis(format="d", values=ticks, labelFontSize=12 * fs, labelOverlap=True, labelFont=FONT))
    label_px = 13 * fs + 6
    y_dom = y_domain(df["value"], target, scale, height, label_px if target is not None else 0) or alt.Undefined
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=y_dom, zero=False, nice=True),
              axis=alt.Axis(titleFontSize=12 * fs, labelFontSize=12 * fs, tickCount=max(5, min(8, height // 28)),
                            labelFont=FONT, titleFont=FONT))
    color = alt.Color("name:N", title=None,
                      scale=alt.Scale(domain=color_domain, range=color_range) if color_domain else alt.Undefined,
                      legend=alt.Legend(orient="bottom", labelFontSize=13 * fs, symbolStrokeWidth=3,
                                        columns=3, labelLimit=220, labelFont=FONT) if legend else None)
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("year:Q", title=tooltip_titles["year"], format="d"),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"]),
            alt.Tooltip("rank_txt:N", title=tooltip_titles["rank"])]
    base = alt.Chart(df)
    lines = base.mark_line(strokeWidth=2.5 * fs).encode(x=x, y=y, color=color, detail="seg:N")
    points = base.mark_point(filled=True, size=60 * fs * fs, opacity=1).encode(
        x=x, y=y, color=color, shape=alt.Shape("name:N", legend=None,
                                               scale=alt.Scale(domain=color_domain) if color_domain else alt.Undefined),
        tooltip=tips)
    layers = [lines, points]
    ring = uploaded_ring(df, x, y, tips, size=160 * fs * fs)
    if ring is not None:
        layers.append(ring)
    break_fs = 11 * fs
    if breaks:
        # the rule sits between the last year of the old method and the first of the new one, labelled
        # above the plot with the first year of the new method (short, so that close breaks do not collide)
        bdf = pd.DataFrame({"year": [b - 0.5 for b in breaks], "label": [str(b) for b in breaks],
                            "tip": [break_tip.format(year=b) for b in breaks]})
        rules = alt.Chart(bdf).mark_rule(color=BREAK_COLOR, strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=x, tooltip=alt.Tooltip("tip:N", title=None))
        labels = [alt.Chart(bdf).mark_text(align="center", baseline="bottom", dy=-3, fontSize=break_fs,
                                           color=BREAK_COLOR, font=FONT).encode(x=x, y=alt.value(0), text="label:N")]
        layers = [rules, *labels] + layers
    if target is not None:
        tdf = pd.DataFrame({"value": [float(target)], "label": [target_label]})
        layers.append(alt.Chart(tdf).mark_rule(color=TARGET_COLOR, strokeDash=[8, 4], strokeWidth=2.5 * fs)
                      .encode(y="value:Q"))
        layers.append(alt.Chart(tdf).mark_text(align="right", baseline="bottom", dy=-3, fontSize=13 * fs,
                                               fontWeight="bold", color=TARGET_COLOR, font=FONT)
                      .encode(y="value:Q", x=alt.value("width"), text="label:N"))
    return top_level(alt.layer(*layers),
                     title=alt.TitleParams(title, fontSize=15 * fs, anchor="start", font=FONT,
                                           offset=(break_fs + 8) if breaks else alt.Undefined),
                     width="container", height=height)


def for_export(charts: list[alt.TopLevelMixin], width: int = 380, columns: int = 2) -> alt.ConcatChart:
    """Several container-width charts as one fixed-width grid (for the PNG/SVG download)."""
    return alt.concat(*[c.properties(width=width) for c in charts], columns=columns)


def components_chart(df: pd.DataFrame, *, x_title: str, no_data_label: str, tooltip_titles: dict[str, str],
                     color_domain: list[str], color_range: list[str]) -> alt.LayerChart:
    """Grouped horizontal bars: one group per component, one bar per province (same colours as the
    trend charts); a province without a figure gets the text 'no data' in its slot, never a bar of 0."""
    order = list(dict.fromkeys(df["component"]))
    y = alt.Y("component:N", sort=order, title=None,
              axis=alt.Axis(labelFontSize=13, labelLimit=340, labelFont=FONT, domain=False, ticks=False))
    y_off = alt.YOffset("name:N", sort=color_domain, scale=alt.Scale(domain=color_domain, paddingInner=0.1))
    color = alt.Color("name:N", title=None, scale=alt.Scale(domain=color_domain, range=color_range),
                      legend=alt.Legend(orient="top", labelFontSize=13, labelLimit=220))
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("component:N", title=tooltip_titles["component"]),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"])]
    base = alt.Chart(df)
    bars = base.transform_filter("isValid(datum.value)").mark_bar(height={"band": 0.9}).encode(
        y=y, yOffset=y_off, x=alt.X("value:Q", title=x_title, axis=alt.Axis(labelFontSize=12, titleFontSize=13)),
        color=color, tooltip=tips)
    values = base.transform_filter("isValid(datum.value)").mark_text(
        align="left", dx=3, fontSize=11, font=FONT, color="#333").encode(
        y=y, yOffset=y_off, x="value:Q", text="value_txt:N")
    missing = base.transform_filter("!isValid(datum.value)").mark_text(
        align="left", dx=3, fontSize=11, fontStyle="italic", color="#666", font=FONT).encode(
        y=y, yOffset=y_off, x=alt.datum(0), text=alt.value(no_data_label), tooltip=tips)
    n_rows = max(len(df), 1)
    return top_level(alt.layer(bars, values, missing), width="container",
                     height=max(140, 21 * n_rows + 14 * len(order)), configure={"view": dict(stroke=None)})


def trend_grid(items: tuple[tuple[pd.DataFrame, dict], ...]) -> alt.ConcatChart:
    """The trend charts of a page (``(frame, trend_chart keywords)`` each) as one grid for the PNG/SVG
    download."""
    return for_export([trend_chart(df, **kw) for df, kw in items])
