"""The palette rule stated on the Data & methods page ("Colours and accessibility"), checked on the colours the
charts really use:

1. ordered values (the map, the scores): one sequential scale whose lightness changes in one direction only
   (darker = higher), so it reads in greyscale and with any colour-vision deficiency;
2. "no data" is a neutral grey outside the scale, with a second cue (dashed outline, its own legend entry);
3. up/down is blue/orange, never red/green, and stays apart for protan, deutan and tritan readers;
4. categorical series (provinces compared, components' series) carry a second cue: a point shape per series;
5. chart texts are at least 4.5:1 on the page and the sidebar.

Colour-vision deficiencies are simulated with Machado, Oliveira & Fernandes (2009), severity 1."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from vngov.charts import common, components, compare, rankings
from vngov.charts.common import CHART_TEXT_CONFIG, NO_DATA_COLOR, SCHEME, with_text_colors

MACHADO = {
    "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
WHITE, SIDEBAR = "#ffffff", "#f4f1ec"  # .streamlit/config.toml backgroundColor, secondaryBackgroundColor


def rgb(hex_: str) -> list[float]:
    h = hex_.lstrip("#")
    return [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]


def linear(c: list[float]) -> list[float]:
    return [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]


def luminance(hex_: str) -> float:
    r, g, b = linear(rgb(hex_))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(lin: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, v)) for v in lin)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def seen_as(hex_: str, cvd: str | None) -> tuple[float, float, float]:
    lin = linear(rgb(hex_))
    if cvd:
        lin = [sum(m * v for m, v in zip(row, lin)) for row in MACHADO[cvd]]
    return lab(lin)


def delta_e(a: str, b: str, cvd: str | None = None) -> float:
    return sum((p - q) ** 2 for p, q in zip(seen_as(a, cvd), seen_as(b, cvd))) ** 0.5


def sequential_fills(n: int = 21) -> list[str]:
    """The map's colour scale (scheme ``SCHEME`` reversed, as in charts.map.choropleth) drawn by Vega itself
    (vl-convert): the fill of a rect for each of n values from low to high."""
    df = pd.DataFrame({"i": range(n), "v": [k / (n - 1) for k in range(n)]})
    spec = alt.Chart(df).mark_rect().encode(
        x="i:O", color=alt.Color("v:Q", scale=alt.Scale(scheme=SCHEME, reverse=True, domain=[0, 1]), legend=None)
    ).properties(width=n * 10, height=10).to_dict()
    svg = vlc.vegalite_to_svg(spec)
    fills = ["#%02x%02x%02x" % tuple(int(v) for v in m)
             for m in re.findall(r'<path[^>]*fill="rgb\((\d+), (\d+), (\d+)\)"', svg.split('class="mark-rect')[1])]
    assert len(fills) == n, svg[:2000]
    return fills


def test_sequential_scale_darker_means_higher_in_greyscale():
    fills = sequential_fills()
    lum = [luminance(f) for f in fills]
    assert all(a > b for a, b in zip(lum, lum[1:])), list(zip(fills, [round(x, 3) for x in lum]))
    assert lum[0] / lum[-1] > 10  # the ends are far apart, not a faint ramp
    for cvd in MACHADO:  # the order survives each deficiency: CIE lightness still falls step by step
        light = [seen_as(f, cvd)[0] for f in fills]
        assert all(a > b for a, b in zip(light, light[1:])), (cvd, [round(x, 1) for x in light])


def test_map_uses_that_scale_and_no_data_has_a_second_cue():
    from apptest_util import charts, no_exception, run_app

    at = run_app({"index": "PAPI", "year": "2024", "lang": "en"})
    no_exception(at)
    spec = charts(at)[0]["spec"]
    layers = spec["layer"]
    [scale] = [lyr["encoding"]["color"]["scale"] for lyr in layers
               if lyr.get("encoding", {}).get("color", {}).get("field") == "value"]
    assert scale["scheme"] == SCHEME and scale["reverse"] is True
    [nd] = [lyr for lyr in layers if lyr.get("encoding", {}).get("color", {}).get("field") == "status"]
    assert nd["encoding"]["color"]["scale"]["range"] == [NO_DATA_COLOR]
    assert nd["mark"].get("strokeDash"), nd["mark"]  # a dashed outline, not the colour alone
    assert nd["encoding"]["color"].get("legend", {}) is not None  # its own legend entry ("no data")
    r, g, b = (int(NO_DATA_COLOR[i:i + 2], 16) for i in (1, 3, 5))
    assert r == g == b  # a neutral grey: no hue of the scale


@pytest.mark.parametrize("up,down", [(rankings.UP, rankings.DOWN), (components.UP, components.DOWN)])
def test_up_and_down_stay_apart_for_colour_blind_readers(up, down):
    a, b = seen_as(up, None), seen_as(down, None)
    assert not (a[1] < -20 and b[1] > 20) and not (b[1] < -20 and a[1] > 20)  # not a green/red pair
    for cvd in (None, *MACHADO):
        assert delta_e(up, down, cvd) > 40, (cvd, round(delta_e(up, down, cvd), 1))


def test_red_green_would_fail_the_rule():
    """The check above can fail: a red/green pair collapses for a deutan reader."""
    assert delta_e("#1a9641", "#d7191c") > 40
    assert delta_e("#1a9641", "#d7191c", "deutan") < 40


def test_categorical_series_carry_a_shape_as_second_cue():
    df = pd.DataFrame({"name": ["A", "A", "B", "B"], "year": [2020, 2021, 2020, 2021], "value": [1.0, 2.0, 2.0, 3.0],
                       "seg": [0, 0, 1, 1], "value_txt": ["1", "2", "2", "3"], "rank_txt": ["", "", "", ""]})
    spec = compare.trend_chart(df, title="t", y_title="y", color_domain=["A", "B"], color_range=compare.OKABE_ITO[:2],
                               tooltip_titles=dict(name="n", year="y", value="v", rank="r")).to_dict()
    shapes = [lyr["encoding"]["shape"]["field"] for lyr in spec["layer"] if "shape" in lyr.get("encoding", {})]
    colors = {lyr["encoding"]["color"]["field"] for lyr in spec["layer"] if "color" in lyr.get("encoding", {})}
    assert shapes == ["name"] and colors == {"name"}
    # Okabe–Ito itself: the first colours used side by side stay apart with normal vision and for protan and
    # deutan readers (tritan pairs may come closer: that is what the shapes are for)
    for i, a in enumerate(compare.OKABE_ITO[:5]):
        for b in compare.OKABE_ITO[i + 1:5]:
            for cvd in (None, "protan", "deutan"):
                assert delta_e(a, b, cvd) > 10, (a, b, cvd)


@pytest.mark.parametrize("bg", [WHITE, SIDEBAR])
def test_chart_text_colours_at_aa(bg):
    colours = {v for part in CHART_TEXT_CONFIG.values() for v in part.values()}
    assert colours == {common.TEXT, common.MUTED_TEXT}
    for c in colours:
        assert contrast(c, bg) >= 4.5, (c, bg, contrast(c, bg))
    from vngov.charts.profile import BREAK_TEXT
    assert contrast(BREAK_TEXT, bg) >= 4.5


def test_text_colours_merge_under_a_charts_own_config():
    cfg = with_text_colors({"axis": {"labelFontSize": 12, "labelColor": "#000000"}, "view": {"stroke": None}})
    assert cfg["axis"] == {"labelColor": "#000000", "titleColor": common.TEXT, "labelFontSize": 12}
    assert cfg["legend"]["labelColor"] == common.TEXT and cfg["view"] == {"stroke": None}
    assert cfg["title"]["color"] == common.TEXT


def test_theme_text_and_captions_at_aa():
    """Streamlit draws captions in the theme's text colour at 60 % opacity: that must still be 4.5:1 on the
    page and on the sidebar (with #1f1f1f it was 4.35:1)."""
    import tomllib

    from conftest import ROOT

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    text, bgs = rgb(theme["textColor"]), [theme["backgroundColor"], theme["secondaryBackgroundColor"]]
    for bg in bgs:
        faded = "#" + "".join(f"{round(255 * (0.6 * t + 0.4 * b)):02x}" for t, b in zip(text, rgb(bg)))
        assert contrast(faded, bg) >= 4.5, (faded, bg, contrast(faded, bg))


@pytest.mark.parametrize("lang,heading,words", [
    ("en", "Colours and accessibility", ["darker means a higher score", "never red / green", "Okabe–Ito",
                                         "4.5:1"]),
    ("vi", "Màu sắc và khả năng tiếp cận", ["màu càng đậm, điểm càng cao",
                                            "không bao giờ dùng cặp đỏ / xanh lá", "Okabe–Ito", "4,5:1"])])
def test_data_page_states_the_palette_rule(lang, heading, words):
    from apptest_util import no_exception, run_app

    at = run_app({"lang": lang}, page="pages/data.py")
    no_exception(at)
    heads = [h.value for h in at.header]
    assert heading in heads
    text = " ".join(m.value for m in at.markdown)
    for w in words:
        assert w in text, w
