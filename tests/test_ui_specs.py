"""The served charts are Vega-Lite specs built once per distinct arguments (vngov.ui.chart_spec)."""

import altair as alt
import pandas as pd

from vngov import ui
from vngov.views import rankings as vr
from vngov.charts.rankings import movers_chart

TITLES = dict(name="Province", change="Rank change", prev_rank="2022", rank="2023", direction="Direction")
DIRS = {"up": "up", "down": "down"}


def _movers(ds):
    table, _ = vr.rank_table(ds, "PAPI", 2020, "total", "", "en")
    return vr.movers(table, n=10)


def test_spec_is_the_chart_functions_output(ds):
    mv = _movers(ds)
    assert len(mv) > 0
    spec = ui.chart_spec(movers_chart, mv, dir_labels=DIRS, titles=TITLES)
    direct = movers_chart(mv, dir_labels=DIRS, titles=TITLES).to_dict()  # validated against the schema
    assert spec["layer"] == direct["layer"]
    rows = [r for d in spec["datasets"].values() for r in d if "name" in r]  # (and a one-row zero line)
    assert sorted(r["name"] for r in rows) == sorted(mv["name"])
    # no Altair default theme (st.altair_chart turns it off too): no fixed 300 px views
    assert "continuousWidth" not in str(spec.get("config", {}))


def test_spec_cache_hands_out_copies(ds):
    mv = _movers(ds)
    a = ui.chart_spec(movers_chart, mv, dir_labels=DIRS, titles=TITLES)
    a["layer"].clear()
    b = ui.chart_spec(movers_chart, mv, dir_labels=DIRS, titles=TITLES)
    assert b["layer"], "a caller's change to its spec leaked into the cache"
    c = ui.chart_spec(movers_chart, mv, dir_labels={"up": "lên", "down": "xuống"}, titles=TITLES)
    assert "lên" in str(c["datasets"]) and "lên" not in str(b["datasets"])  # other arguments, other spec


def test_large_data_is_not_refused():
    """Altair refuses more than 5,000 rows by default; the app's specs (e.g. a 63 × 90 heat map) must not."""
    df = pd.DataFrame({"x": range(6000), "y": range(6000)})
    spec = ui.to_spec(alt.Chart(df).mark_point().encode(x="x:Q", y="y:Q"))
    assert sum(len(v) for v in spec["datasets"].values()) == 6000


def test_titled_keeps_the_spec(ds):
    """A chart's export title goes on a copy: the cached spec the page draws has none."""
    from vngov.ui.downloads import _export
    from vngov.views import blocks as b

    mv = _movers(ds)
    chart = b.Chart(movers_chart, (mv,), dict(dir_labels=DIRS, titles=TITLES), title="PAPI · 2020")
    spec = ui.spec_of(chart)
    out = _export(chart)
    assert out["title"] == "PAPI · 2020" and out["datasets"] == spec["datasets"] and "title" not in spec
    assert "title" not in ui.spec_of(chart)


def test_png_download_renders_a_cached_spec(ds):
    """The PNG/SVG buttons get the cached dict (or a function building the chart) and vl-convert draws it."""
    mv = _movers(ds)
    spec = ui.chart_spec(movers_chart, mv, dir_labels=DIRS, titles=TITLES)
    png = ui.png({**spec, "title": "movers"})
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    svg = ui.svg(lambda: movers_chart(mv, dir_labels=DIRS, titles=TITLES)).decode("utf-8")
    assert svg.startswith("<svg")
    assert all(name in svg for name in mv["name"]), "every mover is named on the drawn chart"
