#!/usr/bin/env bash
# Measures devstage's own throughput (page reads, aliased-mutation batches, asset upload/download), with and
# without a rate limit. Usage: bench/devstage-bench.sh [seconds-per-phase=8] [demo-size=1000] [file-mb=64]
set -euo pipefail
# MVN_ARGS=-o runs Maven offline (everything already in ~/.m2).
cd "$(dirname "$0")/.."
. bench/steps.sh
step "compile and classpath (mvn test-compile dependency:build-classpath)" \
  mvn_q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.stagesync.bench.DevstageBench "$@"
