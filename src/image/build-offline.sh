#!/usr/bin/env bash
# Builds loopinfo's image offline: no registry is needed, not even for the base image.
#
#   src/image/build-offline.sh        → localhost/loopinfo:local, in the podman storage under target/image/podman
#
# 1. jlink a Java 25 runtime (with its default class-data archive) from the JDK 25 that src/image/jdk.sh finds
#    (IMAGE_JDK, JAVA_HOME or the system's Temurin 25; never downloaded), add the few C libraries it links, and save
#    that as a local base image tar (podman import/save);
# 2. src/image/build.sh with that tar as the base: the same Jib configuration and training run as an image built
#    for a registry on the eclipse-temurin base, into the podman storage that `src/image/podman.sh run …` uses.
set -euo pipefail
cd "$(dirname "$0")/../.."
jdk=$(src/image/jdk.sh)
out=target/image
rm -rf "$out/rootfs" "$out/jre" && mkdir -p "$out/rootfs/opt" "$out/rootfs/etc" "$out/rootfs/tmp"

"$jdk/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,\
jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --generate-cds-archive --output "$out/jre" > /dev/null
# jlink writes the default archive for the default object layout only; the image runs with compact object headers,
# whose archive the JDK's own builds (and the eclipse-temurin base) carry too.
"$out/jre/bin/java" -XX:+UseCompactObjectHeaders -Xshare:dump > /dev/null
cp -a "$out/jre" "$out/rootfs/opt/java"

# The C libraries the runtime links (the desktop module's AWT libraries are never loaded by a server).
libraries=$( { ldd "$out/jre/bin/java"; find "$out/jre/lib" -name '*.so' \
  | grep -vE 'awt|fontmanager|jsound|lcms|javajpeg|mlib_image|splashscreen' | xargs -n1 ldd; } 2>/dev/null \
  | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$PWD" | sort -u)
for library in $libraries; do
  mkdir -p "$out/rootfs$(dirname "$library")"
  cp -L "$library" "$out/rootfs$library"
done
chmod 1777 "$out/rootfs/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "$out/rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/rootfs/etc/group"

tar -C "$out/rootfs" -cf "$out/base-rootfs.tar" .
src/image/podman.sh import -q --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' --change 'ENV JAVA_HOME=/opt/java' \
  "$out/base-rootfs.tar" localhost/loopinfo-base:local > /dev/null
rm -f "$out/base.tar"
src/image/podman.sh save -q --format docker-archive -o "$out/base.tar" localhost/loopinfo-base:local > /dev/null

PODMAN=src/image/podman.sh src/image/build.sh localhost/loopinfo:local -Dimage.base="tar://$PWD/$out/base.tar"
src/image/podman.sh image prune -f > /dev/null # the images this build replaced
