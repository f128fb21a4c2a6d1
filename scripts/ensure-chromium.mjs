#!/usr/bin/env node
// Prints the path of a usable Chromium, installing it first when running as root; otherwise prints
// the exact install command and exits 1. Never skips silently.
import { ensureChromium } from './lib/chromium.mjs';

try {
  console.log(ensureChromium());
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
