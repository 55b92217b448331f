"""Performance benchmark: the app's map page side by side with a bare Streamlit + Altair "floor" page.

Run:  cd /work/main && .venv/bin/python -m bench.benchmark        (``make bench``)

What it measures, in one run (a few minutes), and writes to bench/results.json + prints as a table:

1. Floor: a bare Streamlit page with one small Altair bar chart and one selectbox (generated into a temp
   dir at run time, served with the app's own .streamlit/config.toml) in headless Debian Chromium.
   Floor and app views are interleaved (floor, app, floor, app, ...) so both see the same machine load.
2. App: navigation -> the 63-province map painted at /?index=PAPI&year=2024, cold (fresh server process,
   first visit) and warm (server already served a page; a new browser context per visit).
   "Painted" = the Vega SVG has its marks (floor: >= 10 ``.mark-rect path``; map: >= 63
   ``g.mark-shape path``). Time = ``performance.now()`` in the page when the marks are there (ms since
   navigation start, polled every animation frame); the wall clock from ``page.goto`` is recorded too.
3. Control changes (index, year, indicator, page switch to /rankings or /data): (a) server rerun time
   in ``streamlit.testing.v1.AppTest`` (``set_value(v).run()``), (b) browser time from the pointerdown on
   the option/link to the updated chart painted (new h1 text and re-rendered marks).
4. Bytes (websocket payload per view and per change, HTTP transfer, geometry and chart spec sizes)
   and server memory (VmRSS of the streamlit process) after start, first view and 20 views.
5. Where time goes: a breakdown of one map rerun (data load + validation, slice, chart build, Altair
   ``to_dict``, Streamlit's JSON handling of the spec) and cProfile of a cold and a warm AppTest run
   (bench/profile_cold.txt, bench/profile_warm.txt).

The app measured is a snapshot copy of the working tree taken at start (edits during the run do not leak
in). Options: ``--quick`` (fewer runs), ``--no-profile``, ``--ref HEAD`` (measure a git ref instead),
``--patch FILE.diff`` (repeatable: apply diffs to the copy and measure that; the checkout is not
touched, e.g. ``--patch bench/proposed/01_geometry_outside_altair.diff``), ``--app-root DIR`` (measure a
directory in place), ``--out FILE``. The AppTest parts run in subprocesses (``--apptest-worker``/``--profile-worker``) so
the cold numbers come from a fresh interpreter.
"""

from __future__ import annotations

import argparse
import builtins
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}

MAP_PARAMS = {"index": "PAPI", "year": "2024"}
MAP_PATH = "/?index=PAPI&year=2024"
MAP_MARKS = ("g.mark-shape path", 63)  # (selector inside the Vega SVG, minimum count)
FLOOR_MARKS = (".mark-rect path", 10)

FLOOR_APP = '''\
"""Benchmark floor: a bare Streamlit page with one small Altair chart and one control."""
import altair as alt
import pandas as pd
import streamlit as st

n = st.sidebar.selectbox("Series", [1, 2, 3], key="series")
st.title(f"Floor {n}")
df = pd.DataFrame({"x": list("ABCDEFGHIJ"), "y": [(i * n) % 7 + 1 for i in range(10)]})
st.altair_chart(alt.Chart(df).mark_bar().encode(x="x:N", y="y:Q").properties(width="container", height=300),
                width="stretch")
'''

# AppTest runs a script given as a string from a temp folder; app.py names its pages by absolute path
# (same approach as tests/apptest_util.py, parameterised by the app root so a patched copy can run).
ENTRY = "import runpy\nrunpy.run_path({app!r}, run_name='__main__')\n"
ENTRY_PROFILED = (
    "import builtins, runpy\n"
    "_p = builtins.__bench_profiler__\n"
    "_p.enable()\n"
    "try:\n"
    "    runpy.run_path({app!r}, run_name='__main__')\n"
    "finally:\n"
    "    _p.disable()\n")

# ------------------------------------------------------------------------------------------------
# in-page JavaScript
# ------------------------------------------------------------------------------------------------
JS_PAINTED = """([sel, n]) => document.querySelectorAll('.vega-embed svg ' + sel).length >= n
                 ? performance.now() : false"""
