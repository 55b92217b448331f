"""What a page shows, described as data: the view functions return these, ``ui.render`` draws them.

No Streamlit here. Texts are final (already in the page's language, visitor text already made inert
with ``i18n.inert``); frames are display-ready. A page model is a list of blocks; a ``Section`` is the
sequence every view repeats: heading, notes, chart, table, captions, method-break notes, downloads, and
the reason it is empty when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Chart:
    """A chart drawn from a pure chart function of the package: ``build(*args, **kwargs)`` gives an Altair
    chart; the UI builds its Vega-Lite spec once per distinct arguments. ``title`` goes on the PNG/SVG."""
    build: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    key: str = ""
    title: str | None = None


@dataclass(frozen=True)
class Map:
    """The choropleth (``charts.map.choropleth`` arguments but the boundaries, which the UI attaches).
    ``opens``: the page a click on a province opens (with ``p`` = that province), or None."""
    frame: pd.DataFrame
    kwargs: dict = field(default_factory=dict)
    show34: bool = False
    key: str = "map"
    opens: str | None = None
    title: str | None = None
    units: int = 63  # the unit set of the frame's codes: 63 to 2024, 34 from 2025 (its boundaries are drawn)


@dataclass(frozen=True)
class Export:
    """A chart that exists only as a download (built when the button is pressed)."""
    build: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame | Any  # a DataFrame or a pandas Styler
    key: str = ""
    height: int | None = None
    widths: dict[str, int | str] = field(default_factory=dict)  # column -> px or small/medium/large
    numbers: dict[str, str] = field(default_factory=dict)  # column -> printf format (e.g. "%d")
    links: tuple[str, ...] = ()  # columns shown as links
    order: tuple[str, ...] | None = None
    # drawn as a plain HTML table (ui.render.static_table: no sorting; widths, numbers, links not used) instead of
    # the data grid, whose JavaScript (~1.2 MB) a page then does not load: the map, the first page a visitor sees
    static: bool = False
    label: str = ""  # what a screen reader announces for a static table that scrolls inside its box


@dataclass(frozen=True)
class Download:
    """A CSV of ``frame`` (and the chart as PNG/SVG when ``chart`` is given), built on click.
    ``meta``: what the file is (index, year, indicator, region, provinces, source); it names the files."""
    frame: pd.DataFrame
    name: str
    meta: dict[str, str]
    key: str
    chart: Chart | Map | Export | None = None
    label: str | None = None  # the CSV button's text (default: 'Download data (CSV)')


@dataclass(frozen=True)
class Text:
    """Text in one of the page's styles: title, header, subheader, heading (h3), markdown, bold, caption, info,
    warning, success, error. ``text`` is Markdown written by the app; visitor text inside it is inert."""
    text: str
    style: str = "markdown"
    icon: str | None = None


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    delta: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Metrics:
    items: tuple[Metric, ...]


@dataclass(frozen=True)
class Html:
    """Markup written by the app (visitor text escaped with ``html.escape``)."""
    html: str


@dataclass(frozen=True)
class Section:
    heading: str | None = None
    notes: tuple[Text, ...] = ()  # before the chart (warnings, info)
    chart: Chart | Map | None = None
    table: Table | None = None
    captions: tuple[str, ...] = ()
    breaks: tuple[str, ...] = ()  # method-break notes
    downloads: tuple[Download, ...] = ()
    empty: str | None = None  # why there is nothing to show (then chart/table are None)
    key: str = ""  # the slot a page's control for this section is drawn in
    blocks: tuple = ()  # anything else, after the table


@dataclass(frozen=True)
class Columns:
    """Blocks side by side: ``cells`` is one tuple of blocks per column (a grid of ``per_row`` columns a
    row when there are more cells than that)."""
    cells: tuple[tuple, ...]
    per_row: int | None = None
    widths: tuple[float, ...] | None = None
    gap: str = "small"


@dataclass(frozen=True)
class Expander:
    label: str
    blocks: tuple
    expanded: bool = False
    icon: str | None = None


@dataclass
class Page:
    """A page model: its title (drawn above the page's controls), then its blocks."""
    title: str
    blocks: list = field(default_factory=list)
    head: list = field(default_factory=list)  # under the title, above the controls (coverage lines)
    sources: frozenset[str] = frozenset()  # source ids of the figures shown (the page's source caption)
    extra_caption: str = ""  # appended to the source caption (e.g. the boundary attribution)
    map_note: bool = False
