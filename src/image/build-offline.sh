#!/usr/bin/env bash
# Builds loopinfo's image with Jib, offline: no registry is needed, not even for the base image.
#
#   src/image/build-offline.sh        → target/image/loopinfo.tar (OCI), loaded into target/image/podman
#
# 1. jlink a Java runtime from the JDK that runs this script, add the few C libraries it links, and save that as
#    a local base image tar (podman import/save);
# 2. ./mvnw jib:buildTar with that tar as the base: the same Jib configuration that `./mvnw -Pimage package`
#    pushes to a registry with the eclipse-temurin base;
# 3. load the result into a podman storage under target/, so `src/image/podman.sh run …` can run it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/image
rm -rf "$out/rootfs" "$out/jre" && mkdir -p "$out/rootfs/opt" "$out/rootfs/etc" "$out/rootfs/tmp"

jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,\
jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/jre"
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

./mvnw -B -q initialize jib:buildTar -Dimage.base="tar://$PWD/$out/base.tar" -Dimage=localhost/loopinfo:local \
  -Djib.outputPaths.tar="$out/loopinfo.tar"
src/image/podman.sh load -q -i "$out/loopinfo.tar" > /dev/null
echo "built $out/loopinfo.tar as localhost/loopinfo:local"
