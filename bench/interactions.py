"""Control changes in the browser (click -> page updated and painted) and server time of first views.

    python -m bench.interactions [--app-root DIR] [--json out.json] [--quick]

1. Browser: for every page, every control a person uses (the sidebar's index, year, indicator, region and
   language, and up to three of the page's own selectboxes/multiselects/segmented controls), one change
   each, timed from the pointerdown on the option to the page updated and painted: the script run (or
   fragment run) over, no stale element left, every Vega chart with its marks, one more animation frame.
   The floor's selectbox is measured the same way in the same run (the ratio's denominator).
2. Server: first views of new combinations (page x index x year x indicator x language, none seen before by
   the server) over the Streamlit websocket protocol (bench.load_test.WsSession), timed per script run (wall)
   and as the server process's CPU time per run; p50/p95. They start once the server's start is over: its
   first run and the background warm-up that follows it, until the server is idle (its CPU is reported).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.benchmark import CHROMIUM, CHROMIUM_ARGS, FLOOR_APP, Server, cpu_ms  # noqa: E402
from bench.load_test import WsSession, pct, quiet  # noqa: E402

FIXED = "fixed"  # a control with nothing else to choose (one option): not a change, not a failure


def _times(values) -> list[float]:
    """The times among a control's results (not a failure, not a one-option box)."""
    return [v for v in values if v not in (None, FIXED)]
PAGES = ["", "rankings", "components", "profile", "compare", "across", "meeting", "data"]
START = "index=PAPI&year=2023"

JS_ARM = """() => { window.__t0 = null; window.__sawRun = false; window.__armed = true;
  const a = document.querySelector('[data-testid="stApp"]');
  if (window.__obs) window.__obs.disconnect();
  window.__obs = new MutationObserver(() => {
    if (a.getAttribute('data-test-script-state') !== 'notRunning' && window.__t0 !== null) window.__sawRun = true; });
  window.__obs.observe(a, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
JS_INIT = """document.addEventListener('pointerdown', () => {
  if (window.__armed) { window.__t0 = performance.now(); window.__armed = false; }
}, true);"""
JS_DONE = """() => {
  if (window.__t0 === null || window.__t0 === undefined) return false;
  const a = document.querySelector('[data-testid="stApp"]');
  if (!a) return false;
  if (a.getAttribute('data-test-script-state') !== 'notRunning') { window.__sawRun = true; return false; }
  if (!window.__sawRun) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  for (const e of document.querySelectorAll('.vega-embed')) if (!e.querySelector('svg path, canvas')) return false;
  return performance.now() - window.__t0;
}"""
JS_IDLE = """() => { const a = document.querySelector('[data-testid="stApp"]');
  return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""


def _idle(page):
    page.wait_for_function(JS_IDLE, polling=50)
    page.wait_for_timeout(300)


def _timed_click(page, target, timeout_s=30) -> float | None:
    target.wait_for(timeout=timeout_s * 1000)
    page.evaluate(JS_ARM)
    target.click(timeout=timeout_s * 1000)
    try:
        ms = page.wait_for_function(JS_DONE, polling="raf", timeout=timeout_s * 1000).json_value()
    except Exception:
        return None
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return round(ms, 1)


def _choose(page, box, avoid_selected=True) -> float | None:
    box.click()
    opts = page.get_by_role("option")
    try:
        opts.first.wait_for(timeout=3000)
    except Exception:  # a box that had the focus (after another list closed) can take the click as "close"
        box.click()
        opts.first.wait_for(timeout=10000)
    n = opts.count()
    pick = None
    for i in range(min(n, 6)):
        o = opts.nth(i)
        if avoid_selected and o.get_attribute("aria-selected") == "true":
            continue
        pick = o
        if i >= 1:
            break
    if pick is None:
        page.keyboard.press("Escape")
        return FIXED
    return _timed_click(page, pick)


def page_controls(page, base: str, path: str, max_main: int = 3) -> dict[str, float | None]:
    """One change of each control on one page, each from the page as the previous change left it."""
    out: dict[str, float | None] = {}
    page.goto(f"{base}/{path}?{START}")
    _idle(page)
    sb = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
    page.wait_for_timeout(1000)  # the sidebar's widgets are drawn after the first "not running"
    if page.locator("[data-testid='stSidebar']").is_visible():  # meeting mode hides it: its own controls only
        # the indicator first, while the start index (PAPI) has several: after the index changes to one with a
        # single indicator there is nothing to change. A box with one option is counted apart ("fixed").
        names = ("index", "year", "indicator", "region")
        for i in (2, 0, 1, 3) if sb.count() == 4 else range(sb.count()):
            name = names[i] if sb.count() == 4 else (sb.nth(i).locator("label").first.inner_text() or f"sidebar{i}")[:20]
            try:
                out[name] = _choose(page, sb.nth(i))
            except Exception:
                out[name] = None
                page.keyboard.press("Escape")
            _idle(page)
        # the language switch: the segmented button not pressed
        try:
            other = page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup'] button").filter(
                has_text="English").first
            out["language"] = _timed_click(page, other)
            _idle(page)
        except Exception:
            out["language"] = None
    main = page.locator("[data-testid='stMain'] [data-testid='stSelectbox'], "
                        "[data-testid='stMain'] [data-testid='stMultiSelect']")
    for j in range(min(main.count(), max_main)):
        try:
            box = main.nth(j)
            label = (box.locator("label").first.inner_text(timeout=2000) or f"control{j}").strip()[:30]
            out[f"main:{label}"] = _choose(page, box)
            page.keyboard.press("Escape")
            _idle(page)
        except Exception:
            out[f"main{j}"] = None
    return out


