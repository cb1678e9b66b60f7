import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/background';
import { jarMirror, MIRRORED_DOMAINS } from '../../src/background/jar-mirror';
import { cookieHost, cookieKey, type ObservedCookie } from '../../src/core/cookies/cookie';
import { hostOrigin, isGranted, originsFor } from '../../src/core/portals/domains';
import { everyCookie } from '../../src/core/report/site-report';
import type { CookieChange } from '../../src/platform/adapter';
import type { SiteView } from '../../src/protocol';
import { aCookie } from '../helpers/cookies';
import { FakeBrowser } from '../helpers/fake-browser';
import { translatorFor } from '../helpers/translate';

const NOW = Date.UTC(2026, 10, 30, 12);
const bySlot = (cookies: ObservedCookie[]) =>
  Object.fromEntries(cookies.map((cookie) => [cookieKey(cookie), cookie.value]));

/** A browser whose jar answers only when told, from the jar as it is at a moment the test picks. */
class SlowJar extends FakeBrowser {
  readonly asked: Array<{
    domain: string;
    storeId: string;
    snapshot?: ObservedCookie[];
    answer: (cookies: ObservedCookie[]) => void;
  }> = [];
  override getAll(domain: string, storeId: string) {
    return new Promise<ObservedCookie[]>((answer) => this.asked.push({ domain, storeId, answer }));
  }
  async snapshot(index: number) {
    const asked = this.asked[index];
    if (asked && !asked.snapshot) asked.snapshot = await super.getAll(asked.domain, asked.storeId);
  }
  async answer(index: number) {
    const asked = this.asked[index];
    if (asked?.snapshot) asked.answer(asked.snapshot);
  }
}

describe('the mirror of the jar', () => {
  it('asks the browser once per domain, then follows every change it hears: set, rewritten, removed', async () => {
    const browser = new FakeBrowser([
      aCookie({ name: 'sessionid' }),
      aCookie({ name: '_ga', domain: '.issy.com', hostOnly: false }),
    ]);
    const reads = vi.spyOn(browser, 'getAll');
    const jar = jarMirror(browser, () => NOW);
    expect(Object.values(bySlot(await jar.getAll('issy.com', '0')))).toEqual(['v', 'v']);

    browser.siteSets(aCookie({ name: 'csrftoken', value: 'x' }));
    browser.siteSets(aCookie({ name: 'sessionid', value: 'rewritten' }));
    await browser.removeCookie(aCookie({ name: '_ga', domain: '.issy.com', hostOnly: false }));
    browser.siteSets(aCookie({ name: 'elsewhere', domain: 'example.org' }));
    expect(bySlot(await jar.getAll('issy.com', '0'))).toEqual(bySlot(await browser.getAll('issy.com', '0')));
    expect(Object.values(bySlot(await jar.getAll('issy.com', '0'))).sort()).toEqual(['rewritten', 'x']);
    expect(reads).toHaveBeenCalledTimes(2); // the first question, and the comparison above
    jar.stop();
  });

  it('applies the changes heard while the browser’s answer was on its way, over that answer', async () => {
    const browser = new SlowJar([aCookie({ name: 'sessionid', value: 'old' }), aCookie({ name: 'csrftoken' })]);
    const jar = jarMirror(browser, () => NOW);
    const read = jar.getAll('data.issy.com', '0');
    await browser.snapshot(0); // the jar as it was when the browser read it…
    browser.siteSets(aCookie({ name: 'sessionid', value: 'new' })); // …then changed before the answer arrived
    await browser.removeCookie(aCookie({ name: 'csrftoken' }));
    await browser.answer(0);
    expect(bySlot(await read)).toEqual({ [cookieKey(aCookie({ name: 'sessionid' }))]: 'new' });
    jar.stop();
  });

  it('leaves out a cookie past its date, which the browser has not said is gone', async () => {
    const browser = new FakeBrowser([
      aCookie({ name: 'brief', expirationDate: NOW / 1000 + 60 }),
      aCookie({ name: 'session', session: true, expirationDate: undefined }),
    ]);
    let clock = NOW;
    const jar = jarMirror(browser, () => clock);
    expect((await jar.getAll('data.issy.com', '0')).map((c) => c.name).sort()).toEqual(['brief', 'session']);
    clock += 61_000;
    expect((await jar.getAll('data.issy.com', '0')).map((c) => c.name)).toEqual(['session']);
    jar.stop();
  });

  it(
    'keeps a bounded number of domains, the least recently asked forgotten first; ' + 'a failed read is not kept',
    async () => {
      const browser = new FakeBrowser();
      const reads = vi.spyOn(browser, 'getAll');
      const jar = jarMirror(browser, () => NOW);
      for (let i = 0; i <= MIRRORED_DOMAINS; i++) await jar.getAll(`site-${i}.fr`, '0');
      await jar.getAll(`site-${MIRRORED_DOMAINS}.fr`, '0');
      expect(reads).toHaveBeenCalledTimes(MIRRORED_DOMAINS + 1);
      await jar.getAll('site-0.fr', '0'); // forgotten: asked again
      expect(reads).toHaveBeenCalledTimes(MIRRORED_DOMAINS + 2);

      reads.mockRejectedValueOnce(new Error('the browser is closing'));
      await expect(jar.getAll('failing.fr', '0')).rejects.toThrow('closing');
      await jar.getAll('failing.fr', '0');
      expect(reads).toHaveBeenCalledTimes(MIRRORED_DOMAINS + 4);
      jar.stop();
    },
  );

  it('reads the jar again once the host permissions change: cookies it could not see before are there', async () => {
    /** A jar that shows only the cookies of the hosts the extension may read, as browsers do. */
    class PermittedJar extends FakeBrowser {
      override async getAll(domain: string, storeId: string) {
        return (await super.getAll(domain, storeId)).filter((cookie) =>
          isGranted([...this.granted], hostOrigin(cookieHost(cookie))),
        );
      }
    }
    const browser = new PermittedJar([aCookie({ name: 'visitor', domain: 'www.example.org' })]);
    const jar = jarMirror(browser, () => NOW);
    expect(await jar.getAll('example.org', '0')).toEqual([]);
    await browser.requestOrigins(originsFor({ pattern: 'www.example.org' }));
    expect((await jar.getAll('example.org', '0')).map((c) => c.name)).toEqual(['visitor']);
    jar.stop();
  });

  it(
    'always ends where the jar is, ' + 'whatever the changes and whenever the browser reads and answers (property)',
    async () => {
      const names = ['a', 'b', 'c'];
      const domains = ['issy.com', 'data.issy.com', 'www.issy.com'];
      const step = fc.oneof(
        fc.record({
          op: fc.constant('set' as const),
          name: fc.constantFrom(...names),
          domain: fc.constantFrom(...domains),
          value: fc.string({ maxLength: 2 }),
        }),
        fc.record({
          op: fc.constant('remove' as const),
          name: fc.constantFrom(...names),
          domain: fc.constantFrom(...domains),
        }),
        fc.record({ op: fc.constant('ask' as const), domain: fc.constantFrom('issy.com', 'data.issy.com') }),
        fc.record({ op: fc.constantFrom('snapshot' as const, 'answer' as const), index: fc.nat({ max: 5 }) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
          const browser = new SlowJar([aCookie({ name: 'a', domain: 'issy.com' })]);
          const jar = jarMirror(browser, () => NOW);
          const reads: Array<Promise<ObservedCookie[]>> = [];
          for (const s of steps) {
            if (s.op === 'set') browser.siteSets(aCookie({ name: s.name, domain: s.domain, value: s.value }));
            else if (s.op === 'remove') await browser.removeCookie(aCookie({ name: s.name, domain: s.domain }));
            else if (s.op === 'ask') reads.push(jar.getAll(s.domain, '0'));
            else await browser[s.op](s.index);
          }
          for (let i = 0; i < browser.asked.length; i++) {
            await browser.snapshot(i);
            await browser.answer(i);
          }
          await Promise.all(reads);
          for (const domain of ['issy.com', 'data.issy.com']) {
            const mirrored = jar.getAll(domain, '0');
            await browser.snapshot(browser.asked.length - 1);
            await browser.answer(browser.asked.length - 1);
            expect(bySlot(await mirrored)).toEqual(
              bySlot(await FakeBrowser.prototype.getAll.call(browser, domain, '0')),
            );
          }
          jar.stop();
        }),
      );
    },
  );
});

