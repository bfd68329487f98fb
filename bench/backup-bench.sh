#!/usr/bin/env bash
# Backup benchmark: a full backup (own JVM, -Xmx256m) of ENTRIES demo hotels (×4.1 entries: hotels, destinations,
# reviews; default 2000) plus one generated asset of LARGE_MB MiB (default 256) from devstage into a bucket of its
# S3Proxy; a raw S3 copy of the same objects in the same run; an incremental backup after 1 % of the hotels changed;
# a restore into an empty stage limited to RATE requests/s (default 20). Last line: RESULT {...}.
# ENTRIES=25000 LARGE_MB=1024 gives the issue's sizes (100,000 entries, 1 GiB), at the cost of a long run.
# PARALLEL: files moved at once (default 4); CHILD_OPTS: JVM options of the backup and restore JVMs ("%s" becomes the
# step's name, e.g. CHILD_OPTS=-XX:StartFlightRecording=filename=/tmp/%s.jfr); BENCH_HEAP: heap of devstage's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/steps.sh
step "compile (mvn test-compile)" mvn_q test-compile
step "classpath (mvn dependency:build-classpath)" mvn_q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
step "compile the benchmark (javac BackupBench.java)" javac -d target/bench-classes -cp "$CP" \
  bench/java/io/stagesync/backup/BackupBench.java bench/java/io/stagesync/backup/BackupBenchMain.java
# the benchmark JVM holds devstage (in memory, as in sync-bench.sh: every entry of the source and of the restored target)
java -Xmx${BENCH_HEAP:-3g} -Dlogback.configurationFile=bench/logback-bench.xml -cp "target/bench-classes:$CP" io.stagesync.backup.BackupBench
