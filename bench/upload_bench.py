"""Benchmark of judging an uploaded file (vngov.upload.read_upload): rows/s for valid, invalid and
pathological files, each just under the page's 2 MB limit. Not a test: it prints a table (and writes JSON
with ``--out``).

Run:  .venv/bin/python -m bench.upload_bench [--quick] [--out bench/upload_results.json]

Issue 12 #3: rows with neither value nor rank were judged in quadratic time (32k rows: 69 s; 80k rows,
2.08 MB: 494 s). Every check is linear now; the problem list is capped (``upload.MAX_PROBLEMS``) with a
count. The view model of the page (``vngov.views.upload.model``) is timed as well: it is what a person
waits for after the check.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vngov import upload as up  # noqa: E402
from vngov.data import load_dataset  # noqa: E402
from vngov.views import upload as view  # noqa: E402

HEAD = "index,year,province_code,indicator,value,rank,note\n"
LIMIT = up.MAX_BYTES - 1024


def fill(line_of, head: str = HEAD, limit: int = LIMIT) -> tuple[bytes, int]:
    """A file of ``head`` and rows ``line_of(i)`` up to ``limit`` bytes: (bytes, rows)."""
    parts, size, i = [head], len(head.encode()), 0
    while True:
        line = line_of(i)
        n = len(line.encode())
        if size + n > limit:
            break
        parts.append(line)
        size += n
        i += 1
    return "".join(parts).encode(), i


def cases(ds) -> dict[str, tuple[bytes, int]]:
    rnd = random.Random(12)
    bundled = ds.scores[ds.scores["units"] == "63"].reset_index(drop=True)
    recs = bundled[["index", "year", "province_code", "indicator", "value", "rank"]].to_dict("records")

    def valid(i):  # the bundled figures themselves (all distinct keys; every one a conflict)
        r = recs[i % len(recs)] if i < len(recs) else None
        if r is None:  # past the bundle: new years of PAPI do not exist, so repeat with another note
            r = recs[i % len(recs)]
        v = "" if r["value"] != r["value"] else f"{r['value']:.2f}"
        k = "" if r["rank"] is None or r["rank"] != r["rank"] else str(int(r["rank"]))
        return f"{r['index']},{r['year']},{r['province_code']},{r['indicator']},{v},{k},ok\n"
    n_valid = len(recs)
    out = {"valid (bundled rows)": fill(valid, limit=min(LIMIT, sum(len(valid(i)) for i in range(n_valid))))}

    def invalid(i):  # a mix of every kind of cell problem
        kind = i % 6
        code = ["99", "01", "01", "02", "04", "06"][kind]
        value = ["80", "abc", "184.64", "80", "1.087,16", "80"][kind]
        index = ["PCI", "PCI", "PCI", "XYZ", "PCI", "PCI"][kind]
        return f"{index},{2010 + i % 10},{code},{'total' if kind != 5 else 'no_such'},{value},{1 + i % 70},\n"
    out["invalid (mixed problems)"] = fill(invalid)
    out["neither value nor rank"] = fill(lambda i: "SIPAS,2019,46,total,,,\n")
    out["PAPI: distinct years and ids"] = fill(lambda i: f"PAPI,{2005 + i % 26},{i % 100:02d},D{i},{i % 60},,\n")
    out["duplicates of one key"] = fill(lambda i: "PAPI,2019,01,D1,2.1,,\n")
    out["extra columns named like internals"] = fill(
        lambda i: f"PCI,2019,{(i % 63) + 1:02d},total,{60 + i % 10},,x,1,2,3\n",
        head=HEAD.strip() + ",_row,scale_min,pos\n")
    out["ambiguous numbers"] = fill(lambda i: "SIPAS,2019,46,total,\"1.087,16\",\"1.0,5\",\n")
    out["wide rows (wrong field count)"] = fill(lambda i: ",".join(["x"] * 60) + "\n")
    out["long cells"] = fill(lambda i: "SIPAS,2019,46,total,87,5," + "n" * 1200 + "\n")
    out["one huge quoted field"] = (HEAD.encode() + b'SIPAS,2019,46,total,87,5,"' + b"a" * (LIMIT - 200) + b"\n", 1)
    data = bytes(rnd.choice([0x81, 0x8D, 0x8F, 0x90, 0x9D]) if rnd.random() < 0.01 else rnd.randrange(0x20, 0xFF)
                 for _ in range(LIMIT))
    out["random bytes (legacy-encoding guess)"] = (data, data.count(b"\n"))
    return out


def judge(ds, data: bytes, runs: int) -> dict:
    best, best_view, res = float("inf"), float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        res = up.read_upload(data, "bench.csv", "benchmark source text", ds)
        t1 = time.perf_counter()
        view.model(ds, "vi", None, res, False)
        t2 = time.perf_counter()
        best, best_view = min(best, t1 - t0), min(best_view, t2 - t1)
    return {"seconds": round(best, 3), "view_seconds": round(best_view, 3), "ok": res.ok,
            "problems": res.n_problems, "kept": len(res.problems)}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="one run per file (default: best of 3)")
    ap.add_argument("--out", type=Path, help="write the results as JSON")
    a = ap.parse_args(argv)
    ds = load_dataset()
    up.read_upload(HEAD.encode() + b"SIPAS,2019,46,total,87,5,\n", "warm.csv", "warm up", ds)  # imports, pandera
    results = []
    print(f"{'file':40} {'MB':>5} {'rows':>7} {'check s':>8} {'rows/s':>9} {'view s':>7} {'problems':>9}")
    for name, (data, rows) in cases(ds).items():
        r = judge(ds, data, 1 if a.quick else 3)
        r.update(file=name, mb=round(len(data) / 1048576, 2), rows=rows,
                 rows_per_s=round(rows / r["seconds"]) if r["seconds"] else None)
        results.append(r)
        print(f"{name:40} {r['mb']:5.2f} {rows:7d} {r['seconds']:8.2f} {r['rows_per_s'] or 0:9,d} "
              f"{r['view_seconds']:7.2f} {r['problems']:9,d}")
    if a.out:
        a.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
