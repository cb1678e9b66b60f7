import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceArchive, storeArchive } from '../../scripts/package.mjs';

const root = process.cwd();
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

describe('the source archive AMO asks for', () => {
  const work = mkdtempSync(join(tmpdir(), 'cookies-ods-source-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /**
   * Lays files out in a folder of their own, with the locked dependencies as `npm ci` would install them, and builds
   * there.
   */
  function builtFrom(name: string, files: Record<string, Uint8Array>): string {
    const dir = join(work, name);
    for (const [file, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), bytes);
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'ignore' });
    return dir;
  }

  it('rebuilds, with its own instructions, into the very files the repository builds', () => {
    const archived = unzipSync(sourceArchive(root));
    expect(new TextDecoder().decode(archived['BUILD.md'])).toContain('node scripts/build.mjs');
    expect(Object.keys(archived).some((file) => file.startsWith('test/'))).toBe(false);
    // The repository as it is (every tracked file), built elsewhere, is what the store zips are made of.
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root })
      .toString()
      .split('\0')
      .filter((file) => file && existsSync(join(root, file)));
    const repository = builtFrom(
      'repository',
      Object.fromEntries(tracked.map((file) => [file, readFileSync(join(root, file))])),
    );
    const fromArchive = builtFrom('archive', archived);
    for (const browser of ['chrome', 'firefox']) {
      const expected = filesUnder(join(repository, 'dist', browser));
      expect(filesUnder(join(fromArchive, 'dist', browser))).toEqual(expected);
      for (const file of expected)
        expect(
          readFileSync(join(fromArchive, 'dist', browser, file)).equals(
            readFileSync(join(repository, 'dist', browser, file)),
          ),
          file,
        ).toBe(true);
      // Two builds, in two folders, give byte-identical store zips: dates fixed, names in order, no source map.
      const zip = storeArchive(join(repository, 'dist', browser));
      expect(Buffer.from(storeArchive(join(fromArchive, 'dist', browser))).equals(Buffer.from(zip)), browser).toBe(
        true,
      );
      expect(Object.keys(unzipSync(zip)).some((file) => file.endsWith('.map'))).toBe(false);
    }
  }, 60_000);

  it('is the same archive for the same tree', () => {
    expect(Buffer.from(sourceArchive(root)).equals(Buffer.from(sourceArchive(root)))).toBe(true);
  });
});
