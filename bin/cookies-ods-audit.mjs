#!/usr/bin/env node
// The audit as built by `npm run build` (`npm run audit --` builds it first).
import { existsSync } from 'node:fs';

const built = new URL('../dist/audit/cookies-ods-audit.mjs', import.meta.url);
if (!existsSync(built)) {
  console.error("L'audit n'est pas construit : lancez « npm run build » (ou « npm run audit -- … »).");
  process.exit(2);
}
await import(built.href);
