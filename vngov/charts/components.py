"""Charts of the Components page: the province against reference points per component, the heat map of
all provinces × components, and the change per component vs the previous year. No Streamlit.

Inputs are the frames of ``vngov.views.components`` after ``with_labels`` (columns ``label``, ``order``
and, for provinces, ``name``). ``mode`` is 'raw' (plot values: all components share a scale) or 'pct'
(plot % of each component's scale).
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from vngov.charts.common import (FONT, NO_DATA_COLOR, NO_DATA_STROKE, SCHEME, fmt_num, fmt_signed, records,
                                 top_level, uploaded, wrapped_label_expr)
from vngov.i18n import col

SERIES = ("province", "mean", "region", "best")
SERIES_COLORS = {"province": "#08519c", "mean": "#4d4d4d", "region": "#8073ac", "best": "#e66101"}
SERIES_SHAPES = {"province": "circle", "mean": "triangle-up", "region": "square", "best": "diamond"}
UP, DOWN = "#2166ac", "#e66101"  # blue / orange: colour-blind-safe diverging pair
LABEL_LIMIT = 230
WRAP = 26  # characters per line of a component's name (12 px: ~170 px), so the plot keeps room on a phone
LINE = 14  # px per line of a 12 px label
LEGEND_WRAP = 30  # characters per line of a legend entry
COL_WRAP = 24  # characters per line of a heat-map column label


def _component_axis(labels: list[str], title: str | None = None, missing=(), note: str = "") -> alt.Y:
    """The y channel shared by the per-component charts: components in catalogue order, each name on as
    many lines as it needs (never truncated); ``note`` under the names in ``missing``."""
    expr, _ = wrapped_label_expr(labels, WRAP, missing, note)
    return alt.Y("label:N", sort=labels, title=title,
                 axis=alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=12, titleFontSize=13, labelPadding=6,
                               labelExpr=expr, labelLineHeight=LINE))


def _row_step(labels: list[str], least: int, missing=()) -> int:
    """The height of one component row: at least ``least`` px and room for every line of its label."""
    _, most = wrapped_label_expr(labels, WRAP, missing, "x")
    return max(least, most * LINE + 8)


def _no_data_text(df: pd.DataFrame, labels: list[str], field: str, text: str) -> alt.Chart:
    """A 'no data' note at the left of each component row whose ``field`` is missing."""
    miss = df[df[field].isna()][["label"]].drop_duplicates().assign(txt=text)
    return (alt.Chart(alt.Data(values=records(miss))).mark_text(align="left", dx=4, fontSize=12, color="#555",
                                                                  fontStyle="italic", font=FONT)
            .encode(y=_component_axis(labels), x=alt.value(4), text="txt:N"))


def comparison_chart(df: pd.DataFrame, *, mode: str, lang: str, series_labels: dict[str, str],
                     value_title: str, no_data: str, tooltip_titles: dict[str, str],
                     decimals: int = 2, uploaded_label: str = "uploaded") -> alt.LayerChart:
    """Dot chart: one row per component; the province (large dot), the mean of the provinces with a score,
    the mean of its region and the highest score. ``df``: ``comparison_frame`` + ``with_labels``."""
    d = df.sort_values(["order", "series"]).copy()
    field = "value" if mode == "raw" else "pct"
    d["x"] = d[field]
    d["series_label"] = d["series"].map(series_labels)
    d["value_txt"] = [fmt_num(v, decimals, lang) or no_data for v in d["value"]]
    d["up"] = uploaded(d)
    d.loc[d["up"], "value_txt"] = d.loc[d["up"], "value_txt"] + f" ({uploaded_label})"
    d["pct_txt"] = [fmt_num(v, 0, lang) + " %" if pd.notna(v) else no_data for v in d["pct"]]
    d["who"] = d[col("who", lang)].fillna("")
    d["n"] = d["n"].astype("Int64")
    labels = list(dict.fromkeys(d.sort_values("order")["label"]))
    present = [s for s in SERIES if s in set(d["series"])]
    cols = ["label", "series", "series_label", "x", "value", "value_txt", "pct_txt", "who", "n", "up"]
    base = alt.Chart(alt.Data(values=records(d[cols])))
    tips = [alt.Tooltip("label:N", title=tooltip_titles["component"]),
            alt.Tooltip("series_label:N", title=tooltip_titles["series"]),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"]),
            alt.Tooltip("pct_txt:N", title=tooltip_titles["pct"]),
            alt.Tooltip("who:N", title=tooltip_titles["who"]),
            alt.Tooltip("n:Q", title=tooltip_titles["n"])]
    vals = d["x"].dropna()
    lo, hi = (float(vals.min()), float(vals.max())) if len(vals) else (0.0, 1.0)
    pad = max((hi - lo) * 0.08, 0.05)
    xscale = alt.Scale(domain=[lo - pad, hi + pad], nice=False, zero=False)
    # a thin line from the lowest to the highest reference point of each row guides the eye
    span = base.transform_filter("isValid(datum.x)").mark_rule(color="#bdbdbd", strokeWidth=2).encode(
        y=_component_axis(labels), x=alt.X("min(x):Q", scale=xscale), x2="max(x):Q")
    dots = base.transform_filter("isValid(datum.x)").mark_point(filled=True, opacity=0.95).encode(
        y=_component_axis(labels),
        x=alt.X("x:Q", scale=xscale, title=value_title, axis=alt.Axis(labelFontSize=12, titleFontSize=13)),
        color=alt.Color("series_label:N", title=None,
                        scale=alt.Scale(domain=[series_labels[s] for s in present],
                                        range=[SERIES_COLORS[s] for s in present]),
                        legend=alt.Legend(orient="top", direction="vertical", labelFontSize=12, labelLimit=420,
                                          symbolStrokeWidth=3,  # entries wrap to fit a phone
                                          labelExpr=wrapped_label_expr(
                                              [series_labels[s] for s in present], LEGEND_WRAP)[0])),
        shape=alt.Shape("series_label:N", scale=alt.Scale(domain=[series_labels[s] for s in present],
                                                          range=[SERIES_SHAPES[s] for s in present])),
        size=alt.condition(alt.datum.series == "province", alt.value(260), alt.value(130)),
        strokeWidth=alt.value(3),
        tooltip=tips)
    layers = [span, dots]
    if d["up"].any():  # the province's uploaded figures ringed by a black diamond (as on Rankings)
        layers.append(base.transform_filter("datum.up && isValid(datum.x)").mark_point(
            shape="diamond", filled=False, size=520, color="black", strokeWidth=2).encode(
            y=_component_axis(labels), x=alt.X("x:Q", scale=xscale), tooltip=tips))
    me = d[d["series"] == "province"]
    missing = list(me.loc[me["value"].isna(), "label"])
    if missing:  # "no data" under the component's name, never over the markers
        axis_y = _component_axis(labels, missing=missing, note="(" + no_data + ")")
        layers = [lyr.encode(y=axis_y) for lyr in layers]
    step = _row_step(labels, 34, missing)
    return top_level(alt.layer(*layers), width="container", height=step * len(labels) + 150,  # + legend, axis
                     configure={"axis": dict(labelFont=FONT, titleFont=FONT), "legend": dict(labelFont=FONT),
                                "view": dict(stroke=None)})


def heatmap(hf: pd.DataFrame, order: list[str], *, lang: str, highlight: str | None, no_data: str,
            color_title: str, tooltip_titles: dict[str, str], decimals: int = 2,
            row_height: int = 26, uploaded_label: str = "uploaded") -> alt.LayerChart:
    """All provinces (rows, in ``order`` of province codes) × total and components (columns). The colour is
    the value scaled between the lowest and highest score of that column (``norm``), grey where there is
    no figure. ``hf``: ``heat_frame`` + ``with_labels``."""
    d = hf.copy()
    names = dict(zip(d["province_code"], d["name"]))
    rows = [names[c] for c in order if c in names]
    labels = list(dict.fromkeys(d.sort_values("order")["label"]))
    d["value_txt"] = [fmt_num(v, decimals, lang) or no_data for v in d["value"]]
    d["up"] = uploaded(d)
    d.loc[d["up"], "value_txt"] = d.loc[d["up"], "value_txt"] + f" ({uploaded_label})"
    d["rank_txt"] = ["" if pd.isna(r) else str(int(r)) for r in d["rank"]]
    d["status"] = no_data
    cols = ["province_code", "name", "label", "norm", "value_txt", "rank_txt", "status", "up"]
    base = alt.Chart(alt.Data(values=records(d[cols])))
    hl_name = names.get(highlight) if highlight else None
    y = alt.Y("name:N", sort=rows, title=None,
              axis=alt.Axis(labelFontSize=12, labelLimit=170, ticks=False, labelPadding=4, labelOverlap=False,
                            labelFontWeight=({"condition": {"test": f"datum.value === {json.dumps(hl_name)}",
                                                            "value": "bold"}, "value": "normal"}
                                             if hl_name else "normal"),
                            labelColor=({"condition": {"test": f"datum.value === {json.dumps(hl_name)}",
                                                       "value": "#b2182b"}, "value": "#333"}
                                        if hl_name else "#333")))
    col_expr, col_lines = wrapped_label_expr(labels, COL_WRAP)
    x = alt.X("label:N", sort=labels, title=None,  # every column named in full, on two lines where needed
              axis=alt.Axis(orient="top", labelAngle=-35, labelLimit=160, labelFontSize=11, ticks=False,
                            labelAlign="left", labelOverlap=False, labelBound=False, labelExpr=col_expr,
                            labelLineHeight=13, labelPadding=4 + 12 * (col_lines - 1)))  # lines clear the grid
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("label:N", title=tooltip_titles["component"]),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"]),
            alt.Tooltip("rank_txt:N", title=tooltip_titles["rank"])]
    nodata = base.transform_filter("!isValid(datum.norm)").mark_rect(
        stroke=NO_DATA_STROKE, strokeWidth=0.3, strokeDash=[2, 1.5]).encode(
        x=x, y=y, tooltip=tips,
        color=alt.Color("status:N", scale=alt.Scale(range=[NO_DATA_COLOR]),
                        legend=alt.Legend(title=None, orient="bottom", symbolType="square", labelFontSize=12)))
    cells = base.transform_filter("isValid(datum.norm)").mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=x, y=y, tooltip=tips,
        color=alt.Color("norm:Q", scale=alt.Scale(scheme=SCHEME, reverse=True, domain=[0, 1]), title=color_title,
                        legend=alt.Legend(orient="bottom", direction="horizontal", gradientLength=200,
                                          titleFontSize=12, labelFontSize=11, titleLimit=400, format=".0%",
                                          values=[0, 0.5, 1])))
    layers = [nodata, cells]
    if d["up"].any():  # a cell holding an uploaded figure carries a black diamond
        layers.append(base.transform_filter("datum.up").mark_point(
            shape="diamond", filled=True, size=90, color="black", stroke="white", strokeWidth=1).encode(
            x=x, y=y, tooltip=tips))
    if hl_name:
        layers.append(base.transform_filter(alt.datum.province_code == highlight).mark_rect(
            fill=None, stroke="#b2182b", strokeWidth=2).encode(x=x, y=y))
    return top_level(alt.layer(*layers), resolve_scale=dict(color="independent"), width="container",
                     height=max(row_height * len(rows), 3 * row_height) + 190 + 13 * (col_lines - 1),  # + labels, legend
                     configure={"axis": dict(labelFont=FONT), "legend": dict(labelFont=FONT, titleFont=FONT),
                                "view": dict(stroke=None)})


def change_chart(cf: pd.DataFrame, *, mode: str, lang: str, value_title: str, no_data: str,
                 tooltip_titles: dict[str, str], decimals: int = 2) -> alt.LayerChart:
    """Diverging bars: the province's change per component vs the previous year (blue up, orange down),
    'no data' where either year has no figure. ``cf``: ``change_frame`` + ``with_labels``."""
    d = cf.sort_values("order").copy()
    d["x"] = d["change"] if mode == "raw" else d["pct_change"]
    d["dir"] = ["up" if v >= 0 else "down" for v in d["x"].fillna(0)]
    d["change_txt"] = [fmt_signed(v, decimals, lang) or no_data for v in d["change"]]
    d["value_txt"] = [fmt_num(v, decimals, lang) or no_data for v in d["value"]]
    d["prev_txt"] = [fmt_num(v, decimals, lang) or no_data for v in d["prev_value"]]
    d["bar_txt"] = [fmt_signed(v, decimals if mode == "raw" else 1, lang) for v in d["x"]]
    labels = list(d["label"])
    cols = ["label", "x", "dir", "change_txt", "value_txt", "prev_txt", "bar_txt"]
    base = alt.Chart(alt.Data(values=records(d[cols])))
    vals = d["x"].dropna().abs()
    m = float(vals.max()) * 1.25 if len(vals) and vals.max() > 0 else 1.0
    xscale = alt.Scale(domain=[-m, m], nice=False)
    tips = [alt.Tooltip("label:N", title=tooltip_titles["component"]),
            alt.Tooltip("prev_txt:N", title=tooltip_titles["prev"]),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"]),
            alt.Tooltip("change_txt:N", title=tooltip_titles["change"])]
    valid = base.transform_filter("isValid(datum.x)")
    bars = valid.mark_bar(height={"band": 0.7}).encode(
        y=_component_axis(labels), x=alt.X("x:Q", scale=xscale, title=value_title,
                                          axis=alt.Axis(labelFontSize=12, titleFontSize=13)),
        color=alt.Color("dir:N", scale=alt.Scale(domain=["up", "down"], range=[UP, DOWN]), legend=None),
        tooltip=tips)
    texts = [valid.transform_filter(test).mark_text(fontSize=11, font=FONT, color="#222", align=align, dx=dx)
             .encode(y=_component_axis(labels), x=alt.X("x:Q", scale=xscale), text="bar_txt:N")
             for test, align, dx in (("datum.x >= 0", "left", 4), ("datum.x < 0", "right", -4))]
    zero = alt.Chart(alt.Data(values=[{"z": 0}])).mark_rule(color="#333").encode(x=alt.X("z:Q", scale=xscale))
    layers = [zero, bars, *texts]
    if d["x"].isna().any():
        layers.append(_no_data_text(d, labels, "x", no_data))
    return top_level(alt.layer(*layers), width="container", height=_row_step(labels, 30) * len(labels) + 60,  # + axis
                     configure={"axis": dict(labelFont=FONT, titleFont=FONT), "view": dict(stroke=None)})
