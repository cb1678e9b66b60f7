import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceArchive } from '../../scripts/package.mjs';

const root = process.cwd();
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name))).sort();

describe('the source archive AMO asks for', () => {
  const work = mkdtempSync(join(tmpdir(), 'cookies-ods-source-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('rebuilds, with its own instructions, into byte-identical extension files', () => {
    if (!existsSync(join(root, 'dist/firefox/manifest.json'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root });
    for (const [file, bytes] of Object.entries(unzipSync(sourceArchive(root)))) {
      mkdirSync(dirname(join(work, file)), { recursive: true });
      writeFileSync(join(work, file), bytes);
    }
    expect(readFileSync(join(work, 'BUILD.md'), 'utf8')).toContain('node scripts/build.mjs');
    expect(existsSync(join(work, 'test'))).toBe(false);
    // The locked dependencies, as `npm ci` would install them from package-lock.json.
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: work, stdio: 'ignore' });
    for (const browser of ['chrome', 'firefox']) {
      const shipped = filesUnder(join(root, 'dist', browser)).filter((file) => !file.startsWith('bench-'));
      expect(filesUnder(join(work, 'dist', browser))).toEqual(shipped);
      for (const file of shipped) expect(readFileSync(join(work, 'dist', browser, file)).equals(readFileSync(join(root, 'dist', browser, file))), file).toBe(true);
    }
  }, 60_000);

  it('is the same archive for the same tree', () => {
    expect(Buffer.from(sourceArchive(root)).equals(Buffer.from(sourceArchive(root)))).toBe(true);
  });
});
