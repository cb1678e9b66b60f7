import { ruleSentences, STATUS_MARK } from '../core/report/rule-wording';
import type { SiteReport } from '../core/report/site-report';
import { useServices } from '../ui/services';

/** « Conformité (CNIL) »: each rule as this visit showed it, with its evidence and what it rests on. */
export function RulesSection({ report }: { report: SiteReport }) {
  const { t, locale } = useServices();
  if (report.rules.length === 0) return null;
  return (
    <details class="group rules" data-group="rules">
      <summary>
        <h2 id="rules-title">{t('rulesTitle')}</h2>
      </summary>
      <p class="muted">{t('rulesIntro')}</p>
      <ul>
        {ruleSentences(report.rules, t, locale).map((rule) => (
          <li key={rule.id} class={`card rule rule-${rule.status}`} data-rule={rule.id} data-status={rule.status}>
            <p>
              <span aria-hidden="true">{STATUS_MARK[rule.status]} </span>
              <strong>{rule.title}</strong> — {rule.verdict}
            </p>
            {rule.evidence.map((line) => (
              <p key={line} class="evidence">
                {line}
              </p>
            ))}
            <p class="muted basis">{rule.basis}</p>
          </li>
        ))}
      </ul>
    </details>
  );
}
