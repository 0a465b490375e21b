#!/usr/bin/env bash
# The README's demo: start the API simulator with the sample org, run a real
# `terraform plan` of examples/demo against it through the provider built in
# bin/, and clean up every process it started. Exits 0 when everything behaved
# as expected.
set -euo pipefail

terraform=${1:?usage: demo.sh TERRAFORM_BINARY PROVIDER_BINARY}
provider=${2:?usage: demo.sh TERRAFORM_BINARY PROVIDER_BINARY}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/openai-posture-demo.XXXXXX")
sim_pid=""

cleanup() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

say "building the simulator"
go build -o "$work/openaisim" "$root/cmd/openaisim"

say "starting the simulator with the sample org"
"$work/openaisim" -fixture sample -env >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do
  grep -q '^export OPENAI_COMPLIANCE_BASE_URL=' "$work/sim.out" 2>/dev/null && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err"; echo "the simulator exited early" >&2; exit 1; }
  sleep 0.1
done
grep -q '^export OPENAI_COMPLIANCE_BASE_URL=' "$work/sim.out" || { echo "the simulator did not start" >&2; exit 1; }
cat "$work/sim.err" >&2 || true
# The simulator prints `export NAME=value` lines: the base URLs, the workspace
# id and the simulator's fake keys.
# shellcheck disable=SC1091
source <(grep '^export ' "$work/sim.out")
grep -v '^export ' "$work/sim.out" || true

say "running terraform plan of examples/demo against it"
mkdir -p "$work/plugins" "$work/config"
cp "$provider" "$work/plugins/"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/openai-posture/openai" = "$work/plugins"
  }
  direct {}
}
RC
cp "$root"/examples/demo/*.tf "$work/config/"
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
(cd "$work/config" && "$terraform" plan -input=false -no-color)

say "demo finished"