JS_HTTP_BYTES = """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                   .reduce((a, r) => a + (r.transferSize || 0), 0)"""
JS_IDLE = """() => { const a = document.querySelector('[data-testid="stApp"]');
  return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""
# pointerdown listener (capture phase) recording the time of the armed click, in every document
JS_INIT = """document.addEventListener('pointerdown', () => {
  if (window.__benchArmed) { window.__benchT = performance.now(); window.__benchArmed = false; }
}, true);"""
JS_SIG = """(sel) => Array.from(document.querySelectorAll('.vega-embed svg ' + sel))
  .map(p => (p.getAttribute('fill') || '') + '|' + (p.getAttribute('d') || '').slice(0, 80)).join(',')"""
JS_ARM = """(sel) => {
  window.__benchT = null; window.__benchArmed = true;
  document.querySelectorAll('.vega-embed svg').forEach(s => s.setAttribute('data-bench-old', '1'));
  const h1 = document.querySelector('h1'); window.__benchH1 = h1 ? h1.innerText : '';
  window.__benchSig = (%s)(sel);
}""" % JS_SIG
# done when: the click happened, the h1 changed, and the target is painted:
#  kind 'marks': a fresh SVG with >= n marks, or (same SVG updated in place) >= n marks with other fills/paths
#  kind 'table': a dataframe grid; kind 'any_chart': a fresh SVG with any mark path
JS_UPDATED = """([kind, sel, n]) => {
  if (window.__benchT === null || window.__benchT === undefined) return false;
  const h1 = document.querySelector('h1'); const txt = h1 ? h1.innerText : '';
  if (!txt || txt === window.__benchH1) return false;
  const fresh = document.querySelector('.vega-embed svg:not([data-bench-old])');
  if (kind === 'marks') {
    if (fresh) { if (fresh.querySelectorAll(sel).length < n) return false; }
    else {
      if (document.querySelectorAll('.vega-embed svg ' + sel).length < n) return false;
      if ((%s)(sel) === window.__benchSig) return false;
    }
  } else if (kind === 'table') {
    if (!document.querySelector('[data-testid="stDataFrame"] canvas, [data-testid="stDataFrameResizable"], [data-testid="stTable"] table, table.vngov-table')) return false;
  } else if (kind === 'any_chart') {
    if (!fresh || !fresh.querySelector('path')) return false;
  }
  return performance.now() - window.__benchT;
}""" % JS_SIG


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
def med(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 1) if xs else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def cpu_ms(pid: int) -> float | None:
    """utime + stime of a process (ms), from /proc/<pid>/stat."""
    try:
        f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


_CURRENT: list = [None]  # the server being measured (for its CPU time)


def _server_cpu() -> float | None:
    return cpu_ms(_CURRENT[0].proc.pid) if _CURRENT[0] is not None else None


def _delta(a, b):
    return round(b - a, 1) if a is not None and b is not None else None


class Server:
    """``streamlit run`` on a free 127.0.0.1 port (as tests/conftest.py:start_server), log to a temp file."""

    def __init__(self, script: Path, cwd: Path, timeout: float = 90):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT)
        _CURRENT[0] = self
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        self.start_s = round(time.perf_counter() - t0, 2)
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"streamlit did not start: {self.tail()}")

    def rss(self):
        return rss_mb(self.proc.pid)

    def metrics(self) -> dict:
        """A few of Streamlit's own counters (/_stcore/metrics): sessions, in-memory media files, caches."""
        try:
            with urllib.request.urlopen(self.url + "/_stcore/metrics", timeout=10) as r:
                text = r.read().decode()
        except OSError as e:
            return {"error": repr(e)}
        keep = ("active_sessions", "session_events_total", "cache_memory_bytes")
        return {ln.rsplit(" ", 1)[0]: float(ln.rsplit(" ", 1)[1]) for ln in text.splitlines()
                if ln.startswith(keep)}

    def tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


class WsCounter:
    """Sum of websocket frame payloads the page receives."""

    def __init__(self, page):
        self.bytes = 0
        self.frames = 0
        self.last = time.perf_counter()
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload):
        self.bytes += len(payload)
        self.frames += 1
        self.last = time.perf_counter()

    def settle(self, page, quiet: float = 0.7, limit: float = 30):
        """Wait until no frame arrived for ``quiet`` seconds (the script run has finished)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            page.wait_for_timeout(100)
            if time.perf_counter() - self.last > quiet:
                return


def open_view(browser, url: str, marks: tuple[str, int], timeout_s: float = 120):
    """New context + page, navigate, wait for the chart painted. Returns (result dict, ctx, page, ws)."""
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(JS_INIT)
    page = ctx.new_page()
    page.set_default_timeout(timeout_s * 1000)
    ws = WsCounter(page)
    c0 = _server_cpu()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    paint = page.wait_for_function(JS_PAINTED, arg=list(marks), polling="raf").json_value()
    wall = (time.perf_counter() - t0) * 1000
    ws.settle(page)
    wait_idle(page)
    c1 = _server_cpu()
    exc = page.locator("[data-testid='stException']").count()
    res = dict(paint_ms=round(paint, 1), wall_ms=round(wall, 1), server_cpu_ms=_delta(c0, c1),
               ws_bytes=ws.bytes, ws_frames=ws.frames,
               http_bytes=page.evaluate(JS_HTTP_BYTES), exceptions=exc)
    return res, ctx, page, ws


def wait_idle(page):
    """Wait until the app's script run has finished (stApp data-test-script-state = notRunning)."""
    page.wait_for_function(JS_IDLE, polling=50)
    page.wait_for_timeout(150)


def view_once(browser, url, marks):
    res, ctx, _, _ = open_view(browser, url, marks)
    ctx.close()
    return res


def _timed_change(page, ws, target, kind: str, marks: tuple[str, int]) -> dict:
    """Arm the timer, click ``target`` (an option or link), wait until the update is painted."""
    sel, n = marks
    target.wait_for()
    target.hover()
    page.evaluate(JS_ARM, sel)
    b0 = ws.bytes
    c0 = _server_cpu()
    t0 = time.perf_counter()
    target.click()
    ms = page.wait_for_function(JS_UPDATED, arg=[kind, sel, n], polling="raf").json_value()
    wall = (time.perf_counter() - t0) * 1000
    ws.settle(page)
    wait_idle(page)
    c1 = _server_cpu()
    if page.locator("[data-testid='stException']").count():
        raise RuntimeError(f"exception shown after change: {page.locator('h1').first.inner_text()}")
    return dict(ms=round(ms, 1), wall_ms=round(wall, 1), server_cpu_ms=_delta(c0, c1), ws_bytes=ws.bytes - b0,
                title=page.locator("h1").first.inner_text())


