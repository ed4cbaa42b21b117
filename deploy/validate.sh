#!/usr/bin/env bash
# Runs every validator of deploy/ that this machine has, and says which ones it skipped and why.
# Not part of CI (scripts/test.sh runs the Swift DeployArtifactTests, which need none of these tools).
#
#   deploy/validate.sh
#
# Tools used when present: python3 with PyYAML, systemd-analyze, promtool (Debian: prometheus; or
# PROMTOOL=/path), kubectl (kustomize only, no cluster), kubernetes-validate (PyPI; or
# KUBERNETES_VALIDATE=/path), docker with a running engine.
set -uo pipefail
cd "$(dirname "$0")"
deploy=$PWD

passed=0 failed=0 skipped=0
pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }
skip() { echo "SKIP  $1"; skipped=$((skipped + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Every YAML and JSON file parses (Kubernetes files hold several documents).
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
  if out=$(python3 - <<'PY' 2>&1
import json, pathlib, yaml
for path in sorted(pathlib.Path(".").rglob("*")):
    if path.suffix in (".yaml", ".yml"):
        list(yaml.safe_load_all(path.read_text()))
    elif path.suffix == ".json":
        json.loads(path.read_text())
PY
  ); then pass "YAML and JSON files parse"; else fail "YAML/JSON parse: $out"; fi
else
  skip "YAML/JSON parse: python3 with PyYAML not found"
fi

# 2. The systemd unit. verify needs the unit's binaries and systemd's own units under one root, so
# it runs in a scratch root with a stand-in /usr/local/bin/hubgate. It exits 0 even for unknown keys
# and bad values (it only warns), so any output at all is a failure.
if command -v systemd-analyze >/dev/null; then
  root=$work/root
  mkdir -p "$root/usr/local/bin" "$root/usr/lib/systemd" "$root/etc/systemd/system"
  printf '#!/bin/sh\n' > "$root/usr/local/bin/hubgate"
  chmod +x "$root/usr/local/bin/hubgate"
  cp -r /lib/systemd/system "$root/usr/lib/systemd/"
  cp systemd/hubgate.service "$root/etc/systemd/system/"
  out=$(systemd-analyze verify --root="$root" hubgate.service 2>&1)
  if [[ $? -eq 0 && -z $out ]]; then pass "systemd-analyze verify hubgate.service"; else fail "systemd-analyze verify: $out"; fi
  if exposure=$(systemd-analyze security --offline=yes --root="$root" --no-pager hubgate.service 2>&1 | grep 'Overall exposure'); then
    pass "systemd-analyze security: ${exposure#→ }"
  else
    skip "systemd-analyze security --offline: not supported by this systemd"
  fi
else
  skip "systemd unit: systemd-analyze not found (apt-get install systemd)"
fi

# 3. Prometheus: the configuration, the rules, the rules' unit tests, and every dashboard query.
promtool=${PROMTOOL:-$(command -v promtool || true)}
if [[ -n $promtool ]]; then
  out=$("$promtool" check config prometheus/prometheus.yml 2>&1)
  if [[ $? -eq 0 ]]; then
    pass "promtool check config prometheus.yml"
  elif grep -q 'kubernetes_sd_configs not found' <<<"$out"; then
    # Debian's promtool is built without Kubernetes discovery: check the rest, and say so.
    python3 - prometheus/prometheus.yml "$work/prometheus.yml" <<'PY'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
config["scrape_configs"] = [job for job in config["scrape_configs"] if "kubernetes_sd_configs" not in job]
config["rule_files"] = []
yaml.safe_dump(config, open(sys.argv[2], "w"))
PY
    if out=$("$promtool" check config "$work/prometheus.yml" 2>&1); then
      pass "promtool check config prometheus.yml (without the kubernetes_sd job: this promtool lacks Kubernetes discovery)"
    else fail "promtool check config: $out"; fi
  else
    fail "promtool check config: $out"
  fi
  if out=$("$promtool" check rules prometheus/hubgate-alerts.yml 2>&1); then pass "promtool check rules hubgate-alerts.yml"; else fail "promtool check rules: $out"; fi
  if out=$(cd prometheus && "$promtool" test rules hubgate-alerts.test.yml 2>&1); then pass "promtool test rules hubgate-alerts.test.yml"; else fail "promtool test rules: $out"; fi
  # Dashboard queries become recording rules (Grafana's variables replaced), so promtool parses each.
  if python3 - grafana/hubgate-dashboard.json "$work/dashboard-rules.yml" <<'PY'
import json, sys, yaml
dashboard = json.load(open(sys.argv[1]))
exprs = []
def walk(panels):
    for panel in panels:
        exprs.extend(t["expr"] for t in panel.get("targets", []))
        walk(panel.get("panels", []))
walk(dashboard["panels"])
exprs += [a["expr"] for a in dashboard["annotations"]["list"] if "expr" in a]
def grafana(expr):
    for variable, value in (("$__rate_interval", "1m"), ("$__range", "1h"), ("$instance", ".*"), ("$client", ".*")):
        expr = expr.replace(variable, value)
    return expr
rules = [{"record": f"dashboard:query_{i}", "expr": grafana(e)} for i, e in enumerate(exprs)]
yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, open(sys.argv[2], "w"))
PY
  then
    if out=$("$promtool" check rules "$work/dashboard-rules.yml" 2>&1); then
      pass "promtool parses every dashboard query ($(grep -c 'record:' "$work/dashboard-rules.yml"))"
    else fail "dashboard queries: $out"; fi
  else
    fail "dashboard queries could not be extracted"
  fi
else
  skip "Prometheus files: promtool not found (Debian package prometheus, or PROMTOOL=/path)"
fi

# 4. Kubernetes: kustomize renders offline; kubernetes-validate checks every manifest against the
# API schemas, strictly (an unknown or misspelt field fails).
if command -v kubectl >/dev/null; then
  if out=$(kubectl kustomize kubernetes 2>&1 >"$work/rendered.yaml"); then
    pass "kubectl kustomize kubernetes ($(grep -c '^kind:' "$work/rendered.yaml") objects)"
  else fail "kubectl kustomize: $out"; fi
else
  skip "kustomize: kubectl not found"
fi
validator=${KUBERNETES_VALIDATE:-$(command -v kubernetes-validate || true)}
if [[ -n $validator ]]; then
  for version in 1.28.0 1.33.0; do
    if out=$("$validator" --strict --quiet -k "$version" kubernetes/*.yaml 2>&1 | grep -v '^$'; exit "${PIPESTATUS[0]}"); then
      pass "kubernetes-validate --strict (Kubernetes $version)"
    else fail "kubernetes-validate $version: $out"; fi
  done
else
  skip "Kubernetes schemas: kubernetes-validate not found (pip install kubernetes-validate, or KUBERNETES_VALIDATE=/path)"
fi

# 5. The container image, only where an engine runs.
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  if out=$(docker build -f container/Containerfile -t hubgate:validate "$deploy/.." 2>&1); then
    pass "docker build"
  else fail "docker build: $(tail -20 <<<"$out")"; fi
else
  skip "container image: no running Docker engine"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
