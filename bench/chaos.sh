#!/usr/bin/env bash
# Fault harness: seeded trials of a demo sync (production -> staging on devstage with --data) under faults, each
# followed by reruns until the sync succeeds, then a comparison of target with source in both stages (counts per
# model, duplicates, field content, relations, asset bytes by SHA-256, publish state: bench/chaos_compare.py) and one
# further rerun that must write nothing. One line per trial, then a summary line: RESULT {...}.
# Kinds (cycled): sync-kill (kill -9 of the sync at a random moment), asset-kill (kill -9 as soon as the target has
# its first asset: the create window), start-kill (kill -9 during JVM start and state-store migration),
# devstage-kill (kill -9 of devstage mid-sync, restart from its data folder), faults (10 % HTTP 500, 2 % dropped
# connections and a 429 rate limit on both stages during the run), bucket-down (staging takes its files through the
# transfer bucket, upload-url mode, and that bucket, an S3Proxy process, is killed as the sync starts and restarted
# 30 s later: BUCKET_DOWN seconds).
# Usage: bench/chaos.sh   (env: SEED=1 TRIALS=20 SIZE=200 KINDS="sync-kill asset-kill start-kill devstage-kill faults bucket-down"
#                          MAX_DELAY=8 RERUNS=3 BUCKET_DOWN=30 KEEP_WORK=)
# Not part of the test run; it builds the jar and takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-1}; TRIALS=${TRIALS:-20}; SIZE=${SIZE:-200}; MAX_DELAY=${MAX_DELAY:-8}; RERUNS=${RERUNS:-3}
BUCKET_DOWN=${BUCKET_DOWN:-30}
read -r -a KIND_LIST <<< "${KINDS:-sync-kill asset-kill start-kill devstage-kill faults bucket-down}"
RANDOM=$SEED
. bench/steps.sh
step "build the jar (mvn package)" mvn_q package -DskipTests
step "classpath of the transfer bucket (mvn dependency:build-classpath)" mvn_q dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
S3_CP="target/bench-classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
step "compile the transfer bucket (javac TransferBucketServer.java)" javac -d target/bench-classes -cp "$S3_CP" \
  bench/java/io/stagesync/assets/TransferBucketServer.java
WORK=$(mktemp -d /tmp/chaos.XXXXXX)
TOKEN="chaos-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
PORT=$((20000 + RANDOM % 20000))
S3_PORT=$((PORT + 1))
BASE="http://localhost:$PORT"
DEVSTAGE=""
SYNC=""
BUCKET=""
export CHAOS_S3_ACCESS_KEY="chaos-$(od -An -N6 -tx8 /dev/urandom | tr -d ' ')"
export CHAOS_S3_SECRET_KEY="$(od -An -N16 -tx8 /dev/urandom | tr -d ' \n')"
echo "chaos: work=$WORK seed=$SEED trials=$TRIALS size=$SIZE kinds=${KIND_LIST[*]} port=$PORT"

