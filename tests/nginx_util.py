"""Runs the repository's nginx config (deploy/nginx.conf, the one compose.yaml mounts) on loopback in front of
app processes on local ports: the config is read from the file and only its upstream servers and its listen
address are replaced (each replacement must match exactly once), so the test runs what is deployed."""

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import ROOT

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
UPSTREAM_LINE = re.compile(r"^(\s*)server app:8501( [^;]*);$", re.M)
LISTEN_LINE = re.compile(r"^(\s*)listen 8080;$", re.M)


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def render(upstream_ports: list[int], listen_port: int, text: str | None = None) -> str:
    """deploy/nginx.conf with the compose service's replicas replaced by 127.0.0.1:<port> each and the
    listen address by 127.0.0.1:<listen_port> (loopback only)."""
    text = NGINX_CONF.read_text(encoding="utf-8") if text is None else text
    m = UPSTREAM_LINE.findall(text)
    assert len(m) == 1, "deploy/nginx.conf must have one 'server app:8501 …;' upstream line"
    indent, params = m[0]
    text = UPSTREAM_LINE.sub("\n".join(f"{indent}server 127.0.0.1:{p}{params};" for p in upstream_ports), text)
    text, n = LISTEN_LINE.subn(rf"\g<1>listen 127.0.0.1:{listen_port};", text)
    assert n == 1, "deploy/nginx.conf must have one 'listen 8080;' line"
    assert not re.search(r"^\s*listen (?!127\.0\.0\.1:)", text, re.M)
    return text


class Nginx:
    """nginx in the foreground with its prefix (pid, temp files, cache) in ``prefix``; the access log
    (stdout in the config) goes to prefix/access.log."""

    def __init__(self, prefix: Path, upstream_ports: list[int], listen_port: int):
        self.prefix, self.port = prefix, listen_port
        prefix.mkdir(parents=True, exist_ok=True)
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(render(upstream_ports, listen_port), encoding="utf-8")
        self.log_path = prefix / "access.log"
        self.proc = None

    def test_config(self) -> subprocess.CompletedProcess:
        return subprocess.run([nginx_binary(), "-t", "-p", f"{self.prefix}/", "-c", str(self.conf), "-e", "stderr"],
                              capture_output=True, text=True, timeout=30)

    def start(self, timeout: float = 20):
        self._log = open(self.log_path, "ab")
        self._err = open(self.prefix / "error.log", "ab")
        self.proc = subprocess.Popen([nginx_binary(), "-p", f"{self.prefix}/", "-c", str(self.conf), "-e", "stderr",
                                      "-g", "daemon off;"], stdout=self._log, stderr=self._err)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {(self.prefix / 'error.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=3) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"nginx did not answer: {(self.prefix / 'error.log').read_text()[-2000:]}")

    def log_lines(self) -> list[dict]:
        """The access log parsed: request, status, upstream (the replica's address), route, rt, cache."""
        out = []
        for line in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.search(r'"(?P<request>[^"]*)" (?P<status>\d+) \d+ upstream=(?P<upstream>\S*) route=(?P<route>\S*) '
                          r'rt=(?P<rt>\S+) cache=(?P<cache>\S*)', line)
            if m:
                out.append(m.groupdict())
        return out

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: fast shutdown
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        for f in ("_log", "_err"):
            if hasattr(self, f):
                getattr(self, f).close()
