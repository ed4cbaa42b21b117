#!/usr/bin/env bash
# Regenerates link/hubgate.order, the order in which the release link lays out HubGate's functions
# (Package.swift), from what a running HubGate executes.
#
#   scripts/link-order.sh        (about 10 minutes; needs valgrind, installed if missing)
#
# Why: the binary holds 26 MB of code, of which about 3 MB ever runs, scattered over all of it. The
# kernel maps a file's code into a process a folio at a time (64 KB to 2 MB), so touching a few
# functions here and there kept 17 MB of the binary resident in every HubGate process. Laid out
# together, what runs fits in a few megabytes (bench/soak.sh prints the mapped part).
#
# How: runs `hubgate demo` and then `hubgate serve` (with a YAML configuration file, in front of a
# separate simulator) under callgrind, drives each through every route, the errors, the admin
# endpoints, the client share's and the budget's refusals, a reload and a graceful shutdown, and
# lists every function of the binary that ran, the most instructions first. Functions the workload
# misses still work; they are just laid out with the cold code. Run it after changes that add or
# rename many functions (a new dependency, a new subsystem), and commit the new order.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh valgrind wrk curl python3 binutils
source bench/common.sh   # builds the release binary; $bin, $work, $pids, free_port, wait_for

# valgrind 3.19 (Debian 12) cannot read the toolchain's DWARF 5; the symbol table is all it needs.
profiled="$work/hubgate"
strip --strip-debug -o "$profiled" "$bin"

# Every route with a valid call, the official clients' forms, and the usual bad inputs.
exercise() { # gateway-url admin-url key
    local gw="$1" admin="$2" auth="Authorization: Bearer $3" json='Content-Type: application/json'
    local v4="$gw/crm/v4/associations/contacts/companies" obj="$gw/crm/v4/objects/contacts/101/associations"
    local v3="$gw/crm/v3/associations/contacts/companies"
    local type='[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":279}]'
    call() { curl -s -o /dev/null "$@" || true; }
    for round in 1 2; do
        call -H "$auth" "$v4/labels"
        call -H "$auth" "$gw/crm/v4/associations/definitions/configurations/all"
        call -H "$auth" "$obj/companies"
        call -H "$auth" "$obj/companies?limit=1"
        call -H "$auth" -H "$json" -X POST -d '{"inputs":[{"id":"101"}]}' "$v4/batch/read"
        call -H "$auth" -H "$json" -X POST -d "{\"inputs\":[{\"from\":{\"id\":\"101\"},\"to\":{\"id\":\"201\"},\"types\":$type}]}" "$v4/batch/create"
        call -H "$auth" -H "$json" -X POST -d '{"inputs":[{"from":{"id":"101"},"to":{"id":"202"}}]}' "$v4/batch/associate/default"
        call -H "$auth" -X PUT "$obj/default/companies/203"
        call -H "$auth" -H "$json" -X PUT -d "$type" "$obj/companies/204"
        call -H "$auth" -X DELETE "$obj/companies/204"
        call -H "$auth" -H "$json" -X POST -d '{"inputs":[{"from":{"id":"101"},"to":[{"id":"203"}]}]}' "$v4/batch/archive"
        call -H "$auth" -H "$json" -X POST -d "{\"inputs\":[{\"from\":{\"id\":\"101\"},\"to\":{\"id\":\"202\"},\"types\":$type}]}" "$v4/batch/labels/archive"
        call -H "$auth" -H "$json" -X POST -d "{\"label\":\"order $round\",\"name\":\"order_$round\"}" "$v4/labels"
        call -H "$auth" -H "$json" -X PUT -d "{\"label\":\"order $round b\",\"associationTypeId\":1}" "$v4/labels"
        call -H "$auth" -X DELETE "$v4/labels/999"
        call -H "$auth" "$v3/types"
        call -H "$auth" -H "$json" -X POST -d '{"inputs":[{"id":"101"}]}' "$v3/batch/read"
        call -H "$auth" -H "$json" -X POST -d '{"inputs":[{"from":{"id":"101"},"to":{"id":"205"},"type":"contact_to_company"}]}' "$v3/batch/create"
        call -H "$auth" -H "$json" -X POST -d '{"inputs":[{"from":{"id":"101"},"to":{"id":"205"},"type":"contact_to_company"}]}' "$v3/batch/archive"
        call "$v4/labels"
        call -H "Authorization: Bearer wrong" "$v4/labels"
        call -H "$auth" "$gw/crm/v4/nothing"
        call -H "$auth" "$gw/crm/v4/objects/contacts/abc/associations/companies"
        call -H "$auth" -H "$json" -X POST -d '{bad' "$v4/batch/read"
        call -H "$auth" -H "$json" -X POST -d '{"inputs":[]}' "$v3/batch/read"
        call --http1.0 -H "$auth" "$v4/labels"
        for path in healthz readyz metrics budget/stats cache/stats; do call "$admin/$path"; done
    done
}