stop_devstage() { [ -n "$DEVSTAGE" ] && { kill "$DEVSTAGE" 2>/dev/null || true; wait "$DEVSTAGE" 2>/dev/null || true; }; DEVSTAGE=""; }
# start_bucket DIR: the transfer bucket (S3Proxy over DIR/bucket), on S3_PORT
start_bucket() {
  java -Xmx256m -cp "$S3_CP" io.stagesync.assets.TransferBucketServer "$S3_PORT" "$1/bucket" transfer >> "$1/bucket.log" 2>&1 &
  BUCKET=$!
  for _ in $(seq 1 150); do
    grep -q "transfer bucket ready" "$1/bucket.log" && [ "$(grep -c "transfer bucket ready" "$1/bucket.log")" -ge "$2" ] && return 0
    kill -0 "$BUCKET" 2>/dev/null || { echo "chaos: the transfer bucket did not start:" >&2; tail -n 20 "$1/bucket.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "chaos: the transfer bucket not ready after 30 s" >&2; exit 1
}
stop_bucket() { [ -n "$BUCKET" ] && { kill -9 "$BUCKET" 2>/dev/null || true; wait "$BUCKET" 2>/dev/null || true; }; BUCKET=""; }
finish() { status=$?; [ -n "$SYNC" ] && kill -9 "$SYNC" 2>/dev/null; stop_devstage; stop_bucket
  if [ "$status" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "chaos: work files kept in $WORK"; fi; }
trap finish EXIT

# start_devstage DATA_DIR: devstage with the demo, kept in DATA_DIR (a restart finds its content there)
start_devstage() {
  local log="$1/devstage.log"
  java -Xmx1g -jar target/stagesync.jar devstage --demo --demo-size "$SIZE" --port "$PORT" --token "$TOKEN" --data "$1/data" \
    --allow-upload-url "http://127.0.0.1:$S3_PORT" >> "$log" 2>&1 &
  DEVSTAGE=$!
  for _ in $(seq 1 300); do
    [ "$(grep -c "devstage ready" "$log")" -ge "$2" ] && return 0
    kill -0 "$DEVSTAGE" 2>/dev/null || { echo "chaos: devstage did not start:" >&2; tail -n 20 "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "chaos: devstage not ready after 60 s" >&2; exit 1
}

faults() { # faults ENV JSON
  curl -sSf -X PUT -H "Authorization: Bearer $TOKEN" -d "$2" "$BASE/_devstage/faults/$1" > /dev/null
}

target_assets() {
  curl -sS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    -d '{"query":"{ assetsConnection(stage: DRAFT) { aggregate { count } } }"}' "$BASE/v2/demo/staging" 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["assetsConnection"]["aggregate"]["count"])' 2>/dev/null || echo 0
}

# sync_start DIR NAME: a sync in the background; its report, stdout and log go to DIR/NAME.*
sync_start() {
  java -Xmx512m -jar target/stagesync.jar sync --from production --to staging --config "$1/chaos.properties" \
    --report "$1/$2.json" > "$1/$2.out" 2> "$1/$2.log" &
  SYNC=$!
}
# sync_wait: waits for the background sync; its exit status goes to RC (not a subshell: wait needs the parent)
sync_wait() { RC=0; wait "$SYNC" || RC=$?; SYNC=""; }

# writes REPORT: what a run wrote (entries created/updated/published/unpublished/relations/drafts, assets
# created/updated/re-uploaded/published/unpublished)
writes() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = sum(m.get(k, 0) for m in r.get("models", {}).values()
        for k in ("created", "updated", "published", "unpublished", "relationsWritten", "drafts"))
a = r.get("assets") or {}
print(n + sum(a.get(k, 0) for k in ("created", "updated", "reuploaded", "published", "unpublished")))
PY
}

converged=0; draft_equal=0; published_equal=0; total_dup=0; total_lost=0; total_writes=0
for trial in $(seq 1 "$TRIALS"); do
  kind=${KIND_LIST[$(( (trial - 1) % ${#KIND_LIST[@]} ))]}
  dir="$WORK/trial-$trial"; mkdir -p "$dir"
  start_devstage "$dir" 1
  cp application.properties "$dir/chaos.properties"
  cat >> "$dir/chaos.properties" <<PROPS
stagesync.state.url=jdbc:h2:file:$dir/state
stagesync.stages.production.content-api=$BASE/v2/demo/production
stagesync.stages.production.token=$TOKEN
stagesync.stages.staging.content-api=$BASE/v2/demo/staging
stagesync.stages.staging.token=$TOKEN
PROPS
  if [ "$kind" = bucket-down ]; then
    start_bucket "$dir" 1
    cat >> "$dir/chaos.properties" <<PROPS
stagesync.stages.staging.asset-upload=upload-url
stagesync.assets.transfer.endpoint=http://127.0.0.1:$S3_PORT
stagesync.assets.transfer.bucket=transfer
stagesync.assets.transfer.access-key={{env:CHAOS_S3_ACCESS_KEY}}
stagesync.assets.transfer.secret-key={{env:CHAOS_S3_SECRET_KEY}}
PROPS
  fi
  delay=$(( RANDOM % (MAX_DELAY * 10) + 5 ))   # tenths of a second
  what=""
  case "$kind" in
    sync-kill)
      sync_start "$dir" first; sleep "$((delay / 10)).$((delay % 10))"; kill -9 "$SYNC" 2>/dev/null || true
      what="killed after $((delay / 10)).$((delay % 10))s"; sync_wait ;;
    start-kill)
      d=$(( RANDOM % 15 + 3 )); sync_start "$dir" first; sleep "$((d / 10)).$((d % 10))"; kill -9 "$SYNC" 2>/dev/null || true
      what="killed after 0.$d s"; [ "$d" -ge 10 ] && what="killed after $((d / 10)).$((d % 10))s"; sync_wait ;;
    asset-kill)
      sync_start "$dir" first
      for _ in $(seq 1 600); do [ "$(target_assets)" -gt 0 ] && break; kill -0 "$SYNC" 2>/dev/null || break; sleep 0.05; done
      kill -9 "$SYNC" 2>/dev/null || true; what="killed at $(target_assets) target assets"; sync_wait ;;
    devstage-kill)
      sync_start "$dir" first; sleep "$((delay / 10)).$((delay % 10))"
      kill -9 "$DEVSTAGE" 2>/dev/null || true; wait "$DEVSTAGE" 2>/dev/null || true
      start_devstage "$dir" 2; what="devstage killed after $((delay / 10)).$((delay % 10))s"; sync_wait ;;
    faults)
      for env in production staging; do faults "$env" "{\"errorRate\":0.1,\"dropRate\":0.02,\"rateLimitPerSecond\":20}"; done
      sync_start "$dir" first; sync_wait; rc=$RC
      for env in production staging; do faults "$env" '{"errorRate":0,"dropRate":0,"rateLimitPerSecond":0}'; done
      what="first run exit $rc" ;;
    bucket-down)
      sync_start "$dir" first; sleep 0.5; stop_bucket; sleep "$BUCKET_DOWN"; start_bucket "$dir" 2; sync_wait
      what="transfer bucket down ${BUCKET_DOWN}s from 0.5s, first run exit $RC" ;;
    *) echo "chaos: unknown kind $kind (allowed: sync-kill asset-kill start-kill devstage-kill faults bucket-down)" >&2; exit 2 ;;
  esac
  reruns=0; rc=1
  if [ "$kind" = faults ] && [ -s "$dir/first.json" ] && [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$dir/first.json")" = SUCCEEDED ]; then
    rc=0
  fi
  while [ "$rc" -ne 0 ] && [ "$reruns" -lt "$RERUNS" ]; do
    reruns=$((reruns + 1)); sync_start "$dir" "rerun-$reruns"; sync_wait; rc=$RC
  done
  cmp=$(python3 bench/chaos_compare.py "$BASE" "$TOKEN" production staging || echo '{"equal": false, "duplicates": -1, "lost": -1, "diffs": ["compare failed"]}')
  echo "$cmp" > "$dir/compare.json"
  sync_start "$dir" further; sync_wait
  further=$( [ -s "$dir/further.json" ] && writes "$dir/further.json" || echo -1 )
  equal=$(python3 -c 'import json,sys; c=json.loads(sys.argv[1]); print(str(c["equal"]).lower(), str(c.get("draftEqual")).lower(), str(c.get("publishedEqual")).lower(), c["duplicates"], c["lost"], "; ".join(c["diffs"])[:300])' "$cmp")
  read -r eq draft published dup lost diffs <<< "$equal"
  [ "$draft" = true ] && draft_equal=$((draft_equal + 1))
  [ "$published" = true ] && published_equal=$((published_equal + 1))
  ok=$([ "$rc" -eq 0 ] && [ "$eq" = true ] && [ "$further" = 0 ] && echo yes || echo no)
  [ "$ok" = yes ] && converged=$((converged + 1))
  total_dup=$((total_dup + (dup > 0 ? dup : 0))); total_lost=$((total_lost + (lost > 0 ? lost : 0)))
  [ "$further" -gt 0 ] 2>/dev/null && total_writes=$((total_writes + further))
  echo "trial $trial kind=$kind $what reruns=$reruns lastExit=$rc draftEqual=$draft publishedEqual=$published duplicates=$dup lost=$lost furtherWrites=$further converged=$ok ${diffs:-}"
  stop_devstage; stop_bucket
done
echo "RESULT {\"seed\": $SEED, \"trials\": $TRIALS, \"converged\": $converged, \"draftEqual\": $draft_equal, \"publishedEqual\": $published_equal, \"duplicates\": $total_dup, \"lost\": $total_lost, \"furtherWrites\": $total_writes}"
