#!/usr/bin/env bash
# Directus benchmark: two real Directus instances (src/test/directus/directus.sh; the first run installs Directus),
# the demo in a with SIZE hotels (+ SIZE/10 destinations, 2*SIZE reviews, SIZE quote and SIZE/2 text blocks as the
# hotels' sections, 5 amenities: 4.6*SIZE items, and 6 files), its collections in b; measures a full sync a -> b and
# a no-change rerun. Each step says which one failed. Last line: RESULT {...}.
# Usage: bench/directus-bench.sh   (env: SIZE=4400 BATCH=50 STEP=2 CONCURRENCY=4 PORT_A PORT_B JAVA_OPTS= MVN_ARGS=)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-4400}; BATCH=${BATCH:-50}; STEP=${STEP:-2}; CONCURRENCY=${CONCURRENCY:-4}
PORT_A=${PORT_A:-$((20000 + RANDOM % 20000))}; PORT_B=${PORT_B:-$((PORT_A + 1))}
. bench/steps.sh
step "build the jar (mvn package)" mvn_q package -DskipTests
WORK=$(mktemp -d /tmp/directus-bench.XXXXXX)
SCRIPT=src/test/directus/directus.sh
finish() { status=$?; $SCRIPT stop "$WORK" a || true; $SCRIPT stop "$WORK" b || true
  if [ "$status" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "bench: work files kept in $WORK"; fi; }
trap finish EXIT
echo "bench: work=$WORK size=$SIZE batch=$BATCH pages-per-step=$STEP concurrency=$CONCURRENCY ports=$PORT_A,$PORT_B"
step "install Directus" $SCRIPT install
step "start Directus a" $SCRIPT start a "$PORT_A" "$WORK"
step "start Directus b" $SCRIPT start b "$PORT_B" "$WORK"
TOKEN_A=stagesync-a-admin-token; TOKEN_B=stagesync-b-admin-token
SEED_START=$SECONDS
step "demo in a" env DIRECTUS_TOKEN=$TOKEN_A java -jar target/stagesync.jar directus-demo --url "http://127.0.0.1:$PORT_A" --size "$SIZE"
step "collections in b" env DIRECTUS_TOKEN=$TOKEN_B java -jar target/stagesync.jar directus-demo --url "http://127.0.0.1:$PORT_B" --schema-only
echo "bench: seeded in $((SECONDS - SEED_START)) s"

cp application.properties "$WORK/bench.properties"
cat >> "$WORK/bench.properties" <<PROPS
stagesync.state.url=jdbc:h2:file:$WORK/state;WRITE_DELAY=0
stagesync.stages.a.cms=directus
stagesync.stages.a.content-api=http://127.0.0.1:$PORT_A
stagesync.stages.a.token=$TOKEN_A
stagesync.stages.b.cms=directus
stagesync.stages.b.content-api=http://127.0.0.1:$PORT_B
stagesync.stages.b.token=$TOKEN_B
stagesync.sync.pages-per-step=$STEP
stagesync.sync.concurrency=$CONCURRENCY
PROPS

sync() {
  java ${JAVA_OPTS:-} -Xmx512m -jar target/stagesync.jar sync --from a --to b --batch-size "$BATCH" \
    --config "$WORK/bench.properties" --report "$1" > "$1.out" 2> "$1.log" || true
  cat "$1.out"
  [ -s "$1" ] || { echo "bench: step 'sync $(basename "$1" .json)' failed, no report; its log ends:" >&2; tail -n 40 "$1.log" >&2; exit 1; }
}
echo "== full sync a -> b"; sync "$WORK/full.json"
echo "== rerun, nothing changed"; sync "$WORK/rerun.json"

python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
full = json.load(open(work + "/full.json")); rerun = json.load(open(work + "/rerun.json"))
entries = sum(m["read"] for m in full["models"].values())
secs = full["durationMs"] / 1000.0
requests = sum(full["requests"].values())
result = {
    "status": full["status"],
    "entries": entries,
    "entriesPerSec": round(entries / secs, 1),
    "requestsPerEntry": round(requests / entries, 4),
    "rerunSeconds": round(rerun["durationMs"] / 1000.0, 2),
    "rerunRequests": sum(rerun["requests"].values()),
    "rerunWrites": sum(m["created"] + m["updated"] + m["published"] for m in rerun["models"].values()),
    "files": full.get("assets", {}).get("created"),
    "fileBytes": full.get("assets", {}).get("bytes"),
    "rerunFilesUploaded": rerun.get("assets", {}).get("created", 0) + rerun.get("assets", {}).get("reuploaded", 0),
    "peakHeapMb": full["peakHeapMb"],
    "rerunPeakHeapMb": rerun["peakHeapMb"],
}
print("full: status=%s entries=%d seconds=%.1f requests=%s" % (full["status"], entries, secs, full["requests"]))
print("RESULT " + json.dumps(result))
PY
