"""Charts of the Rankings & movement page: bump chart of ranks, slope chart between two years,
diverging bars of the biggest rank movers, and a text table (for the PNG/SVG of the rank table).

Pure Altair; the data frames come from ``vngov.views.rankings``. Ranks run top-down (rank 1 at the top).
Colours: blue = better / top, orange = worse / bottom (colour-blind safe pair), near-black = the
reader's own provinces.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from vngov.charts.common import FONT, top_level

UP = "#2166ac"
DOWN = "#e66101"
SAME = "#8c8c8c"
USER = "#1a1a1a"
RULE = "#555555"
LABEL_FONT = 12
HOVER = "rk_hover"
PLOT_WIDTH = 900
PLOT_CHROME = 150  # px of a chart's height taken by legend, axis and titles (Streamlit fits it all in)


# ------------------------------------------------------------------------------------------
# shared pieces
# ------------------------------------------------------------------------------------------
def rank_scale(max_rank: int) -> alt.Scale:
    """Rank 1 at the top, down to max_rank (63, or 64 for PCI 2006-2008 which counted Hà Tây)."""
    return alt.Scale(domain=[1, max(int(max_rank), 2)], reverse=True, nice=False, zero=False)


def rank_axis(title: str, max_rank: int) -> alt.Axis:
    ticks = [1] + list(range(10, int(max_rank) + 1, 10))
    if max_rank - ticks[-1] >= 4:
        ticks.append(int(max_rank))
    return alt.Axis(title=title, values=ticks, format="d", grid=True, gridOpacity=0.35)


def dodge(values: pd.Series, gap: float, lo: float | None = None, hi: float | None = None) -> pd.Series:
    """Label positions near ``values`` but at least ``gap`` apart (same index), kept within [lo, hi]."""
    if values.empty:
        return values.astype(float)
    order = values.astype(float).sort_values(kind="stable")
    pos = list(order)
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + gap)
    if hi is not None and pos[-1] > hi:
        pos[-1] = hi
        for i in range(len(pos) - 2, -1, -1):
            pos[i] = min(pos[i], pos[i + 1] - gap)
    if lo is not None and pos[0] < lo:
        shift = lo - pos[0]
        pos = [p + shift for p in pos]
    return pd.Series(pos, index=order.index).reindex(values.index)


def dodge_2d(frame: pd.DataFrame, x: str, y: str, width: pd.Series, gap: float, lo: float,
             hi: float) -> pd.Series:
    """Label y positions for labels written to the right of points (x, y), each ``width`` x-units wide:
    a label moves down (or, at the bottom, up) until it overlaps no label placed before it."""
    placed: list[tuple[float, float, float]] = []  # (x0, x1, y)
    out = {}
    for i in frame.sort_values([x, y]).index:
        x0 = float(frame.at[i, x])
        x1 = x0 + float(width.at[i])
        want = float(frame.at[i, y])

        def clash(yv):
            return [p for p in placed if p[0] < x1 and x0 < p[1] and abs(p[2] - yv) < gap * 0.999]

        yv = want
        for _ in range(len(placed) + 1):  # each step passes at least one placed label
            if not clash(yv) or yv > hi:
                break
            yv = max(p[2] for p in clash(yv)) + gap
        if yv > hi:  # no room below: go up instead
            yv = want
            for _ in range(len(placed) + 1):
                if not clash(yv):
                    break
                yv = min(p[2] for p in clash(yv)) - gap
        placed.append((x0, x1, yv))
        out[i] = yv
    return pd.Series(out).reindex(frame.index)


def label_gap(span: float, height: int, px: float = LABEL_FONT + 2) -> float:
    """The data distance that one label line takes on an axis of ``span`` data units over ``height`` px."""
    return max(span, 1e-9) * px / max(height, 1)


def end_labels(data: pd.DataFrame, x: str, y: str, *, align: str = "left", dx: int = 7,
               y_scale: alt.Scale | None = None, x_type: str = "Q", color: str = "#222") -> alt.Chart:
    """Province names written beside the end points of lines (bump and slope charts)."""
    return alt.Chart(data).mark_text(align=align, dx=dx, fontSize=LABEL_FONT, font=FONT, color=color,
                                     baseline="middle").encode(
        x=alt.X(f"{x}:{x_type}"), y=alt.Y(f"{y}:Q", scale=y_scale if y_scale is not None else alt.Undefined),
        text="name:N")


def hover_param() -> alt.Parameter:
    return alt.selection_point(name=HOVER, on="pointerover", fields=["province_code"], clear="pointerout",
                               empty=True)


def hover_opacity(param: alt.Parameter) -> alt.ConditionalValueDefnumberExprRef:
    return alt.condition(param, alt.value(1.0), alt.value(0.18))


def finish(chart, height: int):
    """Size and styling, set on ``chart`` itself (``common.top_level``)."""
    return top_level(chart, width="container", height=height, configure={
        "": dict(font=FONT), "axis": dict(labelFontSize=12, titleFontSize=13),
        "legend": dict(labelFontSize=12, titleFontSize=13, orient="top", labelLimit=260, offset=34),
        "view": dict(stroke=None)})


def _color(field: str, domain: list[str], range_: list[str], title: str | None) -> alt.Color:
    # two columns: three entries in one row overflow a phone screen
    return alt.Color(f"{field}:N", scale=alt.Scale(domain=domain, range=range_),
                     legend=alt.Legend(title=title, columns=2, symbolType="circle"))


def _tooltips(titles: dict[str, str], extra: list | None = None, df: pd.DataFrame | None = None) -> list:
    rank = (alt.Tooltip("rank_txt:N", title=titles["rank"]) if df is not None and "rank_txt" in df else
            alt.Tooltip("rank:Q", title=titles["rank"], format="d"))
    note = ([alt.Tooltip("note:N", title=titles["note"])]
            if df is not None and "note" in df and "note" in titles and df["note"].astype(bool).any() else [])
    return [alt.Tooltip("name:N", title=titles["name"]), alt.Tooltip("year:O", title=titles["year"]), rank,
            alt.Tooltip("value_txt:N", title=titles["value"])] + (extra or []) + note


def uploaded_ring(data: pd.DataFrame, x, y, tips: list) -> alt.Chart | None:
    """A black diamond ring around every mark of an uploaded figure (``origin`` == 'uploaded')."""
    if "origin" not in data or not (data["origin"] == "uploaded").any():
        return None
    return (alt.Chart(data[data["origin"] == "uploaded"]).mark_point(shape="diamond", filled=False, size=260,
                                                                     strokeWidth=2.2, color=USER)
            .encode(x=x, y=y, tooltip=tips))


def column_labels(last: pd.DataFrame, gap: float, lo: float, hi: float) -> pd.Series:
    """Label y positions of end labels written in one column (all at the same x): the labels keep the
    order of their lines' last ranks and are at least ``gap`` apart, so no two labels ever overlap."""
    return dodge(last["rank"].astype(float), gap, lo, hi)


