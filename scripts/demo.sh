#!/usr/bin/env bash
# The CRM Privacy Guard demo: install (when needed), check Chromium, build, run.
#   bash scripts/demo.sh              headed when DISPLAY is set, else headless screenshots
#   bash scripts/demo.sh --headless   screenshots in demo-screenshots/
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -d node_modules ] || [ ! -e node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "demo: node_modules missing or older than package-lock.json: npm ci"
  npm ci
fi
node scripts/ensure-chromium.mjs
npx wxt build
node scripts/demo.mjs "$@"
