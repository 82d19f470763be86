#!/bin/bash
# Instructions per execution of a StatementBenchmark case, counted by valgrind's callgrind in the main thread
# after a warm-up: repeatable where throughput is not (docs/benchmarks.md, "Instructions per statement").
#   bench/instructions.sh h2 DRIFTGUARD pointSelect [warm-up] [executions]
# JVM_OPTIONS are added to the JVM's; KEEP=DIR keeps callgrind's files there (for instructions-by-method.py).
# -Xbatch compiles in the foreground, so that a build gives the same count run after run; without
# -XX:-ImplicitNullChecks the JVM's compiled code crashed under valgrind.
set -euo pipefail
database=$1 wrapping=$2 case=$3 warmup=${4:-500000} executions=${5:-100000}
jar=$(cd "$(dirname "$0")" && pwd)/target/benchmarks.jar
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && cp "$work"/cg.1-* "$KEEP"/ 2>/dev/null; rm -rf "$work"' EXIT
(cd "$work" && exec valgrind --tool=callgrind --instr-atstart=no --separate-threads=yes \
    --callgrind-out-file="$work/cg" java -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:-ImplicitNullChecks -Xbatch ${JVM_OPTIONS:-} \
    -cp "$jar" dev.driftguard.bench.InstructionCount "$database" "$wrapping" "$case" "$warmup" "$executions" "$work" \
    > "$work/log" 2>&1) &
valgrind=$!
await() { while [ ! -e "$work/$1" ]; do kill -0 $valgrind 2>/dev/null || { cat "$work/log" >&2; exit 1; }; sleep 0.2; done; }
await warm
callgrind_control --instr=on $valgrind > /dev/null 2>&1
touch "$work/go"
await done
callgrind_control --dump=measured $valgrind > /dev/null 2>&1
callgrind_control --instr=off $valgrind > /dev/null 2>&1
touch "$work/stop"
wait $valgrind
# the main thread is the one that ran the most instructions while counting was on
main=$(grep -h "^summary:" "$work"/cg.1-* | awk "{print \$2}" | sort -n | tail -1)
grep checksum "$work/log"
echo "$database $wrapping $case: $(( main / executions )) instructions per execution (main thread, $executions executions)"
