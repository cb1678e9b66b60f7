/**
 * DuckDuckGo's autoconsent (@duckduckgo/autoconsent, MPL-2.0): rules for hundreds of consent
 * managers, run in the page by its Playwright bundle. The audit uses it for two things only: to name
 * the consent manager a portal runs, and to refuse or accept through it when the banner's words are
 * not enough. It never makes a refusal « easy »: that rule is judged on the words a visitor reads.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
// The package exports its rules, not its Playwright bundle: the bundle is found beside them.
const RULES_FILE = require.resolve('@duckduckgo/autoconsent/rules/rules.json');
let loaded: { script: string; rules: unknown[] } | undefined;
const load = () =>
  (loaded ??= {
    script: readFileSync(join(dirname(RULES_FILE), '../dist/autoconsent.playwright.js'), 'utf8'),
    // The rules written for one site only are left out: a portal is none of those sites.
    rules: (
      JSON.parse(readFileSync(RULES_FILE, 'utf8')) as { autoconsent: Array<{ runContext?: { urlPattern?: string } }> }
    ).autoconsent.filter((rule) => !rule.runContext?.urlPattern),
  });

const CONFIG = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  // Hiding a banner is not answering it.
  enableCosmeticRules: false,
  enableGeneratedRules: false,
  enableHeuristicDetection: false,
  detectRetries: 20,
  isMainWorld: true,
  visualTest: false,
  logs: {
    lifecycle: false,
    rulesteps: false,
    detectionsteps: false,
    evals: false,
    errors: false,
    messages: false,
    waits: false,
  },
};
const MAX_NAME = 80;
const ACT_MS = 10_000;

type Message = {
  type?: unknown;
  cmp?: unknown;
  result?: unknown;
  id?: unknown;
  code?: unknown;
  state?: { lifecycle?: unknown };
};
export type Act = 'optOut' | 'optIn';

/** What autoconsent found on a page, and a way to answer the banner through it. */
export interface ConsentManagerWatch {
  /** The manager it recognised, as its rules name it; null when none. */
  manager(): string | null;
  /** Injects it into the page as it is now (after each load). */
  attach(): Promise<void>;
  /** Refuses or accepts through it; the manager's name when it says it did, else null. */
  act(kind: Act): Promise<string | null>;
}

const named = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value.replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, MAX_NAME) : null;

export async function watchConsentManager(page: Page): Promise<ConsentManagerWatch> {
  let detected: string | null = null;
  let popup: { frame: Frame; cmp: string } | null = null;
  /** It searched the page and found no manager: nothing to wait for. */
  let nothing = false;
  let waiting: { kind: string; done: (result: boolean) => void } | null = null;
  const send = (frame: Frame, message: object) =>
    frame
      .evaluate(
        (m) =>
          (window as unknown as { autoconsentReceiveMessage?: (m: object) => unknown }).autoconsentReceiveMessage?.(m),
        message,
      )
      .catch(() => undefined);

  // The page can call this binding too: what it says is only ever a name, cleaned and bounded, or a click it could make
  // itself.
  await page.exposeBinding('autoconsentSendMessage', async ({ frame }: { frame: Frame }, message: Message) => {
    switch (message?.type) {
      case 'init':
        return send(frame, { type: 'initResp', config: CONFIG, rules: { autoconsent: load().rules } });
      case 'cmpDetected':
        detected ??= named(message.cmp);
        return;
      case 'popupFound': {
        const cmp = named(message.cmp);
        if (cmp) popup = { frame, cmp };
        detected ??= cmp;
        return;
      }
      case 'eval': {
        const result = await frame.evaluate(String(message.code)).catch(() => false);
        return send(frame, {
          type: 'evalResp',
          id: String(message.id),
          result: JSON.parse(JSON.stringify(result ?? false)),
        });
      }
      case 'report':
        if (message.state?.lifecycle === 'nothingDetected') nothing = true;
        return;
      case 'optOutResult':
      case 'optInResult':
        if (waiting && message.type === `${waiting.kind}Result`) waiting.done(message.result === true);
        return;
      default:
        return;
    }
  });

  return {
    manager: () => detected,
    async attach() {
      popup = null;
      nothing = false;
      await page.evaluate(load().script).catch(() => undefined);
    },
    async act(kind) {
      const found = await waitFor(() => popup ?? (nothing ? false : null), ACT_MS);
      if (!found) return null;
      const answered = new Promise<boolean>((done) => (waiting = { kind, done }));
      await send(found.frame, { type: kind });
      const result = await Promise.race([
        answered,
        new Promise<boolean>((done) => setTimeout(() => done(false), ACT_MS)),
      ]);
      waiting = null;
      return result ? found.cmp : null;
    },
  };
}

async function waitFor<T>(get: () => T | null, ms: number): Promise<T | null> {
  const deadline = Date.now() + ms;
  for (let value = get(); ; value = get()) {
    if (value !== null || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
