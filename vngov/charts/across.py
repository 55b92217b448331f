"""The scatter of two indices for the same year (one point per province with both totals). Altair only:
the pair, the year, the frame and Pearson's r come from ``vngov.views.across``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from vngov.charts.common import FONT, top_level

SHAPES = ["circle", "square", "diamond", "triangle-up", "cross", "triangle-down"]  # with colour: region
LABEL_PX = 12  # label font size
CHAR_PX = 7.0  # a generous width of one character of the label font (Vietnamese diacritics included)
POINT_R = 8  # px radius kept free around every point
PLOT_W, PLOT_CHROME = 560, 150  # the narrowest desktop plot (px) the labels are placed for; legend + axes
# where a label may go, tried in this order: (dx, dy, align) of the text anchor from its point, in px
PLACES = ((9, 0, "left"), (-9, 0, "right"), (0, -13, "center"), (0, 13, "center"),
          (9, -11, "left"), (9, 11, "left"), (-9, -11, "right"), (-9, 11, "right"))


def _domain(s: pd.Series):
    if not len(s):
        return alt.Undefined
    lo, hi = float(s.min()), float(s.max())
    return [lo - max((hi - lo) * 0.08, 0.5), hi + max((hi - lo) * 0.08, 0.5)]


def place_labels(df: pd.DataFrame, labelled: pd.Series, x_dom, y_dom, width: int = PLOT_W,
                 height: int = 480 - PLOT_CHROME, first: tuple[str, ...] = ()) -> pd.DataFrame:
    """Label offsets (columns dx, dy, align; None where a name cannot be placed: it shows on hover) for the
    rows where ``labelled``: each label takes the first place in ``PLACES`` where its box overlaps no label
    placed before it and no point of the chart, at a plot of ``width`` × ``height`` px (a wider plot only
    spreads the points further apart). The provinces in ``first`` (the reader's own) are placed first and,
    where no place is free of points, take the first place free of labels (they are always named).
    Returns the labelled rows with the offsets and the boxes (px)."""
    kx = width / (x_dom[1] - x_dom[0])
    ky = height / (y_dom[1] - y_dom[0])
    px = (df["x"].astype(float) - x_dom[0]) * kx
    py = (y_dom[1] - df["y"].astype(float)) * ky
    points = list(zip(px, py))
    boxes: list[tuple[float, float, float, float]] = []
    rows = []
    lab = df[labelled]
    order = (lab.assign(_py=py[labelled].to_numpy(), _mine=~lab["province_code"].isin(first).to_numpy())
             .sort_values(["_mine", "_py", "name"]).index) if len(lab) else []
    for i in order:
        w, h = len(str(df.at[i, "name"])) * CHAR_PX + 2, LABEL_PX + 2
        got = None
        relaxed = df.at[i, "province_code"] in first
        for place in PLACES + (tuple((dx, dy, al, True) for dx, dy, al in PLACES) if relaxed else ()):
            dx, dy, align = place[:3]
            ax_ = px[i] + dx
            x0 = ax_ if align == "left" else (ax_ - w if align == "right" else ax_ - w / 2)
            y0 = py[i] + dy - h / 2
            box = (x0, y0, x0 + w, y0 + h)
            if box[0] < 0 or box[2] > width or box[1] < -10 or box[3] > height + 10:
                continue
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
                continue
            if len(place) == 3 and any(box[0] - POINT_R < qx < box[2] + POINT_R
                                       and box[1] - POINT_R < qy < box[3] + POINT_R for qx, qy in points):
                continue
            got = (dx, dy, align, box)
            break
        if got:
            boxes.append(got[3])
            rows.append(dict(index=i, dx=got[0], dy=got[1], align=got[2], x0=got[3][0], y0=got[3][1],
                             x1=got[3][2], y1=got[3][3]))
    placed = pd.DataFrame(rows, columns=["index", "dx", "dy", "align", "x0", "y0", "x1", "y1"]).set_index("index")
    return df.loc[placed.index].join(placed)


def scatter_chart(df: pd.DataFrame, *, x_title: str, y_title: str, region_domain: list[str],
                  region_range: list[str], tooltip_titles: dict[str, str], label_all: bool = False,
                  label_codes: tuple[str, ...] = (), height: int = 480) -> alt.LayerChart:
    """Scatter, one point per province, colour (and shape) = region. Names on hover; written next to
    the point for every province if ``label_all``, else only for ``label_codes`` (the chosen provinces),
    each where it overlaps no other label and no point (``place_labels``; a name with no free place shows
    on hover only). Uploaded figures (``origin`` 'uploaded') are ringed by a black diamond."""
    pad = _domain
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=pad(df["x"]), zero=False, nice=False),
              axis=alt.Axis(labelFontSize=12, titleFontSize=14, labelFont=FONT, titleFont=FONT, tickCount=8))
    y = alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=pad(df["y"]), zero=False, nice=False),
              axis=alt.Axis(labelFontSize=12, titleFontSize=14, labelFont=FONT, titleFont=FONT))
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("region_name:N", title=tooltip_titles["region"]),
            alt.Tooltip("x_txt:N", title=tooltip_titles["x"]),
            alt.Tooltip("y_txt:N", title=tooltip_titles["y"])]
    base = alt.Chart(df)
    points = base.mark_point(filled=True, size=150, opacity=0.9).encode(
        x=x, y=y,
        color=alt.Color("region_name:N", title=tooltip_titles["region"],
                        scale=alt.Scale(domain=region_domain, range=region_range),
                        legend=alt.Legend(orient="bottom", columns=2, labelFontSize=13, titleFontSize=13, symbolSize=170,
                                          labelLimit=320, labelFont=FONT, titleFont=FONT)),
        shape=alt.Shape("region_name:N", scale=alt.Scale(domain=region_domain, range=SHAPES[:len(region_domain)]),
                        legend=None),
        tooltip=tips)
    layers = [points]
    if "origin" in df and (df["origin"] == "uploaded").any():
        layers.append(alt.Chart(df[df["origin"] == "uploaded"]).mark_point(
            shape="diamond", filled=False, size=330, strokeWidth=2.2, color="#1a1a1a").encode(x=x, y=y, tooltip=tips))
    labelled = pd.Series(True, index=df.index) if label_all else df["province_code"].isin(label_codes)
    if labelled.any():
        lab = place_labels(df, labelled, pad(df["x"]), pad(df["y"]), height=height - PLOT_CHROME,
                           first=tuple(label_codes))
        if len(lab):
            layers.append(alt.Chart(lab[["x", "y", "name", "dx", "dy", "align", "province_code"]]).mark_text(
                fontSize=LABEL_PX, font=FONT, color="#222", baseline="middle",
                dx=alt.expr("datum.dx"), dy=alt.expr("datum.dy"), align=alt.expr("datum.align"))
                .encode(x=x, y=y, text="name:N"))
    return top_level(alt.layer(*layers), width="container", height=height, configure={"view": dict(stroke=None)})
