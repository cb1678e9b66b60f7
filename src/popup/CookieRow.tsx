import { useId, useState } from 'preact/hooks';
import type { ExplainedCookie } from '../core/explanation';
import { cookieSentences } from '../core/wording';
import { useLazy } from '../ui/lazy';
import { useServices } from '../ui/services';

/** One cookie, as the report explains it: this component words nothing of its own. */
export function CookieRow({ item, onDelete }: { item: ExplainedCookie; onDelete: (item: ExplainedCookie) => void }) {
  const { t, locale } = useServices();
  const [open, setOpen] = useState(false);
  const { cookie } = item;
  const said = cookieSentences(item, t, locale);
  const detailsId = useId();
  // The technical details load on the first « Détails techniques »: the popup opens without them.
  const CookieDetails = useLazy(() => import('./CookieDetails').then((module) => module.CookieDetails), open);

  return (
    <li class="card cookie" data-cookie={cookie.name} data-declaration={item.declaration}>
      <div class="row cookie-head">
        <code class="cookie-name">{cookie.name}</code>
        <span class="muted provider">
          {said.provider}
          {said.service && <span class="service"> · {said.service}</span>}
        </span>
      </div>
      <p class="purpose">{said.purpose}</p>
      <p class="lifetimes">
        {said.lifetime && <span class="declared">{said.lifetime}</span>}
        {said.lifetime && ' · '}
        <span class="observed">{said.remaining}</span>
      </p>
      {said.consent && <p class="muted consent">{said.consent}</p>}
      {said.verdict && (
        <p class={said.verdict.alert ? 'verdict flag alert' : 'verdict flag'} data-verdict={said.verdict.kind}>
          {said.verdict.text}
        </p>
      )}
      {said.flags.length > 0 && (
        <ul class="flags">
          {said.flags.map(({ flag, text, alert }) => (
            <li key={flag} class={alert ? 'flag alert' : 'flag'} data-flag={flag}>
              {text}
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
      {open && CookieDetails && <CookieDetails id={detailsId} item={item} />}
    </li>
  );
}
