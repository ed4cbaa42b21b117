#!/usr/bin/env bash
# Soak: many concurrent connections of mixed v3/v4 traffic against `hubgate demo` (the gateway with
# its embedded simulator, started by scripts/demo.sh with every default but the log level), and the
# demo process's memory over time.
#
#   bench/soak.sh [seconds=60] [connections=1000]
#
# Prints the calls sent, the answers by kind (2xx; 429 by the limit that refused it: the client's
# own share, the shared upstream budget, HubSpot; other 4xx and 5xx by code; wrk's socket errors),
# the demo's VmRSS, VmHWM, RssAnon and RssFile every 5 s with min/max/final, its /budget/stats and
# /cache/stats, whether every call was answered and the demo shuts down gracefully, and a verdict
# line. Exits 1 when an answer other than 2xx or a documented rate limit (429) appears, a call is
# never answered, the demo does not stop within 60 s of SIGTERM, VmHWM goes over 64 MB, or VmRSS
# grows (last third of the run over the first third by more than 10 %).
# Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60}"
connections="${2:-1000}"
rss_limit_mb=64
sample_seconds=5
scripts/setup.sh wrk curl python3
source bench/common.sh

# wrk and the demo each hold a descriptor per connection, and the demo two more per upstream
# connection (curl's end and the simulator's); 512 covers those, SQLite and the listeners.
needed_fds=$((connections + 512))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed_fds" ]; then
    ulimit -n "$needed_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed_fds" ]; then
    echo "soak: $connections connections need about $needed_fds open files; the hard limit is $(ulimit -Hn)" >&2
    exit 1
fi

client_key="demo-client-key"   # the demo's only client (read and write scopes)
gw_port="$(free_port)"; admin_port="$(free_port)"; sim_port="$(free_port)"
# Started the way users start it (scripts/demo.sh execs the binary, so this pid is the demo's).
scripts/demo.sh --port "$gw_port" --admin-port "$admin_port" --simulator-port "$sim_port" --log-level warning \
    >"$work/demo.log" 2>&1 &
demo_pid=$!
pids+=("$demo_pid")
wait_for "http://127.0.0.1:$admin_port/readyz" 120   # demo.sh checks packages and the build first
gateway="http://127.0.0.1:$gw_port"

# A few primary associations, so v3 reads (primary companies only) have something to return.
curl -s -o /dev/null -X POST "$gateway/crm/v4/associations/contacts/companies/batch/create" \
    -H "Authorization: Bearer $client_key" -H 'Content-Type: application/json' \
    -d '{"inputs":[{"from":{"id":"1000"},"to":{"id":"2000"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]},{"from":{"id":"1001"},"to":{"id":"2001"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}'

# The demo's memory in kB, once idle and then every few seconds: VmRSS, VmHWM (its peak), and
# VmRSS split into RssAnon (private: heap, stacks) and RssFile (mapped code and data of the binary
# and its libraries, shared and reclaimable).
memory() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {print r, h, a, f}' "/proc/$demo_pid/status"; }
sleep 1
echo "idle $(memory)" >"$work/rss"
(
    start=$SECONDS
    while sleep "$sample_seconds"; do
        [ -e "/proc/$demo_pid/status" ] || break
        echo "$((SECONDS - start)) $(memory)" >>"$work/rss"
    done
) &
sampler=$!
pids+=("$sampler")

threads="$(nproc)"; ((threads > connections)) && threads="$connections"
echo "HubGate soak: hubgate demo, wrk -t$threads -c$connections -d${duration}s, $(nproc) cores, $(date -u '+%F %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# --timeout: a call may wait up to the demo's budget.maxWaitMs (15 s) for each upstream turn it
# needs, and a v3 call may need three (the pair's labels and the definitions for its type catalog,
# then the call itself); a read HubSpot answered with 429 is tried again after another wait.
WRK_AUTH="Bearer $client_key" SOAK_COUNTS_FILE="$work/counts" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 60s -s bench/soak.lua "$gateway" >"$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; exit 1; }
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Settled: what the demo keeps once the connections are gone.
sleep "$sample_seconds"
echo "after $(memory)" >>"$work/rss"

curl -s "http://127.0.0.1:$admin_port/budget/stats" >"$work/budget.json"
curl -s "http://127.0.0.1:$admin_port/cache/stats" >"$work/cache.json"
curl -s "http://127.0.0.1:$sim_port/_simulator/stats" >"$work/simulator.json"

# Every call must be answered. Calls whose client left at the end of the run may still wait for the
# budget (graceful shutdown lets them finish), but none may wait forever: the demo must stop within
# 60 s of SIGTERM, and the connections it still holds then are calls that were never answered.
ss -Htn state established state close-wait "( sport = :$gw_port )" | wc -l >"$work/open"
kill -TERM "$demo_pid"
stopped=""
for tenth in $(seq 1 600); do
    kill -0 "$demo_pid" 2>/dev/null || { stopped="$((tenth / 10)).$((tenth % 10))"; break; }
    sleep 0.1
done
if [ -z "$stopped" ]; then
    ss -Htn state established state close-wait "( sport = :$gw_port )" | wc -l >"$work/hung"
    kill -KILL "$demo_pid" 2>/dev/null || true
