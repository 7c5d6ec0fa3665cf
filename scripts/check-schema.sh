#!/usr/bin/env bash
# Checks that crates/api/src/db/schema.rs is exactly what `diesel print-schema` generates from a freshly migrated
# empty database. Needs the diesel CLI and a PostgreSQL server: ADMIN_DATABASE_URL points at any database of it
# (default postgres://postgres@127.0.0.1:5432/postgres). With --write, regenerates the file instead of diffing.
set -euo pipefail
cd "$(dirname "$0")/.."

admin_url=${ADMIN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
name="jembatan_schema_check_$$"
check_url="${admin_url%/*}/$name"

cleanup() { psql "$admin_url" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT

psql "$admin_url" -qc "CREATE DATABASE $name" >/dev/null
# Migrate with the service's own `jembatan migrate` (the embedded migrations), then print what diesel sees.
generated=$(mktemp)
DATABASE_URL="$check_url" cargo run --quiet -p jembatan-api --bin jembatan -- migrate
diesel print-schema --database-url "$check_url" >"$generated"

if [[ ${1:-} == --write ]]; then
  cp "$generated" crates/api/src/db/schema.rs
  echo "schema.rs regenerated"
elif diff -u crates/api/src/db/schema.rs "$generated"; then
  echo "schema.rs is current"
else
  echo "schema.rs is out of date: run scripts/check-schema.sh --write and commit the result" >&2
  exit 1
fi
