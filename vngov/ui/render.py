"""Drawing a page model (``vngov.views.blocks``): one renderer for every section, one download row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

import streamlit as st

from vngov.charts.common import with_text_colors
from vngov.i18n import plain, t
from vngov.ui.caches import chart_spec, dataset, uploads
from vngov.ui.downloads import downloads
from vngov.ui.mapspec import choropleth_spec
from vngov.ui.state import lang, update, write_url
from vngov.views import blocks as b
from vngov.views.common import source_caption

ICONS = {"info": "ℹ️", "warning": "⚠️", "error": ":material/error:", "success": ":material/check:"}


@dataclass
class Slot:
    """Where a section of a page goes: its heading, then the page's controls for it, then its body."""
    head: object
    controls: object
    body: object


def slots(*keys: str) -> dict[str, Slot]:
    """Containers for the page's sections, in order ('top' first, 'foot' last, always there), so that a
    page can draw a section's controls before its model is computed and the section around them after."""
    out = {}
    for k in ("top", *keys, "foot"):
        c = st.container()
        out[k] = Slot(c.container(), c.container(), c.container())
    return out


def render(page: b.Page, where: dict[str, Slot] | None = None) -> dict:
    """Draw a page model; returns the selection events of selectable charts by key."""
    where = where or slots()
    events: dict = {}
    top = where["top"]
    if page.title:
        top.head.title(page.title)
    with top.head:
        _blocks(page.head, events)
    cursor = top.body
    for block in page.blocks:
        if isinstance(block, b.Section) and block.key in where:
            slot = where[block.key]
            if block.heading:
                slot.head.header(block.heading)  # h2 below the page's h1 (heading order)
            cursor = slot.body
            with cursor:
                _section(block, events, heading=False)
        else:
            with cursor:
                _blocks([block], events)
    if page.sources or page.extra_caption:
        with where["foot"].body:
            caption_sources(page.sources, page.extra_caption, page.map_note)
    return events


def caption_sources(ids, extra: str = "", map_note: bool = False) -> None:
    mine = uploads()
    caption, notice = source_caption(dataset(), ids, lang(), frozenset(mine["sources"]["source_id"]) if mine else (),
                                     extra=extra, map_note=map_note)
    st.caption(caption)
    if notice:
        st.info(notice, icon=":material/upload_file:")


def _blocks(items, events: dict) -> None:
    for block in items:
        if isinstance(block, b.Section):
            _section(block, events)
        elif isinstance(block, b.Text):
            text(block)
        elif isinstance(block, (b.Chart, b.Map)):
            events.update(chart(block))
        elif isinstance(block, b.Table):
            table(block)
        elif isinstance(block, b.Metrics):
            metrics(block)
        elif isinstance(block, b.Download):
            downloads(block)
        elif isinstance(block, b.Html):
            st.html(block.html) if block.html.lstrip().startswith("<style") else st.markdown(
                block.html, unsafe_allow_html=True)
        elif isinstance(block, b.Columns):
            per_row = block.per_row or len(block.cells)
            for start in range(0, len(block.cells), per_row):
                row = block.cells[start:start + per_row]
                cols = st.columns(list(block.widths) if block.widths else per_row, gap=block.gap)
                for c, cell in zip(cols, row):
                    with c:
                        _blocks(cell, events)
        elif isinstance(block, b.Expander):
            with st.expander(block.label, expanded=block.expanded, icon=block.icon):
                _blocks(block.blocks, events)
        else:
            raise TypeError(f"not a block: {block!r}")


def _section(sec: b.Section, events: dict, heading: bool = True) -> None:
    if heading and sec.heading:
        st.header(sec.heading)  # h2 below the page's h1 (heading order)
    for n in sec.notes:
        text(n)
    if sec.empty:
        st.info(sec.empty, icon="ℹ️")
    if sec.chart is not None:
        events.update(chart(sec.chart))
    if sec.table is not None:
        table(sec.table)
    for c in sec.captions:
        st.caption(c)
    for br in sec.breaks:
        st.info(br, icon="ℹ️")
    _blocks(sec.blocks, events)
    for d in sec.downloads:
        downloads(d)


def text(block: b.Text) -> None:
    s, style = block.text, block.style
    if style == "title":
        st.title(s)
    elif style == "header":
        st.header(s)
    elif style == "subheader":
        st.subheader(s)
    elif style == "heading":
        st.markdown(f"### {s}")
    elif style == "bold":
        st.markdown(f"**{s}**")
    elif style == "caption":
        st.caption(s)
    elif style in ICONS:
        getattr(st, style)(s, icon=block.icon or ICONS[style])
    else:
        st.markdown(s)


# Vega's number format in the page's locale (axis ticks and legends: 87,5 in Vietnamese)
VEGA_LOCALE = {"vi": {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}}}


def _page_lang() -> str | None:
    """The page's language, or None outside a page run (exports built in tests)."""
    try:
        return lang()
    except KeyError:
        return None


def spec_of(c: b.Chart | b.Map) -> dict:
    spec = (choropleth_spec(c.frame, show34=c.show34, units=c.units, **c.kwargs) if isinstance(c, b.Map)
            else chart_spec(c.build, *c.args, **c.kwargs))
    config = with_text_colors(spec.get("config", {}))
    loc = VEGA_LOCALE.get(_page_lang())
    if loc:
        config["locale"] = loc
    return {**spec, "config": config}


