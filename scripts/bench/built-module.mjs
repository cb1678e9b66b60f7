// A TypeScript bench module (it imports the core) bundled for Node, imported, and its file removed.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compiledForEsbuild } from '../data/compiled.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function importBuilt(entry) {
  const file = `${root}dist/.bench-${basename(entry, '.ts')}.mjs`;
  await build({
    entryPoints: [`${root}scripts/bench/${entry}`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: file,
    logLevel: 'warning',
    plugins: [compiledForEsbuild],
  });
  try {
    return await import(file);
  } finally {
    rmSync(file);
  }
}
