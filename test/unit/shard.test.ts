import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf, shareOf } from '../../src/audit/shard';
import { DIRECTORY } from 'virtual:ods-directory';

describe('--shard K/N', () => {
  it('reads K/N with K from 1 to N, and nothing else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
    for (const text of ['0/3', '4/3', '1.5/2', '3', '-1/2', '1/0', 'a/b', '1/2/3', '1/99999'])
      expect(parseShard(text)).toBeNull();
  });

  it('N shards are disjoint and together are the whole list, whatever the hosts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.domain(), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (hosts, count) => {
        for (const host of hosts) {
          const shards = Array.from({ length: count }, (_, i) => i + 1).filter((index) =>
            inShard(host, { index, count }),
          );
          expect(shards).toEqual([shardOf(host, count)]);
        }
      }),
    );
  });

  it('adding portals to the list moves no other portal', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.domain(), { maxLength: 40 }),
        fc.uniqueArray(fc.domain(), { maxLength: 40 }),
        fc.integer({ min: 2, max: 9 }),
        (hosts, added, count) => {
          const list = hosts.map((host) => ({ host }));
          const longer = [...added.filter((host) => !hosts.includes(host)).map((host) => ({ host })), ...list];
          for (let index = 1; index <= count; index++) {
            const before = shareOf(list, { index, count }).map(({ host }) => host);
            const after = shareOf(longer, { index, count }).map(({ host }) => host);
            expect(after.filter((host) => hosts.includes(host))).toEqual(before);
          }
        },
      ),
    );
  });

  it('shares the 270 directory portals about evenly between 3 machines', () => {
    const sizes = [1, 2, 3].map((index) => DIRECTORY.filter(([host]) => inShard(host, { index, count: 3 })).length);
    expect(sizes.reduce((a, b) => a + b)).toBe(DIRECTORY.length);
    for (const size of sizes) expect(size).toBeGreaterThan(DIRECTORY.length / 3 - 30);
  });
});
