#!/usr/bin/env bash
# Starts the production build on 127.0.0.1 with a freshly migrated and seeded
# database, for the end-to-end tests (playwright.config.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="tests/.tmp/e2e-${PORT:-3210}"
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="file:./$dir/e2e.db" DATA_DIR="./$dir" NODE_ENV=production LOG_LEVEL=warn
export PORT="${PORT:-3210}" HOST=127.0.0.1 PUBLIC_URL="http://127.0.0.1:${PORT:-3210}"
npx prisma migrate deploy > /dev/null
npx tsx prisma/seed.ts > /dev/null
# A pristine copy (with whatever is still in the WAL), for tests that start a server of their own on the
# same data (hostile-input.spec.ts).
node -e 'new (require("better-sqlite3"))(process.argv[1]).prepare("VACUUM INTO ?").run(process.argv[2])' "$dir/e2e.db" "$dir/seeded.db"
exec node "${BUILD_DIR:-build}/server.js"
