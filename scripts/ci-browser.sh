#!/usr/bin/env bash
# Provide what the headless-Chromium web test needs, for scripts/test.sh / .ci/run:
#   - Debian's chromium (apt-get, when root and missing) — Playwright never downloads a browser;
#   - the Playwright Python driver in the venv (PyPI `playwright`, extra `marsad[browser]`);
#   - the built web page (`make web`: npm ci + copy into src/marsad/api/static/).
# Prints `export MARSAD_TEST_CHROMIUM=...` on success; exits non-zero when something is missing
# (the browser test then skips with a reason).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ] && [ "$(id -u)" = 0 ]; then
  echo "installing chromium (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
  CHROME=$(command -v chromium || true)
fi
[ -n "$CHROME" ] || { echo "chromium not available" >&2; exit 1; }
if ! "$VENV/bin/python" -c "import playwright" 2>/dev/null; then
  "$VENV/bin/pip" install -q "playwright>=1.40" >&2
fi
if [ ! -f src/marsad/api/static/vendor/leaflet.js ]; then
  command -v npm >/dev/null || { echo "npm not available to build the web page" >&2; exit 1; }
  (cd web && npm ci --no-audit --no-fund && npm run build) >&2
fi
echo "export MARSAD_TEST_CHROMIUM=$CHROME"
