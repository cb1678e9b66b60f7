// Bundles the three surfaces once, then lays out dist/chrome and dist/firefox, each with the manifest that browser
// wants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { packageOcd, pinnedOcd } from './ocd.mjs';
import { compiledForEsbuild } from './data/compiled.mjs';
import { TARTEAUCITRON_LICENSE } from './data/tarteaucitron.mjs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = `${root}dist/.bundle`;
const targets = {
  chrome: (manifest) => {
    delete manifest.background.scripts;
    delete manifest.browser_specific_settings;
  },
  firefox: (manifest) => {
    delete manifest.background.service_worker;
    delete manifest.minimum_chrome_version;
  },
};

/**
 * The extension never renders markup from data. Preact's one way to do so (dangerouslySetInnerHTML)
 * is cut out of the bundle, so no path to innerHTML with a dynamic value ships at all.
 */
const noRawHtml = {
  name: 'no-raw-html',
  setup(esbuild) {
    esbuild.onLoad({ filter: /preact[\\/]dist[\\/]preact\.module\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source.replace(
        /(\w+)\.innerHTML=(\w+)\.__html/g,
        '(()=>{throw Error("dangerouslySetInnerHTML is disabled")})()',
      );
      if (contents === source) throw new Error('preact changed: update the no-raw-html plugin');
      return { contents, loader: 'js' };
    });
  },
};

/** `import text from './file?raw'`: the file's text, as Vite reads it in the tests (the audit's style and script). */
const rawText = {
  name: 'raw-text',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\?raw$/ }, ({ path, resolveDir }) => ({
      path: join(resolveDir, path.slice(0, -'?raw'.length)),
      namespace: 'raw-text',
    }));
    esbuild.onLoad({ filter: /.*/, namespace: 'raw-text' }, async ({ path }) => ({
      contents: await readFile(path, 'utf8'),
      loader: 'text',
    }));
  },
};

