// `npm test` after the build: the formatter and linter (Biome), the width of lines, the type check and the test
// runs side by side (the checkers are seconds of one core the browsers mostly leave idle); it fails when any does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const [style, width, types, tests] = await Promise.all([
  run(bin('biome'), ['ci', '--colors=off', '.']),
  run(process.execPath, [fileURLToPath(new URL('line-width.mjs', import.meta.url))]),
  run(bin('tsc'), ['--noEmit']),
  run(bin('vitest'), ['run', '--project', 'unit', '--project', 'e2e']),
]);
if (style !== 0) console.error('biome ci a échoué (npm run format corrige la forme) / the formatter or linter failed');
if (width !== 0) console.error('des lignes dépassent 120 caractères / lines over 120 characters');
if (types !== 0) console.error('tsc --noEmit a échoué / the type check failed');
process.exit(style || width || types || tests);