def browser_changes(app_url: str, floor_url: str, pages=PAGES, repeat_floor: int = 6) -> dict:
    from playwright.sync_api import sync_playwright
    res: dict = {"pages": {}, "floor": []}
    with sync_playwright() as p:
        br = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            ctx = br.new_context(viewport={"width": 1400, "height": 1000})
            ctx.add_init_script(JS_INIT)
            page = ctx.new_page()
            page.set_default_timeout(60000)
            page.goto(floor_url + "/")
            _idle(page)
            for _ in range(repeat_floor):
                res["floor"].append(_choose(page, page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first))
                _idle(page)
            # warm-up: every page once (the server's caches of the start view)
            for path in pages:
                page.goto(f"{app_url}/{path}?{START}")
                _idle(page)
            for path in pages:
                res["pages"][path or "map"] = page_controls(page, app_url, path)
            ctx.close()
        finally:
            br.close()
    allv = _times(v for d in res["pages"].values() for v in d.values())
    fl = _times(res["floor"])
    res["p90_ms"] = pct(allv, 0.9)
    res["p50_ms"] = pct(allv, 0.5)
    res["max_ms"] = pct(allv, 1.0)
    res["n"] = len(allv)
    res["failed"] = sum(v is None for d in res["pages"].values() for v in d.values())
    res["fixed"] = sum(v == FIXED for d in res["pages"].values() for v in d.values())
    res["floor_p50_ms"] = pct(fl, 0.5)
    res["floor_p90_ms"] = pct(fl, 0.9)
    res["per_page_p90_ms"] = {k: pct(_times(d.values()), 0.9) for k, d in res["pages"].items()}
    return res


def combos(n: int, seed: int = 16) -> list[tuple[str, dict]]:
    from vngov.catalog import INDICES
    from vngov.data import load_dataset
    ds = load_dataset()
    rng = random.Random(seed)
    seen, out = set(), []
    while len(out) < n:
        page = rng.choice(PAGES)
        index = rng.choice(INDICES)
        year = rng.choice(ds.years(index))
        inds = list(ds.indicators_for(index, year)["indicator"])
        ind = rng.choice(inds[:6])
        lang = rng.choice(["vi", "en"])
        key = (page, index, year, ind, lang)
        if key in seen:
            continue
        seen.add(key)
        out.append((page, {"index": index, "year": str(year), "ind": ind, "lang": lang}))
    return out


