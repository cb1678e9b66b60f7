import { useState } from 'preact/hooks';
import { parseDomainInput } from '../core/portals/domain-input';
import { isPortalHost } from '../core/portals/portal-index';
import { displayDomain, shorten } from '../core/util/display';
import { MAX_BACKUPS } from '../core/portals/settings';
import { useServices } from '../ui/services';
import { Directory } from './Directory';
import { ImportExport } from './ImportExport';
import { PortalList } from './PortalList';
import { DOMAIN_ERROR_TEXT } from './errors';
import { usePortals, withSite } from './use-portals';

/** The options page: the portals the extension knows, the directory, import and export. */
export function App() {
  const { t } = useServices();
  const { rules, problem, access, backups, message, refuse, enable, importPortals, toggle, remove } = usePortals();
  const [input, setInput] = useState('');

  // Portals added before the extension knew their registrable domain: one click gives them the permissions they now
  // need.
  const toUpgrade = rules?.filter((rule) => !rule.builtIn && rule.enabled && rule.site === undefined) ?? [];

  if (rules === null)
    return (
      <main aria-busy="true">
        <p>{t('loading')}</p>
      </main>
    );

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
      <p role="status" aria-live="polite" class="options-message">
        {message && !message.error ? message.text : ''}
      </p>
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
            <input
              type="text"
              class="add-domain"
              value={input}
              placeholder="data.exemple.fr"
              onInput={(event) => setInput(event.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary">
            {t('addDomain')}
          </button>
        </form>
        <PortalList
          rules={rules}
          access={access}
          onToggle={(rule) => void toggle(rule)}
          onRemove={(rule) => void remove(rule)}
          onGrant={(rule) => void enable([withSite(rule)])}
        />
      </section>

      <Directory
        isKnown={(domain) => isPortalHost(domain, rules)}
        onEnable={(domain) => void enable([withSite({ pattern: domain })])}
      />
      <ImportExport rules={rules} onImport={(accepted) => void importPortals(accepted)} />
      <footer class="about">
        <p>{t('aboutSources')}</p>
      </footer>
    </main>
  );
}
