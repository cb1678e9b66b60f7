/**
 * The film of the observatory: runs (each an audit folder) put in order, each portal's rules followed
 * from run to run, and what changed between two consecutive audits of a portal. A portal missing from
 * a run, or unreachable in it, has no say there: it is « non audité », never a change of status.
 */
import type { PortalResult } from '../audit/results';
import { RULES, verdictFor, type RuleId, type RuleStatus, type RuleVerdict } from '../core/report/rule-verdict';

export interface Run {
  /** The run's folder name. */
  id: string;
  /** When it began: its first portal's audit time (ISO 8601). */
  at: string;
  results: ReadonlyMap<string, PortalResult>;
}

/** What one run says of one rule of a portal: its verdict, or why it has none. */
export type MarkStatus = RuleStatus | 'unreachable' | 'absent';

export interface Mark {
  run: Run;
  status: MarkStatus;
  /** The portal's audit in this run, when it is in it. */
  result: PortalResult | null;
  verdict: RuleVerdict | null;
}

export interface RuleLine {
  rule: RuleId;
  /** One per run, oldest first. */
  marks: Mark[];
  /** The last judged mark, and the audit time its status has held since. */
  current: { mark: Mark; since: string } | null;
}

export interface PortalHistory {
  host: string;
  lines: RuleLine[];
  /** The portal's latest audit, whatever its outcome. */
  latest: PortalResult;
}

export interface Change {
  host: string;
  rule: RuleId;
  from: RuleStatus;
  to: RuleStatus;
  fromAt: string;
  toAt: string;
}

export function runOf(id: string, results: readonly PortalResult[]): Run | null {
  const times = results.map((result) => result.auditedAt).sort();
  return times[0] ? { id, at: times[0], results: new Map(results.map((result) => [result.host, result])) } : null;
}

/** Oldest first: by their audit times, so that two runs of one day keep their order. */
export const inOrder = (runs: readonly Run[]): Run[] =>
  [...runs].sort((a, b) => (a.at === b.at ? compare(a.id, b.id) : compare(a.at, b.at)));
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function markOf(run: Run, host: string, rule: RuleId): Mark {
  const result = run.results.get(host) ?? null;
  if (!result) return { run, status: 'absent', result, verdict: null };
  if (result.outcome !== 'audited') return { run, status: 'unreachable', result, verdict: null };
  const verdict = verdictFor(result.rules, rule) ?? null;
  return { run, status: verdict?.status ?? 'unknown', result, verdict };
}

const judged = (mark: Mark): mark is Mark & { status: RuleStatus; result: PortalResult } =>
  mark.result !== null && mark.verdict !== null;

function lineOf(runs: readonly Run[], host: string, rule: RuleId): RuleLine {
  const marks = runs.map((run) => markOf(run, host, rule));
  let current: RuleLine['current'] = null;
  for (const mark of marks.filter(judged)) {
    if (current?.mark.status !== mark.status) current = { mark, since: mark.result!.auditedAt };
    else current = { mark, since: current.since };
  }
  return { rule, marks, current };
}

/** Every portal any run audited, by host name, its rules in the order of RULES. */
export function portalHistories(orderedRuns: readonly Run[]): PortalHistory[] {
  const latest = new Map<string, PortalResult>();
  for (const run of orderedRuns) for (const [host, result] of run.results) latest.set(host, result);
  return [...latest.keys()].sort(compare).map((host) => ({
    host,
    latest: latest.get(host)!,
    lines: RULES.map((rule) => lineOf(orderedRuns, host, rule.id)),
  }));
}

/** Each change of a rule's status between two consecutive audits of its portal, newest first. */
export function changesOf(histories: readonly PortalHistory[]): Change[] {
  const changes: Change[] = [];
  for (const { host, lines } of histories) {
    for (const { rule, marks } of lines) {
      const audits = marks.filter(judged);
      for (const [index, mark] of audits.entries()) {
        const before = audits[index - 1];
        if (before && before.status !== mark.status && before.result.auditedAt !== mark.result.auditedAt) {
          changes.push({
            host,
            rule,
            from: before.status,
            to: mark.status,
            fromAt: before.result.auditedAt,
            toAt: mark.result.auditedAt,
          });
        }
      }
    }
  }
  return changes.sort(
    (a, b) => compare(b.toAt, a.toAt) || compare(a.host, b.host) || RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!,
  );
}
const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));

export interface Share {
  run: Run;
  /** Portals whose rule was judged respected, among those judged (✔ or ✘) in the run. */
  respecting: number;
  judged: number;
}

/** For one rule, run by run: how many of the portals judged respected it. */
export function sharesOf(orderedRuns: readonly Run[], rule: RuleId): Share[] {
  return orderedRuns.map((run) => {
    let respecting = 0;
    let judgedCount = 0;
    for (const result of run.results.values()) {
      const status = result.outcome === 'audited' ? verdictFor(result.rules, rule)?.status : undefined;
      if (status === 'pass' || status === 'fail') judgedCount++;
      if (status === 'pass') respecting++;
    }
    return { run, respecting, judged: judgedCount };
  });
}
