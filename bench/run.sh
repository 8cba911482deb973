#!/usr/bin/env bash
# The benchmark: every figure of docs/benchmark.md in one run.
#   bench/run.sh [SIGN_INS] [HEAP]            e.g. bench/run.sh 1000000 256m
# SIGN_INS 0 skips the CPU run. Environment (optional): SMALL (default 100000) and LARGE (default 10000000) sign-ins for the memory runs,
# BUDGET (default 100000) sign-ins for the throttled backfill, TENANTS (default 50) tenants of PER_TENANT (default
# 10000) sign-ins each for the many-tenants run; a size of 0 skips that run.
#
# 1. CPU: the collector (`collect --data-type signins`, its own JVM, -Xmx HEAP) backfills 30 days of SIGN_INS
#    generated sign-ins from the emulator (throttling off; its own JVM, whose CPU is reported as its share). The
#    emulator also writes every page it serves to disk; DuckDB then turns those same pages into date-partitioned
#    zstd Parquet, every property typed plus the record's JSON, in its own JVM. CPU = user+sys of each process.
# 2. Memory: the same collection over SMALL and LARGE sign-ins; peak RSS of each.
# 3. Budget: a 30-day backfill of BUDGET sign-ins against the emulator enforcing Graph's 5 requests / 10 s; the
#    emulator's request log gives the requests, the 429s and the fraction of the budget used.
# 4. Many tenants: one collector JVM backfills TENANTS emulated tenants at once, throttling on; its CPU and peak
#    RSS, and from the request log each tenant's busiest 10 s and the 429s.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
heap=${2:-256m}
small=${SMALL:-100000}
large=${LARGE:-10000000}
budget=${BUDGET:-100000}
tenants=${TENANTS:-50}
per_tenant=${PER_TENANT:-10000}
root=bench/work
mkdir -p "$root"
[ -f target/entra-lake.jar ] && [ -d target/test-classes/com/entralake/bench ] || mvn -B -q package -DskipTests
[ -f "$root/test-classpath.txt" ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$root/test-classpath.txt" > /dev/null
ticks=$(getconf CLK_TCK)

# starts the emulator for $1 sign-ins in folder $2 with extra options; sets $emulator (pid)
start_emulator() {
    local n=$1 work=$2; shift 2
    local per_hour; per_hour=$(awk -v n="$n" 'BEGIN { printf "%.4f", n / (30 * 24) }')
    java -Xmx1g -jar target/entra-lake.jar emulator --port 0 --signins-per-hour "$per_hour" --audits-per-hour 0 \
        --work-dir "$work" --request-log "$work/requests.tsv" "$@" > "$work/emulator.log" 2>&1 &
    emulator=$!
    for _ in $(seq 1 240); do grep -q "Collect from it with" "$work/emulator.log" && return 0; sleep 0.5; done
    cat "$work/emulator.log"; exit 1
}

# CPU seconds (user+sys) a live process has used so far
cpu_of() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }

# awk: seconds since the epoch of an ISO instant from the request log (2026-12-03T13:00:01.5Z)
seconds_of='function seconds(t, p) { gsub(/[-:TZ]/, " ", t); split(t, p, " ");
    return mktime(p[1] " " p[2] " " p[3] " " p[4] " " p[5] " " int(p[6])) + (p[6] - int(p[6])) } '

stop_emulator() {
    kill "$emulator"; wait "$emulator" 2>/dev/null || true
}

