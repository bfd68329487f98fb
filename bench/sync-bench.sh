#!/usr/bin/env bash
# Sync engine benchmark: devstage with SIZE hotels (+ N/10 destinations, 3N reviews) at RATE req/s and LATENCY ms per
# stage; measures StageSync's full sync, the naive client (bench/NaiveSync.java, first NAIVE entries) and a no-change
# rerun. Last line: RESULT {...}. Usage: bench/sync-bench.sh
# (env: SIZE=10000 RATE=10 LATENCY=20 BATCH=50 STEP=2 CONCURRENCY=4 NAIVE=1000 JAVA_OPTS=)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-10000}; RATE=${RATE:-10}; LATENCY=${LATENCY:-20}; BATCH=${BATCH:-50}; NAIVE=${NAIVE:-1000}
STEP=${STEP:-2}; CONCURRENCY=${CONCURRENCY:-4}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
. bench/steps.sh
# always rebuild: a jar left from an older checkout would benchmark old code
step "build the jar (mvn package)" mvn_q package -DskipTests
WORK=$(mktemp -d /tmp/sync-bench.XXXXXX)
TOKEN="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
echo "bench: work=$WORK size=$SIZE rate=$RATE latency=${LATENCY}ms batch=$BATCH pages-per-step=$STEP concurrency=$CONCURRENCY port=$PORT"

java ${JAVA_OPTS:-} -Xmx3g -jar target/stagesync.jar devstage --demo --demo-size "$SIZE" --port "$PORT" --token "$TOKEN" \
  --environment naive=src/main/resources/devstage/demo-model.json > "$WORK/devstage.log" 2>&1 &
DEVSTAGE=$!
# stop devstage and remove the work directory (GBs of buckets) on exit; wait until it is ready
devstage_started 600
BASE="http://localhost:$PORT"
for env in production staging naive; do
  step "set the rate limit of $env" curl -sSf -X PUT -H "Authorization: Bearer $TOKEN" -d "{\"rateLimitPerSecond\":$RATE,\"latencyMs\":$LATENCY}" \
    "$BASE/_devstage/faults/$env" > /dev/null
done

# --config replaces application.properties: start from it, then point the stages at this devstage
cp application.properties "$WORK/bench.properties"
cat >> "$WORK/bench.properties" <<PROPS
stagesync.state.url=jdbc:h2:file:$WORK/state;WRITE_DELAY=0
stagesync.stages.production.content-api=$BASE/v2/demo/production
stagesync.stages.production.token=$TOKEN
stagesync.stages.production.rate-limit=$RATE
stagesync.stages.staging.content-api=$BASE/v2/demo/staging
stagesync.stages.staging.token=$TOKEN
stagesync.stages.staging.rate-limit=$RATE
stagesync.stages.staging.parent=production
stagesync.sync.pages-per-step=$STEP
stagesync.sync.concurrency=$CONCURRENCY
PROPS

sync() {
  java ${JAVA_OPTS:-} -Xmx512m -jar target/stagesync.jar sync --from production --to staging --models Destination,Hotel,Review \
    --batch-size "$BATCH" --config "$WORK/bench.properties" --report "$1" > "$1.out" 2> "$1.log" || true
  cat "$1.out"
  # a PARTIAL run still writes its report; no report means the sync itself failed
  [ -s "$1" ] || { echo "bench: step 'sync $(basename "$1" .json)' failed, no report; its log ends:" >&2; tail -n 40 "$1.log" >&2; exit 1; }
}
echo "== StageSync full sync"; sync "$WORK/full.json"
echo "== naive client (first $NAIVE hotels)"
step "naive client (bench/NaiveSync.java)" sh -c 'java -cp target/stagesync.jar bench/NaiveSync.java "$@" > "$0"' \
  "$WORK/naive.json" "$BASE/v2/demo/production" "$BASE/v2/demo/naive" "$TOKEN" "$NAIVE" "$RATE"
cat "$WORK/naive.json"
echo "== StageSync rerun, nothing changed"; sync "$WORK/rerun.json"

python3 - "$WORK" "$RATE" <<'PY'
import json, sys
work, rate = sys.argv[1], float(sys.argv[2])
full = json.load(open(work + "/full.json")); rerun = json.load(open(work + "/rerun.json"))
naive = json.loads(open(work + "/naive.json").read().strip().splitlines()[-1])
entries = sum(m["read"] for m in full["models"].values())
secs = full["durationMs"] / 1000.0
requests = sum(full["requests"].values())
busiest = max(full["requests"].values())
result = {
    "entriesPerSec": round(entries / secs, 1),
    "naiveEntriesPerSec": round(naive["entriesPerSec"], 2),
    "requestsPerEntry": round(requests / entries, 4),
    "rateLimitUse": round(busiest / secs / rate, 3),
    "rerunFraction": round(rerun["durationMs"] / full["durationMs"], 4),
    "peakHeapMb": full["peakHeapMb"],
}
print("full: status=%s entries=%d seconds=%.1f requests=%s" % (full["status"], entries, secs, full["requests"]))
print("rerun: status=%s seconds=%.2f requests=%s writes=%d peakHeapMb=%s" % (rerun["status"], rerun["durationMs"] / 1000.0,
      rerun["requests"], sum(m["created"] + m["updated"] + m["published"] for m in rerun["models"].values()), rerun["peakHeapMb"]))
print("naive: %s" % naive)
print("speedup: %.1fx" % (result["entriesPerSec"] / result["naiveEntriesPerSec"]))
print("RESULT " + json.dumps(result))
PY
