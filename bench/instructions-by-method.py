#!/usr/bin/env python3
"""Instructions per execution by compiled Java method, from a run of instructions.sh.

callgrind names the JIT's code only by address; the JVM writes which method each address range holds when run
with -XX:+DumpPerfMapAtExit (to /tmp/perf-PID.map). This joins the two:

    KEEP=/tmp/cg JVM_OPTIONS=-XX:+DumpPerfMapAtExit bench/instructions.sh h2 DRIFTGUARD pointSelect
    bench/instructions-by-method.py /tmp/cg/cg.1-02 /tmp/perf-PID.map 100000

The thread file is the largest cg.1-* (the benchmark's thread); the last argument is the measured executions.
"""
import bisect
import re
import subprocess
import sys

counts, perf_map, executions = sys.argv[1], sys.argv[2], int(sys.argv[3])
ranges = []
for line in open(perf_map):
    fields = line.split(' ', 2)
    if len(fields) == 3:
        start = int(fields[0], 16)
        ranges.append((start, start + int(fields[1], 16), fields[2].strip()))
ranges.sort()
starts = [r[0] for r in ranges]

annotated = subprocess.run(['callgrind_annotate', '--inclusive=no', '--threshold=100', counts],
                           capture_output=True, text=True, check=True).stdout
by_method = {}
for line in annotated.splitlines():
    match = re.match(r'\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S.*)', line)
    if not match or 'PROGRAM TOTALS' in line:
        continue
    name = match.group(2)
    address = re.search(r'0x([0-9a-f]+)', name)
    if address:
        at = bisect.bisect_right(starts, int(address.group(1), 16)) - 1
        if at >= 0 and ranges[at][0] <= int(address.group(1), 16) < ranges[at][1]:
            name = ranges[at][2]
    by_method[name] = by_method.get(name, 0) + int(match.group(1).replace(',', ''))

for name, instructions in sorted(by_method.items(), key=lambda item: -item[1])[:40]:
    print(f'{instructions / executions:9.0f}  {name[:160]}')
