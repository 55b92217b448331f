"""The scatter of two indices for the same year (one point per province with both totals). Altair only:
the pair, the year, the frame and Pearson's r come from ``vngov.views.across``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from vngov.charts.common import FONT

SHAPES = ["circle", "square", "diamond", "triangle-up", "cross", "triangle-down"]  # with colour: region


def scatter_chart(df: pd.DataFrame, *, x_title: str, y_title: str, region_domain: list[str],
                  region_range: list[str], tooltip_titles: dict[str, str], label_all: bool = False,
                  label_codes: tuple[str, ...] = (), height: int = 480) -> alt.LayerChart:
    """Scatter, one point per province, colour (and shape) = region. Names on hover; written next to
    the point for every province if ``label_all``, else only for ``label_codes`` (the chosen provinces)."""
    pad = lambda s: [float(s.min()) - max((s.max() - s.min()) * 0.08, 0.5),  # noqa: E731
                     float(s.max()) + max((s.max() - s.min()) * 0.08, 0.5)] if len(s) else alt.Undefined
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
    lab = df if label_all else df[df["province_code"].isin(label_codes)]
    if len(lab):
        layers.append(alt.Chart(lab).mark_text(align="left", dx=7, dy=-6, fontSize=12, font=FONT, color="#222")
                      .encode(x=x, y=y, text="name:N"))
    return alt.layer(*layers).properties(width="container", height=height).configure_view(stroke=None)
