import type { SiteReport } from '../core/report/site-report';
import { download } from '../ui/download';
import { useServices } from '../ui/services';

/** « Exporter le rapport »: the same report as on screen, for a data-protection officer. */
export function ExportSection({ report }: { report: SiteReport }) {
  const { t, locale } = useServices();
  const stem = `cookies-${report.host}-${new Date(report.generatedAt).toISOString().slice(0, 10)}`;
  /** The export code loads on the first click only: the popup opens without it. */
  const save = async (format: 'md' | 'json') => {
    const { exportReport, reportToMarkdown } = await import('../core/report/export');
    if (format === 'md') download(`${stem}.md`, reportToMarkdown(report, t, locale), 'text/markdown');
    else download(`${stem}.json`, JSON.stringify(exportReport(report), null, 2), 'application/json');
  };
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('exportTitle')}</h2>
      <div class="row">
        <button type="button" class="export-md" onClick={() => void save('md')}>
          {t('exportMarkdown')}
        </button>
        <button type="button" class="export-json" onClick={() => void save('json')}>
          {t('exportJson')}
        </button>
      </div>
    </section>
  );
}
