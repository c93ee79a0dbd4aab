#!/usr/bin/env bash
# Starts the real backend for the end-to-end tests: a fresh SQLite database in a temporary var dir,
# migrations, the demo data, then runserver on 127.0.0.1:8010 serving the built frontend (frontend/dist).
set -euo pipefail
cd "$(dirname "$0")/../../backend"
PORT="${E2E_PORT:-8010}"
export BRIDGES_VAR_DIR="$(mktemp -d -t bridges-e2e-XXXXXX)"
# Journeys that need the backend itself (e.g. to run the scheduled work) find its var dir here (e2e/backend.ts).
echo "$BRIDGES_VAR_DIR" > "${TMPDIR:-/tmp}/bridges-e2e-$PORT.var"
unset DATABASE_URL CELERY_BROKER_URL REDIS_URL
# Emails are written to files in the var dir, where a journey reads the ones it caused (e2e/backend.ts).
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export EMAIL_FILE_PATH="$BRIDGES_VAR_DIR/mail"
# Every journey signs people up from 127.0.0.1: lift the per-address sign-up limit (10 an hour by default).
export SIGNUP_RATE_LIMIT="${SIGNUP_RATE_LIMIT:-1000/hour}"
PY=../.venv/bin/python
# The pseudo-locale journey serves its own build (FRONTEND_DIST=…/dist-pseudo, npm run build:pseudo).
export FRONTEND_DIST="${FRONTEND_DIST:-$(cd ../frontend && pwd)/dist}"
test -f "$FRONTEND_DIST/index.html" || { echo "Build the frontend first: (cd frontend && npm run build)" >&2; exit 1; }
$PY manage.py compile_catalogues -v 0
$PY manage.py migrate --no-input -v 0
$PY manage.py load_demo >/dev/null
exec $PY manage.py runserver "127.0.0.1:$PORT" --noreload
