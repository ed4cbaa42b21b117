#!/usr/bin/env bash
# The v3 translation's cost: the same batch/read as v4 and as v3 (translated), through one HubGate,
# one connection each, interleaved over several rounds (the order alternates) so that load from
# other work on the machine falls on both alike.
#
#   bench/v3-ratio.sh [rounds] [seconds-per-run]
#
# Prints, per round, the load average and each call's requests/s and p50/p99, then the median over
# the rounds of v3/v4 latency (p50, and mean latency as 1/requests-per-second). Set HUBGATE_BENCH_BIN
# to measure another build of hubgate with the same harness. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-6}"
duration="${2:-8}"
scripts/setup.sh wrk curl python3
source bench/common.sh
bin="${HUBGATE_BENCH_BIN:-$bin}"

token="ratio-hubspot-token"
client_key="ratio-client-key"
sim_port="$(free_port)"; gw_port="$(free_port)"; admin_port="$(free_port)"

start_unlimited_simulator

# As in bench/run.sh: no budget or per-client limits (they would measure the limiter, not the path).
start_unlimited_gateway

seed_associations

v4_url="http://127.0.0.1:$gw_port/crm/v4/associations/contacts/companies/batch/read"
v3_url="http://127.0.0.1:$gw_port/crm/v3/associations/contacts/companies/batch/read"
# Warm-up: labels and definitions cached, connections open, code paths hot.
WRK_AUTH="Bearer $client_key" wrk -t1 -c1 -d2s -s bench/v3-batch-read.lua "$v3_url" >/dev/null
WRK_AUTH="Bearer $client_key" wrk -t1 -c1 -d2s -s bench/batch-read.lua "$v4_url" >/dev/null

# Prints "requests/s p50-ms p99-ms" for one run.
run() { # url script
    local out
    out="$(WRK_AUTH="Bearer $client_key" wrk -t1 -c1 -d"${duration}s" --latency -s "bench/$2" "$1")"
    awk '
        function ms(v) { if (v ~ /us$/) return substr(v, 1, length(v)-2) / 1000; if (v ~ /ms$/) return substr(v, 1, length(v)-2) + 0; return substr(v, 1, length(v)-1) * 1000 }
        /^Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
        END { printf "%s %.3f %.3f\n", rps, p50, p99 }' <<<"$out"
}

echo "v3 vs v4 batch/read through HubGate: wrk -t1 -c1 -d${duration}s, $rounds rounds, $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-6s %-16s %10s %8s %8s %10s %8s %8s %11s %11s\n' round load v4-rps v4-p50 v4-p99 v3-rps v3-p50 v3-p99 p50-v3/v4 mean-v3/v4
ratios="$work/ratios"
for round in $(seq 1 "$rounds"); do
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    if ((round % 2)); then
        v4="$(run "$v4_url" batch-read.lua)"; v3="$(run "$v3_url" v3-batch-read.lua)"
    else
        v3="$(run "$v3_url" v3-batch-read.lua)"; v4="$(run "$v4_url" batch-read.lua)"
    fi
    read -r v4_rps v4_p50 v4_p99 <<<"$v4"
    read -r v3_rps v3_p50 v3_p99 <<<"$v3"
    p50_ratio="$(awk -v a="$v3_p50" -v b="$v4_p50" 'BEGIN { printf "%.3f", a / b }')"
    mean_ratio="$(awk -v a="$v3_rps" -v b="$v4_rps" 'BEGIN { printf "%.3f", b / a }')"
    echo "$p50_ratio $mean_ratio" >>"$ratios"
    printf '%-6s %-16s %10s %8s %8s %10s %8s %8s %11s %11s\n' "$round" "$load" "$v4_rps" "$v4_p50" "$v4_p99" "$v3_rps" "$v3_p50" "$v3_p99" "$p50_ratio" "$mean_ratio"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median v3/v4 latency: p50 $(cut -d' ' -f1 "$ratios" | median)×, mean $(cut -d' ' -f2 "$ratios" | median)×"
