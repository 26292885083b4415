#!/usr/bin/env bash
# Fetches the pinned Chisel/Scala jars and firtool (pom.xml beside this script) with plain Maven into DEST and
# builds the JVM compile server there. Idempotent: a stamp holding the hash of its inputs skips work already done.
#   usage: setup_toolchain.sh DEST
# `make setup` passes the checkout's .toolchain/; `chisellm setup` passes the user cache.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DEST" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
dest=$(cd "$1" && pwd)
pom="$here/pom.xml"
server_src="$here/../hdl/jvm"
stamp="$dest/.stamp"
want=$(cat "$pom" "$0" "$server_src"/*.scala | sha256sum | cut -c1-16)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "toolchain: up to date ($dest)"
  exit 0
fi
command -v mvn >/dev/null || { echo "toolchain: Maven (mvn) is required; install it (apt-get install maven)" >&2; exit 1; }
command -v java >/dev/null || { echo "toolchain: Java 17 is required; install it (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
command -v unzip >/dev/null || { echo "toolchain: unzip is required; install it (apt-get install unzip)" >&2; exit 1; }
rm -rf "$dest/jars.new"
echo "toolchain: fetching jars with Maven"
mvn -q -B -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dest/jars.new"
rm -rf "$dest/jars" "$dest/plugin" "$dest/firtool" "$dest/server"
mkdir -p "$dest/plugin" "$dest/firtool/bin"
mv "$dest"/jars.new/chisel-plugin_*.jar "$dest/plugin/"
firtool_jar=$(ls "$dest"/jars.new/llvm-firtool-*.jar)
(cd "$dest/firtool" && unzip -q -o -j "$firtool_jar" 'org.chipsalliance/llvm-firtool/linux-x64/bin/firtool' -d bin)
chmod +x "$dest/firtool/bin/firtool"
rm -f "$firtool_jar"
mv "$dest/jars.new" "$dest/jars"
echo "toolchain: building the compile server"
mkdir -p "$dest/server"
cp=$(ls "$dest"/jars/*.jar | tr '\n' ':')
java -Xss16m -cp "$cp" scala.tools.nsc.Main -nowarn -usejavacp -d "$dest/server" "$server_src"/*.scala
"$dest/firtool/bin/firtool" --version | grep -i circt
echo "$want" > "$stamp"
echo "toolchain: ready in $dest"
