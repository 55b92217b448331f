"""Lighthouse 12.2.3 (desktop preset, Debian Chromium) on the floor page and the app's map page, same run.

    python -m bench.lighthouse [--runs 3] [--app-root DIR] [--json out.json]
    python -m bench.lighthouse --accessibility [--app-root DIR] [--variant NAME=DIR] [--json out.json]

``--accessibility``: Lighthouse's accessibility category instead (the map page in Vietnamese and in English):
its score and the audits that fail, for the app (and each variant, e.g. an older checkout for a before/after).

One warm-up run of each page (discarded, it fills the servers' caches), then ``--runs`` runs of each,
interleaved (floor, app, floor, app, ...) so that both see the same machine load. Reports medians of FCP, LCP,
TTI, TBT and bytes transferred, and their ratios app/floor, plus Lighthouse's own breakdown of the app run
(JavaScript chunks by bytes, main-thread work by category).

Lighthouse comes from the npm registry into bench/lh/node_modules (git-ignored; ``make bench`` installs it:
``npm install --prefix bench/lh lighthouse@12.2.3``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LH_DIR = ROOT / "bench" / "lh"
LH_BIN = LH_DIR / "node_modules" / ".bin" / "lighthouse"
LH_VERSION = "12.2.3"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
MAP_PATH = "/?index=PAPI&year=2024"
AUDITS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint", "tti_ms": "interactive",
          "tbt_ms": "total-blocking-time", "bytes": "total-byte-weight"}
RUN_TIMEOUT_S = 150


def ensure_lighthouse() -> Path:
    if not LH_BIN.exists():
        LH_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LH_DIR),
                        f"lighthouse@{LH_VERSION}"], check=True)
    return LH_BIN


def run_once(url: str, out_dir: Path, tag: str, tries: int = 3) -> dict:
    """One Lighthouse run (retried: on a loaded machine the DevTools protocol now and then times out)."""
    for k in range(tries):
        try:
            return _run_once(url, out_dir, tag)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            if k == tries - 1:
                raise
            print(f"  lighthouse retry ({str(e)[-160:]})", file=sys.stderr, flush=True)


def _lighthouse(url: str, out_dir: Path, tag: str, category: str) -> dict:
    """One Lighthouse run of one category (desktop preset, Debian chromium); its JSON report."""
    out = out_dir / f"{tag}.json"
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", CHROMIUM))
    cmd = [str(ensure_lighthouse()), url, "--preset=desktop", f"--only-categories={category}", "--output=json",
           f"--output-path={out}", "--quiet", "--max-wait-for-load=60000",
           "--chrome-flags=" + " ".join(CHROME_FLAGS)]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if r.returncode != 0 or not out.exists() or "Runtime error" in r.stderr:
        raise RuntimeError(f"lighthouse failed on {url}: {r.stderr[-2000:]}")
    return json.loads(out.read_text())


def accessibility_once(url: str, out_dir: Path, tag: str) -> dict:
    """Lighthouse's accessibility category of one page: the score (0–1) and the failing audits."""
    rep = _lighthouse(url, out_dir, tag, "accessibility")
    cat = rep["categories"]["accessibility"]
    failing = [a["id"] for a in rep["audits"].values() if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0]
    return {"score": cat["score"], "failing": sorted(failing)}


def accessibility(roots: dict[str, Path]) -> dict:
    """The map page of each app root, in both languages (one run each: the audit does not depend on timing)."""
    from bench.benchmark import Server

    out = {}
    with tempfile.TemporaryDirectory(prefix="vngov_lh_a11y_") as d:
        for name, root in roots.items():
            srv = Server(root / "app.py", root)
            try:
                for lang in ("vi", "en"):
                    url = srv.url + MAP_PATH + f"&lang={lang}"
                    accessibility_once(url, Path(d), f"warm_{name}_{lang}")  # fills the server's caches
                    out[f"{name}/{lang}"] = accessibility_once(url, Path(d), f"{name}_{lang}")
                    print(f"{name} {lang}: accessibility {out[f'{name}/{lang}']['score']}, failing: "
                          f"{', '.join(out[f'{name}/{lang}']['failing']) or '-'}", flush=True)
            finally:
                srv.stop()
    return out


