export const OCD_CSV: string;
export function compileOcd(csv?: string): {
  lookup: { entries: unknown[]; exact: Record<string, number>; prefixes: Record<string, number> };
  stats: { rows: number; kept: number; merged: number; dropped: Array<{ id: string; name?: string; reason: string }> };
};
export function pinnedOcd(): ReturnType<typeof compileOcd>;
export function ocdNames(lookup: { exact: Record<string, number>; prefixes: Record<string, number> }): {
  exact: Record<string, number>;
  prefixes: Record<string, number>;
};
export function packageOcd(
  lookup: { entries: unknown[]; exact: Record<string, number>; prefixes: Record<string, number> },
  layout: { file: string; shards: number },
): Array<[string, unknown]>;
