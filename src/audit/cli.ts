/**
 * `cookies-ods-audit` (`npm run audit --`): each portal visited three times in fresh contexts of the
 * system Chromium, its rules judged by the extension's own core, its result written as soon as it is
 * done. Crawlee's PlaywrightCrawler holds the queue, the pool of `--concurrency` portals at once,
 * the per-portal time limit and the one retry; the portal files in the output directory are the
 * record a rerun resumes from.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { setTimeout as pause } from 'node:timers/promises';
import { Configuration, log, PlaywrightCrawler } from '@crawlee/playwright';
import { chromium } from 'playwright-core';
import messages from '../../public/_locales/fr/messages.json';
import { judgeAudit, VISIT_KINDS, type PortalAudit, type VisitKind, type VisitRecord } from '../core/report/audit';
import type { StoredCharte } from '../core/charte/stored-charte';
import { translatorOf } from '../core/util/i18n';
import { portalsFrom } from './inputs';
import { CHROMIUM_VARIABLE, DEFAULT_CHROMIUM, readCommandLine } from './options';
import { shareOf } from './shard';
import { clean, cleanDeep } from './clean';
import { elapsed } from './report-words';
import { writeReports } from './write-reports';
import { loadResults, notAudited, saveResult, TOOL, type PortalResult } from './results';
import { NotJudged } from './navigation';
import { visitPortal, type VisitOptions } from './visit';

const REPORT_EVERY_MS = 5_000;
/** How long a stop waits for the browsers to close. */
const CLOSE_MS = 5_000;
const t = translatorOf(messages);

/** A browser's User-Agent, naming the tool, from the version the browser says it is. */
function userAgentOf(executable: string): string {
  const version =
    /(\d+\.[\d.]+)/.exec(
      execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    )?.[1] ?? '0';
  const engine = 'AppleWebKit/537.36 (KHTML, like Gecko)';
  const chrome = `Mozilla/5.0 (X11; Linux x86_64) ${engine} Chrome/${version} Safari/537.36`;
  return `${chrome} ${TOOL} (audit des cookies, CNIL)`;
}

/** A network failure, told apart from anything else the visits can throw. */
const isNetworkFailure = (message: string) => /net::ERR_|NS_ERROR_|Timeout|ECONNREFUSED|ENOTFOUND|délai/i.test(message);

