#!/usr/bin/env bash
# Makes <shape>-pg<NN>.json from <shape>.sql on a real server that already holds setup.sql:
#   make-plans.sh PORT NN [shape...]
# Each statement runs in a transaction that is rolled back, after the SET lines of its file.
set -euo pipefail
port=$1; major=$2; shift 2
cd "$(dirname "$0")"
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=($(ls *.sql | grep -v '^setup.sql$' | sed 's/\.sql$//'))
for shape in "${shapes[@]}"; do
    sql=$(cat "$shape.sql")
    if [ "$major" -lt 16 ]; then sql=${sql//debug_parallel_query/force_parallel_mode}; fi
    settings=$(grep '^SET ' <<<"$sql" || true)
    statement=$(grep -v '^SET ' <<<"$sql")
    printf 'BEGIN;\n%s\nEXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON)\n%s;\nROLLBACK;\n' "$settings" "$statement" \
        | psql -X -q -At -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 > "$shape-pg$major.json"
    echo "$shape-pg$major.json"
done
