// `npm run package`: what the stores take, in artifacts/ —
//   the Chrome Web Store zip (dist/chrome) and the AMO zip (dist/firefox), without source maps;
//   the source archive AMO asks for when code is minified: every tracked file a build needs, with BUILD.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const say = (file) => console.log(`artifacts/${file}: ${(statSync(`${root}artifacts/${file}`).size / 1024).toFixed(1)} kB`);

/** What rebuilding the extension needs: the sources, the build scripts, the locked dependencies. Tests, fixtures and docs stay out. */
export const SOURCE_PATHS = ['BUILD.md', 'LICENSE', 'manifest.json', 'package.json', 'package-lock.json', 'tsconfig.json', 'public/', 'scripts/build.mjs', 'src/'];

/** The tracked files under SOURCE_PATHS as they are in the working tree, sorted, with a fixed date: the same tree gives the same archive. */
export function sourceArchive(dir = root) {
  const files = execFileSync('git', ['ls-files', '-z', '--', ...SOURCE_PATHS], { cwd: dir }).toString().split('\0').filter(Boolean).sort();
  const entries = Object.fromEntries(files.map((file) => [file, [readFileSync(`${dir}/${file}`), { mtime: new Date('2026-01-01T00:00:00Z') }]]));
  return zipSync(entries, { level: 9 });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(`${root}artifacts`, { recursive: true });
  for (const browser of ['chrome', 'firefox']) {
    const filename = `cookies-ods-${browser}-${version}.zip`;
    execFileSync(
      `${root}node_modules/.bin/web-ext`,
      ['build', '--source-dir', `${root}dist/${browser}`, '--artifacts-dir', `${root}artifacts`, '--filename', filename, '--overwrite-dest', '--ignore-files', '**/*.map'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    say(filename);
  }
  // What AMO's own validator says of the zip it will receive: 0 errors, 0 warnings expected.
  execFileSync(`${root}node_modules/.bin/addons-linter`, ['--output', 'text', `${root}artifacts/cookies-ods-firefox-${version}.zip`], { stdio: ['ignore', 'inherit', 'inherit'] });
  const filename = `cookies-ods-source-${version}.zip`;
  writeFileSync(`${root}artifacts/${filename}`, sourceArchive());
  say(filename);
}