async def _first_views(base: str, pid: int, todo) -> dict:
    s = WsSession(base, 120)
    await s.connect()
    await s.run("", {"index": "PAPI"})  # the dataset loaded (the server's start, not a view)
    start = await asyncio.to_thread(quiet, pid)  # and the background warm-up after it (vngov/ui/warm.py)
    walls, cpus, errors = [], [], []
    for page, params in todo:
        c0, t0 = cpu_ms(pid), time.perf_counter()
        exc, alerts = await s.run(page, params)
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append(cpu_ms(pid) - c0)
        if exc or alerts:
            errors.append(f"{page} {params}: {exc[:1]} alerts={alerts}")
    await s.close()
    return {"server_start_after_first_run": start, "n": len(todo), "wall_p50_ms": pct(walls, 0.5), "wall_p95_ms": pct(walls, 0.95),
            "cpu_p50_ms": pct(cpus, 0.5), "cpu_p95_ms": pct(cpus, 0.95), "cpu_max_ms": pct(cpus, 1.0),
            "errors": errors,
            "per_page_cpu_ms": {pg or "map": sorted(round(c) for (p, _), c in zip(todo, cpus) if p == pg)
                                for pg in dict.fromkeys(p for p, _ in todo)},
            "slowest": sorted(({"page": p or "map", **q, "cpu_ms": round(c)} for (p, q), c in zip(todo, cpus)),
                              key=lambda d: -d["cpu_ms"])[:5]}


def first_views(srv, n: int) -> dict:
    return asyncio.run(_first_views(srv.url, srv.proc.pid, combos(n)))


def floor_dir(tmp: Path, app_root: Path) -> Path:
    (tmp / ".streamlit").mkdir(exist_ok=True)
    (tmp / "floor_app.py").write_text(FLOOR_APP)
    (tmp / ".streamlit" / "config.toml").write_text((app_root / ".streamlit" / "config.toml").read_text())
    return tmp


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--app-root", type=Path, default=ROOT)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--views", type=int, default=40)
    ap.add_argument("--no-browser", action="store_true")
    a = ap.parse_args(argv)
    out = {"loadavg_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="vngov_floor_") as d:
        fd = floor_dir(Path(d), a.app_root)
        fsrv, asrv = Server(fd / "floor_app.py", fd), Server(a.app_root / "app.py", a.app_root)
        try:
            out["first_views"] = first_views(asrv, a.views)
            if not a.no_browser:
                out["browser"] = browser_changes(asrv.url, fsrv.url)
        finally:
            fsrv.stop()
            asrv.stop()
    out["loadavg_end"] = os.getloadavg()[0]
    fv = out["first_views"]
    st_ = fv["server_start_after_first_run"]
    print(f"server start after its first run: {st_['server_cpu_ms']} ms of CPU over {st_['waited_s']} s")
    print(f"first views of new combinations ({fv['n']}): server CPU p50 {fv['cpu_p50_ms']} ms, "
          f"p95 {fv['cpu_p95_ms']} ms; wall p95 {fv['wall_p95_ms']} ms; errors {len(fv['errors'])}")
    for pg, cs in fv["per_page_cpu_ms"].items():
        print(f"  {pg:<11} {cs}")
    if "browser" in out:
        b = out["browser"]
        print(f"control changes in the browser ({b['n']}, {b['failed']} not measured, {b['fixed']} with one option): p50 {b['p50_ms']} ms, "
              f"p90 {b['p90_ms']} ms, max {b['max_ms']} ms; floor selectbox p50 {b['floor_p50_ms']} ms")
        for k, d in b["pages"].items():
            print(f"  {k:<11}", ", ".join(f"{c} {v}" for c, v in d.items()))
    print(f"load average {out['loadavg_start']:.2f} -> {out['loadavg_end']:.2f}")
    if a.json:
        a.json.write_text(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
