#!/usr/bin/env bash
# Smoke test of the benchmark harness for CI (it does not judge speed): a database of its own,
# 20,000 contacts, 1 s per profile, the report written outside the repository; the database is
# dropped whatever happens. Needs PostgreSQL (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432
# postgres) and Redis (REDIS_URL, default redis://127.0.0.1:6379). About a minute.
#
#   bench/smoke.sh [--contacts 20000] [any other `npm run bench` flag]
set -euo pipefail
cd "$(dirname "$0")/.."
host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres}
db="safravo_bench_smoke_$(date +%s)_$$"
out=$(mktemp -d)
cleanup() {
  psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$out"
}
trap cleanup EXIT
psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "CREATE DATABASE \"$db\""
DATABASE_URL="postgresql://$user@$host:$port/$db" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" \
  npm run -s bench -- --contacts 20000 --duration 1 --warmup 0 --rounds 1 --port "${BENCH_PORT:-3990}" --out "$out/RESULTS.md" "$@" | tail -20
# The report must hold every profile and the query plans.
grep -q '| mix 80% read / 20% write |' "$out/RESULTS.md"
# Issue 13's: batch upsert, cursor pages at depth, change feed lag, Idempotency-Key overhead.
grep -q '| batch upsert (100 items' "$out/RESULTS.md"
grep -q '| list first page (no cursor) |' "$out/RESULTS.md"
grep -q '| list after a cursor at a random depth' "$out/RESULTS.md"
grep -q '| change feed: writer at 500 writes/s' "$out/RESULTS.md"
grep -q '| change feed: follower lag' "$out/RESULTS.md"
grep -q '| create without Idempotency-Key |' "$out/RESULTS.md"
grep -q '| create with Idempotency-Key' "$out/RESULTS.md"
# Issue 17's outbox target: the lag of the profile's deliveries, and each consumer's (an
# overloaded machine may time out some writes: the errors column is not judged here).
grep -qE '^\| outbox: commit to delivery, every consumer, creates at 300/s \(open loop\) \| [0-9]+ \| [0-9]+ \| [0-9]+ \| [0-9]+ \|' "$out/RESULTS.md"
grep -qE 'per consumer p50 / p99 / max ms: .*conversations\.link-contact [0-9]+ / [0-9]+ / [0-9]+' "$out/RESULTS.md"
grep -q '## Query plans' "$out/RESULTS.md"
grep -q '| `POST /v1/contacts/:id/merge` (moves' "$out/RESULTS.md"
# Issue 17's: get, list and create against both ceilings, bare HTTP and direct SQL (each its
# req/s / p99 and the ratio); the rows are printed.
for profile in 'get by id' 'list pages 1–40' 'create'; do
  grep -qE "^\| $profile \|([^|]*\|){6} [0-9]+ / [0-9.]+ ms( \([0-9]+ errors\))? \| [0-9.]+ \| [0-9]+ / [0-9.]+ ms( \([0-9]+ errors\))? \| [0-9.]+ \|" "$out/RESULTS.md"
done
grep -E '^\| (profile|get by id|list pages 1–40|create) \|' "$out/RESULTS.md"
echo "bench smoke test: ok"
