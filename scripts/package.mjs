// `npm run package`: what the stores take, in artifacts/ —
//   the Chrome Web Store zip (dist/chrome) and the AMO zip (dist/firefox), without source maps;
//   the source archive AMO asks for when code is minified: every tracked file a build needs, with BUILD.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const say = (file) =>
  console.log(`artifacts/${file}: ${(statSync(`${root}artifacts/${file}`).size / 1024).toFixed(1)} kB`);

/**
 * What rebuilding needs: the sources, the build scripts, the locked dependencies, the audit's schema (its build reads
 * it). Tests, fixtures and other docs stay out.
 */
export const SOURCE_PATHS = [
  'BUILD.md',
  'LICENSE',
  'manifest.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'public/',
  'scripts/build.mjs',
  'scripts/ocd.mjs',
  'scripts/debian-browsers.mjs',
  'scripts/debian-browsers.d.mts',
  'scripts/data/',
  'data/open-cookie-database/',
  'data/ods-portals-fr.tsv',
  'docs/audit.schema.json',
  'src/',
];

/** Every entry gets this date, and entries go in name order: the same files give the same bytes. */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');
const zipOf = (dir, files) =>
  zipSync(
    Object.fromEntries(
      [...files].sort().map((file) => [file, [readFileSync(`${dir}/${file}`), { mtime: FIXED_DATE }]]),
    ),
    { level: 9 },
  );

/** The tracked files under SOURCE_PATHS as they are in the working tree: the same tree gives the same archive. */
export function sourceArchive(dir = root) {
  return zipOf(
    dir,
    execFileSync('git', ['ls-files', '-z', '--', ...SOURCE_PATHS], { cwd: dir })
      .toString()
      .split('\0')
      .filter(Boolean),
  );
}

/** A store's zip: the built extension without its source maps; the same build gives the same archive. */
export function storeArchive(builtDir) {
  const files = readdirSync(builtDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => `${entry.parentPath ?? entry.path}/${entry.name}`.slice(builtDir.length + 1));
  return zipOf(builtDir, files);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(`${root}artifacts`, { recursive: true });
  for (const browser of ['chrome', 'firefox']) {
    const filename = `cookies-ods-${browser}-${version}.zip`;
    writeFileSync(`${root}artifacts/${filename}`, storeArchive(`${root}dist/${browser}`));
    say(filename);
  }
  // What AMO's own validator says of the zip it will receive: 0 errors, 0 warnings expected.
  execFileSync(
    `${root}node_modules/.bin/addons-linter`,
    ['--output', 'text', `${root}artifacts/cookies-ods-firefox-${version}.zip`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const filename = `cookies-ods-source-${version}.zip`;
  writeFileSync(`${root}artifacts/${filename}`, sourceArchive());
  say(filename);
}
