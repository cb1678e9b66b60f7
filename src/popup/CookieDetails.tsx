import { useState } from 'preact/hooks';
import { cookieDetails } from '../core/cookies/details';
import type { ExplainedCookie } from '../core/report/site-report';
import { useServices } from '../ui/services';

/** Each technical field in plain words, and the value only when asked for. */
export function CookieDetails({ id, item }: { id: string; item: ExplainedCookie }) {
  const { t } = useServices();
  const [showValue, setShowValue] = useState(false);
  const { cookie } = item;
  return (
    <div id={id} class="details">
      <dl>
        {cookieDetails(cookie, t).map(({ term, value, meaning }) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              <code>{value}</code> <span class="muted">{meaning}</span>
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" aria-expanded={showValue} onClick={() => setShowValue(!showValue)}>
        {t(showValue ? 'valueHide' : 'valueShow')}
      </button>
      {showValue && (
        <p class="value">
          <span class="visually-hidden">{t('detailValue')} </span>
          <code>{cookie.value}</code>
        </p>
      )}
    </div>
  );
}
