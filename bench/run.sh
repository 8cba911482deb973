#!/usr/bin/env bash
# Benchmark: the whole collect job against the emulator (throttling off) over generated volume.
#   bench/run.sh [SIGN_INS] [HEAP]        e.g. bench/run.sh 1000000 512m
# Starts the emulator in its own JVM with SIGN_INS sign-ins spread over the 30-day backfill, runs
# `collect --data-type signins` in a second JVM with -Xmx HEAP, and reports records/s, Parquet bytes per
# record, and the collector's peak heap (JVM pools) and peak RSS (/proc VmHWM, and GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
heap=${2:-512m}
work=bench/work/$records
rm -rf "$work"; mkdir -p "$work"
[ -f target/entra-lake.jar ] || mvn -B -q package -DskipTests

per_hour=$(awk -v n="$records" 'BEGIN { printf "%.4f", n / (30 * 24) }')
java -Xmx1g -jar target/entra-lake.jar emulator --port 0 --signins-per-hour "$per_hour" --audits-per-hour 0 \
    --work-dir "$work" > "$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "Collect from it with" "$work/emulator.log" && break; sleep 0.5; done
grep -q "Collect from it with" "$work/emulator.log" || { cat "$work/emulator.log"; exit 1; }

echo "collecting ~$records sign-ins (30 days, $per_hour per hour) with -Xmx$heap ..."
/usr/bin/time -v -o "$work/time.txt" java -Xmx"$heap" -jar target/entra-lake.jar collect \
    --config "$work/collect.yml" --data-type signins | tee "$work/collect.log"

written=$(grep -E '^\s+signins ' "$work/collect.log" | sed -E 's/.*records +([0-9,]+).*/\1/' | tr -d ,)
seconds=$(grep -E '^\s+signins ' "$work/collect.log" | sed -E 's/.*throttled +[0-9,]+ +([0-9.]+ s|[0-9]+m[0-9]+s).*/\1/')
secs=$(echo "$seconds" | awk '{ if ($0 ~ /m/) { split($0, a, /[ms]/); print a[1] * 60 + a[2] } else { print $1 } }')
bytes=$(find "$work/lake/signins" -name '*.parquet' -printf '%s\n' | awk '{ s += $1 } END { print s }')
rss_kb=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{ print $NF }')
echo
echo "records written     : $written"
echo "collect time        : ${secs} s (signins step, from the run summary)"
echo "throughput          : $(awk -v n="$written" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') records/s"
echo "parquet size        : $bytes bytes, $(awk -v b="$bytes" -v n="$written" 'BEGIN { printf "%.1f", b / n }') bytes/record"
echo "collector memory    : $(grep 'Memory:' "$work/collect.log" | sed 's/^ *Memory: //')"
echo "collector max RSS   : $((rss_kb / 1024)) MiB (GNU time)"
