/**
 * What the audit writes into its directory: one file per portal as soon as it is done
 * (`portals/<host>.json`, written whole then renamed, so a `kill -9` leaves either the old state or
 * the new, never half a file), and the three reports rebuilt from them. A rerun reads the portal
 * files first and does not redo them.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../docs/audit.schema.json';
import type { AuditedCookie, VisitKind, VisitSummary } from '../core/report/audit';
import { RULES, unjudged, type RuleVerdict } from '../core/report/rule-verdict';

/** The program and its version, as audit.json and the visits' User-Agent name it. */
export const TOOL = 'cookies-ods-audit/0.1';

export type Outcome = 'audited' | 'unreachable' | 'failed';

export interface PortalResult {
  host: string;
  /** Where the visits started. */
  url: string;
  /** The host a redirect between names of the same portal led to: the visits were judged there. */
  redirectedTo?: string;
  auditedAt: string;
  /** The three visits and the charte, pauses included (audited portals only). */
  durationMs?: number;
  outcome: Outcome;
  /** Why the portal could not be audited (`unreachable`, `failed`). */
  error?: string;
  charteUrl: string | null;
  /**
   * The consent manager the portal runs (the reader of the record it wrote, else autoconsent's name); null when none
   * was seen.
   */
  consentManager?: string | null;
  visits: Record<VisitKind, VisitSummary> | null;
  cookies: AuditedCookie[];
  rules: RuleVerdict[];
}

/** A portal the visits could not judge, with the error that stopped them: every rule unknown for that reason. */
export function notAudited(
  portal: Pick<PortalResult, 'host' | 'url'>,
  auditedAt: string,
  outcome: Exclude<Outcome, 'audited'>,
  error: string,
): PortalResult {
  return {
    host: portal.host,
    url: portal.url,
    auditedAt,
    outcome,
    error,
    charteUrl: null,
    consentManager: null,
    visits: null,
    cookies: [],
    rules: RULES.map((rule) => unjudged(rule.id, 'unreachable')),
  };
}

export interface AuditFile {
  tool: string;
  portals: PortalResult[];
}

const portalsDir = (out: string) => join(out, 'portals');

let written = 0;
/** Whole or not at all: the file appears under its name only once it is complete. */
export async function writeWhole(path: string, text: string): Promise<void> {
  const partial = `${path}.${process.pid}.${++written}.part`;
  try {
    await writeFile(partial, text);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * A portal's file name: its host when that is a plain host name short enough for any file system
 * (255 bytes), else a readable start and a digest of the whole, so that no two portals share a file.
 */
export function fileNameOf(host: string): string {
  if (/^[a-z0-9][a-z0-9.-]{0,99}$/.test(host)) return host;
  const readable = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .slice(0, 60);
  return `${readable}-${createHash('sha256').update(host).digest('hex').slice(0, 12)}`;
}

export async function saveResult(out: string, result: PortalResult): Promise<void> {
  await mkdir(portalsDir(out), { recursive: true });
  await writeWhole(join(portalsDir(out), `${fileNameOf(result.host)}.json`), `${JSON.stringify(result, null, 1)}\n`);
}

const ajv = new Ajv({ allErrors: false });
addFormats.default(ajv);
ajv.addSchema(schema);
const validPortal = ajv.getSchema(`${schema.$id}#/definitions/portal`)!;

/** A result as docs/audit.schema.json describes it: anything else is redone, never trusted nor a crash. */
export const isResult = (value: unknown): value is PortalResult => validPortal(value) === true;

/** The portals already done; an unreadable file is left out (and so audited again), never a crash. */
export async function loadResults(out: string): Promise<{ results: Map<string, PortalResult>; unreadable: string[] }> {
  const results = new Map<string, PortalResult>();
  const unreadable: string[] = [];
  const names = await readdir(portalsDir(out)).catch(() => [] as string[]);
  for (const name of names.filter((file) => file.endsWith('.json'))) {
    const value: unknown = await readFile(join(portalsDir(out), name), 'utf8')
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => null);
    if (isResult(value) && `${fileNameOf(value.host)}.json` === name) results.set(value.host, value);
    else unreadable.push(name);
  }
  return { results, unreadable };
}
