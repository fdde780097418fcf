#!/usr/bin/env bash
# Prints the home of the JDK 25 that the image's runtime is jlinked from, or says where it looked and exits 3.
# It looks at IMAGE_JDK, then JAVA_HOME, then the system's Temurin 25 (/usr/lib/jvm/temurin-25-jdk-amd64).
# No JDK is ever downloaded.
#
#   src/image/jdk.sh            e.g. IMAGE_JDK=/opt/jdk-25 src/image/build-offline.sh
set -euo pipefail
release=25
candidates=("${IMAGE_JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64)
looked=()
for jdk in "${candidates[@]}"; do
  [ -n "$jdk" ] || continue
  looked+=("$jdk")
  version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/ { print $3 }') \
    || continue
  if [ "$version" = "$release" ] && [ -x "$jdk/bin/jlink" ]; then
    echo "$jdk"
    exit 0
  fi
done
echo "the image's runtime needs a JDK $release with jlink; looked in: ${looked[*]} (set IMAGE_JDK)" >&2
exit 3
