import type { NewPortal } from '../core/settings';
import { useState } from 'preact/hooks';
import type { PortalRule } from '../core/domains';
import { exportPortals, readPortalImport, type ImportReport } from '../core/portal-list';
import { download } from '../ui/download';
import { useServices } from '../ui/services';
import { DOMAIN_ERROR_TEXT } from './errors';

interface Props {
  rules: PortalRule[];
  onImport: (accepted: NewPortal[]) => void;
}

export function ImportExport({ rules, onImport }: Props) {
  const { t } = useServices();
  const [report, setReport] = useState<ImportReport | null>(null);


  const pick = async (file: File | undefined) => {
    if (!file) return;
    const result = readPortalImport(await file.text());
    setReport(result);
    if (result.ok && result.accepted.length > 0) onImport(result.accepted);
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('importExportTitle')}</h2>
      <div class="row">
        <button type="button" class="export" onClick={() => download('cookies-ods-portails.json', JSON.stringify(exportPortals(rules), null, 2), 'application/json')}>
          {t('exportList')}
        </button>
        <label class="import-label">
          {t('importList')}{' '}
          <input type="file" class="import" accept="application/json,.json" onChange={(event) => void pick(event.currentTarget.files?.[0])} />
        </label>
      </div>
      {report && (
        <div role="status" class="import-report">
          {!report.ok && <p class="status-warn">{t(report.error === 'notJson' ? 'importNotJson' : 'importWrongShape')}</p>}
          {report.ok && <p>{t('importAccepted', report.accepted.length)}</p>}
          {report.ok && report.refused.length > 0 && (
            <ul>
              {report.refused.map(({ entry, error }, index) => (
                <li key={index} class="status-warn">
                  {t('importRefused', entry, t(DOMAIN_ERROR_TEXT[error]))}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
