#!/usr/bin/env bash
# install-client-tools.sh — what the Java and TypeScript clients need to be generated,
# built and tested offline, from the package registries only, idempotently:
#   Maven Central: protoc and protoc-gen-grpc-java        -> ~/.cache/secrets-broker/codegen,
#                  linked as .tools/bin/* for clients/java/buf.gen.yaml
#                  clients/java's dependencies and plugins -> ~/.m2 (then `mvn -o` works)
#   npm:           clients/typescript's package-lock.json  -> clients/typescript/node_modules
#                  (protoc-gen-es for clients/typescript/buf.gen.yaml, grpc-js, tsc)
# Called by tools/install-tools.sh; each step is skipped when its pins are already met.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned versions: change here, nowhere else. protoc 4.36.2 (Maven's name for protoc
# 36.2) matches protobuf-java 4.36.2 in clients/java/pom.xml and Python's protobuf 7.36.2.
# protoc-gen-grpc-java: Maven Central serves no linux-x86_64 binary of 1.84.x or 1.85.x,
# so the stubs come from 1.83.1 and run on grpc-java 1.85.1 (a newer runtime accepts
# older generated code).
PROTOC_VERSION=4.36.2
GRPC_JAVA_PLUGIN_VERSION=1.83.1
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.11.0

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/secrets-broker/codegen"
LINKS=.tools/bin

log() { printf '[install-client-tools] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Maven, quiet unless it fails (Debian's Maven prints colour codes even with -B -q).
mvn_quiet() {
  local out
  out="$(mktemp)"
  if ! mvn -B -q "$@" >"$out" 2>&1; then
    cat "$out" >&2
    rm -f "$out"
    die "mvn $* failed"
  fi
  rm -f "$out"
}

command -v mvn >/dev/null || die "mvn not found (Maven >= 3.8 and JDK 17 are needed)"
command -v npm >/dev/null || die "npm not found (Node 20 is needed)"

maven_classifier() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=osx ;;
    *) die "no protoc binary on Maven Central for $(uname -s)" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch_64 ;;
    *) die "no protoc binary on Maven Central for $(uname -m)" ;;
  esac
  echo "$os-$arch"
}

# fetch_exe NAME GROUP:ARTIFACT VERSION: the executable in the cache, linked into .tools/bin.
fetch_exe() {
  local name=$1 ga=$2 version=$3 classifier file
  classifier="$(maven_classifier)"
  file="$CACHE/$name-$version-$classifier.exe"
  if [[ ! -x "$file" ]]; then
    log "fetching $ga:$version ($classifier) from Maven Central"
    mkdir -p "$CACHE"
    mvn_quiet "$DEPENDENCY_PLUGIN:copy" -Dartifact="$ga:$version:exe:$classifier" \
      -DoutputDirectory="$CACHE" -Dmdep.overWriteReleases=true
    [[ -f "$file" ]] || die "$ga:$version: $file missing after mvn dependency:copy"
    chmod +x "$file"
  fi
  mkdir -p "$LINKS"
  ln -sfn "$file" "$LINKS/$name"
  log "$name $version: $LINKS/$name"
}

# go-offline fetches the dependencies and every plugin with its own dependencies (3.11.0
# does; 3.8.1 skipped plugin-level dependencies). That is why clients/java/pom.xml names
# the Surefire JUnit provider: Surefire would otherwise pick it only when tests run.
# A stamp per pom.xml content keeps a warm machine from paying for a Maven start-up.
maven_deps() {
  local stamp
  stamp="$HOME/.m2/repository/.secrets-broker/pom-$(sha256sum clients/java/pom.xml | cut -c1-16)"
  if [[ -f "$stamp" ]]; then
    log "Maven dependencies of clients/java already fetched"
    return
  fi
  log "fetching Maven dependencies of clients/java"
  (cd clients/java && mvn_quiet "$DEPENDENCY_PLUGIN:go-offline")
  mkdir -p "$(dirname "$stamp")"
  touch "$stamp"
}

# npm ci replaces node_modules wholesale: only when the lock file changed since.
npm_deps() {
  local dir=clients/typescript
  if [[ -f "$dir/node_modules/.package-lock.json" ]] \
    && cmp -s <(sha256sum <"$dir/package-lock.json") "$dir/node_modules/.secrets-broker-lock"; then
    log "npm dependencies of $dir already installed"
    return
  fi
  log "installing npm dependencies of $dir (npm ci)"
  (cd "$dir" && npm ci --prefer-offline --no-audit --no-fund --no-update-notifier --loglevel=error >&2)
  sha256sum <"$dir/package-lock.json" >"$dir/node_modules/.secrets-broker-lock"
}

timed() { # timed CMD...: run CMD and log how long it took
  local start=$SECONDS
  "$@"
  log "  (${*:1:2}: $((SECONDS - start))s)"
}

timed fetch_exe protoc com.google.protobuf:protoc "$PROTOC_VERSION"
timed fetch_exe protoc-gen-grpc-java io.grpc:protoc-gen-grpc-java "$GRPC_JAVA_PLUGIN_VERSION"
timed maven_deps
timed npm_deps
