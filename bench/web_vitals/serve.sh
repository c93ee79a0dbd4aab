#!/usr/bin/env bash
# Serves Bridges with the demo data for the web-vitals benchmark, as it is really served:
#   serve.sh gunicorn PORT   the production stack: gunicorn (3 workers) + WhiteNoise, DEBUG off
#   serve.sh make-run PORT   what `make run` does: runserver --nostatic + WhiteNoise
# on a fresh SQLite database and static root in a temporary directory. The built app (frontend/dist) must exist.
set -euo pipefail
MODE="${1:?gunicorn or make-run}"
PORT="${2:-8090}"
cd "$(dirname "$0")/../../backend"
PY=../.venv/bin/python
export BRIDGES_VAR_DIR="$(mktemp -d -t bridges-vitals-XXXXXX)"
unset DATABASE_URL CELERY_BROKER_URL REDIS_URL
test -f ../frontend/dist/index.html || { echo "Build the web app first: (cd frontend && npm run build)" >&2; exit 1; }
$PY manage.py compile_catalogues -v 0
$PY manage.py migrate --no-input -v 0
$PY manage.py load_demo >/dev/null
$PY manage.py collectstatic --no-input -v 0
if [ "$MODE" = gunicorn ]; then
  DEBUG=0 exec ../.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers 3 --log-level warning
else
  exec $PY manage.py runserver --nostatic --noreload "127.0.0.1:$PORT"
fi
