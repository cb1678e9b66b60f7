/**
 * One machine's share of a long list of portals (`--shard K/N`): a portal belongs to shard K of N by
 * a stable hash of its host name, never by its rank in the list, so adding a portal moves no other
 * one, and N machines given the same list audit disjoint shares that together are the whole list.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1 to `count`. */
  index: number;
  count: number;
}

const MAX_SHARDS = 1_000;

/** `3/8` → shard 3 of 8; null for anything else (0/8, 9/8, 1.5/2, 3). */
export function parseShard(text: string): Shard | null {
  const found = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!found) return null;
  const index = Number(found[1]);
  const count = Number(found[2]);
  return index >= 1 && count >= 1 && index <= count && count <= MAX_SHARDS ? { index, count } : null;
}

/** The shard a host falls in, from the first four bytes of its SHA-256. */
export function shardOf(host: string, count: number): number {
  return (createHash('sha256').update(host).digest().readUInt32BE(0) % count) + 1;
}

export const inShard = (host: string, shard: Shard) => shardOf(host, shard.count) === shard.index;

/** The portals of a list that are this shard's, in the list's order. */
export const shareOf = <T extends { host: string }>(portals: readonly T[], shard: Shard): T[] =>
  portals.filter((portal) => inShard(portal.host, shard));
