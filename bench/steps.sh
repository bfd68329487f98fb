# Sourced by the bench scripts: `step NAME command…` runs one step; when it fails, it prints which step failed, its
# exit status and the end of its output, and stops the script. Maven runs online (a fresh clone has nothing cached);
# MVN_ARGS adds options, for example MVN_ARGS=-o once the dependencies are in ~/.m2.
step() {
  local name=$1; shift
  local log
  log=$(mktemp /tmp/bench-step.XXXXXX)
  if "$@" > "$log" 2>&1; then
    rm -f "$log"
  else
    local status=$?
    echo "bench: step '$name' failed (exit $status): $*" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    exit "$status"
  fi
}

mvn_q() {
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} "$@"
}

# After `… devstage … > "$WORK/devstage.log" 2>&1 & DEVSTAGE=$!`: on exit, stops devstage and removes WORK after a
# successful run unless KEEP_WORK is set; waits up to $1 seconds until devstage is ready, else stops the script.
devstage_started() {
  local seconds=$1
  finish() { status=$?; kill $DEVSTAGE 2>/dev/null || true; wait $DEVSTAGE 2>/dev/null || true
    if [ "$status" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "bench: work files kept in $WORK"; fi; }
  trap finish EXIT
  for _ in $(seq 1 "$seconds"); do
    grep -q "devstage ready" "$WORK/devstage.log" && return 0
    kill -0 $DEVSTAGE 2>/dev/null || { echo "bench: step 'start devstage' failed:" >&2; cat "$WORK/devstage.log" >&2; exit 1; }
    sleep 1
  done
  echo "bench: step 'start devstage' failed: not ready after $seconds s" >&2
  exit 1
}