fi
echo "${stopped:-none}" >"$work/stopped"

python3 - "$work" "$connections" "$rss_limit_mb" "$sample_seconds" <<'PY'
import json, sys
work, connections, limit_mb, sample_seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
answers, calls, totals = {}, {}, {}
for line in open(f"{work}/counts"):
    group, key, value = line.rstrip("\n").split("\t")
    {"answer": answers, "call": calls, "total": totals, "latency": totals}[group][key] = float(value)

requests = int(totals["requests"])
print(f"\n{requests} answers in {totals['duration_us'] / 1e6:.1f} s ({requests / (totals['duration_us'] / 1e6):.0f}/s), "
      f"latency p50 {totals['p50_ms']:.1f} ms, p99 {totals['p99_ms']:.1f} ms, max {totals['max_ms']:.0f} ms")
print("\ncalls sent")
for name, value in sorted(calls.items(), key=lambda item: -item[1]):
    print(f"  {name:<28} {int(value):>10}")

def kind_order(kind):
    return (0 if kind.startswith("2xx") else 1 if kind.startswith("429") else 3 if kind.startswith("socket") else 2, kind)
rate_limited = {k: v for k, v in answers.items() if k.startswith("429 ") and k != "429 other"}
errors = {k: v for k, v in answers.items() if v and not k.startswith("2xx") and k not in rate_limited}
print("\nanswers by kind")
for kind in sorted(answers, key=kind_order):
    label = "ok" if kind.startswith("2xx") else "rate limited (documented)" if kind in rate_limited else "ERROR" if answers[kind] else ""
    print(f"  {kind:<42} {int(answers[kind]):>10}  {label}")

samples, idle, after = [], None, None
for line in open(f"{work}/rss"):
    when, *values = line.split()
    point = tuple(int(value) / 1024 for value in values)   # rss, hwm, anon, file in MB
    if when == "idle": idle = point
    elif when == "after": after = point
    else: samples.append((int(when), *point))
print("\ndemo memory (MB): VmRSS = RssAnon (private) + RssFile (mapped binary and libraries)")
print(f"  {'t':>6} {'VmRSS':>8} {'VmHWM':>8} {'RssAnon':>8} {'RssFile':>8}")
def row(label, point, note=""):
    print(f"  {label:>6} {point[0]:8.1f} {point[1]:8.1f} {point[2]:8.1f} {point[3]:8.1f}{note}")
row("idle", idle)
for when, *point in samples:
    row(f"{when} s", point)
row("after", after, f"   ({sample_seconds} s after the load stopped)")
under_load = [point[1] for point in samples]
third = max(1, len(under_load) // 3)
first, last = sum(under_load[:third]) / third, sum(under_load[-third:]) / third
growth = (last - first) / first * 100
peak = after[1]   # VmHWM: the highest VmRSS the process ever had
anon_peak = max(point[3] for point in samples)
per_connection = (anon_peak - idle[2]) * 1024 / connections
print(f"  under load: VmRSS min {min(under_load):.1f}, max {max(under_load):.1f}, final {under_load[-1]:.1f}; "
      f"peak (VmHWM) {peak:.1f}; last third vs first third {growth:+.1f} %")
print(f"  private memory: idle {idle[2]:.1f}, peak under load {anon_peak:.1f} "
      f"(about {per_connection:.0f} KB per connection); mapped files {max(point[4] for point in samples):.1f}")

for name in ("budget", "cache", "simulator"):
    print(f"\n/{name}/stats" if name != "simulator" else "\nsimulator /_simulator/stats", json.dumps(json.load(open(f"{work}/{name}.json")), sort_keys=True))

still_open = int(open(f"{work}/open").read())
stopped = open(f"{work}/stopped").read().strip()
print(f"\ncalls still in progress {sample_seconds} s after the load: {still_open}; "
      + (f"graceful shutdown took {stopped} s" if stopped != "none" else "graceful shutdown did not finish within 60 s"))

problems = []
if stopped == "none":
    hung = int(open(f"{work}/hung").read())
    problems.append(f"the demo did not shut down within 60 s of SIGTERM: {hung} calls never answered")
if errors:
    problems.append("errors other than rate limiting: " + ", ".join(f"{k} {int(v)}" for k, v in sorted(errors.items(), key=lambda i: kind_order(i[0]))))
if peak > limit_mb:
    problems.append(f"VmRSS peak {peak:.1f} MB over {limit_mb:.0f} MB ({anon_peak:.1f} MB of it private)")
if growth > 10:
    problems.append(f"VmRSS grew {growth:.1f} % from the first third of the run to the last")
ok = sum(v for k, v in answers.items() if k.startswith("2xx"))
print(f"\nverdict: {'PASS' if not problems else 'FAIL'}: {int(ok)} ok, {int(sum(rate_limited.values()))} rate limited, "
      f"{int(sum(errors.values()))} errors; VmRSS peak {peak:.1f} MB (target {limit_mb:.0f}), growth {growth:+.1f} %"
      + ("" if not problems else "\n  " + "\n  ".join(problems)))
sys.exit(1 if problems else 0)
PY
