/**
 * The audit's command line, read strictly: every option bounded, every mistake named in French
 * (never a stack trace, never the usage line alone), and the Chromium to run found or asked for.
 */
import { accessSync, constants } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Translate } from '../core/util/i18n';
import { parseShard, type Shard } from './shard';
import { CHROMIUM as DEFAULT_CHROMIUM } from '../../scripts/debian-browsers.mjs';

export { DEFAULT_CHROMIUM };
/** Debian's Chromium is used unless `--chromium` or this variable names another. */
export const CHROMIUM_VARIABLE = 'COOKIES_ODS_CHROMIUM';

const OPTIONS = {
  out: { type: 'string' },
  concurrency: { type: 'string', default: '4' },
  directory: { type: 'boolean', default: false },
  chromium: { type: 'string' },
  'no-sandbox': { type: 'boolean', default: false },
  'browser-arg': { type: 'string', multiple: true, default: [] as string[] },
  'ignore-https-errors': { type: 'boolean', default: false },
  pause: { type: 'string', default: '500' },
  quiet: { type: 'string', default: '300' },
  timeout: { type: 'string', default: '120' },
  shard: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

/** Whole numbers within bounds: more than 16 portals at once exhausts two cores and memory, not the list. */
const BOUNDS = { concurrency: [1, 16], timeout: [10, 600], pause: [0, 10_000], quiet: [0, 10_000] } as const;
type Bounded = keyof typeof BOUNDS;

export interface AuditOptions {
  out: string;
  inputs: string[];
  directory: boolean;
  chromium: string;
  sandbox: boolean;
  browserArgs: string[];
  ignoreHttpsErrors: boolean;
  concurrency: number;
  timeoutSecs: number;
  pauseMs: number;
  quietMs: number;
  shard: Shard | null;
}

/** What the command does: the options, or help to print, or a mistake to say (exit 2). */
export type CommandLine = { options: AuditOptions } | { help: true } | { mistake: string };

export function readCommandLine(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  isRoot: boolean,
  t: Translate,
): CommandLine {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const option = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
    const code = (error as { code?: string }).code;
    return {
      mistake:
        code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? t('auditUnknownOption', option) : t('auditOptionValue', option),
    };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (!values.out) return { mistake: t('auditMissingOut') };
  const numbers = {} as Record<Bounded, number>;
  for (const [name, [least, most]] of Object.entries(BOUNDS) as Array<[Bounded, readonly [number, number]]>) {
    const text = values[name];
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= least && value <= most))
      return { mistake: t('auditBadNumber', `--${name}`, least, most, text.slice(0, 40)) };
    numbers[name] = value;
  }
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  if (values.shard !== undefined && shard === null) return { mistake: t('auditBadShard', values.shard.slice(0, 40)) };
  const chromium = values.chromium ?? env[CHROMIUM_VARIABLE] ?? DEFAULT_CHROMIUM;
  try {
    accessSync(chromium, constants.X_OK);
  } catch {
    return { mistake: t('auditNoChromium', chromium, CHROMIUM_VARIABLE) };
  }
  // Chromium's sandbox cannot run as root: without it, a page nobody vetted runs with every right of
  // the account. Only the user may decide that (in a container that is itself the sandbox, say).
  if (isRoot && !values['no-sandbox']) return { mistake: t('auditRootSandbox') };
  return {
    options: {
      out: values.out,
      inputs: positionals,
      directory: values.directory,
      chromium,
      sandbox: !values['no-sandbox'],
      browserArgs: values['browser-arg'],
      ignoreHttpsErrors: values['ignore-https-errors'],
      concurrency: numbers.concurrency,
      timeoutSecs: numbers.timeout,
      pauseMs: numbers.pause,
      quietMs: numbers.quiet,
      shard,
    },
  };
}
