import type { ComponentType } from 'preact';
import type { ExplainedCookie } from '../core/report/site-report';
import type { Translate } from '../core/util/i18n';
import { cookieSentences } from '../core/report/wording';

interface Props {
  item: ExplainedCookie;
  t: Translate;
  locale: string;
  detailsId: string;
  /**
   * The technical details' component once loaded and asked for; rows keep no state of their own, so hundreds draw fast.
   */
  Details: ComponentType<{ id: string; item: ExplainedCookie }> | null;
  open: boolean;
  onToggle: (item: ExplainedCookie) => void;
  onDelete: (item: ExplainedCookie) => void;
}

/** One cookie, as the report explains it: this component words nothing of its own. */
export function CookieRow({ item, t, locale, detailsId, Details, open, onToggle, onDelete }: Props) {
  const { cookie } = item;
  const said = cookieSentences(item, t, locale);

  return (
    <li class="card cookie" data-cookie={cookie.name} data-declaration={item.declaration}>
      <div class="row cookie-head">
        <code class="cookie-name" elementtiming="cookie-name">
          {cookie.name}
        </code>
        <span class="muted provider">
          {said.provider}
          {said.service && <span class="service"> · {said.service}</span>}
        </span>
      </div>
      {said.purposeLang ? (
        <p class="purpose">
          <span lang={said.purposeLang}>{said.purpose}</span> <span class="muted">({t('ocdEnglish')})</span>
        </p>
      ) : (
        <p class="purpose">{said.purpose}</p>
      )}
      {said.reference && (
        <p class="muted reference">
          {said.reference.category} · {said.reference.source}
          {said.reference.privacy && (
            <>
              {' · '}
              <a href={said.reference.privacy.url} target="_blank" rel="noopener noreferrer">
                {said.reference.privacy.text}
              </a>
            </>
          )}
        </p>
      )}
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
        <button
          type="button"
          class="link"
          aria-label={t('detailsShow', cookie.name)}
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => onToggle(item)}
        >
          {t('detailsShort')}
        </button>
        <button
          type="button"
          class="link delete"
          aria-label={t('deleteCookie', cookie.name)}
          onClick={() => onDelete(item)}
        >
          {t('deleteShort')}
        </button>
      </div>
      {open && Details && <Details id={detailsId} item={item} />}
    </li>
  );
}
