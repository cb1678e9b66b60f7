import { useState } from 'preact/hooks';
import { DIRECTORY_SIZE, searchDirectory } from '../core/portals/directory';
import { displayDomain, shorten } from '../core/util/display';
import { useServices } from '../ui/services';

export function Directory({
  isKnown,
  onEnable,
}: {
  isKnown: (domain: string) => boolean;
  onEnable: (domain: string) => void;
}) {
  const { t } = useServices();
  const [query, setQuery] = useState('');
  const results = searchDirectory(query, 25);
  return (
    <section aria-labelledby="directory-title">
      <h2 id="directory-title">{t('directoryTitle')}</h2>
      <p class="muted">{t('directoryIntro', DIRECTORY_SIZE)}</p>
      <label>
        <span class="visually-hidden">{t('directorySearch')}</span>
        <input
          type="search"
          class="directory-search"
          placeholder={t('directorySearch')}
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </label>
      {results.length === 0 && query.trim() !== '' && (
        <p role="status" class="muted no-match">
          {t('directoryNoMatch', shorten(query))}
        </p>
      )}
      <ul class="directory">
        {results.map(({ domain, publisher }) => (
          <li key={domain} class="row directory-entry" data-domain={domain}>
            <span class="grow">
              {publisher} <code class="muted">{displayDomain(domain)}</code>
            </span>
            {isKnown(domain) ? (
              <span class="status-ok">{t('directoryKnown')}</span>
            ) : (
              // The row already shows the name and the domain; the button's name says them to screen readers.
              <button
                type="button"
                aria-label={t('directoryEnable', publisher, displayDomain(domain))}
                onClick={() => onEnable(domain)}
              >
                {t('directoryEnableShort')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
