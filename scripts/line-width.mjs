// Lines of code at most 120 characters: the formatter wraps what it can (lineWidth in biome.json), but never a
// string, a regular expression or a comment; this says where one is left. Exit 1 when any is.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_LINE = 120;
const CODE = /\.(ts|tsx|mjs|js|css)$/;

const files = execFileSync('git', ['ls-files', 'src', 'test', 'scripts', 'bin'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => CODE.test(file));
const long = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => ([...line].length > MAX_LINE ? [`${file}:${index + 1}: ${[...line].length}`] : [])),
);
for (const place of long) console.error(place);
if (long.length > 0) {
  console.error(`${long.length} ligne(s) de plus de ${MAX_LINE} caractères / line(s) over ${MAX_LINE} characters`);
  process.exit(1);
}
