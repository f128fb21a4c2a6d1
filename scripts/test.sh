#!/usr/bin/env bash
# Every test: type check, unit and component tests (jsdom), both builds, then browser tests that
# load the built extension into real Chromium. Installs what is missing (npm ci; Chromium when run
# as root, else it stops with the command to run). Never skips the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› npm ci"
  npm ci
fi
node scripts/ensure-chromium.mjs

mkdir -p test-results
echo "› type check"
npx tsc --noEmit -p .
echo "› unit and component tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
echo "› build (Chrome MV3 and Firefox)"
npx wxt build
npx wxt build -b firefox --mv3
echo "› browser tests (Chromium with the built extension)"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json
node scripts/summarise-tests.mjs test-results/unit.json test-results/e2e.json