# ------------------------------------------------------------------------------------------
# bump chart
# ------------------------------------------------------------------------------------------
def bump_chart(df: pd.DataFrame, *, years: list[int], breaks: list[int], group_order: list[str],
               user_group: str, titles: dict[str, str], break_label: str, max_rank: int = 63,
               height: int = 520, uploaded_label: str = "") -> alt.LayerChart:
    """Ranks over the years. df: ``views_rankings.bump_data`` (one row per province-year with a rank).

    Lines are drawn per ``segment`` (split at method breaks and at years without a rank), so no line
    crosses a break or bridges a missing year; every ranked year is also a dot. breaks: break years
    inside the range, each drawn as a dashed vertical rule half-way before the break year, with
    ``break_label`` ('… {year}') written at the top. titles: name, year, rank, value (note).

    End labels: one column right of the last year, in the order of the lines' last ranks and at least
    a line of text apart (they never collide); a line ending before the last year gets "(year)"."""
    y0, y1 = min(years), max(years)
    span = max(y1 - y0, 1)
    x_scale = alt.Scale(domain=[y0 - 0.3, y1 + max(2.2, 0.26 * span)], nice=False, zero=False)
    x_axis = alt.Axis(title=titles["year"], values=list(years), format="d", labelOverlap="greedy",
                      labelAngle=0, grid=False)
    y_scale = rank_scale(max_rank)
    colors = {g: c for g, c in zip(group_order, [UP, DOWN, USER])}
    color = _color("group", list(colors), [colors[g] for g in colors], None)
    hover = hover_param()
    base = alt.Chart(df).encode(
        x=alt.X("year:Q", scale=x_scale, axis=x_axis),
        y=alt.Y("rank:Q", scale=y_scale, axis=rank_axis(titles["rank"], max_rank)),
        color=color, opacity=hover_opacity(hover), tooltip=_tooltips(titles, df=df))
    width_cond = alt.condition(f"datum.group === {user_group!r}", alt.value(3.5), alt.value(2.2))
    # a segment of one year is a dot only (no zero-length line path)
    lines = (base.transform_joinaggregate(seg_n="count()", groupby=["segment"]).transform_filter("datum.seg_n > 1")
             .mark_line().encode(detail="segment:N", strokeWidth=width_cond))
    dots = base.mark_circle(size=55, opacity=1).add_params(hover)
    last = df.loc[df.groupby("province_code")["year"].idxmax()].copy() if len(df) else df.assign(label_y=[])
    last["label_x"] = y1 + 0.25
    if len(last):
        # the plot Streamlit fits into ``height`` is shorter than height - PLOT_CHROME once the legend wraps:
        # a line of text plus a margin, measured on a plot 100 px shorter
        last["label_y"] = column_labels(last, label_gap(max_rank - 1, height - PLOT_CHROME - 100, LABEL_FONT + 4),
                                        1, max_rank)
        last["name"] = [n if y == y1 else f"{n} ({y})" for n, y in zip(last["name"], last["year"])]
    labels = end_labels(last, "label_x", "label_y", y_scale=y_scale).encode(
        x=alt.X("label_x:Q", scale=x_scale), opacity=hover_opacity(hover))
    layers = [lines, dots, labels]
    ring = uploaded_ring(df, alt.X("year:Q", scale=x_scale), alt.Y("rank:Q", scale=y_scale), _tooltips(titles, df=df))
    if ring is not None:
        layers.append(ring)
    br = pd.DataFrame({"x": [b - 0.5 for b in breaks], "label": [break_label.format(year=b) for b in breaks],
                       "dy": [-6 - 14 * (i % 2) for i in range(len(breaks))]})
    if len(br):
        layers.append(alt.Chart(br).mark_rule(color=RULE, strokeDash=[5, 4], strokeWidth=1.4)
                      .encode(x=alt.X("x:Q", scale=x_scale)))
        for dy, part in br.groupby("dy"):  # alternate heights, so that close breaks do not overprint
            layers.append(alt.Chart(part).mark_text(align="center", baseline="bottom", dy=int(dy), fontSize=11,
                                                    fontStyle="italic", color=RULE)
                          .encode(x=alt.X("x:Q", scale=x_scale), y=alt.value(0), text="label:N"))
    return finish(alt.layer(*layers), height)


