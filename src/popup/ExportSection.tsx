import type { StoredCharte } from '../core/compare';
import { exportReport, reportToMarkdown } from '../core/export';
import type { SiteReport } from '../core/report';
import { download } from '../ui/download';
import { useServices } from '../ui/services';

/** « Exporter le rapport »: the same report as on screen, for a data-protection officer. */
export function ExportSection({ report, charte }: { report: SiteReport; charte: StoredCharte | null }) {
  const { t, locale } = useServices();
  const stem = `cookies-${report.host}-${new Date(report.generatedAt).toISOString().slice(0, 10)}`;
  const data = () => exportReport(report, charte, t, locale);
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('exportTitle')}</h2>
      <div class="row">
        <button type="button" class="export-md" onClick={() => download(`${stem}.md`, reportToMarkdown(data(), t, locale), 'text/markdown')}>
          {t('exportMarkdown')}
        </button>
        <button type="button" class="export-json" onClick={() => download(`${stem}.json`, JSON.stringify(data(), null, 2), 'application/json')}>
          {t('exportJson')}
        </button>
      </div>
    </section>
  );
}
