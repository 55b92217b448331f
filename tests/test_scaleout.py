"""Scale-out behind the repository's nginx config (deploy/nginx.conf, as compose.yaml runs it), for real and on
loopback only: Debian's nginx on 127.0.0.1 in front of two app processes (``streamlit run app.py`` on two
127.0.0.1 ports).

* the bounded load test (bench/load_test.py: browsers and websocket sessions) driven through nginx: 0 errors,
  both replicas used, every browser's requests on one replica (sticky sessions);
* two browser sessions on the same replica upload different figures: each sees only its own;
* one replica stopped mid-run: the sessions on the other replica see no error, the stopped replica's sessions
  reconnect to the other one, and new visitors (browser and websocket) are served.

The replica-stopping test runs last (file order). Figures: artifacts/scaleout_*.json."""

import asyncio
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SCREENSHOTS, free_port, start_server
from nginx_util import Nginx, nginx_binary
from test_browser import shot
from test_browser_pages import settle
from test_upload import enc1258

pytestmark = pytest.mark.browser
ARTIFACTS = SCREENSHOTS.parent
COOKIE = "vngov_route"


def ensure_nginx():
    if nginx_binary():
        return
    if os.geteuid() != 0:
        pytest.skip("Debian nginx is missing (the scale-out test runs it): sudo apt-get update && "
                    "sudo apt-get install -y nginx")
    subprocess.run(["sh", str(ROOT / "scripts" / "system_deps.sh"), "browser"], check=True, timeout=600)
    assert nginx_binary(), "nginx still missing after apt-get install"


