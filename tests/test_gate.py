"""Script runs take turns (vngov.ui.gate): at most VNGOV_PARALLEL_RUNS at a time, a turn given back however the
run ends."""

import importlib
import threading
import time

import pytest


def _gate(monkeypatch, n):
    import vngov.ui.gate as gate

    monkeypatch.setenv("VNGOV_PARALLEL_RUNS", str(n))
    return importlib.reload(gate)


@pytest.fixture(autouse=True)
def _restore():
    yield
    import vngov.ui.gate as gate

    importlib.reload(gate)  # the process's own limit again


@pytest.mark.parametrize("n", [1, 2])
def test_at_most_n_runs_at_a_time(monkeypatch, n):
    gate = _gate(monkeypatch, n)
    inside, most, lock = [0], [0], threading.Lock()

    def run():
        with gate.turn():
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.05)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=run) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert most[0] == n and inside[0] == 0


def test_a_turn_is_given_back_when_the_run_stops(monkeypatch):
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

    gate = _gate(monkeypatch, 1)
    for exc in (StopException(), RerunException(None), ValueError("boom")):
        with pytest.raises(type(exc)):
            with gate.turn():
                raise exc
    done = threading.Event()
    th = threading.Thread(target=lambda: (gate.turn().__enter__(), done.set()))
    th.start()
    assert done.wait(2), "a turn was not given back"


def test_no_limit(monkeypatch):
    gate = _gate(monkeypatch, 0)
    assert gate._SLOTS is None
    with gate.turn(), gate.turn():  # nested: no wait
        pass


def test_the_app_runs_in_a_turn():
    import ast

    from conftest import ROOT

    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    withs = [n for n in tree.body if isinstance(n, ast.With)]
    assert withs and ast.unparse(withs[0].items[0].context_expr) == "gate.turn()"
    assert any("navigation" in ast.unparse(n) for n in withs[0].body), "the pages run inside the turn"


def test_a_run_steps_aside_while_it_checks_an_upload(monkeypatch):
    """With one slot, a run checking a large upload lets another run through meanwhile, then takes a slot again."""
    gate = _gate(monkeypatch, 1)
    order, parsing, other_done = [], threading.Event(), threading.Event()

    def upload_run():
        with gate.turn():
            order.append("upload starts")
            with gate.aside():
                parsing.set()
                assert other_done.wait(5), "the other run waited for the upload check"
                order.append("upload checked")
            order.append("upload ends")

    def other_run():
        assert parsing.wait(5)
        with gate.turn():
            order.append("other runs")
        other_done.set()

    threads = [threading.Thread(target=upload_run), threading.Thread(target=other_run)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert order == ["upload starts", "other runs", "upload checked", "upload ends"]
    with gate.turn():  # the slot was given back at the end
        assert gate._HELD.n == 1
    assert gate._HELD.n == 0


def test_the_upload_check_steps_aside():
    from conftest import ROOT

    src = (ROOT / "pages" / "upload.py").read_text(encoding="utf-8")
    assert "with gate.aside():" in src and src.index("with gate.aside():") < src.index("up.read_upload(")
