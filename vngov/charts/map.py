"""Choropleth of the 63 provinces (optionally with the 34 provinces of 2025 as outlines).

The geometry is sent once, as TopoJSON (shared edges stored once), and the scores are joined to it in
the browser with a lookup on the GSO code, so the chart spec carries the geometry once rather than
once per data row. Provinces without a published figure are drawn grey with their own legend entry.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from vngov.charts.common import FONT, NO_DATA_COLOR, NO_DATA_STROKE, SCHEME, top_level
from vngov.geo import ARCHIPELAGO_LABELS, OBJECT

# the legends sit outside the plot area, the colour scale above the land and "no data" below it (one legend
# a line keeps the scale's title whole on a phone): never over a province (Cà Mau, Bạc Liêu), at any width
# and in the PNG/SVG exports
LEGEND_ORIENT = "top"
DIM_OPACITY = 0.22  # provinces outside the chosen region

LOOKUP_FIELDS = ["province_code", "name", "value", "value_txt", "rank_txt", "change_txt"]
LOOKUP_DATA = "scores"  # the per-province rows, stored once in the spec's top-level datasets
SELECTION = "province"


def _topo_data(units: int) -> alt.NamedData:
    """Reference to the boundary TopoJSON stored once in the spec's top-level ``datasets``."""
    return alt.NamedData(name=OBJECT[units], format=alt.DataFormat(type="topojson", feature=OBJECT[units]))


def choropleth(topo63: dict, frame: pd.DataFrame, *, value_title: str | list[str], no_data_label: str,
               tooltip_titles: dict[str, str], labels: dict[str, str] | None = None,
               topo34: dict | None = None, highlight: str | None = None,
               domain: tuple[float, float] | None = None, selectable: bool = True,
               focus: tuple[str, ...] | None = None, height: int = 560, units: int = 63) -> alt.LayerChart:
    """frame: ``display_frame`` output (one row per province, NaN value where none is published).

    tooltip_titles: titles for name, value, rank, change. labels: archipelago label texts. value_title:
    the legend's title (lines). domain: the colour scale's ends (default: the lowest and highest value
    of ``frame``). focus: the province codes of a chosen region; the others are drawn dimmed. units: the unit
    set the frame's codes belong to (63 to 2024, 34 from 2025); ``topo63`` is then that set's boundaries.
    """
    records = frame[LOOKUP_FIELDS].astype(object).where(frame[LOOKUP_FIELDS].notna(), None).to_dict("records")
    # a named dataset, not inline values: Altair deep-copies and validates inline values in every layer
    lookup = alt.LookupData(data=alt.NamedData(name=LOOKUP_DATA), key="province_code",
                            fields=[f for f in LOOKUP_FIELDS if f != "province_code"])
    base = (alt.Chart(_topo_data(units))
            .transform_calculate(province_code="datum.properties.gso_code")
            .transform_lookup(lookup="province_code", from_=lookup)
            .project(type="mercator"))
    tips = [alt.Tooltip("name:N", title=tooltip_titles["name"]),
            alt.Tooltip("value_txt:N", title=tooltip_titles["value"]),
            alt.Tooltip("rank_txt:N", title=tooltip_titles["rank"]),
            alt.Tooltip("change_txt:N", title=tooltip_titles["change"])]
    vals = frame["value"].dropna()
    if domain is None and len(vals):
        domain = (float(vals.min()), float(vals.max()))
    color_scale = alt.Scale(scheme=SCHEME, reverse=True, domain=list(domain) if domain else alt.Undefined)

    fill_opacity = alt.Undefined
    if focus is not None:
        codes = ", ".join(repr(str(c)) for c in focus)
        fill_opacity = alt.condition(f"indexof([{codes}], datum.province_code) >= 0", alt.value(1),
                                     alt.value(DIM_OPACITY))
    no_data = (base.transform_filter("!isValid(datum.value)")
               .transform_calculate(status=f"{no_data_label!r}")
               .mark_geoshape(stroke=NO_DATA_STROKE, strokeWidth=0.4, strokeDash=[2, 1.5])
               .encode(color=alt.Color("status:N", scale=alt.Scale(range=[NO_DATA_COLOR]),
                                       # no entry when every province has a value (an empty legend
                                                       # above the map has no size: vl-convert fails)
                                       legend=alt.Legend(title=None, orient="bottom", symbolType="square",
                                                         labelFontSize=13, symbolSize=180)
                                       if frame["value"].isna().any() else None),
                       fillOpacity=fill_opacity, tooltip=tips))
    data_layer = base.transform_filter("isValid(datum.value)")
    if selectable:
        sel = alt.selection_point(name=SELECTION, fields=["province_code"], on="click", clear="dblclick")
        data_layer = data_layer.add_params(sel)
    # a dark hairline keeps the smallest islands (Hoàng Sa, Trường Sa) visible at any fill colour
    data_layer = data_layer.mark_geoshape(stroke="#3d3d3d", strokeWidth=0.35).encode(
        color=alt.Color("value:Q", scale=color_scale, title=value_title,
                        legend=alt.Legend(orient=LEGEND_ORIENT, direction="horizontal", gradientLength=220,
                                          titleFontSize=12, labelFontSize=12, titleLimit=620)),
        fillOpacity=fill_opacity, tooltip=tips)
    layers = [no_data, data_layer]
    if topo34 is not None and units == 63:
        layers.append(alt.Chart(_topo_data(34)).mark_geoshape(
            fill=None, filled=False, stroke="#1a1a1a", strokeWidth=1.4).project(type="mercator"))
    if highlight:
        layers.append(base.transform_filter(alt.datum.province_code == highlight).mark_geoshape(
            fill=None, filled=False, stroke="#d7301f", strokeWidth=3))
    if labels:
        lab = pd.DataFrame([dict(lon=ARCHIPELAGO_LABELS[k][0], lat=ARCHIPELAGO_LABELS[k][1], text=v)
                            for k, v in labels.items()])
        layers.append(alt.Chart(lab).mark_text(fontSize=11, fontStyle="italic", color="#444", font=FONT)
                      .encode(longitude="lon:Q", latitude="lat:Q", text="text:N").project(type="mercator"))
    chart = top_level(alt.layer(*layers), resolve_scale=dict(color="independent"), height=height, width="container",
                      configure={"view": dict(stroke=None)})
    chart.datasets = {LOOKUP_DATA: records, OBJECT[units]: topo63,
                      **({OBJECT[34]: topo34} if topo34 is not None and units == 63 else {})}
    return chart


def selected_code(event) -> str | None:
    """The province code clicked on the map, from st.altair_chart's selection state (dict-like)."""
    try:
        sel = event["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    if isinstance(sel, list) and sel:
        return sel[0].get("province_code")
    if isinstance(sel, dict):
        v = sel.get("province_code")
        return v[0] if isinstance(v, list) and v else v
    return None
