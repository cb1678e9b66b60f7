// Bundles the three surfaces once, then lays out dist/chrome and dist/firefox, each with the manifest that browser wants.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url).pathname;
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
      const contents = source.replace(/(\w+)\.innerHTML=(\w+)\.__html/g, '(()=>{throw Error("dangerouslySetInnerHTML is disabled")})()');
      if (contents === source) throw new Error('preact changed: update the no-raw-html plugin');
      return { contents, loader: 'js' };
    });
  },
};

const started = performance.now();
await rm(`${root}dist`, { recursive: true, force: true });
await build({
  entryPoints: {
    background: `${root}src/background/index.ts`,
    popup: `${root}src/popup/index.tsx`,
    options: `${root}src/options/index.tsx`,
  },
  outdir: bundleDir,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  target: ['chrome120', 'firefox128'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [noRawHtml],
});

const source = JSON.parse(await readFile(`${root}manifest.json`, 'utf8'));
for (const [browser, adapt] of Object.entries(targets)) {
  const out = `${root}dist/${browser}`;
  await mkdir(out, { recursive: true });
  await cp(`${root}public`, out, { recursive: true });
  await cp(bundleDir, out, { recursive: true });
  const manifest = structuredClone(source);
  adapt(manifest);
  await writeFile(`${out}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}
await rm(bundleDir, { recursive: true, force: true });
console.log(`built dist/chrome and dist/firefox in ${Math.round(performance.now() - started)} ms`);
