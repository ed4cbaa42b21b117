#!/usr/bin/env bash
# Gateway overhead benchmark: the same v4 calls sent to the simulator directly, through HubGate, and
# through nginx as a plain token-injecting reverse proxy, side by side in one run.
#
#   bench/run.sh [duration-seconds] [connections]
#
# Prints requests/s and p50/p99 latency per target. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-32}"
scripts/setup.sh wrk nginx-light curl python3
source bench/common.sh
chmod 755 "$work"  # nginx workers run as an unprivileged user and write their cache here

token="bench-hubspot-token"
client_key="bench-client-key"
sim_port="$(free_port)"; gw_port="$(free_port)"; admin_port="$(free_port)"; nginx_port="$(free_port)"; nginx_cache_port="$(free_port)"

start_unlimited_simulator

# Per-client limits are off here (one client sends everything), and so is the upstream budget: any limit HubSpot really has (at most 250 per 10 s) would throttle
# this run to a few dozen calls a second, and a fake limit large enough not to would measure a window
# of ~100,000 grants, which HubSpot never allows. The budget has its own overload benchmark.
start_unlimited_gateway

sed -e "s#__DIR__#$work#g" -e "s#__SIMULATOR_PORT__#$sim_port#g" -e "s#__NGINX_PORT__#$nginx_port#g" -e "s#__NGINX_CACHE_PORT__#$nginx_cache_port#g" -e "s#__TOKEN__#$token#g" \
    bench/nginx.conf.template >"$work/nginx.conf"
mkdir -p "$work/proxy_cache" && chmod 777 "$work/proxy_cache"
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/_simulator/stats"

seed_associations

measure() { # name url script auth
    local out
    out="$(WRK_AUTH="$4" wrk -t1 -c"$connections" -d"${duration}s" --latency -s "bench/$3" "$2")"
    local rps p50 p99 non2xx
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
    printf '%-34s %12s %10s %10s %8s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "HubGate gateway benchmark: wrk -t1 -c$connections -d${duration}s, $(nproc) cores, $(date -u +%F)"
printf '%-34s %12s %10s %10s %8s\n' "target" "requests/s" "p50" "p99" "non-2xx"
for call in "batch-read.lua:/crm/v4/associations/contacts/companies/batch/read" "list.lua:/crm/v4/objects/contacts/101/associations/companies"; do
    script="${call%%:*}"; path="${call#*:}"
    name="${script%.lua}"
    measure "$name: simulator direct" "http://127.0.0.1:$sim_port$path" "$script" "Bearer $token"
    measure "$name: nginx proxy" "http://127.0.0.1:$nginx_port$path" "$script" "Bearer $client_key"
    measure "$name: hubgate" "http://127.0.0.1:$gw_port$path" "$script" "Bearer $client_key"
done

# The v3 translation's cost: the same read as v3 and as v4, through HubGate.
echo
echo "v3 translation (both through hubgate, labels and definitions cached):"
printf '%-34s %12s %10s %10s %8s\n' "target" "requests/s" "p50" "p99" "non-2xx"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $client_key" -H 'Content-Type: application/json' \
    -d '{"inputs":[{"id":"101"}]}' "http://127.0.0.1:$gw_port/crm/v3/associations/contacts/companies/batch/read"
measure "batch-read: v4 via hubgate" "http://127.0.0.1:$gw_port/crm/v4/associations/contacts/companies/batch/read" batch-read.lua "Bearer $client_key"
measure "batch-read: v3 via hubgate" "http://127.0.0.1:$gw_port/crm/v3/associations/contacts/companies/batch/read" v3-batch-read.lua "Bearer $client_key"
saved_connections="$connections"; connections=1
measure "batch-read c1: v4 via hubgate" "http://127.0.0.1:$gw_port/crm/v4/associations/contacts/companies/batch/read" batch-read.lua "Bearer $client_key"
measure "batch-read c1: v3 via hubgate" "http://127.0.0.1:$gw_port/crm/v3/associations/contacts/companies/batch/read" v3-batch-read.lua "Bearer $client_key"
connections="$saved_connections"

# Added latency without queueing: one connection, the same list call, direct and through each proxy.
echo
echo "added latency at light load (wrk -t1 -c1), list call:"
printf '%-34s %12s %10s %10s %8s\n' "target" "requests/s" "p50" "p99" "non-2xx"
list_path=/crm/v4/objects/contacts/101/associations/companies
saved_connections="$connections"; connections=1
measure "list c1: simulator direct" "http://127.0.0.1:$sim_port$list_path" list.lua "Bearer $token"
measure "list c1: nginx proxy" "http://127.0.0.1:$nginx_port$list_path" list.lua "Bearer $client_key"
measure "list c1: hubgate" "http://127.0.0.1:$gw_port$list_path" list.lua "Bearer $client_key"
connections="$saved_connections"
echo

# Cache hits: the labels read, warmed once, then served from HubGate's cache and nginx's proxy_cache.
labels=/crm/v4/associations/contacts/companies/labels
curl -s -o /dev/null -H "Authorization: Bearer $client_key" "http://127.0.0.1:$gw_port$labels"
curl -s -o /dev/null -H "Authorization: Bearer $client_key" "http://127.0.0.1:$nginx_cache_port$labels"
measure "labels: simulator direct" "http://127.0.0.1:$sim_port$labels" list.lua "Bearer $token"
measure "labels: nginx proxy_cache hit" "http://127.0.0.1:$nginx_cache_port$labels" list.lua "Bearer $client_key"
measure "labels: hubgate cache hit" "http://127.0.0.1:$gw_port$labels" list.lua "Bearer $client_key"
