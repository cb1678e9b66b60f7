/**
 * The audit's three reports, rebuilt from the portals' results after each portal: `audit.json` (the
 * results as they are), `audit.md`, and `audit.html` — one page that stands alone (its own style
 * and script, a policy that forbids any request), a table portals × rules that sorts and filters,
 * each cell opening its evidence, and each portal's timeline. Every word from `_locales`; every
 * value from a portal escaped.
 */
import { join } from 'node:path';
import type { Translate } from '../core/util/i18n';
import { auditHtml } from './report-html';
import { auditMarkdown } from './report-markdown';
import { byHost } from './report-words';
import { writeWhole, type AuditFile, type PortalResult } from './results';

export async function writeReports(
  out: string,
  results: readonly PortalResult[],
  t: Translate,
  tool: string,
): Promise<void> {
  const sorted = [...results].sort(byHost);
  const file: AuditFile = { tool, portals: sorted };
  await writeWhole(join(out, 'audit.json'), `${JSON.stringify(file, null, 1)}\n`);
  await writeWhole(join(out, 'audit.md'), auditMarkdown(sorted, t));
  await writeWhole(join(out, 'audit.html'), auditHtml(sorted, t));
}
