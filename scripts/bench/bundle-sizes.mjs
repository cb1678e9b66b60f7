// `npm run bench -- sizes`: what each page loads when it opens, gzipped, from the build's metafile.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DIST } from '../browsers.mjs';
import { report } from './table.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function benchBundleSizes() {
  const gz = (files) =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(`${DIST.chrome}/${file}`), { level: 9 }).length, 0);
  const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB (${bytes} B)`;
  const pages = JSON.parse(readFileSync(`${root}dist/pages-meta.json`, 'utf8'));
  const relative = (path) => path.split('/.bundle/')[1];
  /** A page's script and every chunk it imports statically: what the browser loads before the page runs. */
  function atOpen(outputs, path, seen = new Set()) {
    if (seen.has(path)) return seen;
    seen.add(path);
    for (const imported of outputs[path].imports)
      if (imported.kind === 'import-statement') atOpen(outputs, imported.path, seen);
    return seen;
  }
  for (const page of ['popup', 'options']) {
    const outputs = pages[page];
    const entry = Object.keys(outputs).find((path) => path.endsWith(`/${page}.js`));
    const open = atOpen(outputs, entry);
    const later = Object.keys(outputs).filter((path) => path.endsWith('.js') && !open.has(path));
    // The popup's first question leaves from a classic script of its own (popup-ask.js), loaded first.
    const extra = page === 'popup' ? ['popup-ask.js'] : [];
    report(
      `${page} JS+CSS at open, gzip`,
      kB(gz([...[...open].map(relative), `${page}.css`, ...extra])),
      page === 'popup' ? '≤ 15 kB' : '',
    );
    if (later.length > 0) report(`  ${page} code loaded on a click, gzip`, kB(gz(later.map(relative))));
  }
  // Its budget is what it costs to wake (wake.mjs), not its bytes.
  report('background JS, gzip', kB(gz(['background.js'])));
  report(
    '  one of the Open Cookie Database’s 16 shards of rows (read when a name is its), gzip',
    kB(gz(['open-cookie-database-0.json'])),
  );
}
