// `npm run package`: store-ready zips of dist/chrome (Chrome Web Store) and dist/firefox (AMO), without source maps.
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8'));
for (const browser of ['chrome', 'firefox']) {
  const filename = `cookies-ods-${browser}-${version}.zip`;
  execFileSync(
    `${root}node_modules/.bin/web-ext`,
    ['build', '--source-dir', `${root}dist/${browser}`, '--artifacts-dir', `${root}artifacts`, '--filename', filename, '--overwrite-dest', '--ignore-files', '**/*.map'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`artifacts/${filename}: ${(statSync(`${root}artifacts/${filename}`).size / 1024).toFixed(1)} kB`);
}
