"""Load test: many concurrent sessions against the served app, bounded in time; errors, load times, memory.

    python -m bench.load_test                     # 50 sessions (10 Chromium + 40 websocket) for 60 s
    python -m bench.load_test --sessions 8 --browsers 2 --duration 20 --json out.json
    python -m bench.load_test --url http://127.0.0.1:8080 --pids 123,456   # an app already served (e.g. nginx
                                                                           # in front of replicas 123 and 456)

It starts the app itself (``streamlit run app.py`` on a free localhost port) and drives two kinds of session
at the same time, each one server session held for the whole run:

* browser sessions: Playwright contexts in one headless Chromium, like people: open a page by URL, then
  switch pages with the sidebar navigation and change the sidebar index/year/language controls; each action
  waits until the app's script run is over and checks for exception boxes.
* websocket sessions: the Streamlit protocol spoken directly (``/_stcore/stream``, protobuf BackMsg/ForwardMsg)
  with no browser: page changes and view changes by query string (as when a shared link is opened or the URL
  edited), keeping the query string the app writes back. The server does the same work per run as for a
  browser; only the drawing is skipped. 50 full browsers do not fit in 2 cores alongside the server.

Before the sessions start, one session loads the app and leaves, and the server is left to finish its start
(until it is idle: the app warms its caches in the background after its first page, vngov/ui/warm.py; the CPU
that took is reported as ``server_start_after_first_run``).

Counted as errors: exception elements in a run, runs that fail (connection closed, page did not load) and
runs that do not finish within --timeout. Server memory (RSS of the server process, /proc or psutil) is sampled
every 0.25 s: before any session, warm (after one session has loaded the cached dataset and closed), with
all sessions held (after each made its first run), peak, and after all have disconnected. Prints a JSON summary.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_server  # noqa: E402

YEARS = {"PAPI": range(2011, 2025), "PCI": range(2005, 2023), "PAR_INDEX": range(2012, 2025),
         "SIPAS": range(2017, 2025)}
INDICES = list(YEARS)
PROVINCES = ["01", "22", "31", "46", "48", "79", "92", "83", "02", "96"]


def page_names() -> list[str]:
    """URL paths of the pages whose file exists ('' = the map, the default page)."""
    return sorted("" if p.stem == "map" else p.stem for p in (ROOT / "pages").glob("*.py")
                  if not p.name.startswith("_"))


# ------------------------------------------------------------------------------------------
# measurements
# ------------------------------------------------------------------------------------------
def cpu_s(pid: int | list[int]) -> float:
    """User + system CPU seconds of a process (or the sum over several) so far."""
    if isinstance(pid, list):
        return sum(cpu_s(p) for p in pid)
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    import os
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def quiet(pid: int | list[int], window: float = 0.5, below_ms: float = 25, limit: float = 60) -> dict:
    """Wait until the server has used less than ``below_ms`` of CPU in ``window`` seconds (its start is over:
    the app warms its caches in the background after the first page, vngov/ui/warm.py), at most ``limit``
    seconds. Returns how long that took and the CPU the server used meanwhile."""
    t0, c0 = time.monotonic(), cpu_s(pid)
    last = c0
    while time.monotonic() - t0 < limit:
        time.sleep(window)
        now = cpu_s(pid)
        if (now - last) * 1000 < below_ms:
            break
        last = now
    return {"waited_s": round(time.monotonic() - t0, 1), "server_cpu_ms": round((cpu_s(pid) - c0) * 1000)}


def rss_mb(pid: int | list[int]) -> float:
    if isinstance(pid, list):  # several server processes (replicas): their sum
        return sum(rss_mb(p) for p in pid)
    try:
        import psutil
        return psutil.Process(pid).memory_info().rss / 1048576
    except ImportError:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    return float("nan")


class MemorySampler(threading.Thread):
    def __init__(self, pid: int | list[int], every: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self._stop = pid, every, 0.0, threading.Event()

    def run(self):
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, rss_mb(self.pid))
            except OSError:
                return
            self._stop.wait(self.every)

    def stop(self):
        self._stop.set()


@dataclass
class Stats:
    runs: list[tuple[str, str, bool, float]] = field(default_factory=list)  # (kind, client, first, seconds)
    exceptions: int = 0
    failed: int = 0
    timeouts: int = 0
    error_alerts: int = 0
    samples: list[str] = field(default_factory=list)
    first_done: int = 0

    def ok(self, kind: str, client: str, seconds: float, first: bool = False):
        self.runs.append((kind, client, first, seconds))

    def times(self, kind: str | None = None, client: str | None = None, first: bool | None = None) -> list[float]:
        """Durations of the successful runs, optionally of one kind, client and first/later."""
        return [sec for k, c, f, sec in self.runs
                if kind in (None, k) and client in (None, c) and first in (None, f)]

    def first_run_over(self, sessions: int, started: asyncio.Event) -> None:
        """A session's first page load ended (well or not); all of them ended -> the hold window starts."""
        self.first_done += 1
        if self.first_done >= sessions:
            started.set()

    def error(self, what: str, detail: str):
        setattr(self, what, getattr(self, what) + 1)
        if len(self.samples) < 20:
            self.samples.append(f"{what}: {detail[:300]}")