class Cluster:
    def __init__(self, tmp):
        ensure_nginx()
        self.ports = [free_port(), free_port()]
        with concurrent.futures.ThreadPoolExecutor(2) as ex:
            self.procs = dict(zip(self.ports, ex.map(lambda p: start_server(ROOT / "app.py", p), self.ports)))
        self.warm()
        self.nginx = Nginx(tmp, self.ports, free_port())
        self.nginx.start()
        self.base = f"http://127.0.0.1:{self.nginx.port}"

    def warm(self):
        """One map view on each replica directly: both have loaded the dataset (memory figures comparable)."""
        async def visit(port):
            s = ws_session(f"http://127.0.0.1:{port}", None)
            await s.connect()
            try:
                return await asyncio.wait_for(s.run("", {"index": "PAPI"}), 120)
            finally:
                await s.close()

        async def both():
            return await asyncio.gather(*(visit(p) for p in self.ports))

        out = {}
        # in a thread of its own: the session's Playwright fixture may keep an event loop in this thread
        th = threading.Thread(target=lambda: out.update(r=asyncio.run(both())))
        th.start()
        th.join(180)
        assert out.get("r") == [([], 0)] * len(self.ports), out

    def replica_of(self, route: str) -> int:
        """The replica port nginx sends the route cookie ``route`` to (a request, then its access-log line)."""
        req = urllib.request.Request(f"{self.base}/_stcore/health?probe={route}", headers={"Cookie": f"{COOKIE}={route}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 200
        for _ in range(50):
            hits = [ln for ln in self.nginx.log_lines() if f"probe={route} " in ln["request"]]
            if hits:
                return int(hits[-1]["upstream"].rsplit(":", 1)[1])
            time.sleep(0.1)
        raise AssertionError(f"no access-log line for probe {route}")

    def routes_on(self, port: int, n: int, prefix: str) -> list[str]:
        out = [r for r in (f"{prefix}{i}" for i in range(60)) if self.replica_of(r) == port]
        assert len(out) >= n, f"only {len(out)} of 60 route keys hash to replica {port}"
        return out[:n]

    def stop(self):
        self.nginx.stop()
        for p in self.procs.values():
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()


@pytest.fixture(scope="module")
def cluster():
    # not under pytest's tmp dir (mode 700): nginx's workers (user nobody when run as root) write the cache here
    tmp = Path(tempfile.mkdtemp(prefix="vngov-nginx-"))
    tmp.chmod(0o755)
    c = None
    try:
        c = Cluster(tmp)
        yield c
    finally:
        if c is not None:
            c.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def test_static_geometry_cached_by_nginx_with_long_cache_headers(cluster):
    got = []
    for _ in range(2):
        with urllib.request.urlopen(cluster.base + "/app/static/provinces63.topojson", timeout=20) as r:
            got.append((r.status, r.headers["Cache-Control"], r.headers["X-Cache-Status"], len(r.read())))
    assert got[0][:3] == (200, "public, max-age=604800", "MISS") and got[0][3] > 100_000
    assert got[1][:3] == (200, "public, max-age=604800", "HIT") and got[1][3] == got[0][3]
    # a new visitor's page sets the route cookie; a visitor who has one keeps it
    with urllib.request.urlopen(cluster.base + "/", timeout=20) as r:
        assert any(c.startswith(f"{COOKIE}=") and "HttpOnly" in c for c in r.headers.get_all("Set-Cookie"))
    req = urllib.request.Request(cluster.base + "/", headers={"Cookie": f"{COOKIE}=abc"})
    with urllib.request.urlopen(req, timeout=20) as r:
        assert not any(c.startswith(f"{COOKIE}=") for c in r.headers.get_all("Set-Cookie") or [])


# Streamlit's frontend on a page path (e.g. /profile) first asks /profile/_stcore/health and host-config to find
# the app's base path (404), then the root ones: the only 4xx that a working session makes
BASE_PATH_PROBE = re.compile(r"GET /[a-z]+/_stcore/(health|host-config) ")


def answered(ln: dict) -> bool:
    """Served, or a base-path probe, or 499: nginx's code for a request the client gave up (a browser context
    closed at the end of a run while its tab was still loading a script or the favicon)."""
    return ln["status"] in ("101", "200", "204", "304", "499") or (
        ln["status"] == "404" and BASE_PATH_PROBE.match(ln["request"]) is not None)


def test_load_test_through_nginx(cluster):
    out = ARTIFACTS / "scaleout_load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    n_log = len(cluster.nginx.log_lines())
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "bench.load_test", "--url", cluster.base,
                           "--pids", ",".join(str(p.pid) for p in cluster.procs.values()),
                           "--sessions", "12", "--browsers", "2", "--duration", "20", "--think", "1", "3",
                           "--timeout", "60", "--ramp", "3", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["errors"]["total"] == 0, summary["error_samples"]
    assert summary["error_alerts"] == 0, summary["error_samples"]
    assert summary["sessions"]["first_runs_completed"] == 12
    assert summary["runs_ok_by_client"]["browser"] >= 2 and summary["runs_ok_by_client"]["websocket"] >= 10
    assert summary["page_views"] + summary["control_changes"] >= 20
    time.sleep(1)
    log = cluster.nginx.log_lines()[n_log:]
    bad = sorted({(ln["status"], ln["request"][:80]) for ln in log if not answered(ln)})
    assert bad == [], bad
    # the websocket sessions (no cookie: a new random route each) were spread over both replicas
    ws = [ln for ln in log if ln["request"].startswith("GET /_stcore/stream")]
    ws_replicas = {ln["upstream"] for ln in ws}
    assert ws_replicas == {f"127.0.0.1:{p}" for p in cluster.ports}, ws_replicas
    # sticky: every request that carried a browser's route cookie went to one replica (cache hits: no upstream)
    by_route: dict[str, set] = {}
    for ln in log:
        if ln["upstream"] != "-":
            by_route.setdefault(ln["route"], set()).add(ln["upstream"])
    busy = [r for r in by_route if sum(ln["route"] == r for ln in log) >= 10]
    assert len(busy) >= 2, "expected the two browsers' routes with many requests each"
    assert all(len(by_route[r]) == 1 for r in busy), {r: by_route[r] for r in busy}
    summary["nginx"] = {"requests": len(log), "websockets_by_replica": {u: sum(ln["upstream"] == u for ln in ws)
                                                                        for u in sorted(ws_replicas)},
                        "test_s": round(time.monotonic() - t0, 1)}
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


UPLOADS = {  # PAR INDEX 2019: no bundled figure for Hà Giang (02) or Cao Bằng (04)
    "A": ("Nguồn A: QĐ 330/QĐ-BNV, phụ lục 1", "PAR_INDEX;2019;02;total;80,16;40;Hà Giang\n"),
    "B": ("Nguồn B: bảng kiểm tra thứ hai", "PAR_INDEX;2019;02;total;71,23;50;Hà Giang\n"
                                           "PAR_INDEX;2019;04;total;65,40;55;Cao Bằng\n"),
}


def test_two_sessions_on_one_replica_each_see_only_their_upload(cluster, browser, ds):
    """Same route cookie -> the same replica (its process-wide caches shared by both sessions); each session
    uploads a different table; each map shows its own figures and source, not the other's."""
    n_bundled = ds.coverage("PAR_INDEX", 2019)["with_value"]
    n_log = len(cluster.nginx.log_lines())
    pages = {}
    try:
        for who, (source, rows) in UPLOADS.items():
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            ctx.add_cookies([{"name": COOKIE, "value": "shared-replica", "url": cluster.base}])
            pg = ctx.new_page()
            pg.set_default_timeout(60000)
            pages[who] = pg
            pg.goto(cluster.base + "/upload?index=PAR_INDEX&year=2019&lang=en")
            settle(pg)
            box = pg.get_by_label("Source of the table (required)")
            box.fill(source)
            box.press("Enter")
            settle(pg)  # the run the source text started is over before the file goes in
            n = rows.count("\n")
            pg.locator("input[type='file']").set_input_files(files=[{
                "name": f"par_2019_{who}.csv", "mimeType": "text/csv",
                "buffer": enc1258("index;year;province_code;indicator;value;rank;note\n" + rows)}])
            try:
                pg.get_by_text(f"{n} valid rows, not loaded yet.").wait_for(timeout=60000)
            finally:
                shot(pg, f"scaleout_upload_{who}")
            settle(pg)
            pg.get_by_role("button", name=f"Add {n} figure(s) to this session").click()
            pg.get_by_text(f"{n} uploaded figures active in this browser session.").wait_for(timeout=60000)
            settle(pg)
        for who, (source, rows) in UPLOADS.items():
            pg = pages[who]
            other = UPLOADS["B" if who == "A" else "A"][0]
            pg.locator("[data-testid='stSidebarNavLink']").first.click()  # the map, in the same session
            k = rows.count("\n")  # uploaded figures are counted apart from the published ones
            pg.get_by_text(f"{n_bundled} published + {k} uploaded of 63 provinces have a score").wait_for(timeout=60000)
            settle(pg)
            body = pg.locator("body").inner_text()
            assert f"“{source}”" in body and other not in body
            assert "This page shows figures you uploaded in this session" in body
    finally:
        for pg in pages.values():
            pg.context.close()
    log = cluster.nginx.log_lines()[n_log:]
    puts = [ln for ln in log if ln["request"].startswith("PUT /_stcore/upload_file/")]
    assert len(puts) == 2 and len({ln["upstream"] for ln in puts}) == 1, puts
    streams = {ln["upstream"] for ln in log if ln["request"].startswith("GET /_stcore/stream")}
    assert streams == {puts[0]["upstream"]}, streams


# ------------------------------------------------------------------------------------------------------------
def ws_session(base: str, route: str | None):
    from bench.load_test import WsSession
    return WsSession(base, 60, headers={"Cookie": f"{COOKIE}={route}"} if route else None)


async def failover(cluster, stopped: int, on_stopped: list[str], on_kept: list[str], new_route: str) -> dict:
    from websockets.exceptions import ConnectionClosed

    base = cluster.base
    params = [{"index": ix, "year": str(y), "lang": lg}
              for ix, y, lg in (("PAPI", 2021, "en"), ("PCI", 2019, "vi"), ("PAR_INDEX", 2023, "en"),
                                ("SIPAS", 2022, "vi"))]
    pages = ["", "rankings", "profile", "compare"]
    res = {"kept": {r: {"ok": 0, "ok_after_stop": 0, "errors": []} for r in on_kept},
           "stopped": {r: {"ok": 0, "closed": 0, "errors": [], "reconnected_ok": False} for r in on_stopped}}
    stop_at = {}

    async def user(route, group, i):
        rec = res[group][route]
        s = ws_session(base, route)
        await s.connect()
        k = 0
        end = time.monotonic() + 14
        try:
            while time.monotonic() < end:
                k += 1
                try:
                    exc, alerts = await asyncio.wait_for(s.run(pages[(i + k) % 4], params[(i + k) % 4]), 30)
                except (ConnectionClosed, OSError) as e:
                    if group == "kept":
                        rec["errors"].append(f"{type(e).__name__}: {e}")
                        return
                    rec["closed"] += 1  # its replica went away; a browser reconnects: so do we
                    await s.close()
                    s = ws_session(base, route)
                    await s.connect()
                    exc, alerts = await asyncio.wait_for(s.run("", params[0]), 30)
                    rec["reconnected_ok"] = not exc and not alerts
                    return
                if exc or alerts:
                    rec["errors"].append(f"exceptions {exc} alerts {alerts}")
                else:
                    rec["ok"] += 1
                    if "t" in stop_at:
                        rec["ok_after_stop"] = rec.get("ok_after_stop", 0) + 1
                await asyncio.sleep(0.5)
        except asyncio.TimeoutError:
            rec["errors"].append("timeout")
        finally:
            await s.close()

    async def stopper():
        await asyncio.sleep(4)
        stop_at["t"] = time.monotonic()
        proc = cluster.procs[stopped]
        await asyncio.to_thread(lambda: (proc.terminate(), proc.wait(20)))
        stop_at["stopped_in_s"] = round(time.monotonic() - stop_at["t"], 2)

    tasks = [user(r, "kept", i) for i, r in enumerate(on_kept)] + \
            [user(r, "stopped", i) for i, r in enumerate(on_stopped)] + [stopper()]
    await asyncio.gather(*tasks)
    # new visitors once the replica is down: one whose route hashes to the stopped replica, one with none
    res["new_visitors"] = {}
    for route in (new_route, None):
        s = ws_session(base, route)
        t0 = time.monotonic()
        await s.connect()
        exc, alerts = await asyncio.wait_for(s.run("", params[1]), 60)
        await s.close()
        res["new_visitors"][route or "no cookie"] = {"ok": not exc and not alerts, "s": round(time.monotonic() - t0, 2)}
    res["stop"] = stop_at
    return res


def test_one_replica_stopped_mid_run(cluster, browser):
    stopped, kept = cluster.ports
    # 3 websocket sessions on each replica, a browser on each, and a new visitor's route on the stopped one
    *on_stopped, browser_stopped, new_route = cluster.routes_on(stopped, 5, "s")
    *on_kept, browser_kept = cluster.routes_on(kept, 4, "k")
    t0 = time.monotonic()
    tabs = {}
    for name, route in (("kept", browser_kept), ("stopped", browser_stopped)):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ctx.add_cookies([{"name": COOKIE, "value": route, "url": cluster.base}])
        pg = ctx.new_page()
        tabs[name] = (pg, route)
        pg.set_default_timeout(60000)
        pg.goto(cluster.base + "/?index=PCI&year=2019&lang=en")
        settle(pg)
    try:
        res = replica_stopped(cluster, stopped, kept, on_stopped, on_kept, new_route, browser, tabs)
    finally:
        for pg, _ in tabs.values():
            pg.context.close()
    time.sleep(1)
    # (closed now, so their websockets are in the access log) the tab on the stopped replica was served by it,
    # then, reconnected, by the remaining one; the other tab only ever by its own replica
    log = cluster.nginx.log_lines()
    ups = {name: [ln["upstream"] for ln in log if ln["route"] == route and ln["upstream"] != "-"]
           for name, (_, route) in tabs.items()}
    assert ups["kept"] and set(ups["kept"]) == {f"127.0.0.1:{kept}"}, set(ups["kept"])
    moved = [(ln["request"][:50], ln["upstream"], ln["status"]) for ln in log if ln["route"] == tabs["stopped"][1]]
    assert ups["stopped"][0] == f"127.0.0.1:{stopped}", moved
    ws_after = [m for m in moved if m[0].startswith("GET /_stcore/stream")][1:]  # [0]: the one that was cut
    assert ws_after and all(m[1].endswith(f"127.0.0.1:{kept}") and m[2] == "101" for m in ws_after), moved[-12:]
    res["test_s"] = round(time.monotonic() - t0, 1)
    (ARTIFACTS / "scaleout_failover.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


def replica_stopped(cluster, stopped, kept, on_stopped, on_kept, new_route, browser, tabs) -> dict:
    box = {}
    # in a thread of its own: the session's Playwright fixture keeps an event loop in this thread
    def scenario():
        try:
            box["r"] = asyncio.run(failover(cluster, stopped, on_stopped, on_kept, new_route))
        except BaseException as e:  # noqa: BLE001 - reported below, in the test's thread
            box["error"] = f"{type(e).__name__}: {e}"

    th = threading.Thread(target=scenario)
    th.start()
    th.join(180)
    assert "r" in box, f"failover scenario did not finish: {box.get('error', 'timed out')}"
    res = box["r"]
    assert cluster.procs[stopped].poll() is not None and cluster.procs[kept].poll() is None
    # sessions on the other replica: no error, and they went on working after the stop
    for route, rec in res["kept"].items():
        assert rec["errors"] == [] and rec["ok"] >= 4 and rec["ok_after_stop"] >= 2, (route, rec)
    # sessions on the stopped replica lost their connection (so they really were there) and got a new one
    for route, rec in res["stopped"].items():
        assert rec["errors"] == [] and rec["closed"] == 1 and rec["reconnected_ok"], (route, rec)
    assert all(v["ok"] for v in res["new_visitors"].values()), res["new_visitors"]
    # the browser tab on the other replica goes on as if nothing happened; the one on the stopped replica
    # reconnects (Streamlit's frontend) to the remaining one: both change page without an error
    for name, (pg, route) in tabs.items():
        tb = time.monotonic()
        pg.locator("[data-testid='stSidebarNavLink']").nth(1).click()
        # the rankings heading is drawn by a server run: the tab is connected (again)
        # the reconnected tab is a new server session, and Streamlit drops the query string on a page switch:
        # it gets the rankings page of the default view (tests/test_reconnect.py tracks that as a known defect)
        heading = "PCI 2019 rankings" if name == "kept" else re.compile(r"(PCI 20\d\d rankings|Xếp hạng PAPI 2024)")
        try:
            pg.get_by_role("heading", name=heading).wait_for(timeout=60000)
        finally:
            shot(pg, f"scaleout_tab_on_{name}_replica")
        settle(pg)
        # (the reconnected tab is a new server session: with Streamlit 1.67 it comes back with the latest year,
        # not the URL's, as after any server restart; the tab that stayed keeps its whole view)
        h1 = pg.locator("h1").first.inner_text()
        assert h1.startswith("PCI 2019 rankings") if name == "kept" else re.match(
            r"(PCI 20\d\d rankings|Xếp hạng PAPI 2024)", h1), h1
        res[f"browser_on_{name}_replica_heading"] = h1
        res[f"browser_on_{name}_replica_page_change_s"] = round(time.monotonic() - tb, 2)
    # a new visitor in a browser: the page loads from the remaining replica
    n_log = len(cluster.nginx.log_lines())
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = ctx.new_page()
        pg.set_default_timeout(60000)
        tb = time.monotonic()
        pg.goto(cluster.base + "/?index=PAPI&year=2021&lang=en")
        settle(pg)
        res["new_browser_visitor_s"] = round(time.monotonic() - tb, 2)
        assert pg.locator("h1").first.inner_text().startswith("PAPI 2021")
    finally:
        ctx.close()
    time.sleep(1)
    # the browser's requests: every one answered, by the remaining replica (or from nginx's static cache)
    late = cluster.nginx.log_lines()[n_log:]
    assert len(late) >= 5 and all(answered(ln) for ln in late), late
    assert all(ln["upstream"].endswith(f"127.0.0.1:{kept}") or ln["cache"] == "HIT" for ln in late), late
    return res
