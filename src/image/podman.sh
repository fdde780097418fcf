#!/usr/bin/env bash
# podman as this machine runs it: rootful, runc, vfs storage kept under target/image/podman, host networking
# by default for `run`. Usage: src/image/podman.sh <podman arguments…>
set -euo pipefail
cd "$(dirname "$0")/../.."
state="$PWD/target/image/podman"
mkdir -p "$state"
cat > "$state/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
netns = "host"
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$state/containers.conf"
exec podman --root "$state/storage" --runroot "$state/run" --storage-driver vfs "$@"