# ------------------------------------------------------------------------------------------
# slope chart
# ------------------------------------------------------------------------------------------
def slope_chart(df: pd.DataFrame, *, measure: str, dir_labels: dict[str, str], titles: dict[str, str],
                label_codes: list[str] | None = None, highlight: list[str] | None = None,
                max_rank: int = 63, height: int = 520, uploaded_label: str = "") -> alt.LayerChart:
    """Two columns (the two years), one line per province with the measure ('value' or 'rank') in both.
    df: ``views_rankings.slope_data``. Colour: direction of change (better / worse / unchanged).
    label_codes: provinces whose names are written at both ends (all when None). titles: name, year,
    rank, value, measure, change, direction."""
    data = df.assign(dir=df["direction"].map(dir_labels))
    highlight = list(highlight or [])
    data["hl"] = data["province_code"].isin(highlight)
    if measure == "rank":
        y_scale = rank_scale(max_rank)
        y = alt.Y("measure:Q", scale=y_scale, axis=rank_axis(titles["measure"], max_rank))
    else:
        y_scale = alt.Scale(zero=False, nice=True)
        y = alt.Y("measure:Q", scale=y_scale, axis=alt.Axis(title=titles["measure"], grid=True, gridOpacity=0.35))
    years = sorted(int(v) for v in data["year"].unique())
    x = alt.X("year:O", scale=alt.Scale(domain=years, padding=1.1),
              axis=alt.Axis(title=None, labelAngle=0, labelFontSize=14, labelFontWeight="bold", orient="top"))
    order = [dir_labels[k] for k in ("up", "down", "same")]
    color = _color("dir", order, [UP, DOWN, SAME], titles["direction"])
    hover = hover_param()
    tips = _tooltips(titles, [alt.Tooltip("delta:Q", title=titles["change"], format="+.2f")], df=data)
    base = alt.Chart(data).encode(x=x, y=y, color=color, opacity=hover_opacity(hover), tooltip=tips)
    lines = base.mark_line().encode(detail="province_code:N",
                                    strokeWidth=alt.condition("datum.hl", alt.value(3.5), alt.value(1.6)))
    dots = base.mark_circle(size=50, opacity=1).add_params(hover)
    lab = data if label_codes is None else data[data["province_code"].isin(label_codes)]
    if measure == "rank":
        gap, lo, hi = label_gap(max_rank - 1, height - PLOT_CHROME), 1, max_rank
    else:
        lo, hi = float(data["measure"].min()), float(data["measure"].max())
        gap = label_gap(hi - lo, height - PLOT_CHROME)
    left = lab[lab["year"] == years[0]].copy()
    right = lab[lab["year"] == years[-1]].copy()
    for side in (left, right):
        side["label_y"] = dodge(side["measure"], gap, lo, hi)
    layers = [lines, dots,
              end_labels(left, "year", "label_y", align="right", dx=-8, y_scale=y_scale, x_type="O")
              .encode(x=x, opacity=hover_opacity(hover)),
              end_labels(right, "year", "label_y", align="left", dx=8, y_scale=y_scale, x_type="O")
              .encode(x=x, opacity=hover_opacity(hover))]
    ring = uploaded_ring(data, x, alt.Y("measure:Q", scale=y_scale), tips)
    if ring is not None:
        layers.append(ring)
    return finish(alt.layer(*layers), height)


