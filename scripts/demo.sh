#!/usr/bin/env bash
# The README's demo. With the API simulator serving the sample org, a real
# `terraform plan` of the example baseline (examples/demo) must fail on the
# seeded violations; the same baseline in warn mode records the findings and
# writes them as SARIF and JUnit; served the clean org, the baseline passes.
# Exits 0 when all of that happened as expected, and stops every process it
# started.
set -euo pipefail

terraform=${1:?usage: demo.sh TERRAFORM_BINARY PROVIDER_BINARY}
provider=${2:?usage: demo.sh TERRAFORM_BINARY PROVIDER_BINARY}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/demo-out"
work=$(mktemp -d "${TMPDIR:-/tmp}/openai-posture-demo.XXXXXX")
sim_pid=""

stop_simulator() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  sim_pid=""
}
cleanup() { stop_simulator; rm -rf "$work"; }
trap cleanup EXIT INT TERM

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[31mdemo failed: %s\033[0m\n' "$*" >&2; exit 1; }

# start_simulator FIXTURE: serve a fixture and export the provider's
# environment (base URLs, workspace id and the simulator's fake keys).
start_simulator() {
  stop_simulator
  "$work/openaisim" -fixture "$1" -env >"$work/sim.out" 2>"$work/sim.err" &
  sim_pid=$!
  for _ in $(seq 1 100); do
    grep -q '^export OPENAI_COMPLIANCE_BASE_URL=' "$work/sim.out" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; fail "the simulator exited early"; }
    sleep 0.1
  done
  grep -q '^export OPENAI_COMPLIANCE_BASE_URL=' "$work/sim.out" || fail "the simulator did not start"
  # shellcheck disable=SC1090
  source <(grep '^export ' "$work/sim.out")
  sed 's/^/    /' "$work/sim.err"
}

tf() { (cd "$work/config" && "$terraform" "$@"); }

say "building the simulator"
go build -o "$work/openaisim" "$root/cmd/openaisim"

# A local filesystem mirror stands in for the registry, so `terraform init`
# installs the provider built in bin/ as it would a released one, offline.
platform="$(go env GOOS)_$(go env GOARCH)"
demo_version=0.0.1
mirror="$work/mirror/registry.terraform.io/openai-posture/openai/$demo_version/$platform"
mkdir -p "$mirror" "$work/config" "$out"
cp "$provider" "$mirror/terraform-provider-openai_v$demo_version"
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/openai-posture/openai"]
  }
}
RC
cp "$root"/examples/demo/*.tf "$work/config/"
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
# Pacing exists for the real API's limits; the local simulator has none.
export OPENAI_ADMIN_REQUESTS_PER_MINUTE=0 OPENAI_COMPLIANCE_REQUESTS_PER_MINUTE=0

say "terraform init (installs the provider built in bin/ from a local mirror)"
tf init -input=false -no-color >"$work/init.txt" 2>&1 || { cat "$work/init.txt"; fail "terraform init failed"; }
grep -E 'Installed|initialized' "$work/init.txt" | sed 's/^/    /'

say "1/3 sample org: terraform plan of the example baseline (expected to fail on the seeded violations)"
start_simulator sample
set +e
tf plan -input=false -no-color -compact-warnings >"$work/plan-sample.txt" 2>&1
code=$?
set -e
grep -E '^(Error|│ Error): Posture check' "$work/plan-sample.txt" | sed 's/^│ //' || true
echo
sed -n '/Error: Posture check admin_key_rotation/,/^Error: /p' "$work/plan-sample.txt" | sed '$d' | sed 's/^/    /'
failed=$(grep -cE 'Error: Posture check .* failed' "$work/plan-sample.txt" || true)
[ "$code" -eq 1 ] || { cat "$work/plan-sample.txt"; fail "terraform plan exited $code on the sample org, expected 1"; }
[ "$failed" -ge 30 ] || { cat "$work/plan-sample.txt"; fail "only $failed failing checks on the sample org, expected one per seeded check"; }
echo "terraform plan exited 1 with $failed failing posture checks (full output: demo-out/plan-sample.txt)"
cp "$work/plan-sample.txt" "$out/"

say "2/3 sample org: record the posture in warn mode and write the reports"
tf apply -input=false -no-color -auto-approve -compact-warnings -var enforcement=warn >"$work/apply.txt" 2>&1 ||
  { cat "$work/apply.txt"; fail "terraform apply in warn mode failed"; }
tf output -raw sarif >"$out/posture.sarif"
tf output -raw junit >"$out/posture.junit.xml"
echo "score: $(tf output -raw score)/100; unwaived findings by severity:"
tf output -no-color unwaived_findings | sed 's/^/    /'
echo "wrote demo-out/posture.sarif ($(wc -c <"$out/posture.sarif") bytes) and demo-out/posture.junit.xml"

say "3/3 clean org: the same baseline passes (the recorded findings show as fixed)"
start_simulator clean
set +e
tf plan -input=false -no-color -detailed-exitcode >"$work/plan-clean.txt" 2>&1
code=$?
set -e
grep -E '^Plan:|No changes' "$work/plan-clean.txt" || true
[ "$code" -eq 0 ] || [ "$code" -eq 2 ] || { cat "$work/plan-clean.txt"; fail "terraform plan exited $code on the clean org, expected 0 or 2"; }
echo "terraform plan exited $code on the clean org (0: nothing changed, 2: findings recorded earlier are now gone)"

say "demo finished: the sample org failed the baseline, the clean org passed"
