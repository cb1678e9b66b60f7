import { useId, useState } from 'preact/hooks';
import { catalogueKey, type MessageKey } from '../core/i18n';
import type { ExplainedCookie } from '../core/report';
import { CONSENT_TEXT, declaredText, flagText, providerText, remainingText } from '../core/wording';
import { useServices } from '../ui/services';

const SAME_SITE_TEXT = {
  lax: 'sameSiteLax',
  strict: 'sameSiteStrict',
  no_restriction: 'sameSiteNone',
  unspecified: 'sameSiteUnspecified',
} as const;

export function CookieRow({ item, onDelete }: { item: ExplainedCookie; onDelete: (item: ExplainedCookie) => void }) {
  const { t, locale } = useServices();
  const [open, setOpen] = useState(false);
  const { cookie, entry } = item;
  const detailsId = useId();

  return (
    <li class="card cookie" data-cookie={cookie.name}>
      <div class="row cookie-head">
        <code class="cookie-name">{cookie.name}</code>
        <span class="muted">
          {providerText(entry, t)}
          {entry && <span class="service"> · {t(catalogueKey(entry.id, 'service'))}</span>}
        </span>
      </div>
      <p class="purpose">{entry ? t(catalogueKey(entry.id, 'purpose')) : t('unknownPurpose')}</p>
      <p class="lifetimes">
        {entry && <span class="declared">{t('declaredLifetime', declaredText(entry.lifetime.declared, t, locale))}</span>}
        {entry && ' · '}
        <span class="observed">{remainingText(item.remaining, t, locale)}</span>
      </p>
      {entry && <p class="muted consent">{t(CONSENT_TEXT[entry.consent])}</p>}
      {item.flags.length > 0 && (
        <ul class="flags">
          {item.flags.map((flag) => (
            <li key={flag} class="flag" data-flag={flag}>
              {flagText(flag, cookie, t)}
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <button type="button" class="link" aria-label={t('detailsShow', cookie.name)} aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
          {t('detailsShort')}
        </button>
        <button type="button" class="link delete" aria-label={t('deleteCookie', cookie.name)} onClick={() => onDelete(item)}>
          {t('deleteShort')}
        </button>
      </div>
      {open && <CookieDetails id={detailsId} item={item} />}
    </li>
  );
}

function CookieDetails({ id, item }: { id: string; item: ExplainedCookie }) {
  const { t } = useServices();
  const [showValue, setShowValue] = useState(false);
  const { cookie } = item;
  const yesNo = (value: boolean) => t(value ? 'yes' : 'no');
  const rows: Array<[MessageKey, string]> = [
    ['detailDomain', cookie.domain],
    ['detailPath', cookie.path],
    ['detailSecure', yesNo(cookie.secure)],
    ['detailHttpOnly', yesNo(cookie.httpOnly)],
    ['detailSameSite', t(SAME_SITE_TEXT[cookie.sameSite] ?? 'sameSiteUnspecified')],
    ['detailPartition', cookie.partitionKey?.topLevelSite ?? yesNo(false)],
    ['detailStore', cookie.storeId],
  ];
  return (
    <div id={id} class="details">
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} class="row">
            <dt>{t(label)}</dt>
            <dd>
              <code>{value}</code>
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