# ------------------------------------------------------------------------------------------
# biggest movers
# ------------------------------------------------------------------------------------------
def movers_chart(df: pd.DataFrame, *, dir_labels: dict[str, str], titles: dict[str, str]) -> alt.LayerChart:
    """Diverging horizontal bars of rank changes (+ = moved up). df: ``views_rankings.movers``.
    titles: name, change, prev_rank, rank, direction."""
    data = df.assign(dir=df["direction"].map(dir_labels),
                     change_txt=[f"{v:+d}" for v in df["rank_change"]],
                     prev_rank=df["prev_rank"].astype(float), rank=df["rank"].astype(float))
    order = list(data.sort_values(["rank_change", "rank"], ascending=[False, True])["name"])
    y = alt.Y("name:N", sort=order, axis=alt.Axis(title=None, labelLimit=180, labelFontSize=12))
    tips = [alt.Tooltip("name:N", title=titles["name"]), alt.Tooltip("prev_rank:Q", title=titles["prev_rank"]),
            alt.Tooltip("rank:Q", title=titles["rank"]), alt.Tooltip("change_txt:N", title=titles["change"])]
    color = _color("dir", [dir_labels["up"], dir_labels["down"]], [UP, DOWN], titles["direction"])
    lim = max(1, int(data["rank_change"].abs().max())) if len(data) else 1
    x = alt.X("rank_change:Q", title=titles["change"], scale=alt.Scale(domain=[-lim * 1.15, lim * 1.15], nice=False))
    bars = alt.Chart(data).mark_bar(cornerRadius=2, height={"band": 0.7}).encode(
        x=x, y=y, color=color, tooltip=tips)
    text = [alt.Chart(data).transform_filter(f"datum.rank_change {op} 0")
            .mark_text(fontSize=12, baseline="middle", align=align, dx=dx)
            .encode(x=x, y=y, text="change_txt:N")
            for op, align, dx in ((">", "left", 4), ("<", "right", -4))]
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#333").encode(x="x:Q")
    # Streamlit fits the whole chart (legend and axis included) into the height: add room for them
    return finish(alt.layer(bars, *text, zero), 26 * max(len(data), 2) + 130)


# ------------------------------------------------------------------------------------------
# a table drawn as a chart (PNG/SVG download of the rank table)
# ------------------------------------------------------------------------------------------
def table_chart(table: pd.DataFrame, title: str | None = None, col_width: int = 130) -> alt.Chart:
    """Every cell of ``table`` (already formatted as text) as text marks, header on top."""
    cols = list(table.columns)
    long = (table.astype(str).reset_index(drop=True).reset_index(names="row")
            .melt(id_vars="row", var_name="col", value_name="text"))
    chart = alt.Chart(long).mark_text(fontSize=12, align="left", dx=-col_width / 2 + 6).encode(
        x=alt.X("col:N", sort=cols, axis=alt.Axis(orient="top", title=None, labelAngle=0, labelFontWeight="bold",
                                                   labelLimit=col_width, domain=False, ticks=False)),
        y=alt.Y("row:O", axis=None), text="text:N")
    return top_level(chart, width=col_width * len(cols), height=20 * len(table) + 10,
                     **({"title": title} if title else {}),
                     configure={"": dict(font=FONT), "axis": dict(labelFontSize=12), "view": dict(stroke=None)})
