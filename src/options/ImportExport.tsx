import type { NewPortal } from '../core/portals/settings';
import { useState } from 'preact/hooks';
import type { PortalRule } from '../core/portals/domains';
import { shorten } from '../core/util/display';
import { exportPortals, IMPORT_MAX_BYTES, readPortalImport, type ImportReport } from '../core/portals/portal-list';
import { download } from '../ui/download';
import { useServices } from '../ui/services';
import { DOMAIN_ERROR_TEXT } from './errors';

interface Props {
  rules: PortalRule[];
  onImport: (accepted: NewPortal[]) => void;
}

/** Refused entries listed one by one; past these, a count (a file of 250 000 bad lines draws 21 items). */
const SHOWN_REFUSALS = 20;

const FILE_ERROR_TEXT = {
  notJson: 'importNotJson',
  wrongShape: 'importWrongShape',
  tooLarge: 'importTooLarge',
  tooMany: 'importTooMany',
} as const;

export function ImportExport({ rules, onImport }: Props) {
  const { t } = useServices();
  const [report, setReport] = useState<ImportReport | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    // The size is known before anything is read: a file past it is never read at all.
    const result =
      file.size > IMPORT_MAX_BYTES
        ? ({ ok: false, error: 'tooLarge' } as const)
        : readPortalImport(await file.text(), new Set(rules.map((rule) => rule.pattern)));
    setReport(result);
    if (result.ok && result.accepted.length > 0) onImport(result.accepted);
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('importExportTitle')}</h2>
      <div class="row">
        <button
          type="button"
          class="export"
          onClick={() =>
            download('cookies-ods-portails.json', JSON.stringify(exportPortals(rules), null, 2), 'application/json')
          }
        >
          {t('exportList')}
        </button>
        <label class="import-label">
          {t('importList')}{' '}
          <input
            type="file"
            class="import"
            accept="application/json,.json"
            onChange={(event) => void pick(event.currentTarget.files?.[0])}
          />
        </label>
      </div>
      <p class="muted import-limits">{t('importLimits')}</p>
      {report && !report.ok && (
        <p role="alert" class="card options-error import-report">
          {t(FILE_ERROR_TEXT[report.error])}
        </p>
      )}
      {report?.ok && (
        <div role={report.refused.length > 0 ? 'alert' : 'status'} class="import-report">
          <p>{t('importAccepted', report.accepted.length)}</p>
          {report.refused.length > 0 && (
            <ul class="card options-error">
              {report.refused.slice(0, SHOWN_REFUSALS).map(({ entry, error }, index) => (
                <li key={index}>{t('importRefused', shorten(entry), t(DOMAIN_ERROR_TEXT[error]))}</li>
              ))}
              {report.refused.length > SHOWN_REFUSALS && (
                <li>{t('importMoreRefused', report.refused.length - SHOWN_REFUSALS)}</li>
              )}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
