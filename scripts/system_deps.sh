#!/bin/sh
# Installs the Debian packages a make target needs when they are missing:
#   scripts/system_deps.sh venv            python3-venv (Debian's python3 has no venv/ensurepip without it)
#   scripts/system_deps.sh browser         chromium (the browser tests use /usr/bin/chromium) and nginx
#                                          (the scale-out test runs deploy/nginx.conf in front of two replicas)
# As root: apt-get update, then apt-get install of what is missing. Otherwise: one line with the exact command,
# exit status 1 if chromium or venv is missing (nginx alone missing: the scale-out test skips and says why).
set -eu
PY="${PY:-python3}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"  # the path tests/conftest.py uses (overridable for the script's test)
need=""
required_missing=0
for what in "$@"; do
  case "$what" in
    venv)
      if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        need="$need python3-venv"; required_missing=1
      fi ;;
    browser)
      if [ ! -x "$CHROMIUM" ]; then need="$need chromium"; required_missing=1; fi
      if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then need="$need nginx"; fi ;;
    *) echo "system_deps.sh: unknown need '$what'" >&2; exit 2 ;;
  esac
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -q $need >/dev/null
  exit 0
fi
if [ "$required_missing" = 1 ]; then
  echo "missing Debian packages:$need - run: sudo apt-get update && sudo apt-get install -y$need" >&2
  exit 1
fi
echo "note: nginx is missing, the scale-out test will be skipped - run: sudo apt-get update && sudo apt-get install -y nginx" >&2
