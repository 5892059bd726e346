#!/usr/bin/env bash
# Regenerates src/main/java/io/pgdeck/db from jooq-codegen/sql/*.sql (see README.md).
# exec:exec rather than exec:java: the pom pins exec:java's mainClass to the application.
# Extra arguments go to Maven, e.g. ./jooq-codegen/regenerate.sh -o for offline.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile exec:exec \
    -Dexec.classpathScope=test \
    -Dexec.executable=java \
    "-Dexec.args=-classpath %classpath io.pgdeck.codegen.JooqCodegen src/main/java" \
    "$@"
