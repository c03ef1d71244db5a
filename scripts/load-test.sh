#!/usr/bin/env bash
# Load test on loopback only, bounded in time: starts the built jar the way the README does (scripts/inferplan, the
# same JVM settings) on an empty data directory bound to 127.0.0.1, measures its start-up (launch to the first
# answer of /livez) and idle resident memory, warms every endpoint up for WARMUP_SECONDS (5), then runs wrk for DURATION seconds per endpoint against 127.0.0.1 —
# evaluate (JSON), evaluate.csv, the result page, its PDF report, a result-page chart, a static file and the liveness
# probe — and prints them side by side with the server's resident memory after each, then stops the server.
# Exits 1 if any request failed. Needs Debian's wrk (apt-get install wrk). Usage: scripts/load-test.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
PORT=${LOAD_TEST_PORT:-18080}
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "load-test: needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -f web-ui/target/inferplan.jar ] || mvn -B -q -DskipTests package
DATA=$(mktemp -d /tmp/inferplan-load.XXXXXX)

OPTIONS=$(scripts/inferplan --print-options)
START_NS=$(date +%s%N)
INFERPLAN_PORT=$PORT INFERPLAN_DATA_DIR=$DATA scripts/inferplan -Dmicronaut.server.host=127.0.0.1 >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 600); do
  curl -sf --max-time 1 "$BASE/livez" >/dev/null && break
  kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.1
done
STARTUP_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
curl -sf --max-time 5 "$BASE/livez" >/dev/null || { echo "load-test: the server did not start" >&2; tail "$DATA/server.log" >&2; exit 1; }
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status"; }
peak_mib() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status"; }
sleep 5
IDLE_MIB=$(rss_mib)
echo "JVM options: $OPTIONS"
echo "start-up to first answer: ${STARTUP_MS} ms ($(grep -o 'Startup completed in [0-9]*ms' "$DATA/server.log"))"
echo "resident memory idle: ${IDLE_MIB} MiB"

Q="model=llama-3.1-70b&weightFormat=fp8&kvCacheFormat=fp8&accelerator=h100-sxm&acceleratorCount=4&framework=vllm&mode=fixed-concurrency&inputTokens=2048&outputTokens=256&concurrency=32"
BODY='{"model":"llama-3.1-70b","weightFormat":"fp8","kvCacheFormat":"fp8","accelerator":"h100-sxm","acceleratorCount":4,"framework":"vllm","workload":{"mode":"fixed-concurrency","inputTokens":2048,"outputTokens":256,"concurrency":32}}'
cat >"$DATA/post.lua" <<LUA
wrk.method = "POST"
wrk.body   = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA
# Every URL must answer 200 once before it is loaded, so that a refusal is not measured as speed.
for u in "/plan?$Q" "/plan/report.pdf?$Q" "/plan/chart/concurrency.svg?$Q" "/api/v1/plans/evaluate.csv?$Q" /static/style.css /livez; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$BASE$u")" = 200 ] || { echo "load-test: $u does not answer 200" >&2; exit 1; }
done

# Warm-up, not reported: a few seconds of each endpoint so that the JIT has compiled what the measured runs use.
WARMUP=${WARMUP_SECONDS:-5}
for u in "/api/v1/plans/evaluate -s $DATA/post.lua" "/api/v1/plans/evaluate.csv?$Q" "/plan?$Q" "/plan/report.pdf?$Q" \
         "/plan/chart/concurrency.svg?$Q" /static/style.css /livez; do
  read -r path args <<<"$u"
  # shellcheck disable=SC2086 # args: wrk's script option for the POST
  timeout $((WARMUP + 60)) wrk -t2 -c4 -d"${WARMUP}s" --timeout 30s $args "$BASE$path" >/dev/null
done
sleep 2

ROWS=()
ERRORS=0
declare -A RPS
run() { # key, label, connections, path, [wrk args]
  local out errs
  out=$(timeout $((DURATION + 60)) wrk -t2 -c"$3" -d"${DURATION}s" --timeout 30s --latency "${@:5}" "$BASE$4")
  local rps p50 p99 non2xx sock
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  sock=$(awk -F'[ ,]+' '/Socket errors/ {print $5 + $7 + $9 + $11}' <<<"$out"); sock=${sock:-0}
  errs=$((non2xx + sock))
  ERRORS=$((ERRORS + errs))
  RPS[$1]=$rps
  ROWS+=("$(printf '| %-44s | %11s | %10s | %9s | %9s | %6s | %7s |' "$2" "$3" "$rps" "$p50" "$p99" "$errs" "$(rss_mib)")")
  sleep 2 # requests wrk left in flight finish before the next endpoint is measured
}
run evaluate "POST /api/v1/plans/evaluate (JSON)" 16 /api/v1/plans/evaluate -s "$DATA/post.lua"
run csv "GET /api/v1/plans/evaluate.csv" 16 "/api/v1/plans/evaluate.csv?$Q"
run page "GET /plan (result page)" 16 "/plan?$Q"
# One URL, so after its first answer this is the kept report (ChartCache); a report drawn afresh (~0.2 s of one core)
# is timed apart in docs/benchmarks.md. 4 connections, as when each PDF was drawn.
run pdf "GET /plan/report.pdf (PDF report)" 4 "/plan/report.pdf?$Q"
run chart "GET /plan/chart/concurrency.svg (kept)" 16 "/plan/chart/concurrency.svg?$Q"
run static "GET /static/style.css (static file)" 16 /static/style.css
run livez "GET /livez (liveness probe)" 16 /livez

echo
echo "wrk: 2 threads, ${DURATION} s per endpoint, 127.0.0.1:$PORT; RSS = the server's resident memory after the endpoint"
echo "| endpoint                                     | connections | requests/s |       p50 |       p99 | errors | RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo "resident memory: idle ${IDLE_MIB} MiB, peak under load $(peak_mib) MiB"
awk -v e="${RPS[evaluate]}" -v s="${RPS[static]}" 'BEGIN {printf "evaluate / static file: %.2f\n", e / s}'
echo "errors: $ERRORS"
[ "$ERRORS" -eq 0 ]
