#!/usr/bin/env bash
# The test command (`make test`, called by .ci/run): installs Marsad in .venv, provides PostgreSQL
# and Chromium for the integration tests when it can, lints, and runs the whole test suite.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-python3}
VENV=${VENV:-.venv}

echo "== install"
if [ ! -x "$VENV/bin/python" ]; then "$PY" -m venv "$VENV" || exit 1; fi
"$VENV/bin/pip" install -q --upgrade pip >/dev/null 2>&1
"$VENV/bin/pip" install -q -e ".[dev]" || { echo "pip install failed" >&2; exit 1; }

# Optional services: a real PostgreSQL and Chromium. Each script installs (Debian packages, when
# root) and starts what it can; tests needing them skip with a reason when they are unavailable.
if [ -f scripts/ci-postgres.sh ] && [ -z "${MARSAD_TEST_PG_URL:-}" ]; then
  echo "== postgresql"
  if url=$(bash scripts/ci-postgres.sh | tail -n1) && [ -n "$url" ]; then
    export MARSAD_TEST_PG_URL="$url"
    echo "MARSAD_TEST_PG_URL=$url"
  else
    echo "(PostgreSQL unavailable: its tests will be skipped)"
  fi
fi
if [ -f scripts/ci-browser.sh ]; then
  echo "== browser"
  if out=$(bash scripts/ci-browser.sh); then
    eval "$(printf '%s\n' "$out" | grep '^export ' || true)"
  else
    echo "(Chromium unavailable: browser tests will be skipped)"
  fi
fi

echo "== lint"
"$VENV/bin/ruff" check src tests benchmarks tools || exit 1

echo "== tests"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit "$rc"
