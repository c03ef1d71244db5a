#!/usr/bin/env bash
# Load test on loopback only, bounded in time: starts the built jar on an empty data directory, runs wrk for
# DURATION seconds per endpoint against 127.0.0.1, prints requests/s, latency percentiles and errors, stops the
# server. Needs Debian's wrk (apt-get install wrk). Usage: scripts/load-test.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
PORT=18080
DATA=$(mktemp -d /tmp/inferplan-load.XXXXXX)
[ -f web-ui/target/inferplan.jar ] || mvn -B -q -DskipTests package
INFERPLAN_PORT=$PORT INFERPLAN_DATA_DIR=$DATA java -Xmx1g -jar web-ui/target/inferplan.jar > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done

Q="model=llama-3.1-70b&weightFormat=fp8&kvCacheFormat=fp8&accelerator=h100-sxm&acceleratorCount=4&framework=vllm&mode=fixed-concurrency&inputTokens=2048&outputTokens=256&concurrency=32"
BODY='{"model":"llama-3.1-70b","weightFormat":"fp8","kvCacheFormat":"fp8","accelerator":"h100-sxm","acceleratorCount":4,"framework":"vllm","workload":{"mode":"fixed-concurrency","inputTokens":2048,"outputTokens":256,"concurrency":32}}'
cat > "$DATA/post.lua" <<LUA
wrk.method = "POST"
wrk.body   = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA
run() { # name, url, [wrk args]
  echo "== $1"
  wrk -t2 -c16 -d"${DURATION}s" --latency "${@:3}" "$2" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors|requests in"
}
run "trivial endpoint (GET /health/liveness)" "http://127.0.0.1:$PORT/health/liveness"
run "POST /api/v1/plans/evaluate" "http://127.0.0.1:$PORT/api/v1/plans/evaluate" -s "$DATA/post.lua"
run "GET /api/v1/plans/evaluate.csv" "http://127.0.0.1:$PORT/api/v1/plans/evaluate.csv?$Q"
if curl -sf "http://127.0.0.1:$PORT/plan?$Q" >/dev/null; then
  run "GET /plan (result page)" "http://127.0.0.1:$PORT/plan?$Q"
fi