# Load: labels until the client share refuses them on the event loop, then the soak's mix, whose
# calls queue for the upstream budget and are turned away when no turn can come in time.
load() { # gateway-url key
    WRK_AUTH="Bearer $2" wrk -t1 -c50 -d15s -s bench/list.lua "$1/crm/v4/associations/contacts/companies/labels" >/dev/null 2>&1 || true
    WRK_AUTH="Bearer $2" SOAK_COUNTS_FILE="$work/counts" wrk -t2 -c300 -d25s --timeout 30s -s bench/soak.lua "$1" >/dev/null 2>&1 || true
}

# Stops a profiled process gracefully and waits for callgrind to write its profile.
stop() { # pid
    kill -TERM "$1"
    for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 1; done
    echo "link-order: pid $1 did not stop" >&2; exit 1
}

valgrind_run() { # profile-file args...
    local out="$1"; shift
    MALLOC_ARENA_MAX=2 valgrind --tool=callgrind --callgrind-out-file="$out" --dump-instr=no "$profiled" "$@" \
        >"$out.log" 2>&1 &
}

echo "link-order: hubgate demo under callgrind"
gw_port="$(free_port)"; admin_port="$(free_port)"; sim_port="$(free_port)"
valgrind_run "$work/demo.callgrind" demo --port "$gw_port" --admin-port "$admin_port" --simulator-port "$sim_port" --log-level warning
demo_pid=$!
pids+=("$demo_pid")   # stopped on exit if anything below fails
wait_for "http://127.0.0.1:$admin_port/readyz" 300
exercise "http://127.0.0.1:$gw_port" "http://127.0.0.1:$admin_port" demo-client-key
load "http://127.0.0.1:$gw_port" demo-client-key
stop "$demo_pid"

echo "link-order: hubgate serve under callgrind"
token="link-order-hubspot-token"; client_key="link-order-client-key"
sim_port="$(free_port)"; gw_port="$(free_port)"; admin_port="$(free_port)"
start_unlimited_simulator
seed_associations
cat >"$work/hubgate.yaml" <<YAML
server: { host: 127.0.0.1, port: $gw_port }
admin: { host: 127.0.0.1, port: $admin_port }
upstream: { url: "http://127.0.0.1:$sim_port" }
cache: { path: "$work/cache.sqlite" }
budget: { statePath: "$work/budget.sqlite" }
clientNames: [orders]
clients:
  orders:
    keySha256: "$(printf '%s\n' "$client_key" | "$bin" hash-key)"
    scopes: [read, write]
log: { level: warning }
YAML
HUBGATE_HUBSPOT_TOKEN="$token" valgrind_run "$work/serve.callgrind" serve --config "$work/hubgate.yaml"
serve_pid=$!
pids+=("$serve_pid")   # stopped on exit if anything below fails
wait_for "http://127.0.0.1:$admin_port/readyz" 300
exercise "http://127.0.0.1:$gw_port" "http://127.0.0.1:$admin_port" "$client_key"
kill -HUP "$serve_pid"   # a configuration reload
sleep 5
exercise "http://127.0.0.1:$gw_port" "http://127.0.0.1:$admin_port" "$client_key"
stop "$serve_pid"

python3 scripts/link-order.py "$profiled" link/hubgate.order "$work/demo.callgrind" "$work/serve.callgrind"
# SwiftPM does not know the order file is an input of the link: remove the binary to relink it.
rm -f "$bin"
scripts/build-release.sh >/dev/null
echo "link-order: relinked $bin with the new order; commit link/hubgate.order"
