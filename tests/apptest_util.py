"""Helpers to read what an AppTest run rendered (chart specs and their data)."""

import json
from html.parser import HTMLParser

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from conftest import ROOT


# AppTest runs the app from a temporary folder with no pages/ beside it, so Streamlit never falls
# into its legacy pages-folder mode (AppTest resets that mode before every run); app.py names its
# pages by absolute path, so navigation is the same as when served.
ENTRY = f"import runpy\nrunpy.run_path({str(ROOT / 'app.py')!r}, run_name='__main__')\n"


def run_app(params: dict | None = None, page: str | None = None, timeout: float = 90) -> AppTest:
    at = AppTest.from_string(ENTRY, default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(str(ROOT / page))
        at.run()
    return at


def charts(at: AppTest) -> list[dict]:
    """Every Vega-Lite chart: {'spec': dict, 'data': {name: DataFrame}}."""
    out = []
    for el in at.get("vega_lite_chart"):
        p = el.proto
        data = {d.name: pa.ipc.open_stream(d.data.data).read_pandas() for d in p.datasets}
        out.append({"spec": json.loads(p.spec), "data": data, "proto": p})
    return out


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def lookup_records(chart: dict):
    """The per-province records joined to the map geometry (transform_lookup data).

    chart: an item of ``charts(at)`` (the lookup rows may be a named dataset that Streamlit sends as
    Arrow) or a bare spec dict with inline or top-level named data."""
    import pandas as pd

    spec, arrow = (chart["spec"], chart.get("data", {})) if "spec" in chart else (chart, {})

    def walk(node):
        if isinstance(node, dict):
            if "lookup" in node and "from" in node:
                return node["from"]["data"]
            for v in node.values():
                r = walk(v)
                if r is not None:
                    return r
        elif isinstance(node, list):
            for v in node:
                r = walk(v)
                if r is not None:
                    return r
        return None
    data = walk(spec)
    if "values" in data:
        return pd.DataFrame(data["values"])
    if data["name"] in arrow:
        df = arrow[data["name"]]
        return df.astype(object).where(df.notna(), None)
    return pd.DataFrame(spec["datasets"][data["name"]])


def shown(markdown: str) -> str:
    """The text a person reads from a Markdown string: CommonMark backslash escapes removed (visitor text
    is escaped so that it stays inert) and the invisible word joiners that break autolinks."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")  # and the word joiners


class _TableParser(HTMLParser):
    """The cells of a static table (``ui.render.static_table``) as the browser reads them."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def static_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every static (HTML) table of the page, in order, as a frame of the texts a person reads (header row
    as the columns)."""
    out = []
    for h in at.get("html"):
        body = h.proto.body
        if '<table class="vngov-table"' in body:
            p = _TableParser()
            p.feed(body)
            out.append(pd.DataFrame(p.rows[1:], columns=p.rows[0]))
    return out
