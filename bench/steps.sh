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
