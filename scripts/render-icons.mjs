// Renders scripts/icon.svg (the source of the icons, not shipped) to the PNG sizes the manifest names. Run by hand when
// it changes.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { CHROMIUM } from './debian-browsers.mjs';

const dir = fileURLToPath(new URL('../public/icons/', import.meta.url));
const svg = await readFile(new URL('icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    '<style>html,body{margin:0;background:transparent}' +
      `svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
  );
  await page.screenshot({ path: `${dir}icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('icons written');
