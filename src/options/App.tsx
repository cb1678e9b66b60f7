import { useCallback, useEffect, useState } from 'preact/hooks';
import { parseDomainInput } from '../core/domain-input';
import { isGranted, isPortalHost, originsFor, revocableOrigins, type PortalRule } from '../core/domains';
import { displayDomain, shorten } from '../core/display';
import { MAX_BACKUPS, type NewPortal } from '../core/settings';
import type { SettingsProblem } from '../core/settings';
import { enablePortals } from '../ui/portals';
import { useServices } from '../ui/services';
import { Directory } from './Directory';
import { ImportExport } from './ImportExport';
import { PortalList } from './PortalList';
import { DOMAIN_ERROR_TEXT } from './errors';

export function App() {
  const { t, adapter, send } = useServices();
  const [rules, setRules] = useState<PortalRule[] | null>(null);
  const [problem, setProblem] = useState<SettingsProblem | undefined>();
  const [access, setAccess] = useState<Map<string, boolean>>(new Map());
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [backups, setBackups] = useState(0);
  const say = (text: string) => setMessage({ text, error: false });
  const refuse = (text: string) => setMessage({ text, error: true });

  const load = useCallback(async () => {
    // One question to the browser for the whole list, however long it is.
    const [loaded, granted] = await Promise.all([send({ type: 'portals' }), adapter.grantedOrigins()]);
    setAccess(new Map(loaded.rules.map((rule) => [rule.pattern, originsFor(rule).every((origin) => isGranted(granted, origin))])));
    setRules(loaded.rules);
    setProblem(loaded.problem);
    setBackups(loaded.backups ?? 0);
  }, [adapter, send]);

  useEffect(() => void load(), [load]);

  /** A write the browser refuses (sync quota, storage off) is said plainly; what was stored stays as it was. */
  const saving = async (write: () => Promise<void>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (cause) {
      refuse(t('saveFailed', shorten(cause instanceof Error ? cause.message : String(cause))));
      await load();
      return false;
    }
  };

  const enable = async (portals: Array<Omit<NewPortal, 'enabled'>>) => {
    const patterns = portals.map((portal) => displayDomain(portal.pattern));
    let granted = Promise.resolve(false);
    const saved = await saving(async () => {
      ({ granted } = await enablePortals(adapter, send, portals));
    });
    if (!saved) return;
    say(t('portalAddedAwaiting', patterns.join(', ')));
    await load();
    if (await granted) {
      say(t('portalAdded', patterns.join(', ')));
      await load();
    }
  };

  /** Imported portals keep their on/off state; their access is granted afterwards, one click each. */
  const importPortals = async (accepted: NewPortal[]) => {
    if (await saving(async () => void (await send({ type: 'addPortals', entries: accepted })))) await load();
  };

  // Portals added before the extension knew their registrable domain: one click gives them the permissions they now need.
  const toUpgrade = rules?.filter((rule) => !rule.builtIn && rule.enabled && rule.site === undefined) ?? [];

  if (rules === null) return <main aria-busy="true"><p>{t('loading')}</p></main>;

  const add = (event: Event) => {
    event.preventDefault();
    const parsed = parseDomainInput(input);
    if (!parsed.ok) {
      refuse(t('domainRefused', shorten(input), t(DOMAIN_ERROR_TEXT[parsed.error])));
      return;
    }
    setInput('');
    const existing = rules.find((rule) => rule.pattern === parsed.pattern);
    if (existing?.enabled && access.get(existing.pattern)) {
      refuse(t('portalAlreadyThere', displayDomain(parsed.pattern)));
      return;
    }
    void enable([parsed]);
  };
  const update = async (next: PortalRule[]) => {
    if (await saving(async () => void (await send({ type: 'savePortals', rules: next })))) await load();
  };
  const remove = async (rule: PortalRule) => {
    const rest = rules.filter((other) => other !== rule);
    const revocable = revocableOrigins(rule, rest);
    if (revocable.length > 0) await adapter.removeOrigins(revocable).catch(() => false);
    say(t('portalRemoved', displayDomain(rule.pattern)));
    await update(rest);
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {problem && (
        <div role="alert" class="card status-warn problem">
          <p>{t(problem === 'corrupted' ? 'settingsCorrupted' : 'settingsUnknownVersion')}</p>
          {backups > 0 && <p>{t('settingsBackups', backups, MAX_BACKUPS)}</p>}
        </div>
      )}
      {/* A refusal is an alert, styled and announced as one; a success is a polite status. */}
      <p role="alert" class={message?.error ? 'card options-error' : 'options-error'} hidden={!message?.error}>
        {message?.error ? message.text : ''}
      </p>
      <p role="status" aria-live="polite" class="options-message">{message && !message.error ? message.text : ''}</p>
      {toUpgrade.length > 0 && (
        <section class="card upgrade" aria-labelledby="upgrade-title">
          <h2 id="upgrade-title">{t('upgradeTitle')}</h2>
          <p>{t('upgradeExplained', toUpgrade.map((rule) => rule.pattern).join(', '))}</p>
          <button type="button" class="primary" onClick={() => void enable(toUpgrade.map(withSite))}>
            {t('upgradeButton')}
          </button>
        </section>
      )}

      <section aria-labelledby="portals-title">
        <h2 id="portals-title">{t('portalsTitle')}</h2>
        <form class="row add-form" onSubmit={add}>
          <label class="grow">
            <span>{t('addDomainLabel')}</span>
            <input type="text" class="add-domain" value={input} placeholder="data.exemple.fr" onInput={(event) => setInput(event.currentTarget.value)} />
          </label>
          <button type="submit" class="primary">{t('addDomain')}</button>
        </form>
        <PortalList
          rules={rules}
          access={access}
          onToggle={(rule) => void update(rules.map((other) => (other === rule ? { ...rule, enabled: !rule.enabled } : other)))}
          onRemove={(rule) => void remove(rule)}
          onGrant={(rule) => void enable([withSite(rule)])}
        />
      </section>

      <Directory
        isKnown={(domain) => isPortalHost(domain, rules)}
        onEnable={(domain) => void enable([withSite({ pattern: domain })])}
      />
      <ImportExport rules={rules} onImport={(accepted) => void importPortals(accepted)} />
    </main>
  );
}

/** A portal with its registrable domain, found with the public-suffix list when the rule has none yet. */
function withSite(rule: Pick<PortalRule, 'pattern' | 'site'>): Omit<NewPortal, 'enabled'> {
  if (rule.site !== undefined) return { pattern: rule.pattern, site: rule.site };
  const parsed = parseDomainInput(rule.pattern);
  return parsed.ok ? { pattern: rule.pattern, site: parsed.site } : { pattern: rule.pattern };
}
