import { sharedWithParents, type ExplainedCookie, type SiteReport } from '../core/explanation';
import { GROUP_TITLE } from '../core/wording';
import { useServices } from '../ui/services';
import { CookieRow } from './CookieRow';

/**
 * The site's own cookies by category, then apart the ones it shares with its parent domain: those
 * belong to every site of that domain, so they are explained separately and cleared only on request.
 */
export function CookieGroups({ report, onDelete }: { report: SiteReport; onDelete: (item: ExplainedCookie) => void }) {
  const { t } = useServices();
  const own = report.groups
    .map(({ group, cookies }) => ({ group, cookies: cookies.filter((item) => item.relation !== 'parent') }))
    .filter(({ cookies }) => cookies.length > 0);
  const { shared, parents: parentList } = sharedWithParents(report);
  const parents = parentList.join(', ');
  const rows = (items: ExplainedCookie[]) => (
    <ul>
      {items.map((item) => (
        <CookieRow key={item.key} item={item} onDelete={onDelete} />
      ))}
    </ul>
  );
  return (
    <>
      {own.map(({ group, cookies }) => (
        <section key={group} class="group" data-group={group} aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`}>{t(GROUP_TITLE[group])}</h2>
          {rows(cookies)}
        </section>
      ))}
      {shared.length > 0 && (
        <section class="group" data-group="shared" aria-labelledby="group-shared">
          <h2 id="group-shared">{t('groupShared', parents)}</h2>
          <p class="muted">{t('sharedExplained', parents)}</p>
          {rows(shared)}
        </section>
      )}
    </>
  );
}