def _run_once(url: str, out_dir: Path, tag: str) -> dict:
    """One Lighthouse run; the figures of interest and a short breakdown."""
    rep = _lighthouse(url, out_dir, tag, "performance")
    a = rep["audits"]
    res = {k: a[v].get("numericValue") for k, v in AUDITS.items()}
    res["runtime_error"] = (rep.get("runtimeError") or {}).get("code")
    items = (a.get("network-requests", {}).get("details") or {}).get("items", [])
    js = [i for i in items if i.get("resourceType") == "Script"]
    res["js_bytes"] = sum(i.get("transferSize", 0) for i in js)
    res["js_top"] = sorted(({"url": i["url"].rsplit("/", 1)[-1], "bytes": i.get("transferSize", 0)} for i in js),
                           key=lambda d: -d["bytes"])[:8]
    mt = (a.get("mainthread-work-breakdown", {}).get("details") or {}).get("items", [])
    res["main_thread_ms"] = {i["groupLabel"]: round(i["duration"]) for i in mt}
    boot = (a.get("bootup-time", {}).get("details") or {}).get("items", [])
    res["bootup_top"] = [{"url": i["url"].rsplit("/", 1)[-1], "total_ms": round(i.get("total", 0)),
                          "script_ms": round(i.get("scripting", 0))} for i in boot[:6]]
    lt = (a.get("long-tasks", {}).get("details") or {}).get("items", [])
    res["long_tasks"] = [{"url": i.get("url", "").rsplit("/", 1)[-1], "start_ms": round(i.get("startTime", 0)),
                          "ms": round(i.get("duration", 0))} for i in lt[:12]]
    return res


def _med(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 1) if xs else None


def measure(floor_url: str, app_url: str, runs: int = 3, variants: dict[str, str] | None = None,
            pids: list[int] | None = None) -> dict:
    """Warm-up of each page, then ``runs`` interleaved runs; medians and ratios. ``variants``: further app
    URLs (name -> URL, e.g. a prototype of a change) measured in the same interleaving. ``pids``: the servers'
    processes, waited for until idle after the warm-up (the app warms its caches in the background after its
    first page, vngov/ui/warm.py: a served demo does that once at its start, not during a visitor's load)."""
    variants = variants or {}
    with tempfile.TemporaryDirectory(prefix="vngov_lh_") as d:
        tmp = Path(d)
        for name, url in {"floor": floor_url, "app": app_url, **variants}.items():
            run_once(url, tmp, f"warm_{name}")
        if pids:
            from bench.load_test import quiet

            quiet(pids, window=1.0)
        floor, app, var = [], [], {k: [] for k in variants}
        for i in range(runs):
            floor.append(run_once(floor_url, tmp, f"floor{i}"))
            app.append(run_once(app_url, tmp, f"app{i}"))
            for name, url in variants.items():
                var[name].append(run_once(url, tmp, f"{name}{i}"))
    out = {"runs": runs, "floor": {}, "app": {}, "ratio": {}}
    f_med = {k: _med([r[k] for r in floor]) for k in AUDITS}
    out["variants"] = {name: {"median": {k: _med([r[k] for r in rs]) for k in AUDITS},
                              "ratio": {k: (round(_med([r[k] for r in rs]) / f_med[k], 2) if f_med[k] else None)
                                        for k in AUDITS},
                              "js_top": rs[-1]["js_top"], "main_thread_ms": rs[-1]["main_thread_ms"],
                              "bootup_top": rs[-1]["bootup_top"], "long_tasks": rs[-1]["long_tasks"]}
                       for name, rs in var.items()}
    for k in AUDITS:
        f, a = _med([r[k] for r in floor]), _med([r[k] for r in app])
        out["floor"][k], out["app"][k] = f, a
        out["ratio"][k] = round(a / f, 2) if f and a is not None else None
    out["floor"]["js_bytes"] = _med([r["js_bytes"] for r in floor])
    out["app"]["js_bytes"] = _med([r["js_bytes"] for r in app])
    out["app_breakdown"] = {"js_top": app[-1]["js_top"], "main_thread_ms": app[-1]["main_thread_ms"],
                            "bootup_top": app[-1]["bootup_top"], "long_tasks": app[-1]["long_tasks"]}
    out["floor_breakdown"] = {"js_top": floor[-1]["js_top"], "main_thread_ms": floor[-1]["main_thread_ms"]}
    out["raw"] = {"floor": [{k: r[k] for k in AUDITS} for r in floor],
                  "app": [{k: r[k] for k in AUDITS} for r in app]}
    out["errors"] = [r["runtime_error"] for r in floor + app if r["runtime_error"]]
    return out


