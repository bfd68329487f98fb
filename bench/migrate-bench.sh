#!/usr/bin/env bash
# Migrate benchmark: devstage with SIZE demo hotels in production at RATE req/s and LATENCY ms; runs the shipped
# example migration (migrations/Hotel/V1.1.0__fill_stars) in place, then a rerun that must migrate nothing.
# Prints entries/s, requests per entry and how much of the rate limit was used. Last line: RESULT {...}.
# Usage: bench/migrate-bench.sh   (env: SIZE=1000 RATE=10 LATENCY=20 BATCH=25 JAVA_OPTS=; SKIP_BUILD=1 reuses
# target/stagesync.jar, for a second run on the same checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-1000}; RATE=${RATE:-10}; LATENCY=${LATENCY:-20}; BATCH=${BATCH:-25}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
. bench/steps.sh
# always rebuild: a jar left from an older checkout would benchmark old code
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f target/stagesync.jar ]; then
  step "build the jar (mvn package)" mvn_q package -DskipTests
fi
WORK=$(mktemp -d /tmp/migrate-bench.XXXXXX)
TOKEN="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
echo "bench: work=$WORK size=$SIZE rate=$RATE latency=${LATENCY}ms batch=$BATCH port=$PORT"

java ${JAVA_OPTS:-} -Xmx1g -jar target/stagesync.jar devstage --demo --demo-size "$SIZE" --port "$PORT" --token "$TOKEN" \
  > "$WORK/devstage.log" 2>&1 &
DEVSTAGE=$!
devstage_started 300
BASE="http://localhost:$PORT"
step "set the rate limit of production" curl -sSf -X PUT -H "Authorization: Bearer $TOKEN" \
  -d "{\"rateLimitPerSecond\":$RATE,\"latencyMs\":$LATENCY}" "$BASE/_devstage/faults/production" > /dev/null

# --config replaces application.properties: start from it, then point production at this devstage (not protected here:
# the benchmark migrates the seeded demo content in place)
cp application.properties "$WORK/bench.properties"
cat >> "$WORK/bench.properties" <<PROPS
stagesync.state.url=jdbc:h2:file:$WORK/state;WRITE_DELAY=0
stagesync.stages.production.content-api=$BASE/v2/demo/production
stagesync.stages.production.token=$TOKEN
stagesync.stages.production.rate-limit=$RATE
stagesync.stages.production.protected=false
stagesync.sync.batch-size=$BATCH
stagesync.migrate.dir=$PWD/migrations
PROPS

migrate() {
  java ${JAVA_OPTS:-} -Xmx512m -jar target/stagesync.jar migrate --stage production --model Hotel \
    --config "$WORK/bench.properties" --report "$1" > "$1.out" 2> "$1.log" || true
  cat "$1.out"
  [ -s "$1" ] || { echo "bench: step 'migrate $(basename "$1" .json)' failed, no report; its log ends:" >&2; tail -n 40 "$1.log" >&2; exit 1; }
}
echo "== migrate (in place)"; migrate "$WORK/first.json"
echo "== rerun, nothing pending"; migrate "$WORK/rerun.json"

python3 - "$WORK" "$RATE" <<'PY'
import json, sys
work, rate = sys.argv[1], float(sys.argv[2])
first = json.load(open(work + "/first.json")); rerun = json.load(open(work + "/rerun.json"))
entries = first["counts"]["updated"] + first["counts"]["notModified"] + first["counts"]["failed"]
secs = first["durationMs"] / 1000.0
result = {
    "entries": entries,
    "updated": first["counts"]["updated"],
    "entriesPerSec": round(entries / secs, 1),
    "updatedPerSec": round(first["counts"]["updated"] / secs, 1),
    "requestsPerEntry": round(first["requests"] / entries, 4),
    "requestsPerUpdated": round(first["requests"] / max(1, first["counts"]["updated"]), 4),
    "rateLimitUse": round(first["requests"] / secs / rate, 3),
    "rerunUpdated": rerun["counts"]["updated"],
    "rerunRequests": rerun["requests"],
    "rerunSeconds": round(rerun["durationMs"] / 1000.0, 2),
}
print("first: status=%s entries=%d updated=%d seconds=%.1f requests=%d" % (first["status"], entries, first["counts"]["updated"], secs,
      first["requests"]))
print("rerun: status=%s updated=%d seconds=%.2f requests=%d" % (rerun["status"], rerun["counts"]["updated"], rerun["durationMs"] / 1000.0,
      rerun["requests"]))
print("RESULT " + json.dumps(result))
PY
