/**
 * `changes.atom` (Atom 1.0, RFC 4287): one entry per portal × rule whose status changed between two
 * consecutive audits of that portal, newest first. An entry's id is made of the portal, the rule and
 * the audit that changed it, and the feed's date is the latest audit's, so that rebuilding the site
 * neither renews old entries nor moves the feed.
 */
import type { Translate } from '../core/util/i18n';
import { STATUS_TEXT } from '../core/report/rule-wording';
import { RULES } from '../core/report/rule-verdict';
import type { Change, Run } from './history';
import { FEED_FILE, portalPage } from './pages';
import { longDay } from './words';

/** Enough for a year of weekly runs of a few hundred portals; the CSV keeps every change. */
const MOST_ENTRIES = 500;
const FEED_ID = 'urn:cookies-ods:observatory';

const xml = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function changesFeed(changes: readonly Change[], runs: readonly Run[], t: Translate, baseUrl = ''): string {
  const updated =
    [...runs.flatMap((run) => [...run.results.values()].map((result) => result.auditedAt))].sort().at(-1) ??
    runs.at(-1)!.at;
  const entries = changes.slice(0, MOST_ENTRIES).map((change) => {
    const rule = t(RULES.find((candidate) => candidate.id === change.rule)!.title);
    const [from, to] = [t(STATUS_TEXT[change.from]), t(STATUS_TEXT[change.to])];
    const text = t('observatoryChangeText', change.host, rule, from, longDay(change.fromAt), to, longDay(change.toAt));
    return `<entry>
<id>${FEED_ID}:change:${encodeURIComponent(change.host)}:${change.rule}:${xml(change.toAt)}</id>
<title>${xml(t('observatoryChangeTitle', change.host, rule, from, to))}</title>
<updated>${xml(change.toAt)}</updated>
<link rel="alternate" type="text/html" href="${xml(baseUrl + portalPage(change.host))}"/>
<category term="${change.rule}" label="${xml(rule)}"/>
<content type="text">${xml(text)}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<id>${FEED_ID}</id>
<title>${xml(t('observatoryFeedTitle'))}</title>
<subtitle>${xml(t('observatoryFeedSubtitle'))}</subtitle>
<updated>${xml(updated)}</updated>
<author><name>Cookies ODS</name></author>
<generator>cookies-ods-observatory</generator>
<link rel="self" type="application/atom+xml" href="${xml(baseUrl + FEED_FILE)}"/>
<link rel="alternate" type="text/html" href="${xml(baseUrl || 'index.html')}"/>
${entries.join('\n')}
</feed>
`;
}
