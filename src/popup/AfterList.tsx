import type { SiteView } from '../protocol';
import type { ExplainedCookie } from '../core/report/site-report';
import { CharteSection } from './CharteSection';
import { ClearPanel } from './ClearPanel';
import { ExportSection } from './ExportSection';
import { Links } from './Links';
import { RulesSection } from './RulesSection';

type Site = Extract<SiteView, { kind: 'site' }>;

/**
 * What comes after the cookies' rows: clearing, the charte, exports, links. Its code loads once the
 * rows are drawn, so the popup's first paint never waits for it.
 */
export function AfterList({
  view,
  onClear,
  onChanged,
}: {
  view: Site;
  onClear: (items: ExplainedCookie[]) => void;
  onChanged: () => void;
}) {
  const { report } = view;
  return (
    <>
      {report && <RulesSection report={report} />}
      {report && <ClearPanel host={view.host} report={report} onClear={onClear} />}
      {report && view.isPortal && (
        <CharteSection
          tabId={view.tabId}
          host={view.host}
          origin={view.origin}
          report={report}
          damaged={view.charteDamaged}
          onRead={onChanged}
        />
      )}
      {report && <ExportSection report={report} />}
      <Links origin={view.origin} isPortal={view.isPortal} />
    </>
  );
}
