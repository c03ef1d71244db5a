#!/usr/bin/env bash
# Two replicas on one PostgreSQL, as real processes: both serve writes, concurrent edits of one saved plan give one 409,
# kill -9 of one replica in the middle of writes loses nothing it acknowledged while the other keeps serving, and a
# catalog change made through one is seen by the other within CATALOG_SECONDS (2 s; in practice on its next request).
#
# usage: DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/db DATASOURCES_DEFAULT_USERNAME=… \
#        DATASOURCES_DEFAULT_PASSWORD=… scripts/two-replicas.sh [path/to/inferplan.jar]
# Needs a built jar (mvn -B -q -DskipTests package), curl and an empty or used database (it writes uniquely named rows).
# Bounded: every request and wait has a deadline (.ci/run also runs it under `timeout`); the replicas are killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-web-ui/target/inferplan.jar}
: "${DATASOURCES_DEFAULT_URL:?point DATASOURCES_DEFAULT_URL at the PostgreSQL database}"
PORT_A=${REPLICA_PORT_A:-18181}
PORT_B=${REPLICA_PORT_B:-18182}
TOKEN=replicas-$RANDOM$RANDOM
CATALOG_SECONDS=2
RUN=$(date +%s)-$RANDOM
WORK=$(mktemp -d /tmp/inferplan-replicas.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() { echo "two-replicas: FAILED: $*" >&2; for f in "$WORK"/*.log; do echo "--- $f" >&2; tail -n 20 "$f" >&2; done; exit 1; }
start() { # port name; sets STARTED to the process id
  INFERPLAN_ADMIN_TOKEN=$TOKEN INFERPLAN_PORT=$1 INFERPLAN_DATA_DIR="$WORK/$2" \
    java -Xmx512m -Dmicronaut.server.host=127.0.0.1 -Dinferplan.limits.writes-per-minute=0 -jar "$JAR" >"$WORK/$2.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}
wait_ready() { # port
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$1/health/readiness" >/dev/null && return 0; sleep 0.5; done
  fail "replica on port $1 did not become ready"
}
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$@"; }
plan_json() { # name concurrency
  printf '{"name":"%s","request":{"model":"llama-3.1-8b","weightFormat":"bf16","accelerator":"l4","framework":"vllm","workload":{"mode":"fixed-concurrency","inputTokens":512,"outputTokens":64,"concurrency":%s}}}' "$1" "$2"
}
save() { # port name -> Location
  curl -sf --max-time 20 -D - -o /dev/null -X POST "http://127.0.0.1:$1/api/v1/plans" -H 'Content-Type: application/json' \
    -d "$(plan_json "$2" 4)" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p'
}
catalog_version() { curl -sf --max-time 10 "http://127.0.0.1:$1/api/v1/catalog" | grep -o '"version":"[^"]*"' | head -n 1; }

echo "== two replicas on $DATASOURCES_DEFAULT_URL (ports $PORT_A, $PORT_B)"
start "$PORT_A" a
start "$PORT_B" b; PID_B=$STARTED # starting together: seeding takes a row lock, Flyway its own
wait_ready "$PORT_A"; wait_ready "$PORT_B"

echo "-- writes through both, each read through the other"
LOC_A=$(save "$PORT_A" "replicas $RUN via A"); LOC_B=$(save "$PORT_B" "replicas $RUN via B")
[ -n "$LOC_A" ] && [ -n "$LOC_B" ] || fail "a save was not acknowledged"
curl -sf "http://127.0.0.1:$PORT_B$LOC_A" | grep -q "replicas $RUN via A" || fail "B does not see the plan saved through A"
curl -sf "http://127.0.0.1:$PORT_A$LOC_B" | grep -q "replicas $RUN via B" || fail "A does not see the plan saved through B"

echo "-- the same saved plan edited through both at once"
EDITS=()
for port in "$PORT_A" "$PORT_B"; do
  code -X PUT "http://127.0.0.1:$port$LOC_A" -H 'Content-Type: application/json' -H 'If-Match: "1"' \
    -d "$(plan_json "replicas $RUN edited via $port" 8)" >"$WORK/put-$port" &
  EDITS+=($!)
done
wait "${EDITS[@]}" || true
CODES=$(sort "$WORK/put-$PORT_A" <(echo) "$WORK/put-$PORT_B" | tr -s '\n' ' ' | sed 's/^ //')
case "$CODES" in "200 409"*) echo "   answers: $CODES";; *) fail "concurrent edits answered $CODES, expected one 200 and one 409";; esac
curl -sf "http://127.0.0.1:$PORT_A$LOC_A" | grep -q '"revision":2' || fail "the edited plan is not at revision 2"

echo "-- kill -9 of B in the middle of writes"
( i=0; while :; do
    loc=$(save "$PORT_B" "replicas $RUN durable $i" 2>/dev/null) || true
    [ -n "$loc" ] && echo "$loc replicas $RUN durable $i" >>"$WORK/acknowledged"
    i=$((i + 1))
  done ) & WRITER=$!; PIDS+=($WRITER)
sleep 3
kill -9 "$PID_B"
kill "$WRITER" 2>/dev/null || true; wait "$WRITER" 2>/dev/null || true
ACKED=$(wc -l <"$WORK/acknowledged" 2>/dev/null || echo 0)
[ "$ACKED" -gt 3 ] || fail "only $ACKED writes acknowledged before the kill"
LOST=0
while read -r loc name; do
  curl -sf --max-time 10 "http://127.0.0.1:$PORT_A$loc" | grep -q "$name" || { echo "   lost: $loc $name" >&2; LOST=$((LOST + 1)); }
done <"$WORK/acknowledged"
[ "$LOST" -eq 0 ] || fail "$LOST of $ACKED acknowledged writes lost after kill -9"
echo "   $ACKED writes acknowledged by B before kill -9, all readable through A"
[ -n "$(save "$PORT_A" "replicas $RUN after the kill")" ] || fail "A stopped serving writes after B was killed"
[ "$(code "http://127.0.0.1:$PORT_A/health/readiness")" = 200 ] || fail "A is not ready after B was killed"

echo "-- a catalog change through one replica, seen by the other"
start "$PORT_B" b2; wait_ready "$PORT_B"
BEFORE=$(catalog_version "$PORT_B")
MODEL="rep-$RUN"; MODEL=${MODEL//[^a-z0-9-]/}
[ "$(code -X POST "http://127.0.0.1:$PORT_A/api/v1/models" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$MODEL\",\"totalParametersBillions\":8,\"layers\":32,\"hiddenSize\":4096,\"intermediateSize\":14336,\"attentionHeads\":32,\"kvHeads\":8,\"headDim\":128,\"vocabSize\":128256,\"maxContextTokens\":8192,\"attention\":\"gqa\",\"sourceUrl\":\"https://example.com/config.json\"}")" = 201 ] \
  || fail "custom model not created through A"
AFTER_A=$(catalog_version "$PORT_A")
START=$(date +%s%N); SEEN=""
while [ $(( ($(date +%s%N) - START) / 1000000 )) -lt $((CATALOG_SECONDS * 1000)) ]; do
  [ "$(catalog_version "$PORT_B")" = "$AFTER_A" ] && { SEEN=$(( ($(date +%s%N) - START) / 1000000 )); break; }
  sleep 0.05
done
[ -n "$SEEN" ] || fail "B still answers catalog $(catalog_version "$PORT_B") $CATALOG_SECONDS s after A changed it to $AFTER_A (was $BEFORE)"
[ "$(code "http://127.0.0.1:$PORT_B/api/v1/plans/evaluate?model=$MODEL&weightFormat=bf16&accelerator=l4&framework=vllm&mode=single-stream&inputTokens=100&outputTokens=10")" = 200 ] \
  || fail "B cannot plan with the model added through A"
echo "   catalog $BEFORE -> $AFTER_A through A, seen by B after ${SEEN} ms"
echo "two-replicas: OK"
