#!/usr/bin/env bash
# install-tools.sh — install the non-Python tools the tests and docs use, from the
# package registries only, idempotently:
#   Go (module proxy): grpcurl, grpc-health-probe, buf, ghz,
#                      protoc-gen-go, protoc-gen-go-grpc      -> $(go env GOPATH)/bin
#   Debian:            PostgreSQL server (initdb, pg_ctl)     -> /usr/lib/postgresql/*/bin
#   OpenBao:           tools/build-openbao.sh (built from the module proxy, cached)
#   SPIRE:             tools/build-spire.sh (server + agent, module proxy, cached)
#   npm:               the test OpenID Provider's packages (tests/identities/provider, npm ci)
#   Java/TypeScript:   tools/install-client-tools.sh (protoc, protoc-gen-grpc-java and
#                      clients/java's Maven dependencies from Maven Central; npm ci)
# Each tool is skipped when the right version is already there. Prints each step's time.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned versions: change here, nowhere else.
GO_TOOLS=(
  "grpcurl github.com/fullstorydev/grpcurl/cmd/grpcurl github.com/fullstorydev/grpcurl v1.9.3"
  "grpc-health-probe github.com/grpc-ecosystem/grpc-health-probe github.com/grpc-ecosystem/grpc-health-probe v0.4.61"
  "buf github.com/bufbuild/buf/cmd/buf github.com/bufbuild/buf v1.75.0"
  "ghz github.com/bojand/ghz/cmd/ghz github.com/bojand/ghz v0.121.0"
  # buf generate's local plugins for clients/go (see buf.gen.yaml).
  "protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go google.golang.org/protobuf v1.36.12"
  "protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc v1.6.2"
)

log() { printf '[install-tools] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

TIMINGS=()
timed() { # timed LABEL CMD...: run CMD, record how long it took
  local label=$1 start=$SECONDS
  shift
  "$@"
  TIMINGS+=("$(printf '%-20s %4ds' "$label" $((SECONDS - start)))")
}

command -v go >/dev/null || die "go not found on PATH (Go >= 1.26 is needed)"
gobin="$(go env GOBIN)"
[[ -n "$gobin" ]] || gobin="$(go env GOPATH)/bin"

# The module version a Go binary was built from, or nothing.
go_bin_version() { # go_bin_version BIN MODULE
  [[ -x "$1" ]] || return 0
  go version -m "$1" 2>/dev/null | awk -v m="$2" '$1 == "mod" && $2 == m { print $3 }'
}

install_go_tool() { # install_go_tool NAME PKG MODULE VERSION
  local name=$1 pkg=$2 mod=$3 ver=$4 have
  have="$(go_bin_version "$gobin/$name" "$mod")"
  if [[ "$have" == "$ver" ]]; then
    log "$name $ver already installed"
    return
  fi
  log "installing $name $ver${have:+ (have $have)}"
  go install "$pkg@$ver"
  [[ "$(go_bin_version "$gobin/$name" "$mod")" == "$ver" ]] || die "$name: $gobin/$name is not $ver after go install"
}

for spec in "${GO_TOOLS[@]}"; do
  # shellcheck disable=SC2086  # word splitting of the spec is intended
  timed "$(cut -d' ' -f1 <<<"$spec")" install_go_tool $spec
done

have_postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null \
    && compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null
}
install_postgres() {
  if have_postgres; then
    local dirs=(/usr/lib/postgresql/*/bin)
    log "PostgreSQL server already installed: ${dirs[*]}"
    return
  fi
  command -v apt-get >/dev/null || die "PostgreSQL missing and no apt-get: install postgresql (15) by hand"
  local sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo)
  log "installing PostgreSQL from Debian"
  # Some third-party apt sources may be unreachable; apt-get update only warns about those.
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends postgresql >&2
  have_postgres || die "postgresql installed but initdb/pg_ctl not found under /usr/lib/postgresql/*/bin"
}
timed postgresql install_postgres

build_openbao() {
  if [[ ! -f tools/build-openbao.sh ]]; then
    log "tools/build-openbao.sh absent: skipping OpenBao"
    return
  fi
  local bao
  bao="$(bash tools/build-openbao.sh)" || die "tools/build-openbao.sh failed"
  log "OpenBao: $bao"
}
timed openbao build_openbao

build_spire() {
  local dir
  dir="$(bash tools/build-spire.sh)" || die "tools/build-spire.sh failed"
  log "SPIRE: $dir"
}
timed spire build_spire

# The identity tests' OpenID Provider (npm oidc-provider), from its package-lock.json.
install_oidc_provider() {
  local dir=tests/identities/provider
  command -v npm >/dev/null || die "npm not found (Node 20 runs the test OpenID Provider)"
  if [[ -f "$dir/node_modules/.package-lock.json" ]] \
    && cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"; then
    log "oidc-provider packages already installed"
    return
  fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"
}
timed oidc-provider install_oidc_provider

timed client-tools tools/install-client-tools.sh

log "durations:"
for t in "${TIMINGS[@]}"; do log "  $t"; done
