#!/usr/bin/env bash
# Checks the release configuration and builds a snapshot release locally,
# without publishing and without signing:
#
#   1. goreleaser check            (.goreleaser.yml is valid)
#   2. goreleaser release --snapshot --clean --skip=publish,sign
#   3. checks the artifacts follow the Terraform Registry's conventions: a zip
#      per target holding terraform-provider-openai_v<version>, the
#      <name>_<version>_SHA256SUMS file listing every zip and the manifest,
#      <name>_<version>_manifest.json identical to terraform-registry-manifest.json,
#      and the version injected into the binary.
#
# GoReleaser is built once from the Go module proxy into .tools/bin (like the
# CLIs of `make tools`). The full matrix (13 targets) takes a while on 2
# cores, so by default the snapshot builds only the host's target;
# RELEASE_TARGETS=all builds every target of .goreleaser.yml, and
# RELEASE_TARGETS="linux_amd64 darwin_arm64" any list.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

GORELEASER_VERSION=${GORELEASER_VERSION:-v2.15.1}
tools="$root/.tools"
goreleaser="$tools/bin/goreleaser-$GORELEASER_VERSION"
name=terraform-provider-openai

say() { printf '==> %s\n' "$*"; }
fail() { printf 'release-check: %s\n' "$*" >&2; exit 1; }

if [ ! -x "$goreleaser" ]; then
  say "building GoReleaser $GORELEASER_VERSION from the Go module proxy (a few minutes, once)"
  mkdir -p "$tools/bin" "$tools/gobin-goreleaser"
  (cd /tmp && GOBIN="$tools/gobin-goreleaser" GOFLAGS= go install "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION")
  mv "$tools/gobin-goreleaser/goreleaser" "$goreleaser"
fi

say "goreleaser check"
"$goreleaser" check --config .goreleaser.yml

config=.goreleaser.yml
tmp=""
cleanup() { [ -z "$tmp" ] || rm -f "$tmp"; }
trap cleanup EXIT
targets=${RELEASE_TARGETS:-$(go env GOOS)_$(go env GOARCH)}
if [ "$targets" != all ]; then
  # A copy of the configuration whose build lists explicit targets (GoReleaser
  # then ignores goos/goarch); everything else is the real configuration.
  list=$(printf '%s, ' $targets); list=${list%, }
  tmp=$(mktemp "${TMPDIR:-/tmp}/goreleaser.XXXXXX.yml")
  sed "s/^  - env:\$/  - targets: [$list]\n    env:/" .goreleaser.yml >"$tmp"
  grep -q "targets: \[$list\]" "$tmp" || fail "could not restrict the targets of .goreleaser.yml"
  config=$tmp
  say "snapshot for $list only (RELEASE_TARGETS=all for every target)"
fi

say "goreleaser release --snapshot --clean --skip=publish,sign"
"$goreleaser" release --config "$config" --snapshot --clean --skip=publish,sign

say "checking the artifacts in dist/"
sums=$(ls dist/${name}_*_SHA256SUMS 2>/dev/null | head -1)
[ -n "$sums" ] || fail "no dist/${name}_<version>_SHA256SUMS"
version=${sums#dist/${name}_}; version=${version%_SHA256SUMS}
manifest="dist/${name}_${version}_manifest.json"
# The manifest is uploaded from the repository root under its registry name
# (release.extra_files), which a snapshot skips: put it beside the zips as the
# release would, and check SHA256SUMS lists it under that name.
grep -q " ${name}_${version}_manifest.json\$" "$sums" || fail "$sums does not list ${name}_${version}_manifest.json"
cp terraform-registry-manifest.json "$manifest"
(cd dist && sha256sum --check --quiet "$(basename "$sums")") || fail "checksums do not match"

zips=0
for t in $( [ "$targets" = all ] && echo "" || echo "$targets" ); do
  [ -f "dist/${name}_${version}_${t}.zip" ] || fail "missing dist/${name}_${version}_${t}.zip"
done
for z in dist/${name}_${version}_*.zip; do
  [ -f "$z" ] || continue
  zips=$((zips + 1))
  grep -q " $(basename "$z")\$" "$sums" || fail "$sums does not list $(basename "$z")"
  entries=$(unzip -Z1 "$z")
  case "$z" in
    *_windows_*) want="${name}_v${version}.exe" ;;
    *) want="${name}_v${version}" ;;
  esac
  printf '%s\n' "$entries" | grep -qx "$want" || fail "$z does not hold $want (has: $entries)"
done
[ "$zips" -gt 0 ] || fail "no zip archives in dist/"

# The version injected with -X main.version, read back from the binary.
host_zip="dist/${name}_${version}_$(go env GOOS)_$(go env GOARCH).zip"
if [ -f "$host_zip" ]; then
  bin_dir=$(mktemp -d "${TMPDIR:-/tmp}/release-check.XXXXXX")
  unzip -q "$host_zip" -d "$bin_dir"
  # -trimpath keeps -ldflags out of the build info, so look for the string.
  grep -aqF -- "$version" "$bin_dir/${name}_v${version}" ||
    { rm -rf "$bin_dir"; fail "the binary does not carry -X main.version=${version}"; }
  rm -rf "$bin_dir"
fi

say "release-check passed: version $version, $zips zip(s), SHA256SUMS and manifest in dist/ (not signed, not published)"