def print_table(lh: dict) -> None:
    names = {"fcp_ms": ("first contentful paint (ms)", "<= 1.25x"), "lcp_ms": ("largest contentful paint (ms)", ""),
             "tti_ms": ("time to interactive (ms)", "<= 1.3x"), "tbt_ms": ("total blocking time (ms)", "<= 50 ms"),
             "bytes": ("bytes transferred", "<= 1.25x")}
    print(f"\nLIGHTHOUSE {LH_VERSION}, desktop preset, median of {lh['runs']} runs after a warm-up")
    print(f"{'metric':<34}{'floor':>12}{'app':>12}{'ratio':>8}  target")
    for k, (n, tgt) in names.items():
        f, a, r = lh["floor"][k], lh["app"][k], lh["ratio"][k]
        print(f"{n:<34}{f:>12,.0f}{a:>12,.0f}{(f'{r:.2f}' if r is not None else '—'):>8}  {tgt}")
    print(f"{'  of which JavaScript (bytes)':<34}{lh['floor']['js_bytes']:>12,.0f}{lh['app']['js_bytes']:>12,.0f}")
    print("app, largest JavaScript chunks:", ", ".join(f"{c['url']} {c['bytes'] // 1024} KB"
                                                      for c in lh["app_breakdown"]["js_top"][:6]))
    print("app, main-thread work (ms):", lh["app_breakdown"]["main_thread_ms"])
    print("app, long tasks (start ms, duration ms):", ", ".join(
        f"{x['url'] or '?'} @{x['start_ms']} {x['ms']}" for x in lh["app_breakdown"].get("long_tasks", [])))
    for name, v in lh.get("variants", {}).items():
        print(f"variant {name}: " + ", ".join(f"{k} {v['median'][k]:,.0f} ({v['ratio'][k]}x)" for k in AUDITS))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--app-root", type=Path, default=ROOT)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--variant", action="append", default=[], metavar="NAME=DIR",
                    help="also measure the app in DIR (a prototype), in the same run")
    ap.add_argument("--accessibility", action="store_true",
                    help="Lighthouse's accessibility score of the map page (vi, en) instead of performance")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if a.accessibility:
        res = accessibility({"app": a.app_root, **{v.split("=", 1)[0]: Path(v.split("=", 1)[1]) for v in a.variant}})
        if a.json:
            a.json.write_text(json.dumps(res, indent=1))
        return 0
    from bench.benchmark import FLOOR_APP, Server
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="vngov_floor_") as d:
        floor_dir = Path(d)
        (floor_dir / ".streamlit").mkdir()
        (floor_dir / "floor_app.py").write_text(FLOOR_APP)
        (floor_dir / ".streamlit" / "config.toml").write_text((a.app_root / ".streamlit" / "config.toml").read_text())
        fsrv, asrv = Server(floor_dir / "floor_app.py", floor_dir), Server(a.app_root / "app.py", a.app_root)
        vsrv = {}
        try:
            for v in a.variant:
                name, path = v.split("=", 1)
                vsrv[name] = Server(Path(path) / "app.py", Path(path))
            t0 = time.perf_counter()
            lh = measure(fsrv.url + "/", asrv.url + MAP_PATH, a.runs,
                         {k: srv.url + MAP_PATH for k, srv in vsrv.items()},
                         pids=[srv.proc.pid for srv in (fsrv, asrv, *vsrv.values())])
            lh["duration_s"] = round(time.perf_counter() - t0, 1)
        finally:
            for srv in (fsrv, asrv, *vsrv.values()):
                srv.stop()
    lh["loadavg_start_end"] = [round(load0[0], 2), round(os.getloadavg()[0], 2)]
    print_table(lh)
    print(f"load average (1 min) at start/end: {lh['loadavg_start_end']}; {lh['duration_s']} s")
    if a.json:
        a.json.write_text(json.dumps(lh, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