# collects from the running emulator in folder $1; prints "records seconds cpu rss_mib files bytes"
collect() {
    local work=$1
    /usr/bin/time -v -o "$work/time.txt" java -Xmx"$heap" -jar target/entra-lake.jar collect \
        --config "$work/collect.yml" --data-type signins > "$work/collect.log" 2>&1 || { tail -30 "$work/collect.log"; exit 1; }
    # one signins line per tenant: records add up, the step time is the longest tenant's
    local lines; lines=$(grep -E '^\s+signins ' "$work/collect.log")
    local written; written=$(echo "$lines" | sed -E 's/.*records +([0-9,]+).*/\1/' | tr -d , | awk '{ s += $1 } END { print s }')
    local secs; secs=$(echo "$lines" | sed -E 's/.*throttled +[0-9,]+ +([0-9.]+ s|[0-9]+m[0-9]+s).*/\1/' \
        | awk '{ if ($0 ~ /m/) { split($0, a, /[ms]/); t = a[1] * 60 + a[2] } else { t = $1 } if (t > m) m = t } END { print m }')
    local cpu; cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time.txt")
    local rss; rss=$(awk '/Maximum resident set size/ { printf "%d", $NF / 1024 }' "$work/time.txt")
    local files; files=$(find "$work/lake/signins" -name '*.parquet' | wc -l)
    local bytes; bytes=$(find "$work/lake/signins" -name '*.parquet' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    echo "$written $secs $cpu $rss $files $bytes"
}

if [ "$records" -gt 0 ]; then
echo "== 1. CPU per record: collector and DuckDB over the same $records sign-ins (collector -Xmx$heap) =="
work=$root/cpu-$records; rm -rf "$work"; mkdir -p "$work"
start_emulator "$records" "$work" --record-pages "$work/pages"
emulator_before=$(cpu_of "$emulator")
read -r written secs cpu rss files bytes < <(collect "$work")
emulator_cpu=$(awk -v a="$(cpu_of "$emulator")" -v b="$emulator_before" 'BEGIN { printf "%.2f", a - b }')
stop_emulator
/usr/bin/time -v -o "$work/duckdb-time.txt" java -Xmx2g -cp "target/test-classes:$(cat "$root/test-classpath.txt")" \
    com.entralake.bench.DuckDbBaseline "$work/pages" "$work/duckdb" createdDateTime > "$work/duckdb.log" 2>&1 \
    || { cat "$work/duckdb.log"; exit 1; }
duck_records=$(sed -E 's/.*records: ([0-9]+).*/\1/' "$work/duckdb.log" | tail -1)
duck_cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/duckdb-time.txt")
duck_wall=$(awk '/Elapsed \(wall clock\)/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$work/duckdb-time.txt")
duck_files=$(find "$work/duckdb" -name '*.parquet' | wc -l)
duck_bytes=$(find "$work/duckdb" -name '*.parquet' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
awk -v n="$written" -v s="$secs" -v c="$cpu" -v r="$rss" -v f="$files" -v b="$bytes" -v e="$emulator_cpu" \
    -v dn="$duck_records" -v dc="$duck_cpu" -v dw="$duck_wall" -v df="$duck_files" -v db="$duck_bytes" 'BEGIN {
    printf "%-10s %10s %10s %12s %14s %9s %7s %9s\n", "", "records", "records/s", "CPU s", "CPU ms/1000", "bytes/rec", "files", "RSS MiB"
    printf "%-10s %10d %10.0f %12.1f %14.1f %9.1f %7d %9d\n", "collector", n, n / s, c, 1e6 * c / n, b / n, f, r
    printf "%-10s %10d %10.0f %12.1f %14.1f %9.1f %7d %9s\n", "duckdb", dn, dn / dw, dc, 1e6 * dc / dn, db / dn, df, "-"
    printf "CPU per record, collector / DuckDB: %.2f x\n", (c / n) / (dc / dn)
    printf "emulator CPU while serving the collector: %.1f s (%.0f %% of the collector'"'"'s)\n", e, 100 * e / c
}'
rm -rf "$work/pages"
echo
fi

echo "== 2. Memory: peak RSS of the collector (-Xmx$heap) by volume =="
for n in $small $large; do
    [ "$n" -gt 0 ] || continue
    work=$root/memory-$n; rm -rf "$work"; mkdir -p "$work"
    start_emulator "$n" "$work"
    read -r written secs cpu rss files bytes < <(collect "$work")
    stop_emulator
    awk -v n="$written" -v s="$secs" -v c="$cpu" -v r="$rss" -v f="$files" \
        'BEGIN { printf "%10d sign-ins: peak RSS %d MiB, %.0f records/s, CPU %.1f s (%.1f ms/1000), %d files\n", n, r, n / s, c, 1e6 * c / n, f }'
    rm -rf "$work/lake"
done

echo
if [ "$budget" -gt 0 ]; then
    echo "== 3. Budget: 30-day backfill of $budget sign-ins against Graph's 5 requests / 10 s (emulator --throttle) =="
    work=$root/budget-$budget; rm -rf "$work"; mkdir -p "$work"
    start_emulator "$budget" "$work" --throttle
    read -r written secs cpu rss files bytes < <(collect "$work")
    stop_emulator
    awk -F'\t' -v n="$written" "$seconds_of"'NR > 1 && $4 ~ /auditLogs\/signIns/ {
            s = seconds($1);
            if (first == "") first = s; last = s; all++; if ($2 == 429) throttled++; if ($2 == 200) ok++ }
        END {
            span = last - first; allowed = 5 * int(span / 10) + 5;
            printf "%d records, %d requests (%d answered 429: %.2f %%) over %.0f s\n", n, all, throttled, 100 * throttled / all, span
            printf "budget used: %.1f %% (%d answered requests where the limit allows at most %d in that span)\n", 100 * ok / allowed, ok, allowed
        }' "$work/requests.tsv"
fi

echo
if [ "$tenants" -gt 0 ] && [ "$per_tenant" -gt 0 ]; then
    echo "== 4. Many tenants: $tenants tenants of $per_tenant sign-ins each in one collector JVM (-Xmx$heap), throttling on =="
    work=$root/tenants-$tenants; rm -rf "$work"; mkdir -p "$work"
    start_emulator "$per_tenant" "$work" --throttle --tenants "$tenants"
    read -r written secs cpu rss files bytes < <(collect "$work")
    stop_emulator
    awk -v n="$written" -v s="$secs" -v c="$cpu" -v r="$rss" -v t="$tenants" \
        'BEGIN { printf "%d records from %d tenants in %.0f s: CPU %.1f s (%.1f ms/1000), peak RSS %d MiB\n", n, t, s, c, 1e6 * c / n, r }'
    # each tenant's busiest 10 s of sign-in requests (Graph allows 5), and the 429s
    awk -F'\t' "$seconds_of"'NR > 1 && $4 ~ /auditLogs\/signIns/ {
            s = seconds($1);
            k = $5; n[k]++; at[k, n[k]] = s; all++; if ($2 == 429) throttled++ }
        END {
            worst = 0
            for (k in n) for (i = 1; i <= n[k]; i++) { c = 0; for (j = 1; j <= n[k]; j++) if (at[k, j] <= at[k, i] && at[k, j] > at[k, i] - 10) c++; if (c > worst) worst = c }
            printf "%d sign-in requests, %d answered 429 (%.2f %%); busiest 10 s of any tenant: %d requests (Graph allows 5)\n", all, throttled, 100 * throttled / all, worst
        }' "$work/requests.tsv"
    rm -rf "$work/lake"
fi