def choose(page, ws, box: int, marks, name: str | None = None, nth: int | None = None) -> dict:
    wait_idle(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(box).click()
    opt = (page.get_by_role("option").nth(nth) if nth is not None
           else page.get_by_role("option", name=name, exact=True))
    return _timed_change(page, ws, opt, "marks", marks)


def switch(page, ws, href_end: str | None, kind: str, marks) -> dict:
    wait_idle(page)
    links = page.locator("[data-testid='stSidebarNav'] a")
    link = links.first if href_end is None else page.locator(f"[data-testid='stSidebarNav'] a[href$='{href_end}']")
    return _timed_change(page, ws, link, kind, marks)


# ------------------------------------------------------------------------------------------------
# browser measurements
# ------------------------------------------------------------------------------------------------
def _first_view(browser, srv: "Server", path: str, marks) -> dict:
    _CURRENT[0] = srv
    rss0 = srv.rss()
    r = view_once(browser, srv.url + path, marks) | {"server_start_s": srv.start_s}
    return r | {"rss_before": rss0, "rss_after": srv.rss()}


def measure_browser(browser, floor_dir: Path, app_root: Path, n_cold: int, n_floor: int, n_views: int,
                    n_change: int, dest: str = "data") -> tuple[dict, dict]:
    """Floor and app measured interleaved (floor, app, floor, app, ...) so that both see the same machine
    load: the ratios stay meaningful on a busy machine. Both servers idle when not visited."""
    floor = {"cold": [], "warm": [], "changes": {"selectbox": []}}
    app = {"cold": [], "warm": [], "changes": {}}
    rankings = dest == "rankings"
    fsrv, asrv = Server(floor_dir / "floor_app.py", floor_dir), Server(app_root / "app.py", app_root)
    try:
        floor["cold"].append(_first_view(browser, fsrv, "/", FLOOR_MARKS))
        app["cold"].append(_first_view(browser, asrv, MAP_PATH, MAP_MARKS))
        floor["rss_mb"] = {"after_start": floor["cold"][0]["rss_before"],
                           "after_first_view": floor["cold"][0]["rss_after"], "per_view": []}
        app["rss_mb"] = {"after_start": app["cold"][0]["rss_before"],
                         "after_first_view": app["cold"][0]["rss_after"], "per_view": []}
        for i in range(n_views):
            if i < n_floor:
                _CURRENT[0] = fsrv
                floor["warm"].append(view_once(browser, fsrv.url + "/", FLOOR_MARKS))
                floor["rss_mb"]["per_view"].append(fsrv.rss())
            _CURRENT[0] = asrv
            app["warm"].append(view_once(browser, asrv.url + MAP_PATH, MAP_MARKS))
            app["rss_mb"]["per_view"].append(asrv.rss())
        app["st_metrics_after_views"] = asrv.metrics()
        # control changes, each alternating between two values
        _CURRENT[0] = fsrv
        _, ctx, page, ws = open_view(browser, fsrv.url + "/", FLOOR_MARKS)
        for k in range(n_change):
            floor["changes"]["selectbox"].append(choose(page, ws, 0, FLOOR_MARKS, name=str(2 + k % 2)))
        ctx.close()
        _CURRENT[0] = asrv
        _, ctx, page, ws = open_view(browser, asrv.url + MAP_PATH, MAP_MARKS)
        ch = app["changes"]
        ch["index"] = [choose(page, ws, 0, MAP_MARKS, name=("PCI", "PAPI")[k % 2]) for k in range(n_change)]
        ch["year"] = []
        for _ in range(n_change):  # alternate 2023 <-> 2024 starting from the year shown in the title
            h1 = page.locator("h1").first.inner_text()
            ch["year"].append(choose(page, ws, 1, MAP_MARKS, name="2024" if " 2023" in h1 else "2023"))
        ch["indicator"] = [choose(page, ws, 2, MAP_MARKS, nth=(1, 0)[k % 2]) for k in range(n_change)]
        ch[f"page_to_{dest}"], ch["page_back_to_map"] = [], []
        for _ in range(n_change):
            ch[f"page_to_{dest}"].append(
                switch(page, ws, "/" + dest, "any_chart" if rankings else "table", MAP_MARKS))
            ch["page_back_to_map"].append(switch(page, ws, None, "marks", MAP_MARKS))
        app["rss_mb"]["after_changes"] = asrv.rss()
        ctx.close()
    except Exception:
        print(asrv.tail(), file=sys.stderr)
        raise
    finally:
        fsrv.stop()
        asrv.stop()
    # further cold starts, alternating
    for _ in range(n_cold - 1):
        for out, script, cwd, path, marks in ((floor, floor_dir / "floor_app.py", floor_dir, "/", FLOOR_MARKS),
                                              (app, app_root / "app.py", app_root, MAP_PATH, MAP_MARKS)):
            srv = Server(script, cwd)
            try:
                out["cold"].append(_first_view(browser, srv, path, marks))
            finally:
                srv.stop()
    return floor, app


# ------------------------------------------------------------------------------------------------
# AppTest worker (subprocess): server-side rerun times, breakdown of one rerun, sizes
# ------------------------------------------------------------------------------------------------
def _timeit(fn, n=5):
    ts = []
    r = None
    for _ in range(n):
        t0 = time.perf_counter()
        r = fn()
        ts.append((time.perf_counter() - t0) * 1000)
    return med(ts), r


def _new_at(app_root: Path, params: dict, profiled: bool = False):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_string((ENTRY_PROFILED if profiled else ENTRY).format(app=str(app_root / "app.py")),
                             default_timeout=180)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def _check(at, what: str):
    if at.exception:
        raise RuntimeError(f"{what}: {[e.value for e in at.exception]}")


def requantize_size(topo: dict, q: float) -> int:
    """JSON size (compact) of the TopoJSON re-quantized to a q x q grid (delta-encoded, repeats dropped)."""
    (kx, ky), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    x0, y0, x1, y1 = topo["bbox"]
    sx, sy = (x1 - x0) / (q - 1), (y1 - y0) / (q - 1)
    arcs = []
    for arc in topo["arcs"]:
        ax = ay = 0
        pts = []
        for dx, dy in arc:
            ax += dx
            ay += dy
            p = (round((ax * kx + tx - x0) / sx), round((ay * ky + ty - y0) / sy))
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) == 1:
            pts.append(pts[0])
        enc = [list(pts[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(pts, pts[1:])]
        arcs.append(enc)
    t2 = dict(topo, arcs=arcs, transform={"scale": [sx, sy], "translate": [x0, y0]})
    return len(json.dumps(t2, separators=(",", ":")).encode())


def breakdown(app_root: Path) -> dict:
    """Where one map rerun spends its time, using the app's own functions (as pages/map.py calls them)."""
    import altair as alt
    from streamlit.elements import vega_charts as vc
    from streamlit.proto.VegaLiteChart_pb2 import VegaLiteChart as VegaLiteChartProto

    import vngov.data as D
    import vngov.validate as V
    from vngov.charts.common import display_frame
    from vngov.charts.map import choropleth
    from vngov.geo import load_topology
    from vngov.i18n import t

    out = {}
    t0 = time.perf_counter()
    ds = D.load_dataset()
    out["load_dataset_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    tabs = {"scores": ds.scores.drop(columns=["origin"]), "ind": ds.indicators, "prov": ds.provinces,
            "src": ds.sources}
    out["validation_check_scores_ms"], _ = _timeit(
        lambda: V.check_scores(tabs["scores"], tabs["ind"], tabs["prov"], tabs["src"]), 2)
    out["validation_check_papi_sums_ms"], _ = _timeit(lambda: V.check_papi_sums(tabs["scores"], "scores.csv"), 2)
    out["read_csv_only_ms"], _ = _timeit(lambda: [V.read_csv_checked(D.DATA_DIR / f, f, []) for f in V.FILES], 2)
    out["slice_ms"], sl = _timeit(lambda: ds.slice("PAPI", 2024, "total"))

    def sidebar_ops():  # what ui.frame does with the dataset on every rerun
        ds.years("PAPI")
        inds = ds.indicators_for("PAPI", 2024)
        ds.provinces.drop_duplicates("region")
        return inds
    out["sidebar_dataset_ops_ms"], _ = _timeit(sidebar_ops)
    out["indicator_info_ms"], info = _timeit(lambda: ds.indicator_info("PAPI", "total", 2024))
    lang = "vi"
    out["display_frame_ms"], frame = _timeit(lambda: display_frame(sl, lang, t("no_data", lang)))
    try:  # the map page's "group by new province" table (added later to the page)
        from vngov.data import by_new_province
        out["by_new_province_ms"], _ = _timeit(lambda: by_new_province(sl, lang), 3)
    except ImportError:
        pass
    topo = load_topology(63)

    def build():
        return choropleth(
            topo, frame, value_title="x (y)", no_data_label=t("no_data", lang),
            tooltip_titles=dict(name=t("province", lang), value=t("value", lang), rank=t("rank", lang),
                                change=t("change", lang)),
            labels=dict(hoang_sa=t("hoang_sa", lang), truong_sa=t("truong_sa", lang)))
    out["chart_build_ms"], chart = _timeit(build, 3)
    out["altair_to_dict_ms"], spec = _timeit(lambda: build().to_dict(), 2)
    out["altair_to_dict_novalidate_ms"], _ = _timeit(lambda: build().to_dict(validate=False), 2)

    def build_nogeo():
        c = build()
        c.datasets = alt.Undefined
        return c
    out["altair_to_dict_without_geometry_ms"], spec_nogeo = _timeit(lambda: build_nogeo().to_dict(), 3)
    out["altair_to_dict_without_geometry_novalidate_ms"], _ = _timeit(lambda: build_nogeo().to_dict(validate=False), 3)

    # what st.altair_chart does with the chart (spec -> JSON string for the proto), without the page
    def st_serialise(chart_obj=None, spec_dict=None):
        s = vc._convert_altair_to_vega_lite_spec(chart_obj) if chart_obj is not None else spec_dict
        s = vc._prepare_vega_lite_spec(s, True)
        proto = VegaLiteChartProto()
        vc._marshall_chart_data(proto, s, None)
        proto.spec = vc._stabilize_vega_json_spec(json.dumps(s))
        json.loads(proto.spec)  # selection mode parsing loads it again
        return proto
    out["st_altair_chart_serialise_ms"], proto = _timeit(lambda: st_serialise(chart_obj=build()), 2)
    out["st_json_handling_of_spec_dict_ms"], _ = _timeit(lambda: st_serialise(spec_dict=spec), 5)
    spec_dict_nogeo = dict(spec_nogeo)
    out["st_json_handling_of_spec_without_geometry_ms"], proto_nogeo = _timeit(
        lambda: st_serialise(spec_dict=dict(spec_dict_nogeo)), 5)
    out["spec_json_bytes"] = len(proto.spec.encode())
    out["spec_json_bytes_without_geometry"] = len(proto_nogeo.spec.encode())
    out["proto_bytes"] = proto.ByteSize()
    geo_file = app_root / "geo" / "provinces63.topojson"
    out["geometry_file_bytes"] = geo_file.stat().st_size if geo_file.exists() else None
    out["geometry_in_spec_bytes"] = len(json.dumps(topo).encode())  # Streamlit's json.dumps separators
    out["geometry_points"] = sum(len(a) for a in topo["arcs"])
    out["geometry_quantization"] = [round((topo["bbox"][2] - topo["bbox"][0]) / topo["transform"]["scale"][0]) + 1,
                                    round((topo["bbox"][3] - topo["bbox"][1]) / topo["transform"]["scale"][1]) + 1]
    out["geometry_requantized_bytes"] = {f"{int(q)}": requantize_size(topo, q) for q in (1e4, 3e4)}
    out["geometry_compact_bytes"] = len(json.dumps(topo, separators=(",", ":")).encode())
    return out


def _measure(fn, n: int) -> dict:
    """Median wall and CPU time (process CPU: the AppTest script thread runs in this process) of n calls."""
    wall, cpu = [], []
    for _ in range(n):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {"wall_ms": med(wall), "cpu_ms": med(cpu), "samples_wall_ms": [round(x, 1) for x in wall]}


def map_payload(at, app_root: Path) -> dict:
    """What the map element really carries (as the page sends it): spec JSON, Arrow datasets, geometry."""
    import re
    maps = [el.proto for el in at.get("vega_lite_chart") if "provinces63" in el.proto.spec]
    if not maps:
        return {"map_spec_bytes": None}
    proto = maps[0]
    spec = json.loads(proto.spec)
    inline = (spec.get("datasets") or {}).get("provinces63")
    m = re.search(r'"url": "([^"]*provinces63[^"]*)"', proto.spec)
    url_bytes = None
    if m:
        f = app_root / "static" / Path(m.group(1)).name
        url_bytes = f.stat().st_size if f.exists() else None
    return {"map_spec_bytes": len(proto.spec.encode()),
            "map_arrow_bytes": sum(len(d.data.data) for d in proto.datasets),
            "map_geometry_inline_bytes": len(json.dumps(inline).encode()) if inline else 0,
            "map_geometry_url": m.group(1) if m else None, "map_geometry_url_file_bytes": url_bytes,
            "map_geometry_bytes": len(json.dumps(inline).encode()) if inline else url_bytes}


def apptest_worker(app_root: Path, floor_app: Path, n: int) -> dict:
    sys.path.insert(0, str(app_root))
    os.chdir(app_root)
    out: dict = {"app": {}, "floor": {}}
    t0 = time.perf_counter()
    from streamlit.testing.v1 import AppTest
    out["import_streamlit_testing_ms"] = round((time.perf_counter() - t0) * 1000, 1)

    a = out["app"]
    at = _new_at(app_root, MAP_PARAMS)
    a["cold_first_run"] = _measure(at.run, 1)
    _check(at, "cold run")
    a["title"] = at.title[0].value
    a |= map_payload(at, app_root)

    def fresh_session():
        x = _new_at(app_root, MAP_PARAMS)
        x.run()
        _check(x, "warm run")
    a["warm_new_session"] = _measure(fresh_session, max(3, n - 2))
    a["noop_rerun"] = _measure(at.run, max(3, n - 2))

    def alternate(fn, values):
        titles, k = [], [0]

        def step():
            fn(values[k[0] % 2])
            k[0] += 1
            _check(at, "change")
            titles.append(at.title[0].value)
        r = _measure(step, n)
        if len(set(titles)) < 2:
            raise RuntimeError(f"change had no visible effect: {titles}")
        return r
    ch = a["changes"] = {}
    sb = lambda i: at.sidebar.selectbox[i]  # noqa: E731
    ch["index"] = alternate(lambda v: sb(0).set_value(v).run(), ["PCI", "PAPI"])
    sb(0).set_value("PAPI").run()
    sb(1).set_value(2024).run()
    ch["year"] = alternate(lambda v: sb(1).set_value(v).run(), [2023, 2024])
    sb(1).set_value(2024).run()
    import vngov.data as D
    comp = list(D.load_dataset().indicators_for("PAPI", 2024)["indicator"])[1]
    ch["indicator"] = alternate(lambda v: sb(2).set_value(v).run(), [comp, "total"])
    sb(2).set_value("total").run()

    def page_switch(p):
        at.switch_page(str(app_root / p))
        at.run()
    # page switch: to /rankings if that page exists and runs, else to /data
    dest = "data"
    if (app_root / "pages/rankings.py").exists():
        page_switch("pages/rankings.py")
        if at.exception:
            a["rankings_error"] = [e.value for e in at.exception][:1]
        else:
            dest = "rankings"
        page_switch("pages/map.py")
    a["switch_dest"] = dest
    ch[f"page_to_{dest}_and_back"] = alternate(page_switch, [f"pages/{dest}.py", "pages/map.py"])

    # floor in AppTest: the fixed cost of AppTest + Streamlit for a page with one small chart
    f = out["floor"]
    fat = AppTest.from_file(str(floor_app), default_timeout=60)
    f["first_run"] = _measure(fat.run, 1)
    f["noop_rerun"] = _measure(fat.run, n)
    f["change_selectbox"] = _measure(lambda: fat.selectbox[0].set_value(2 if fat.selectbox[0].value != 2
                                                                        else 3).run(), n)
    try:
        out["breakdown"] = breakdown(app_root)
    except Exception as e:  # a patched variant may have changed the builders' signatures
        out["breakdown"] = {"error": repr(e)}
    return out


def profile_worker(app_root: Path, top: int = 30) -> dict:
    """cProfile of a cold (first, fresh interpreter) and a warm (new session + index + year change) run."""
    import cProfile
    import io
    import pstats
    sys.path.insert(0, str(app_root))
    os.chdir(app_root)
    from streamlit.testing.v1 import AppTest  # noqa: F401  (import outside the profile)
    out = {}
    for name in ("cold", "warm"):
        builtins.__bench_profiler__ = prof = cProfile.Profile()
        at = _new_at(app_root, MAP_PARAMS, profiled=True)
        t0 = time.perf_counter()
        at.run()
        if name == "warm":
            at.sidebar.selectbox[0].set_value("PCI").run()
            at.sidebar.selectbox[1].set_value(2021).run()
        wall = (time.perf_counter() - t0) * 1000
        _check(at, f"profile {name}")
        tag = os.environ.get("BENCH_PROFILE_TAG", "")  # "_patched" when measuring --patch variants
        if os.environ.get("BENCH_KEEP_PROF"):  # binary profile for snakeviz etc.
            prof.dump_stats(str(BENCH / f"profile_{name}{tag}.prof"))
        buf = io.StringIO()
        st_ = pstats.Stats(prof, stream=buf).strip_dirs()
        buf.write(f"# {name}: {'first run in a fresh interpreter' if name == 'cold' else 'new session + index change + year change'}"
                  f" of the map page ({MAP_PATH}); wall {wall:.0f} ms (with profiler overhead)\n")
        st_.sort_stats("cumulative").print_stats(60)
        st_.sort_stats("tottime").print_stats(25)
        (BENCH / f"profile_{name}{tag}.txt").write_text(buf.getvalue())
        # compact top list for results.json
        rows = []
        stats = pstats.Stats(prof).stats
        for (fn, line, func), (cc, nc, tt, ct, _) in sorted(stats.items(), key=lambda kv: -kv[1][3])[:200]:
            short = f"{Path(fn).name}:{line}({func})"
            if any(s in fn for s in ("threading.py", "runpy.py", "<frozen", "script_runner", "exec_code",
                                     "local_script_runner", "script_run_context")):
                continue
            rows.append(dict(fn=short, path=fn.replace(str(app_root), "."), calls=nc, cum_ms=round(ct * 1000, 1),
                             self_ms=round(tt * 1000, 1)))
            if len(rows) >= top:
                break
        out[name] = dict(wall_ms_profiled=round(wall, 1), top_cumulative=rows)
    return out


def run_worker(flag: str, app_root: Path, floor_app: Path, n: int) -> dict:
    cmd = [sys.executable, "-m", "bench.benchmark", flag, str(app_root), "--floor-app", str(floor_app), "-n", str(n)]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"{flag} failed:\n{r.stderr[-4000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------
# report
# ------------------------------------------------------------------------------------------------
def summarise(floor: dict, app: dict, at: dict, prof: dict | None, meta: dict) -> dict:
    def stat(rows, key="paint_ms"):
        return med([r[key] for r in rows])
    s = {"meta": meta}
    fp = {"floor_cold_ms": stat(floor["cold"]), "floor_warm_ms": stat(floor["warm"]),
          "app_cold_ms": stat(app["cold"]), "app_warm_ms": stat(app["warm"]),
          "floor_cold_wall_ms": stat(floor["cold"], "wall_ms"), "floor_warm_wall_ms": stat(floor["warm"], "wall_ms"),
          "app_cold_wall_ms": stat(app["cold"], "wall_ms"), "app_warm_wall_ms": stat(app["warm"], "wall_ms"),
          "n_cold": len(app["cold"]), "n_warm": len(app["warm"]), "n_floor_warm": len(floor["warm"])}
    fp["ratio_cold"] = round(fp["app_cold_ms"] / fp["floor_cold_ms"], 2)
    fp["ratio_warm"] = round(fp["app_warm_ms"] / fp["floor_warm_ms"], 2)
    s["first_paint"] = fp
    fchg = med([r["ms"] for r in floor["changes"]["selectbox"]])
    s["control_change_browser_ms"] = {"floor_selectbox": fchg} | {
        k: med([r["ms"] for r in v]) for k, v in app["changes"].items()}
    # the first change to a view sends the full chart; going back to a view already seen in this browser
    # session is answered from Streamlit's browser-side message cache (only a reference is sent)
    s["control_change_browser_ws_bytes"] = {"floor_selectbox": max(r["ws_bytes"] for r in floor["changes"]["selectbox"])} | {
        k: max(r["ws_bytes"] for r in v) for k, v in app["changes"].items()}
    s["control_change_browser_ws_bytes_median"] = {k: med([r["ws_bytes"] for r in v]) for k, v in app["changes"].items()}
    s["control_change_server_ms"] = {"floor_selectbox": at["floor"]["change_selectbox"]["wall_ms"],
                                     "floor_noop_rerun": at["floor"]["noop_rerun"]["wall_ms"],
                                     "app_noop_rerun": at["app"]["noop_rerun"]["wall_ms"]} | {
        k: v["wall_ms"] for k, v in at["app"]["changes"].items()}
    s["control_change_server_cpu_ms"] = {"floor_selectbox": at["floor"]["change_selectbox"]["cpu_ms"],
                                         "floor_noop_rerun": at["floor"]["noop_rerun"]["cpu_ms"],
                                         "app_noop_rerun": at["app"]["noop_rerun"]["cpu_ms"]} | {
        k: v["cpu_ms"] for k, v in at["app"]["changes"].items()}
    s["server_runs_ms"] = {"app_cold_first_run": at["app"]["cold_first_run"]["wall_ms"],
                           "app_warm_new_session": at["app"]["warm_new_session"]["wall_ms"],
                           "floor_first_run": at["floor"]["first_run"]["wall_ms"],
                           "app_cold_first_run_cpu": at["app"]["cold_first_run"]["cpu_ms"],
                           "app_warm_new_session_cpu": at["app"]["warm_new_session"]["cpu_ms"],
                           "floor_first_run_cpu": at["floor"]["first_run"]["cpu_ms"]}
    s["server_cpu_per_browser_view_ms"] = {"floor_warm": stat(floor["warm"], "server_cpu_ms"),
                                           "app_cold": stat(app["cold"], "server_cpu_ms"),
                                           "app_warm": stat(app["warm"], "server_cpu_ms")} | {
        f"app_change_{k}": med([r["server_cpu_ms"] for r in v]) for k, v in app["changes"].items()}
    bd = at.get("breakdown", {})
    ap = at["app"]
    s["bytes"] = {"map_spec_bytes": ap.get("map_spec_bytes"), "map_arrow_bytes": ap.get("map_arrow_bytes"),
                  "map_geometry_inline_bytes": ap.get("map_geometry_inline_bytes"),
                  "map_geometry_url": ap.get("map_geometry_url"),
                  "map_geometry_url_file_bytes": ap.get("map_geometry_url_file_bytes"),
                  "map_geometry_bytes": ap.get("map_geometry_bytes"),
                  "floor_ws_first_view": stat(floor["warm"], "ws_bytes"),
                  "app_ws_first_view": stat(app["warm"], "ws_bytes"),
                  "floor_http_first_view": stat(floor["warm"], "http_bytes"),
                  "app_http_first_view": stat(app["warm"], "http_bytes"),
                  **{k: bd.get(k) for k in ("geometry_file_bytes", "geometry_in_spec_bytes", "geometry_compact_bytes",
                                            "geometry_requantized_bytes", "geometry_points", "geometry_quantization",
                                            "spec_json_bytes", "spec_json_bytes_without_geometry", "proto_bytes")}}
    per = app["rss_mb"]["per_view"]
    fper = floor["rss_mb"]["per_view"]
    s["memory_mb"] = {"app_after_start": app["rss_mb"]["after_start"],
                      "app_after_first_view": app["rss_mb"]["after_first_view"],
                      "app_after_5_views": per[4] if len(per) >= 5 else None,
                      f"app_after_{len(per)}_views": per[-1] if per else None,
                      "app_per_view": per, "app_after_changes": app["rss_mb"].get("after_changes"),
                      "floor_after_start": floor["rss_mb"]["after_start"],
                      "floor_after_first_view": floor["rss_mb"]["after_first_view"],
                      f"floor_after_{len(fper)}_views": fper[-1] if fper else None}
    growth = (per[-1] - per[4]) if len(per) >= 10 else None
    s["memory_mb"]["app_growth_view5_to_last"] = round(growth, 1) if growth is not None else None
    s["memory_mb"]["app_growth_per_view"] = round(growth / (len(per) - 5), 2) if growth is not None else None
    s["memory_mb"]["app_after_changes"] = app["rss_mb"].get("after_changes")
    s["streamlit_metrics_after_views"] = app.get("st_metrics_after_views")
    s["breakdown_ms"] = bd
    geo = s["bytes"]["map_geometry_bytes"] or 0
    srv = {k: v for k, v in s["control_change_server_ms"].items() if not k.startswith(("floor", "app_noop"))}
    s["targets"] = {
        "first_paint_warm<=1.25x_floor": fp["ratio_warm"] <= 1.25,
        "first_paint_cold<=1.25x_floor": fp["ratio_cold"] <= 1.25,
        "control_change_server<=150ms": all(v is not None and v <= 150 for v in srv.values()),
        "map_geometry<=300KB": geo <= 300_000,
        "memory_flat(<=10MB growth view5->20)": growth is not None and growth <= 10,
    }
    if prof:
        s["profile_top"] = {k: v["top_cumulative"][:15] for k, v in prof.items()}
        s["profile_wall_ms"] = {k: v["wall_ms_profiled"] for k, v in prof.items()}
    s["raw"] = {"floor": floor, "app": app, "apptest": at}
    return s


def print_table(s: dict) -> None:
    fp, ch, b, m = s["first_paint"], s["control_change_browser_ms"], s["bytes"], s["memory_mb"]
    cs, cc, sc = s["control_change_server_ms"], s["control_change_server_cpu_ms"], s["server_cpu_per_browser_view_ms"]
    sr = s["server_runs_ms"]
    rows = [("FIRST PAINT (browser, nav start -> marks painted)",),
            ("  cold: fresh server, first visit (ms)", fp["floor_cold_ms"], fp["app_cold_ms"], "<= 1.25x"),
            ("  warm: new browser context (ms)", fp["floor_warm_ms"], fp["app_warm_ms"], "<= 1.25x"),
            ("  warm, wall clock from page.goto (ms)", fp["floor_warm_wall_ms"], fp["app_warm_wall_ms"], ""),
            ("  server CPU per warm view (ms)", sc["floor_warm"], sc["app_warm"], ""),
            ("CONTROL CHANGE, server (AppTest rerun; floor = its selectbox)",)]
    for k, v in cs.items():
        if not k.startswith(("floor", "app_noop")):
            rows.append((f"  {k}: wall ms", cs["floor_selectbox"], v, "<= 150 ms"))
            rows.append((f"  {k}: CPU ms", cc["floor_selectbox"], cc[k], ""))
    rows.append(("  no-op rerun: wall ms", cs["floor_noop_rerun"], cs["app_noop_rerun"], ""))
    rows.append(("  cold first run (fresh interpreter): wall ms", sr["floor_first_run"], sr["app_cold_first_run"], ""))
    rows.append(("  warm new-session run: wall ms", None, sr["app_warm_new_session"], ""))
    rows.append(("CONTROL CHANGE, browser (pointerdown -> updated chart painted)",))
    for k, v in ch.items():
        if k != "floor_selectbox":
            rows.append((f"  {k} (ms)", ch["floor_selectbox"], v, ""))
            rows.append((f"    server CPU (ms)", None, sc.get(f"app_change_{k}"), ""))
    bw = s["control_change_browser_ws_bytes"]
    rows.append(("BYTES",))
    rows.append(("  websocket payload, first view", b["floor_ws_first_view"], b["app_ws_first_view"], ""))
    rows.append(("  HTTP transfer, first view", b["floor_http_first_view"], b["app_http_first_view"], ""))
    for k, v in bw.items():
        if k != "floor_selectbox":
            rows.append((f"  websocket payload, {k} (new view / median)", bw["floor_selectbox"], v,
                         f"{s['control_change_browser_ws_bytes_median'][k]:,.0f}"))
    how = (f"by URL {b['map_geometry_url']}, once per browser" if b.get("map_geometry_url")
           else "inline in the spec, every new view")
    rows.append((f"  map geometry ({how})", None, b["map_geometry_bytes"], "<= 300 KB"))
    rows.append(("  map chart spec JSON as sent (proto.spec)", None, b["map_spec_bytes"], ""))
    rows.append(("  map chart Arrow datasets as sent", None, b["map_arrow_bytes"], ""))
    rows.append(("  geo/provinces63.topojson file", None, b["geometry_file_bytes"], ""))
    rows.append(("SERVER MEMORY (VmRSS, MB)",))
    rows.append(("  after start", m["floor_after_start"], m["app_after_start"], ""))
    rows.append(("  after first view", m["floor_after_first_view"], m["app_after_first_view"], ""))
    rows.append(("  after 5 views", None, m["app_after_5_views"], ""))
    last_f = [k for k in m if k.startswith("floor_after_") and k.endswith("_views")]
    last_a = [k for k in m if k.startswith("app_after_") and k.endswith("_views") and k != "app_after_5_views"]
    if last_a:
        rows.append((f"  after {last_a[0].split('_')[2]} views (floor: {last_f[0].split('_')[2]})",
                     m[last_f[0]] if last_f else None, m[last_a[0]], "flat"))
    w = max(len(r[0]) for r in rows if len(r) > 1) + 2

    def num(x):
        return "" if x is None else (f"{x:,.1f}" if isinstance(x, float) and abs(x) < 100 else f"{x:,.0f}")
    print(f"\n{'metric':<{w}}{'floor':>11}{'app':>11}{'app/floor':>11}  target")
    print("-" * (w + 44))
    for r in rows:
        if len(r) == 1:
            print(r[0])
            continue
        name, f, a_, tgt = r
        ratio = f"{a_ / f:.2f}x" if isinstance(a_, (int, float)) and isinstance(f, (int, float)) and f else ""
        print(f"{name:<{w}}{num(f):>11}{num(a_):>11}{ratio:>11}  {tgt}")
    print("\nTargets:")
    for k, v in s["targets"].items():
        print(f"  {'PASS' if v else 'FAIL'}  {k}")
    bd = s.get("breakdown_ms") or {}
    if bd and "error" not in bd:
        print("\nOne map rerun, piece by piece (wall ms, medians; pure functions outside Streamlit):")
        for k in ("load_dataset_ms", "read_csv_only_ms", "validation_check_scores_ms", "validation_check_papi_sums_ms",
                  "slice_ms", "sidebar_dataset_ops_ms", "indicator_info_ms", "display_frame_ms", "by_new_province_ms",
                  "chart_build_ms",
                  "altair_to_dict_ms", "altair_to_dict_novalidate_ms", "altair_to_dict_without_geometry_ms",
                  "altair_to_dict_without_geometry_novalidate_ms",
                  "st_altair_chart_serialise_ms", "st_json_handling_of_spec_dict_ms",
                  "st_json_handling_of_spec_without_geometry_ms"):
            if k in bd:
                print(f"  {k:<48}{bd[k]:>10,.1f}")
        print(f"  geometry: {bd.get('geometry_points')} points, quantization {bd.get('geometry_quantization')}, "
              f"re-quantized sizes (bytes) {bd.get('geometry_requantized_bytes')}")
    elif bd:
        print(f"\nbreakdown skipped: {bd['error']}")
    if s.get("profile_top"):
        print("\nProfile, warm run (top by cumulative time; full list in bench/profile_warm*.txt):")
        for r in s["profile_top"]["warm"][:14]:
            print(f"  {r['cum_ms']:>9,.0f} ms cum {r['self_ms']:>8,.0f} ms self {r['calls']:>8} calls  {r['fn']}")
    mt = s["meta"]
    print(f"\nload average at start/end: {mt['loadavg_start']} / {mt['loadavg_end']} on {mt['cpus']} CPUs; "
          f"benchmark took {mt['duration_s']} s")


def prepare_app_root(args, tmp: Path) -> Path:
    """The app to measure: a snapshot (copy) of the working tree, or of a git ref (``--ref HEAD``), so that
    edits made while the benchmark runs do not mix into it; ``--patch`` diffs are applied to the copy."""
    if args.app_root:
        return Path(args.app_root).resolve()
    dst = tmp / "app"
    if args.ref:
        dst.mkdir()
        arch = subprocess.run(["git", "archive", args.ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dst)], input=arch, check=True)
    else:
        shutil.copytree(ROOT, dst, symlinks=True, ignore=shutil.ignore_patterns(
            ".venv", ".git", "artifacts", "__pycache__", ".pytest_cache", ".hypothesis", "bench"))
    for p in args.patch or []:
        r = subprocess.run(["git", "apply", "-p1", str(Path(p).resolve())], cwd=dst, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"patch {p} does not apply: {r.stderr}")
    return dst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer runs (smoke test)")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--patch", action="append", help="diff to apply to a temp copy of the app (repeatable)")
    ap.add_argument("--app-root", help="benchmark this directory as it is (no snapshot)")
    ap.add_argument("--ref", help="benchmark this git ref (git archive) instead of a snapshot of the working tree")
    ap.add_argument("--out")
    ap.add_argument("--apptest-worker", metavar="APP_ROOT")
    ap.add_argument("--profile-worker", metavar="APP_ROOT")
    ap.add_argument("--floor-app")
    ap.add_argument("-n", type=int, default=5)
    args = ap.parse_args()
    if args.apptest_worker:
        print(json.dumps(apptest_worker(Path(args.apptest_worker), Path(args.floor_app), args.n)))
        return
    if args.profile_worker:
        print(json.dumps(profile_worker(Path(args.profile_worker))))
        return

    t_start = time.perf_counter()
    os.environ["BENCH_PROFILE_TAG"] = "_patched" if (args.patch or args.app_root or args.ref) else ""
    n_cold, n_warm, n_views, n_change, n_at = (1, 3, 6, 2, 3) if args.quick else (3, 10, 20, 4, 5)
    meta = {"loadavg_start": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
            "python": platform.python_version(), "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "map_url": MAP_PATH, "quick": args.quick, "patches": args.patch or [],
            "source": args.app_root or (f"git {args.ref}" if args.ref else "snapshot of the working tree"),
            "git_head": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                       text=True).stdout.strip()}
    with tempfile.TemporaryDirectory(prefix="vngov_bench_") as tmpd:
        tmp = Path(tmpd)
        app_root = prepare_app_root(args, tmp)
        meta["app_root"] = str(app_root)
        floor_dir = tmp / "floor"
        (floor_dir / ".streamlit").mkdir(parents=True)
        (floor_dir / "floor_app.py").write_text(FLOOR_APP)
        shutil.copy(ROOT / ".streamlit" / "config.toml", floor_dir / ".streamlit" / "config.toml")
        import streamlit
        meta["streamlit"] = streamlit.__version__

        print("AppTest: server-side rerun times and breakdown (subprocess) ...", flush=True)
        at = run_worker("--apptest-worker", app_root, floor_dir / "floor_app.py", n_at)
        prof = None
        if not args.no_profile:
            print("cProfile of a cold and a warm AppTest run (subprocess) ...", flush=True)
            prof = run_worker("--profile-worker", app_root, floor_dir / "floor_app.py", n_at)
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                print("Browser: floor page and app map page, interleaved ...", flush=True)
                floor, app = measure_browser(browser, floor_dir, app_root, n_cold, n_warm, n_views, n_change,
                                             at["app"]["switch_dest"])
            finally:
                browser.close()
    meta["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    meta["duration_s"] = round(time.perf_counter() - t_start, 1)
    s = summarise(floor, app, at, prof, meta)
    out = Path(args.out) if args.out else BENCH / ("results.json" if not (args.patch or args.app_root or args.ref)
                                                   else "results_variant.json")
    out.write_text(json.dumps(s, indent=1, ensure_ascii=False))
    print_table(s)
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
