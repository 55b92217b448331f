"""scripts/system_deps.sh, which make installs the Debian packages with: silent when all is there; as a
non-root user, one line with the exact command and a non-zero exit when a needed package is missing. (Its
install branch, as root, was run for real on a machine without chromium: see the note of issue 15.)"""

import os
import shutil
import subprocess

import pytest

from conftest import CHROMIUM, ROOT

SCRIPT = ROOT / "scripts" / "system_deps.sh"


def run(*needs, user=None, **env):
    cmd = ["sh", str(SCRIPT), *needs]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd="/",
                          env={"PATH": os.environ["PATH"], **env})


@pytest.mark.skipif(not os.path.exists(CHROMIUM) or shutil.which("nginx") is None and not os.path.exists(
    "/usr/sbin/nginx"), reason="needs chromium and nginx installed")
def test_nothing_to_do_when_everything_is_installed():
    p = run("venv", "browser", PY=shutil.which("python3"))
    assert (p.returncode, p.stdout, p.stderr) == (0, "", "")


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to become nobody")
def test_not_root_and_chromium_missing_prints_the_command_and_fails():
    p = run("browser", user=65534, CHROMIUM="/nonexistent/chromium")
    assert p.returncode == 1 and p.stdout == ""
    [line] = p.stderr.splitlines()
    assert line.startswith("missing Debian packages: chromium")
    assert "run: sudo apt-get update && sudo apt-get install -y chromium" in line


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to become nobody")
def test_not_root_and_no_venv_module_fails_too():
    fake = ROOT / "artifacts" / "python_without_venv"
    fake.parent.mkdir(exist_ok=True)
    fake.write_text("#!/bin/sh\nexit 1\n")  # a python3 on which 'import ensurepip, venv' fails
    fake.chmod(0o755)
    p = run("venv", user=65534, PY=str(fake))
    assert p.returncode == 1
    assert "sudo apt-get install -y python3-venv" in p.stderr and len(p.stderr.splitlines()) == 1


def test_unknown_need_is_an_error():
    p = run("bogus")
    assert p.returncode == 2 and "unknown need 'bogus'" in p.stderr
