#!/usr/bin/env bash
# Builds loopinfo's image, without a Docker daemon:
# 1. Maven builds the jar with Spring AOT's generated bean definitions (-Paot), and Jib lays it out on a Java 25
#    runtime base (pom.xml: user, ports, JVM options, labels) as an OCI tar;
# 2. podman builds src/image/Containerfile on it: a training run inside the image writes a JDK AOT cache of the
#    classes start-up loads and links, and the image starts from it.
#
#   src/image/build.sh IMAGE [Maven options…]      e.g. src/image/build.sh registry.example.com/loopinfo:0.1.0
#   podman push IMAGE
#
# Maven options go to the Jib build, e.g. -Dimage.base=… for another Java 25 base. PODMAN names the podman
# command to use (src/image/build-offline.sh passes src/image/podman.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
image=${1:?usage: src/image/build.sh IMAGE [Maven options…]}
shift
podman=${PODMAN:-podman}
mkdir -p target/image

# Jib's Guava uses sun.misc.Unsafe, which Java 24 and later warn of unless allowed; older JDKs know no such option.
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if "$java" --sun-misc-unsafe-memory-access=allow -version > /dev/null 2>&1; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi
./mvnw -B -q -DskipTests -Paot package jib:buildTar -Dimage="$image" -Djib.outputPaths.tar=target/image/loopinfo.tar "$@"
# The training run's output (the JVM names its options and class path, the application logs) is shown only if the
# build fails.
if ! "$podman" build -q --build-arg IMAGE="oci-archive:$PWD/target/image/loopinfo.tar" -t "$image" \
  -f src/image/Containerfile src/image > target/image/build.log 2>&1; then
  cat target/image/build.log >&2
  exit 1
fi
echo "built $image"