const started = performance.now();
await rm(`${root}dist`, { recursive: true, force: true });
// The file src/core/catalogue/open-cookies.ts reads: its one name, in ocd-package.json.
const OCD_PACKAGE = JSON.parse(
  readFileSync(new URL('../src/core/catalogue/ocd-package.json', import.meta.url), 'utf8'),
);
const common = {
  outdir: bundleDir,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: ['chrome120', 'firefox128'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [noRawHtml, compiledForEsbuild],
  // Paths as written (node_modules/…), never resolved through links: a copy of the sources built
  // anywhere names its chunks and source maps the same, so rebuilds are byte-identical.
  preserveSymlinks: true,
};
// The background is one classic script (a service worker in Chrome, an event page in Firefox).
await build({ ...common, entryPoints: { background: `${root}src/background/index.ts` }, format: 'iife' });
// The popup's first question leaves from a classic script of its own, before its modules load.
await build({ ...common, entryPoints: { 'popup-ask': `${root}src/popup/ask.ts` }, format: 'iife' });
// The options page is a module bundle of its own, so code only a click needs (import, export)
// loads on that click.
const pages = {};
pages.options = (
  await build({
    ...common,
    entryPoints: { options: `${root}src/options/index.tsx` },
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/options-[name]-[hash]',
    metafile: true,
  })
).metafile.outputs;

// The popup's first paint is one file: each file a page fetches at open costs more than its bytes.
// What it draws after its rows (`drawn-after-rows.ts`) is bundled apart and shares the first file's Preact and services
// by importing them from it: the same module, so hooks and context are one.
const LATER = /^\.\/drawn-after-rows$/;
const SHARED = /^preact(\/hooks|\/jsx-runtime)?$|[\\/]ui[\\/]services$/;
const popupFirst = await build({
  ...common,
  entryPoints: { popup: `${root}src/popup/index.tsx` },
  format: 'esm',
  metafile: true,
  plugins: [
    ...common.plugins,
    {
      name: 'later-apart',
      setup: (b) => b.onResolve({ filter: LATER }, () => ({ path: './popup-later.js', external: true })),
    },
  ],
});
const popupLater = await build({
  ...common,
  entryPoints: { 'popup-later': `${root}src/popup/drawn-after-rows.ts` },
  format: 'esm',
  splitting: true,
  chunkNames: 'popup-later-[name]-[hash]',
  metafile: true,
  plugins: [
    ...common.plugins,
    {
      name: 'shared-from-first',
      setup: (b) => b.onResolve({ filter: SHARED }, () => ({ path: './popup.js', external: true })),
    },
  ],
});
pages.popup = { ...popupFirst.metafile.outputs, ...popupLater.metafile.outputs };
// Kept for `npm run bench`, which weighs what each page loads when it opens.
await writeFile(`${root}dist/pages-meta.json`, JSON.stringify(pages));

/**
 * The chunks a page imports at once, announced in its HTML so the browser fetches them in parallel, not one after
 * another.
 */
function preloads(page) {
  const outputs = pages[page];
  const entry = Object.keys(outputs).find((path) => path.endsWith(`/${page}.js`));
  return outputs[entry].imports
    .filter((imported) => imported.kind === 'import-statement')
    .map((imported) => `    <link rel="modulepreload" href="${imported.path.split('/.bundle/')[1]}" />\n`)
    .join('');
}

/**
 * Puts the preload links just before the one `</head>`; a page shaped otherwise stops the build rather than loading
 * slowly.
 */
function withPreloads(html, page) {
  const heads = html.match(/<\/head>/gi) ?? [];
  if (heads.length !== 1)
    throw new Error(`public/${page}.html must have exactly one </head> for the preload links (found ${heads.length})`);
  return html.replace(/[ \t]*<\/head>/i, (end) => `${preloads(page)}${end}`);
}

const openCookies = packageOcd(pinnedOcd().lookup, OCD_PACKAGE).map(([file, data]) => [file, JSON.stringify(data)]);
const source = JSON.parse(await readFile(`${root}manifest.json`, 'utf8'));
// One version number, package.json's: the manifest takes it at build time.
source.version = JSON.parse(await readFile(`${root}package.json`, 'utf8')).version;
for (const [browser, adapt] of Object.entries(targets)) {
  const out = `${root}dist/${browser}`;
  await mkdir(out, { recursive: true });
  await cp(`${root}public`, out, { recursive: true });
  await cp(bundleDir, out, { recursive: true });
  for (const page of Object.keys(pages)) {
    await writeFile(`${out}/${page}.html`, withPreloads(await readFile(`${root}public/${page}.html`, 'utf8'), page));
  }
  // The Open Cookie Database, compiled, with its licence (Apache-2.0) beside it.
  for (const [file, data] of openCookies) await writeFile(`${out}/${file}`, data);
  await cp(`${root}data/open-cookie-database/LICENSE`, `${out}/licenses/open-cookie-database-LICENSE.txt`);
  // tarteaucitron's list of the cookies each service covers, compiled into the background (MIT).
  await cp(TARTEAUCITRON_LICENSE, `${out}/licenses/tarteaucitron-LICENSE.txt`);
  const manifest = structuredClone(source);
  adapt(manifest);
  await writeFile(`${out}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}
await rm(bundleDir, { recursive: true, force: true });
/**
 * A command for Node (bin/<name>.mjs runs it): the extension's core bundled in, its crawler, browser and readers left
 * as packages.
 */
const command = (name, entry) =>
  build({
    entryPoints: { [name]: `${root}${entry}` },
    outdir: `${root}dist/${name.replace('cookies-ods-', '')}`,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [compiledForEsbuild, rawText],
    legalComments: 'none',
    logLevel: 'warning',
  });
await command('cookies-ods-audit', 'src/audit/cli.ts');
// The observatory: merging the folders of an audit sharded across machines.
await command('cookies-ods-observatory', 'src/observatory/cli.ts');
console.log(
  `built dist/chrome, dist/firefox, dist/audit and dist/observatory in ${Math.round(performance.now() - started)} ms`,
);
