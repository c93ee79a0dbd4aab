#!/usr/bin/env bash
# The whole web-vitals benchmark (`make bench-web`): builds the web app, serves it with the demo data on the
# production stack (gunicorn + WhiteNoise) and then as `make run` does (runserver --nostatic + WhiteNoise), and runs
# web_vitals.mjs against both and Lighthouse against the first. RUNS=3 by default; PAGES=home,signup to narrow.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
(cd ../../frontend && npm run build --silent >/dev/null)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   $(nproc) cores"
for mode in gunicorn make-run; do
  port=$((8090 + RANDOM % 500))
  ./serve.sh "$mode" "$port" >/dev/null 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
  echo "== $mode"
  node web_vitals.mjs --base "http://127.0.0.1:$port" --runs "${RUNS:-3}" ${PAGES:+--pages "$PAGES"}
  if [ "$mode" = gunicorn ]; then node lighthouse.mjs --base "http://127.0.0.1:$port" --runs "${LH_RUNS:-3}"; fi
  pkill -P "$server" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
