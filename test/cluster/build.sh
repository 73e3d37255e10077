#!/usr/bin/env bash
# Builds the local control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kwok, Argo Rollouts controller and kubectl plugin) from the Go
# wrapper modules beside this script. Each component's binaries are cached in
# $ROLLOUTS_TUI_CACHE/bin/<component>-<key>, where key hashes its go.mod/go.sum,
# the Go version and the build flags, so a warm run only checks the keys.
# Prints the directory holding all binaries (a symlink farm) on its last line.
set -euo pipefail
export GOTOOLCHAIN=local CGO_ENABLED=0
here="$(cd "$(dirname "$0")" && pwd)"
cache="${ROLLOUTS_TUI_CACHE:-$HOME/.cache/rollouts-tui}"
out="$cache/bin/current"
mkdir -p "$cache/bin" "$out"
go_version="$(go version)"
start_all=$(date +%s)

k8s_version=v1.36.3
k8s_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=36 -X $pkg.gitTreeState=clean -X $pkg.buildDate=2026-01-01T00:00:00Z"
done
# Argo prefixes "v" itself (GetVersion: "v" + version + "+unknown" without a git commit).
argo_ldflags="-s -w -X github.com/argoproj/argo-rollouts/utils/version.version=1.10.1 -X github.com/argoproj/argo-rollouts/utils/version.buildDate=2026-10-12T11:30:54Z"

# build <component> <ldflags> <binary-name=package>...
build() {
  local component="$1" ldflags="$2"; shift 2
  local key
  key="$(cat "$here/$component/go.mod" "$here/$component/go.sum" | { cat; echo "$go_version $ldflags $*"; } | sha256sum | cut -c1-16)"
  local dir="$cache/bin/$component-$key" lock=""
  if [ ! -f "$dir/.done" ] && command -v flock >/dev/null; then
    # Concurrent runs (CI step, vitest global setup, another terminal) build each component once.
    exec {lock}>"$cache/bin/.$component.lock"
    if ! flock -n "$lock"; then
      echo "build: $component is being built by another process; waiting for it" >&2
      flock "$lock"
    fi
  fi
  if [ ! -f "$dir/.done" ]; then
    local t0; t0=$(date +%s)
    echo "build: $component (cold; this can take many minutes)" >&2
    rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
    for spec in "$@"; do
      local name="${spec%%=*}" pkg="${spec#*=}"
      echo "build:   $name <- $pkg" >&2
      (cd "$here/$component" && go build -trimpath -tags selinux,notest,grpcnotrace -ldflags "$ldflags" -o "$dir.tmp/$name" "$pkg")
      echo "build:   $name done ($(( $(date +%s) - t0 ))s elapsed)" >&2
    done
    touch "$dir.tmp/.done"; rm -rf "$dir"; mv "$dir.tmp" "$dir"
    echo "build: $component done in $(( $(date +%s) - t0 ))s" >&2
  else
    echo "build: $component cached" >&2
  fi
  if [ -n "$lock" ]; then exec {lock}>&-; fi
  for f in "$dir"/*; do ln -sf "$f" "$out/$(basename "$f")"; done
}

only="${1:-all}"
want() { [ "$only" = all ] || [ "$only" = "$1" ]; }
want etcd && build etcd "-s -w" etcd=go.etcd.io/etcd/server/v3
want kwok && build kwok "-s -w" kwok=sigs.k8s.io/kwok/cmd/kwok
want k8s && build k8s "$k8s_ldflags" \
  kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver \
  kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager \
  kube-scheduler=k8s.io/kubernetes/cmd/kube-scheduler
want argo && build argo "$argo_ldflags" \
  rollouts-controller=github.com/argoproj/argo-rollouts/cmd/rollouts-controller \
  kubectl-argo-rollouts=github.com/argoproj/argo-rollouts/cmd/kubectl-argo-rollouts
echo "build: all done in $(( $(date +%s) - start_all ))s" >&2
echo "$out"