def pct(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))], 3)


# ------------------------------------------------------------------------------------------
# websocket sessions (the Streamlit protocol, no browser)
# ------------------------------------------------------------------------------------------
class WsSession:
    def __init__(self, base: str, timeout: float, headers: dict[str, str] | None = None):
        self.base, self.timeout, self.ws, self.qs = base, timeout, None, ""
        self.headers = headers or {}  # e.g. a load balancer's route cookie
        self.choice_widgets: dict[str, str] = {}  # label -> id of the selectboxes/multiselects of the last run

    async def connect(self):
        from websockets.asyncio.client import connect

        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await connect(url, subprotocols=["streamlit"], origin=self.base, max_size=None,
                                open_timeout=self.timeout, ping_interval=None, additional_headers=self.headers)

    async def close(self):
        if self.ws is not None:
            await self.ws.close()

    async def run(self, page: str, params: dict | None, widgets: dict[str, str | list[str]] | None = None
                  ) -> tuple[list[str], int]:
        """One script run of ``page`` with ``params`` (None: keep the current query string) and, if given,
        the values the browser would send for some selectboxes/multiselects of the last run ({label: value}).
        Returns (exception messages, number of error alerts)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if params is not None:
            self.qs = urlencode(params)
        msg = BackMsg()
        msg.rerun_script.query_string = self.qs
        msg.rerun_script.page_name = page
        for label, value in (widgets or {}).items():
            w = msg.rerun_script.widget_states.widgets.add()
            w.id = self.choice_widgets[label]
            if isinstance(value, list):
                w.string_array_value.data.extend(value)
            else:
                w.string_value = value
        await self.ws.send(msg.SerializeToString())
        exceptions, alerts = [], 0
        self.choice_widgets = {}
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                et = el.WhichOneof("type")
                if et == "exception":
                    exceptions.append(f"{el.exception.type}: {el.exception.message}")
                elif et == "alert" and el.alert.format == el.alert.ERROR:
                    alerts += 1
                elif et in ("selectbox", "multiselect"):
                    self.choice_widgets[getattr(el, et).label] = getattr(el, et).id
            elif kind == "page_info_changed":
                self.qs = fm.page_info_changed.query_string
            elif kind == "script_finished":
                if fm.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                    if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        exceptions.append("compile error")
                    return exceptions, alerts
                # FINISHED_EARLY_FOR_RERUN: the app called st.rerun; the next run follows


async def ws_user(i: int, base: str, cfg, stats: Stats, stop_at: float, started: asyncio.Event):
    rng = random.Random(1000 + i)
    pages = page_names()
    sess = WsSession(base, cfg.timeout)
    index = rng.choice(INDICES)
    params = {"index": index, "year": str(rng.choice(YEARS[index])), "lang": rng.choice(["vi", "en"])}
    page = rng.choice(pages)
    first = True
    try:
        await sess.connect()
        while first or time.monotonic() < stop_at:
            was_first = first
            kind = "page_view" if first else None
            if not first:
                await asyncio.sleep(rng.uniform(*cfg.think))
                if time.monotonic() >= stop_at:
                    break
                action = rng.choice(["page", "page", "index", "year", "lang", "province"])
                if action == "page":
                    page, kind, params = rng.choice(pages), "page_view", None
                else:
                    params = dict(x.split("=", 1) for x in sess.qs.split("&") if "=" in x)
                    if action == "index":
                        params["index"] = rng.choice(INDICES)
                        params.pop("ind", None)
                        params["year"] = str(rng.choice(YEARS[params["index"]]))
                    elif action == "year":
                        params["year"] = str(rng.choice(YEARS[params.get("index", "PAPI")]))
                    elif action == "lang":
                        params["lang"] = "en" if params.get("lang") == "vi" else "vi"
                    else:
                        params["p"] = rng.choice(PROVINCES)
                    kind = "control_change"
            t0 = time.monotonic()
            try:
                exc, alerts = await asyncio.wait_for(sess.run(page, params), cfg.timeout)
            except asyncio.TimeoutError:
                stats.error("timeouts", f"ws page={page or 'map'} qs={sess.qs}")
                await sess.close()
                await sess.connect()
                continue
            finally:
                if first:
                    first = False
                    stats.first_run_over(cfg.sessions, started)
            if exc:
                stats.error("exceptions", f"ws page={page or 'map'} qs={sess.qs}: {exc[0]}")
            else:
                stats.ok(kind, "websocket", time.monotonic() - t0, first=was_first)
            if alerts:
                stats.error("error_alerts", f"ws page={page or 'map'} qs={sess.qs}")
    except Exception as e:  # connection refused/closed: a failed load
        stats.error("failed", f"ws session {i}: {type(e).__name__}: {e}")
        if first:
            stats.first_run_over(cfg.sessions, started)
    finally:
        await sess.close()


# ------------------------------------------------------------------------------------------
# browser sessions (Playwright, one Chromium, one context per session)
# ------------------------------------------------------------------------------------------
RUNNING = "() => { const a = document.querySelector(\"[data-testid='stApp']\"); " \
          "return a && a.getAttribute('data-test-script-state') === 'running'; }"
# the run is over and the page body has content (not every page has an h1: meeting mode has none)
IDLE = "() => { const a = document.querySelector(\"[data-testid='stApp']\"); " \
       "return a && document.querySelector(\"[data-testid='stMainBlockContainer'] [data-testid='stElementContainer']\")" \
       " && a.getAttribute('data-test-script-state') === 'notRunning'; }"


async def settled(page, timeout: float) -> int:
    try:
        await page.wait_for_function(RUNNING, timeout=1500)
    except Exception:
        pass  # the run may have been over already
    await page.wait_for_function(IDLE, timeout=timeout * 1000)
    return await page.locator("[data-testid='stException']").count()


async def browser_user(i: int, browser, base: str, cfg, stats: Stats, stop_at: float, started: asyncio.Event):
    rng = random.Random(i)
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await ctx.new_page()
    index = rng.choice(INDICES)
    path = rng.choice(page_names())
    url = f"{base}/{path}?index={index}&lang={rng.choice(['vi', 'en'])}"
    first = True
    try:
        while first or time.monotonic() < stop_at:
            was_first = first
            t0 = time.monotonic()
            what = url
            try:
                if first:
                    kind = "page_view"
                    await page.goto(url, timeout=cfg.timeout * 1000, wait_until="commit")
                else:
                    await asyncio.sleep(rng.uniform(*cfg.think))
                    if time.monotonic() >= stop_at:
                        break
                    action = rng.choice(["nav", "nav", "index", "year", "lang"])
                    t0 = time.monotonic()
                    side = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input[role='combobox']")
                    if action == "nav":
                        kind = "page_view"
                        links = page.locator("[data-testid='stSidebarNavLink']")
                        await links.first.wait_for(timeout=cfg.timeout * 1000)  # the sidebar may be redrawing
                        n = await links.count()
                        k = rng.randrange(n)
                        what = f"nav {k}"
                        await links.nth(k).click()
                    elif action == "lang":
                        kind = "control_change"
                        seg = page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup'] button")
                        what = "language"
                        await seg.first.wait_for(timeout=cfg.timeout * 1000)
                        await seg.nth(rng.randrange(await seg.count())).click()
                    else:
                        kind = "control_change"
                        box = side.nth(0 if action == "index" else 1)
                        await box.click()
                        opts = page.get_by_role("option")
                        n = await opts.count()
                        k = rng.randrange(max(n, 1))
                        what = f"{action} option {k}"
                        await opts.nth(k).click()
                n_exc = await settled(page, cfg.timeout)
                if n_exc:
                    text = await page.locator("[data-testid='stException']").first.inner_text()
                    stats.error("exceptions", f"browser {page.url} ({what}): {text}")
                else:
                    stats.ok(kind, "browser", time.monotonic() - t0, first=was_first)
            except Exception as e:
                name = type(e).__name__
                stats.error("timeouts" if "Timeout" in name else "failed", f"browser {page.url} ({what}): {name}: "
                            f"{str(e).splitlines()[0] if str(e) else ''}")
                if first:
                    break
            finally:
                if first:
                    first = False
                    stats.first_run_over(cfg.sessions, started)
    finally:
        await ctx.close()


# ------------------------------------------------------------------------------------------
# the run
# ------------------------------------------------------------------------------------------
async def drive(base: str, pid: int | list[int], cfg) -> dict:
    stats = Stats()
    n_browser = min(cfg.browsers, cfg.sessions)
    n_ws = cfg.sessions - n_browser
    mem = {"before": round(rss_mb(pid), 1)}
    # warm-up: one session loads the cached dataset and boundaries, then leaves
    warm = WsSession(base, cfg.timeout)
    await warm.connect()
    await warm.run("", {"index": "PAPI"})
    await warm.close()
    await asyncio.sleep(1.0)
    start = await asyncio.to_thread(quiet, pid)  # the server's background warm-up, if any, is over
    mem["warm"] = round(rss_mb(pid), 1)
    sampler = MemorySampler(pid)
    sampler.start()
    cpu0 = cpu_s(pid)
    started = asyncio.Event()
    t_start = time.monotonic()
    stop_at = t_start + cfg.duration
    pw = browser = None
    tasks = []
    try:
        if n_browser:
            from playwright.async_api import async_playwright
            pw = await async_playwright().start()
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for i in range(cfg.sessions):
            if i < n_browser:
                tasks.append(asyncio.create_task(browser_user(i, browser, base, cfg, stats, stop_at, started)))
            else:
                tasks.append(asyncio.create_task(ws_user(i, base, cfg, stats, stop_at, started)))
            await asyncio.sleep(cfg.ramp / max(cfg.sessions, 1))
        try:  # every session connected and through its first run (or the activity window is over)
            await asyncio.wait_for(started.wait(), timeout=max(0.0, stop_at - time.monotonic()))
        except asyncio.TimeoutError:
            pass
        mem["all_sessions_held"] = round(rss_mb(pid), 1)
        mem["held_at_s"] = round(time.monotonic() - t_start, 1)
        mem["first_runs_done_then"] = stats.first_done
        await asyncio.sleep(max(0.0, stop_at - time.monotonic()))
        mem["end_of_window"] = round(rss_mb(pid), 1)  # the sessions are all still connected here
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        if browser is not None:
            await browser.close()
        if pw is not None:
            await pw.stop()
    elapsed = time.monotonic() - t_start
    server_cpu = cpu_s(pid) - cpu0
    await asyncio.sleep(cfg.settle)
    sampler.stop()
    mem["peak"] = round(max(sampler.peak, mem.get("all_sessions_held") or 0), 1)
    mem["after"] = round(rss_mb(pid), 1)
    held = max(mem["all_sessions_held"], mem["end_of_window"])
    import os
    all_times, views, changes = stats.times(), stats.times("page_view"), stats.times("control_change")
    return {
        "sessions": {"total": cfg.sessions, "browser": n_browser, "websocket": n_ws,
                     "first_runs_completed": stats.first_done},
        "duration_s": round(elapsed, 1),
        "activity_window_s": cfg.duration,
        "server_cpu_s": round(server_cpu, 1),
        # share of one core the server used over the run (its Python code runs on one core at a time)
        "server_cpu_share": round(server_cpu / elapsed, 2) if elapsed else None,
        "server_runs_per_s": round((len(all_times)) / elapsed, 2) if elapsed else None,
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "think_time_s": list(cfg.think),
        "page_views": len(views),
        "control_changes": len(changes),
        "runs_ok_by_client": {c: len(stats.times(client=c)) for c in ("browser", "websocket")},
        "errors": {"total": stats.exceptions + stats.failed + stats.timeouts, "exceptions": stats.exceptions,
                   "failed": stats.failed, "timeouts": stats.timeouts},
        "error_alerts": stats.error_alerts,
        "error_samples": stats.samples,
        "load_time_s": {"p50": pct(all_times, 0.5), "p95": pct(all_times, 0.95), "max": pct(all_times, 1.0),
                        "page_view_p50": pct(views, 0.5), "page_view_p95": pct(views, 0.95),
                        "control_change_p50": pct(changes, 0.5), "control_change_p95": pct(changes, 0.95),
                        # first load = a new visitor: for a browser, from opening the URL (the app's
                        # JavaScript loads) to the page drawn; later = page and control changes
                        **{f"{c}_{w}_{q}": pct(stats.times(client=c, first=w == "first"), v)
                           for w in ("first", "later") for c in ("browser", "websocket")
                           for q, v in (("p50", 0.5), ("p95", 0.95))}},
        "server_start_after_first_run": start,
        "memory_mb": mem,
        "memory_growth_mb": {"peak_minus_warm": round(mem["peak"] - mem["warm"], 1),
                             "after_minus_warm": round(mem["after"] - mem["warm"], 1)},
        "per_session_mb": round((held - mem["warm"]) / cfg.sessions, 2),
        "pages": [p or "map" for p in page_names()],
    }


def run(sessions: int = 50, browsers: int = 10, duration: float = 60, think=(10.0, 30.0), timeout: float = 90,
        ramp: float = 20, settle: float = 5, url: str | None = None, pids: list[int] | None = None) -> dict:
    """Starts a server and drives it, or (``url``) drives an app already served, measuring the server
    processes ``pids`` (their sums: memory and CPU of all replicas behind a load balancer)."""
    cfg = argparse.Namespace(sessions=sessions, browsers=browsers, duration=duration, think=tuple(think),
                             timeout=timeout, ramp=ramp, settle=settle)
    if url:
        return asyncio.run(drive(url.rstrip("/"), list(pids), cfg))
    port = free_port()
    proc = start_server(ROOT / "app.py", port)
    try:
        return asyncio.run(drive(f"http://127.0.0.1:{port}", proc.pid, cfg))
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except Exception:
            proc.kill()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--browsers", type=int, default=10, help="how many of the sessions are Chromium contexts")
    ap.add_argument("--duration", type=float, default=60, help="seconds of activity after the first session starts")
    ap.add_argument("--think", type=float, nargs=2, default=(10.0, 30.0), metavar=("MIN", "MAX"),
                    help="seconds a session waits between actions")
    ap.add_argument("--timeout", type=float, default=90, help="a run not finished after this many seconds is an error")
    ap.add_argument("--ramp", type=float, default=20, help="seconds over which the sessions start")
    ap.add_argument("--json", type=Path, help="also write the summary here")
    ap.add_argument("--url", help="drive an app already served at this URL (no server is started)")
    ap.add_argument("--pids", help="with --url: comma-separated ids of its server processes (memory, CPU)")
    a = ap.parse_args(argv)
    if a.url and not a.pids:
        ap.error("--url needs --pids (the server processes to measure)")
    summary = run(a.sessions, a.browsers, a.duration, a.think, a.timeout, a.ramp, url=a.url,
                  pids=[int(p) for p in a.pids.split(",")] if a.pids else None)
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if a.json:
        a.json.write_text(text + "\n")
    return 0 if summary["errors"]["total"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
