"""A small, bounded version of the load test (bench/load_test.py): 8 concurrent sessions (2 Chromium contexts,
6 websocket sessions) for 20 s against a freshly started server: no errors, bounded memory growth, and the
cached dataset shared by the sessions (small memory per extra session)."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SCREENSHOTS

pytestmark = pytest.mark.browser


def test_eight_sessions_for_twenty_seconds():
    # in its own process: the load test runs an asyncio loop, which cannot start inside the event loop
    # that the session's Playwright browser fixture keeps running in this process
    out = SCREENSHOTS.parent / "load_small.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "bench.load_test", "--sessions", "8", "--browsers", "2",
                           "--duration", "20", "--think", "1", "3", "--timeout", "60", "--ramp", "3",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["errors"]["total"] == 0, summary["error_samples"]
    assert summary["error_alerts"] == 0, summary["error_samples"]
    assert summary["sessions"]["first_runs_completed"] == 8
    # every session loaded its page; some went on to change page or view (how many depends on the machine)
    assert summary["page_views"] + summary["control_changes"] >= 12
    assert summary["runs_ok_by_client"]["browser"] >= 2 and summary["runs_ok_by_client"]["websocket"] >= 6
    mem = summary["memory_mb"]
    assert mem["peak"] - mem["warm"] < 150, mem
    # the dataset (~200 MB resident once loaded) is cached once per process, not per session
    assert summary["per_session_mb"] is not None and summary["per_session_mb"] < 15, summary["per_session_mb"]