CLICKS_KEY = "_map_clicks"


def chart(c: b.Chart | b.Map) -> dict:
    """A chart, or for a map whose boundary file is damaged one message naming the file and feature (the
    rest of the page is drawn)."""
    from vngov.validate import DataValidationError

    try:
        return _chart(c)
    except DataValidationError as e:  # only the boundary files are read while drawing
        data_problem(e, lang(), "map_error")
        return {}


def data_problem(e, lang_: str, key: str = "data_error", warning: bool = False) -> None:
    """One message for a damaged data file (catalogue ``key`` with ``{err}``): its first problem (file, row,
    column or feature) and how many more there are, in the page's language."""
    from vngov.i18n import inert

    lines = e.lines(lang_)
    msg = t(key, lang_, err=inert(lines[0]))
    if len(e.problems) > 1:
        msg += " " + t("data_error_more", lang_, n=len(e.problems) - 1)
    (st.warning if warning else st.error)(msg, icon=":material/error:")


def _chart(c: b.Chart | b.Map) -> dict:
    """Draw a chart. A map that opens a page on a click: the click puts the province in the state and
    opens the page; the chart gets a new key after each handled click, so that coming back to the map
    does not open the page again."""
    if isinstance(c, b.Map) and c.opens:
        from vngov.charts.map import selected_code
        from vngov.data import ROOT

        n = st.session_state.setdefault(CLICKS_KEY, 0)
        event = st.vega_lite_chart(spec=spec_of(c), on_select="rerun", selection_mode="province",
                                   key=f"{c.key}_{n}", width="stretch")
        code = selected_code(event)
        if code:
            st.session_state[CLICKS_KEY] = n + 1
            update(p=(code,), u="34" if c.units == 34 else "")  # a code is read with its unit set
            write_url()
            st.switch_page(ROOT / c.opens)
        return {}
    st.vega_lite_chart(spec=spec_of(c), width="stretch", key=c.key or None)
    return {}


def table(tb: b.Table) -> None:
    if tb.static:
        return static_table(tb)
    config = {}
    for name, w in tb.widths.items():
        config[name] = st.column_config.Column(width=w)
    cols = list(getattr(tb.frame, "data", tb.frame).columns)
    first = tb.order[0] if tb.order else (cols[0] if cols else None)
    if len(tb.order or cols) > 4 and first not in tb.numbers and first not in tb.links:
        # a wide table's first column (the province, the index …) stays in view while it scrolls on a phone
        # (a pinned column does not stretch: 140 px fits "Bà Rịa - Vũng Tàu" and leaves a phone 220 px to scroll)
        config[first] = st.column_config.Column(width=tb.widths.get(first) or 140, pinned=True)
    for name, fmt in tb.numbers.items():
        config[name] = st.column_config.NumberColumn(name, format=fmt, width=tb.widths.get(name))
    for name in tb.links:
        config[name] = st.column_config.LinkColumn(name)
    kw = dict(hide_index=True, width="stretch", column_config=config or None, key=tb.key or None,
              column_order=list(tb.order) if tb.order else None)
    if tb.height:
        kw["height"] = tb.height
    st.dataframe(tb.frame, placeholder="", **kw)


def static_table(tb: b.Table) -> None:
    """A table as plain HTML (``st.html``): no data grid (~1.2 MB of JavaScript) and no Markdown parsing of
    every cell (``st.table`` still loads 0.7 MB of it; a Markdown table cost ~200 ms of parsing). Every cell is text,
    escaped; columns of numbers are right-aligned; taller than ``height`` px it scrolls inside its own box
    (reachable and scrollable from the keyboard, named by ``label``) with its header row in view
    (``frame.STATIC_TABLE_CSS``)."""
    st.container(key=f"stbl_{tb.key}" if tb.key else None).html(html_table(tb), width="stretch")


_NUMERIC = re.compile(r"^[+\-−–]?\d")


def html_table(tb: b.Table) -> str:
    """The HTML of a static table: a header row, one row per frame row; every cell escaped text."""
    frame = getattr(tb.frame, "data", tb.frame)
    frame = frame[list(tb.order)] if tb.order else frame
    cols = [["" if na else escape(plain(v)) for v, na in zip(frame[c], frame[c].isna())] for c in frame.columns]
    num = [any(cells) and all(_NUMERIC.match(x) for x in cells if x) for cells in cols]
    cls = ['' if not n else ' class="n"' for n in num]
    head = "".join(f'<th scope="col"{k}>{escape(plain(c))}</th>' for c, k in zip(frame.columns, cls))
    body = "".join("<tr>" + "".join(f"<td{k}>{c[i]}</td>" for c, k in zip(cols, cls)) + "</tr>"
                   for i in range(len(frame)))
    table = f'<table class="vngov-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    if not tb.height:
        return table
    return (f'<div class="vngov-scroll" tabindex="0" role="region" aria-label="{escape(tb.label)}" '
            f'style="max-height:{int(tb.height)}px">{table}</div>')


def metrics(block: b.Metrics) -> None:
    for c, m in zip(st.columns(len(block.items)), block.items):
        c.metric(m.label, m.value, delta=m.delta or None)
        if m.caption:
            c.caption(m.caption)
