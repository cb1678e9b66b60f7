import type { SiteReport } from '../core/report/site-report';
import { useServices } from '../ui/services';

/** The three groups of the comparison with this portal's own charte, as the report computed them. */
export function CharteComparison({ report }: { report: SiteReport }) {
  const { t } = useServices();
  const { charte, comparison } = report;
  if (!charte || !comparison) return null;
  return (
    <div class="comparison">
      {charte.declared === 0 && <p class="status-warn">{t('charteEmpty')}</p>}
      <Group title={t('charteDeclaredAndSet')} kind="declared-set" names={comparison.declaredAndSet} />
      <Group title={t('charteDeclaredNotSet')} kind="declared-unset" names={comparison.declaredNotSet} />
      <Group title={t('charteSetNotDeclared')} kind="undeclared-set" names={comparison.setNotDeclared} />
      {charte.unread.length > 0 && <p class="status-warn charte-unread">{t('charteUnread', charte.unread.length)}</p>}
      {charte.cutRows > 0 && <p class="status-warn charte-cut">{t('charteCutRows', charte.cutRows)}</p>}
    </div>
  );
}

function Group({ title, kind, names }: { title: string; kind: string; names: string[] }) {
  const { t } = useServices();
  return (
    <div class="card" data-comparison={kind}>
      <h3>
        {title} ({names.length})
      </h3>
      {names.length === 0 ? (
        <p class="muted">{t('charteNone')}</p>
      ) : (
        <ul class="row">
          {names.map((name, index) => (
            <li key={index}>
              <code>{name}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