async function main(): Promise<number> {
  const line = readCommandLine(process.argv.slice(2), process.env, process.getuid?.() === 0, t);
  if ('help' in line) {
    console.log(t('auditHelp', DEFAULT_CHROMIUM, CHROMIUM_VARIABLE));
    return 0;
  }
  if ('mistake' in line) {
    console.error(`${line.mistake}\n${t('auditSeeHelp')}`);
    return 2;
  }
  const { options } = line;
  const { concurrency, pauseMs, timeoutSecs, quietMs, shard } = options;
  const out = options.out;
  await mkdir(out, { recursive: true });
  const listed = portalsFrom(options.inputs, options.directory, (warning) => console.error(warning));
  const portals = shard ? shareOf(listed, shard) : listed;
  if (shard) console.error(t('auditShard', shard.index, shard.count, portals.length, listed.length));
  if (portals.length === 0) {
    console.error(t('auditNoPortal'));
    return 2;
  }

  const { results, unreadable } = await loadResults(out);
  for (const name of unreadable) console.error(t('auditUnreadable', name));
  // What is finished is kept; an unreachable or failed portal is not finished, and is tried again.
  const finished = (host: string) => results.get(host)?.outcome === 'audited';
  const todo = portals.filter((portal) => !finished(portal.host));
  const retried = todo.filter((portal) => results.has(portal.host)).length;
  if (todo.length < portals.length) console.error(t('auditResumed', portals.length - todo.length));
  if (retried > 0) console.error(t('auditRetrying', retried));
  const asked = new Set(portals.map((portal) => portal.host));
  const unsaved = new Set<string>();
  const writeReportsSaying = () =>
    writeReports(
      out,
      [...results.values()].filter((result) => asked.has(result.host)),
      t,
      TOOL,
    ).catch((error: Error) => {
      console.error(t('auditReportsNotSaved', out, clean(error.message)));
      return false;
    });

  const started = Date.now();
  let done = 0;
  let failures = 0;
  let writing = Promise.resolve();
  let stopping = false;
  let reportedAt = 0;
  const finish = (read: PortalResult) => {
    // A portal cut short by a stop is not a failed portal: it is left for the rerun.
    if (stopping) return writing;
    const result = cleanDeep(read);
    results.set(result.host, result);
    done++;
    if (result.outcome !== 'audited') failures++;
    const spent = Date.now() - started;
    const left = todo.length - done;
    const outcome =
      result.outcome === 'audited'
        ? t('auditOutcomeAudited')
        : result.outcome === 'unreachable'
          ? t('auditUnreachable', result.error ?? '')
          : t('auditFailed', result.error ?? '');
    console.error(
      t(
        'auditProgress',
        done,
        todo.length,
        result.host,
        outcome,
        elapsed(spent),
        left === 0 ? elapsed(0) : elapsed((spent / done) * left),
        failures,
      ),
    );
    // One portal at a time on disk: its file at once, the reports that include it at most every few
    // seconds (each holds every portal: rewritten after each one, 270 cost minutes) and at the end.
    writing = writing.then(async () => {
      // Each write on its own: one that fails (a full disk, say) is said, and loses nothing else.
      await saveResult(out, result).catch((error: Error) => {
        unsaved.add(result.host);
        console.error(t('auditNotSaved', clean(result.host), clean(error.message)));
      });
      if (Date.now() - reportedAt < REPORT_EVERY_MS) return;
      reportedAt = Date.now();
      await writeReportsSaying();
    });
    return writing;
  };

  log.setLevel(log.LEVELS.OFF);
  const say = {
    status: (status: number) => t('auditHttpStatus', status),
    leftFor: (url: string) => t('auditLeftPortal', url),
  };
  // A page that takes a third of the portal's time cannot leave room for the three visits.
  const visitOptions = (deadline: number): VisitOptions => ({
    timeoutMs: Math.max(5_000, (timeoutSecs * 1000) / 3),
    quietMs,
    deadline,
    say,
  });
  // Every visit's context: Crawlee's page for the first (it spreads its launch options into the context), ours for the
  // others.
  const contextOptions = {
    userAgent: userAgentOf(options.chromium),
    ignoreHTTPSErrors: options.ignoreHttpsErrors,
    locale: 'fr-FR',
  };
  const byHost = new Map(todo.map((portal) => [portal.host, portal]));

  const crawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        useIncognitoPages: true,
        launchOptions: {
          ...contextOptions,
          executablePath: options.chromium,
          headless: true,
          // Crawlee's own proxy would resolve names itself, past --host-resolver-rules: every host bypasses it.
          proxy: { server: 'http://127.0.0.1:9', bypass: '*' },
          args: [
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            ...options.browserArgs,
          ],
          // Playwright turns Chromium's sandbox off unless asked: it is on, but where --no-sandbox said otherwise.
          chromiumSandbox: options.sandbox,
          // A stop is ours to handle: Playwright's own would close the browser and exit before the reports are written.
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
        },
      },
      browserPoolOptions: { useFingerprints: false },
      // Each visit starts from an empty jar: no session carries cookies from one portal's page to the next.
      useSessionPool: false,
      persistCookiesPerSession: false,
      maxConcurrency: concurrency,
      // Crawlee's pool scales on CPU, and on two cores it stays at its minimum while most of a visit
      // is waiting (pauses, quiet networks): the number asked is the number run.
      minConcurrency: concurrency,
      maxRequestRetries: 1,
      // Our own deadline comes first, and closes the attempt's contexts: Crawlee's would leave the
      // visits running beside the retry.
      requestHandlerTimeoutSecs: timeoutSecs + 30,
      async requestHandler({ request, page }) {
        const portal = byHost.get(request.uniqueKey)!;
        const begun = Date.now();
        const browser = page.context().browser()!;
        const visits = {} as Record<VisitKind, VisitRecord>;
        let charte: StoredCharte | null = null;
        let landedOn = portal.host;
        const contexts = new Set([page.context()]);
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          for (const context of contexts) void context.close().catch(() => undefined);
        }, timeoutSecs * 1000);
        try {
          for (const kind of VISIT_KINDS) {
            if (kind !== 'arrive') await pause(pauseMs);
            // Crawlee's page stands alone in a fresh context: the first visit's; each other visit gets one of its own.
            const context = kind === 'arrive' ? null : await browser.newContext(contextOptions);
            if (context) contexts.add(context);
            try {
              const seen = await visitPortal(
                context ? await context.newPage() : page,
                portal.url,
                kind,
                visitOptions(begun + timeoutSecs * 1000),
              );
              visits[kind] = seen.visit;
              charte ??= seen.charte;
              if (kind === 'arrive') landedOn = seen.host;
            } finally {
              await context?.close();
            }
          }
        } catch (error) {
          throw timedOut ? new Error(t('auditTimedOut', timeoutSecs)) : error;
        } finally {
          clearTimeout(timer);
        }
        const audit: PortalAudit = { host: landedOn, visits, charte };
        const judged = judgeAudit(audit);
        const redirected = landedOn !== portal.host ? { redirectedTo: landedOn } : {};
        await finish({
          host: portal.host,
          url: portal.url,
          ...redirected,
          auditedAt: new Date().toISOString(),
          durationMs: Date.now() - begun,
          outcome: 'audited',
          charteUrl: charte?.url ?? null,
          ...judged,
        });
      },
      async failedRequestHandler({ request }, error) {
        const portal = byHost.get(request.uniqueKey)!;
        const message = error.message.split('\n')[0]!.slice(0, 300);
        const outcome = error instanceof NotJudged || isNetworkFailure(message) ? 'unreachable' : 'failed';
        await finish(notAudited(portal, new Date().toISOString(), outcome, message));
      },
    },
    new Configuration({
      persistStorage: false,
      purgeOnStart: true,
      storageClientOptions: { persistStorage: false, writeMetadata: false },
      // Its reading of the machine (a `ps` of every process, each second) only steers a pool whose size is fixed here.
      systemInfoIntervalMillis: 10_000,
    }),
  );
  // Stopped (Ctrl+C, a scheduler's SIGTERM): what is finished is written, the reports too, and the
  // portals under way are left undone — never saved as failed — for a rerun in the same folder.
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await writing;
    await writeReportsSaying();
    const finishedCount = portals.filter((portal) => finished(portal.host)).length;
    console.error(t('auditInterrupted', finishedCount, portals.length, out));
    // Its browsers closed, so that they leave no profile behind in the temporary folder; within a bound.
    await Promise.race([crawler.browserPool.destroy().catch(() => undefined), pause(CLOSE_MS)]);
    process.exit(1);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (todo.length > 0)
    await crawler.run(todo.map((portal) => ({ url: portal.url, uniqueKey: portal.host, skipNavigation: true })));
  await writing;
  const reported = (await writeReportsSaying()) !== false;
  console.error(t('auditDone', done - failures, failures, elapsed(Date.now() - started), out));
  return reported && unsaved.size === 0 && portals.every((portal) => finished(portal.host)) ? 0 : 1;
}

process.exitCode = await main();
