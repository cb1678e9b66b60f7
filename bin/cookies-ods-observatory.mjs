#!/usr/bin/env node
// The observatory as built by `npm run build` (`npm run observatory --` builds it first).
import { existsSync } from 'node:fs';

const built = new URL('../dist/observatory/cookies-ods-observatory.mjs', import.meta.url);
if (!existsSync(built)) {
  console.error("L'observatoire n'est pas construit : lancez « npm run build » (ou « npm run observatory -- … »).");
  process.exit(2);
}
await import(built.href);
