import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/audit/write-reports';
import { saveResult, TOOL, type PortalResult } from '../../src/audit/results';
import { inShard } from '../../src/audit/shard';
import { mergeShards, saveMerged } from '../../src/observatory/merge';
import { audited } from '../helpers/audited';
import { translatorFor } from '../helpers/translate';

const t = translatorFor('fr');
const T0 = Date.UTC(2026, 11, 2, 9);
const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cookies-ods-merge-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const HOSTS = Array.from({ length: 24 }, (_, i) => `portail-${i}.audit-demo.fr`);
const audit = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { tool: string; portals: PortalResult[] };

describe('observatory merge', () => {
  it('gathers 3 shards into the run an unsharded audit writes: same portals, same verdicts, same schema', async () => {
    const results = HOSTS.map((host, i) => audited(host, T0 + i * 1000, i % 3 === 0));
    const shards = [1, 2, 3].map(() => folder());
    for (const result of results) {
      const index = [1, 2, 3].find((k) => inShard(result.host, { index: k, count: 3 }))!;
      await saveResult(shards[index - 1]!, result);
    }
    const whole = folder();
    await writeReports(whole, results, t, TOOL);
    const run = folder();
    const merged = await mergeShards(shards);
    await saveMerged(run, merged, t);

    expect(merged.duplicates).toEqual([]);
    expect(audit(join(run, 'audit.json'))).toEqual(audit(join(whole, 'audit.json')));
    expect(readFileSync(join(run, 'audit.md'), 'utf8')).toBe(readFileSync(join(whole, 'audit.md'), 'utf8'));
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('docs/audit.schema.json', 'utf8')) as object);
    expect(validate(audit(join(run, 'audit.json'))) ? [] : validate.errors).toEqual([]);
  });

  it('keeps a portal found in two shards once, the later audit, and says so', async () => {
    const [first, second] = [folder(), folder()];
    await saveResult(first, audited(HOSTS[0]!, T0, true));
    await saveResult(second, audited(HOSTS[0]!, T0 + 60_000, false));
    await saveResult(second, audited(HOSTS[1]!, T0, false));
    const merged = await mergeShards([second, first]);
    expect(merged.duplicates).toEqual([{ host: HOSTS[0], kept: second }]);
    expect(merged.results.map((result) => [result.host, result.auditedAt]).sort()).toEqual([
      [HOSTS[0], new Date(T0 + 60_000).toISOString()],
      [HOSTS[1], new Date(T0).toISOString()],
    ]);
  });
});