/** A browser that tells its cookie changes only when the test lets it: its events lag behind its answers. */
class LateEvents extends FakeBrowser {
  readonly held: CookieChange[] = [];
  private listeners: Array<(change: CookieChange) => void> = [];
  constructor(...args: ConstructorParameters<typeof FakeBrowser>) {
    super(...args);
    super.onCookieChanged((change) => this.held.push(change));
  }
  override onCookieChanged(listener: (change: CookieChange) => void) {
    this.listeners.push(listener);
    return () => void (this.listeners = this.listeners.filter((other) => other !== listener));
  }
  tell() {
    for (const change of this.held.splice(0)) for (const listener of this.listeners) listener(change);
  }
}

describe('the background’s views while the browser’s events lag', () => {
  it(
    'show a cleared cookie gone, and an undone removal back, as soon as the jar shows it, ' +
      'before the browser tells',
    async () => {
      const browser = new LateEvents(
        [aCookie({ name: 'sessionid' }), aCookie({ name: 'csrftoken' })],
        ['data.issy.com'],
      );
      browser.tabs.set(1, { id: 1, url: 'https://data.issy.com/', storeId: '0' });
      const background = startBackground(browser, translatorFor('fr'), () => NOW);
      const names = async () =>
        everyCookie(((await background.handlers.siteView({ tabId: 1 })) as Extract<SiteView, { kind: 'site' }>).report!)
          .map((c) => c.cookie.name)
          .sort();
      expect(await names()).toEqual(['csrftoken', 'sessionid']);

      const outcome = await background.handlers.removeCookies({
        host: 'data.issy.com',
        cookies: [aCookie({ name: 'csrftoken' })],
      });
      expect(outcome.done).toHaveLength(1);
      expect(await names()).toEqual(['sessionid']);
      const [entry] = ((await background.handlers.siteView({ tabId: 1 })) as Extract<SiteView, { kind: 'site' }>).undo;
      await background.handlers.undoRemoval({ id: entry!.id });
      expect(await names()).toEqual(['csrftoken', 'sessionid']);

      browser.tell(); // the removal, then the cookie set again: the view stays as the jar is
      expect(await names()).toEqual(['csrftoken', 'sessionid']);
      background.stop();
    },
  );
});
