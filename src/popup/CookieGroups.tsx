import { useEffect, useId, useLayoutEffect, useState } from 'preact/hooks';
import type { ExplainedCookie, SiteReport } from '../core/report/site-report';
import { GROUP_TITLE } from '../core/report/wording';
import { useLazy } from '../ui/lazy';
import { useServices } from '../ui/services';
import { CookieRow } from './CookieRow';

/**
 * Rows drawn before the first paint (more than a popup shows); the others right after it, so 180 cookies open as fast
 * as 4.
 */
const FIRST_PAINT_ROWS = 8;

/**
 * The site's own cookies by category, then apart the ones it shares with its parent domain: those
 * belong to every site of that domain, so they are explained separately and cleared only on request.
 * Each section folds, with its count in its title.
 */
export function CookieGroups({ report, onDelete }: { report: SiteReport; onDelete: (item: ExplainedCookie) => void }) {
  const { t, locale } = useServices();
  const [budget, setBudget] = useState(FIRST_PAINT_ROWS);
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const idPrefix = useId();
  // The technical details load on the first « Détails techniques »: the popup opens without them.
  const Details = useLazy(() => import('./drawn-after-rows').then((module) => module.CookieDetails), opened.size > 0);
  const toggle = (item: ExplainedCookie) =>
    setOpened((now) => {
      const next = new Set(now);
      if (!next.delete(item.key)) next.add(item.key);
      return next;
    });
  // Every row drawn (the task after the frame that drew them): a User Timing mark, for
  // DevTools' performance panel and `npm run bench`.
  useLayoutEffect(() => {
    if (report.counts.total > budget) return undefined;
    const frame = requestAnimationFrame(() => setTimeout(() => performance.mark('cookies-ods:rows')));
    return () => cancelAnimationFrame(frame);
  }, [report.counts.total <= budget]);
  useEffect(() => {
    if (report.counts.total <= budget) return undefined;
    const frame = requestAnimationFrame(() => setTimeout(() => setBudget(Infinity)));
    return () => cancelAnimationFrame(frame);
  }, [report.counts.total > budget]);

  const { own } = report;
  const shared = report.shared.cookies;
  const parents = report.shared.parents.join(', ');
  let drawn = 0;
  const rows = (items: ExplainedCookie[]) => {
    const shown = items.slice(0, Math.max(0, budget - drawn));
    const drawnBefore = drawn;
    drawn += shown.length;
    return (
      <ul>
        {shown.map((item, index) => (
          <CookieRow
            key={item.key}
            item={item}
            t={t}
            locale={locale}
            detailsId={`${idPrefix}-${drawnBefore + index}`}
            Details={Details}
            open={opened.has(item.key)}
            onToggle={toggle}
            onDelete={onDelete}
          />
        ))}
      </ul>
    );
  };
  const title = (text: string, count: number) => (
    <>
      {text} <span class="count">({count})</span>
    </>
  );
  return (
    <>
      {own.map(({ group, cookies }) => (
        <details key={group} open class="group" data-group={group}>
          <summary>
            <h2 id={`group-${group}`}>{title(t(GROUP_TITLE[group]), cookies.length)}</h2>
          </summary>
          {rows(cookies)}
        </details>
      ))}
      {shared.length > 0 && (
        <details open class="group" data-group="shared">
          <summary>
            <h2 id="group-shared">{title(t('groupShared', parents), shared.length)}</h2>
          </summary>
          <p class="muted">{t('sharedExplained', parents)}</p>
          {rows(shared)}
        </details>
      )}
    </>
  );
}
