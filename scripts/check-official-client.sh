#!/usr/bin/env bash
# Runs HubSpot's official Python client (hubspot-api-client, from PyPI) against `hubgate demo --dialect
# hubspot` and calls every v4 and v3 associations API it has. Used by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh python3 python3-venv curl
swift build --product hubgate

venv=.venv-compat
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check "hubspot-api-client==12.0.0"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"; admin_port="$(free_port)"
key="compat-client-key"
log="$(mktemp)"
.build/debug/hubgate demo --dialect hubspot --port "$port" --admin-port "$admin_port" --simulator-port 0 --client-key "$key" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 200); do
    curl -s -o /dev/null -f "http://127.0.0.1:$admin_port/readyz" && break
    kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.05
done
"$venv/bin/python" compat/official_client_v4.py "http://127.0.0.1:$port" "$key"
"$venv/bin/python" compat/official_client_v3.py "http://127.0.0.1:$port" "$key"
