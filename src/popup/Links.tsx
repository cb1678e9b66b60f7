import { settingsLinks, type BrowserName } from '../core/util/browsers';
import type { MessageKey } from '../core/util/i18n';
import { useServices } from '../ui/services';
import { CHARTE_PATHS } from '../core/charte/charte-paths';

const BROWSER_NAME: Record<BrowserName, MessageKey> = {
  chrome: 'browserChrome',
  firefox: 'browserFirefox',
  safari: 'browserSafari',
  edge: 'browserEdge',
  opera: 'browserOpera',
};

const LEARN: readonly MessageKey[] = [
  'learnWhat',
  'learnNecessary',
  'learnPreferences',
  'learnAudience',
  'learnThirdParty',
];

export function Links({ origin, isPortal }: { origin: string | undefined; isPortal: boolean }) {
  const { t, browser } = useServices();
  return (
    <footer>
      {origin && isPortal && (
        <p>
          <a class="charte-link" href={`${origin}${CHARTE_PATHS[0]}`} target="_blank" rel="noreferrer">
            {t('charteLink')}
          </a>
        </p>
      )}
      <h2>{t('settingsHeading')}</h2>
      <ul class="row settings-links">
        {settingsLinks(browser).map(({ browser: name, url }) => (
          <li key={name}>
            <a href={url} target="_blank" rel="noreferrer">
              {t(BROWSER_NAME[name])}
            </a>
          </li>
        ))}
      </ul>
      <details class="learn-more">
        <summary>{t('learnMore')}</summary>
        {LEARN.map((key) => (
          <p key={key}>{t(key)}</p>
        ))}
      </details>
    </footer>
  );
}
