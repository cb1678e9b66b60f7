import type { ObservedCookie } from './cookie';
import { cookieHost } from './cookie';
import type { MessageKey, Translate } from '../util/i18n';

/** One technical field of a cookie in plain words: the term, what it is here, what that means for the visitor. */
export interface Detail {
  term: string;
  value: string;
  meaning: string;
}

const SAME_SITE: Readonly<Record<ObservedCookie['sameSite'], MessageKey>> = {
  strict: 'sameSiteStrict',
  lax: 'sameSiteLax',
  no_restriction: 'sameSiteNone',
  unspecified: 'sameSiteUnspecified',
};

const SAME_SITE_VALUE: Readonly<Record<ObservedCookie['sameSite'], string>> = {
  strict: 'Strict',
  lax: 'Lax',
  no_restriction: 'None',
  unspecified: '—',
};

/** The window a cookie store stands for: Chrome numbers its stores, Firefox names them. */
function windowOf(storeId: string, t: Translate): string {
  if (storeId === '0' || storeId === 'firefox-default') return t('storeNormal');
  if (storeId === '1' || storeId === 'firefox-private') return t('storePrivate');
  const container = /^firefox-container-(\d+)$/.exec(storeId)?.[1];
  return container === undefined ? storeId : t('storeContainer', container);
}

export function cookieDetails(cookie: ObservedCookie, t: Translate): Detail[] {
  const host = cookieHost(cookie);
  const yesNo = (value: boolean) => t(value ? 'yes' : 'no');
  const partition = cookie.partitionKey?.topLevelSite;
  return [
    {
      term: t('detailDomain'),
      value: host,
      meaning: t(cookie.hostOnly ? 'detailDomainHostOnly' : 'detailDomainShared', host),
    },
    {
      term: t('detailPath'),
      value: cookie.path,
      meaning: t(cookie.path === '/' ? 'detailPathAll' : 'detailPathSome', cookie.path),
    },
    {
      term: t('detailSecure'),
      value: yesNo(cookie.secure),
      meaning: t(cookie.secure ? 'detailSecureYes' : 'detailSecureNo'),
    },
    {
      term: t('detailHttpOnly'),
      value: yesNo(cookie.httpOnly),
      meaning: t(cookie.httpOnly ? 'detailHttpOnlyYes' : 'detailHttpOnlyNo'),
    },
    {
      term: t('detailSameSite'),
      value: SAME_SITE_VALUE[cookie.sameSite] ?? '—',
      meaning: t(SAME_SITE[cookie.sameSite] ?? 'sameSiteUnspecified'),
    },
    {
      term: t('detailPartition'),
      value: yesNo(partition !== undefined),
      meaning:
        partition === undefined
          ? t('detailPartitionNo')
          : t('detailPartitionYes', partition.replace(/^https?:\/\//, '')),
    },
    { term: t('detailStore'), value: windowOf(cookie.storeId, t), meaning: t('detailStoreMeaning') },
  ];
}
