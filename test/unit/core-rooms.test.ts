import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The core in rooms that say what they hold (each its README), imported downward only: a room
// imports the rooms before it in this list, and no file of the core is ever part of a circle.
const ROOMS = ['util', 'cookies', 'consent', 'catalogue', 'charte', 'portals', 'report'];
const CORE = join(process.cwd(), 'src/core');

const files = readdirSync(CORE, { recursive: true, encoding: 'utf8' }).filter(
  (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'),
);
const importsOf = (file: string): string[] =>
  [...readFileSync(join(CORE, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => {
    const target = normalize(join(dirname(file), match[1]!));
    return (
      files.find(
        (candidate) => candidate === `${target}.ts` || candidate === target || candidate === `${target}.tsx`,
      ) ?? target
    );
  });
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const roomOf = (file: string) => file.split('/')[0]!;

describe('the core’s rooms', () => {
  it('holds every file in a room, each room saying what it holds', () => {
    for (const file of files) expect(ROOMS).toContain(roomOf(file));
    for (const room of ROOMS) expect(readFileSync(join(CORE, room, 'README.md'), 'utf8')).toMatch(/^# /);
  });

  it(
    'imports only downward: a room reaches the rooms before it, never the core from outside it, ' +
      'never a browser API',
    () => {
      const upward = [...graph].flatMap(([file, targets]) =>
        targets
          .filter((target) => !target.startsWith('..') && ROOMS.indexOf(roomOf(target)) > ROOMS.indexOf(roomOf(file)))
          .map((target) => `${file} → ${target}`),
      );
      expect(upward).toEqual([]);
      // Data from outside (the locales' words) is not code.
      const outside = [...graph].flatMap(([file, targets]) =>
        targets
          .filter((target) => target.startsWith('..') && !target.endsWith('.json'))
          .map((target) => `${file} → ${relative(CORE, join(CORE, target))}`),
      );
      expect(outside).toEqual([]);
      for (const file of files)
        expect(readFileSync(join(CORE, file), 'utf8')).not.toMatch(/webextension-polyfill|\bchrome\.|\bbrowser\./);
    },
  );

  it('has no import circle, types included', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });
});
