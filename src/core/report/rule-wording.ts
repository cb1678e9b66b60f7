import { formatDuration } from '../util/duration';
import type { MessageKey, Translate } from '../util/i18n';
import { RULES, type EvidenceCookie, type RuleStatus, type RuleVerdict, type UnknownWhy } from './rule-verdict';

export const STATUS_TEXT: Readonly<Record<RuleStatus, MessageKey>> = {
  pass: 'rulePass',
  fail: 'ruleFail',
  unknown: 'ruleUnknown',
};
export const STATUS_MARK: Readonly<Record<RuleStatus, string>> = { pass: '✔', fail: '✘', unknown: '?' };
const WHY_TEXT: Readonly<Record<UnknownWhy, MessageKey>> = {
  charteNotRead: 'ruleWhyCharteNotRead',
  noChoice: 'ruleWhyNoChoice',
  noRefusal: 'ruleWhyNoRefusal',
  controlledVisit: 'ruleWhyControlledVisit',
  noBanner: 'ruleWhyNoBanner',
  unreachable: 'ruleWhyUnreachable',
};

export interface RuleSentences {
  id: RuleVerdict['id'];
  status: RuleStatus;
  title: string;
  /** « non respectée », or « impossible de juger : la charte n'a pas été lue ». */
  verdict: string;
  basis: string;
  evidence: string[];
}

/** Every rule's words, as the popup and the Markdown report both print them. */
export function ruleSentences(verdicts: readonly RuleVerdict[], t: Translate, locale: string): RuleSentences[] {
  return verdicts.map((judged) => {
    const rule = RULES.find((candidate) => candidate.id === judged.id)!;
    const { cookies, record, undeclared, banner, pages, choiceRecord } = judged.evidence;
    const named = (cookie: EvidenceCookie) => {
      const longest = Math.max(cookie.secondsLeft ?? 0, cookie.requestedSeconds ?? 0);
      return judged.id === 'tracker-lifetime' && longest > 0
        ? t('ruleEvidenceLifetime', cookie.name, formatDuration(longest, locale))
        : cookie.name;
    };
    const evidence = [
      ...(cookies.length > 0 ? [t('ruleEvidenceCookies', cookies.map(named).join(', '))] : []),
      ...(banner
        ? [
            t(
              'ruleEvidenceBanner',
              [banner.accept, banner.refuse, banner.settings]
                .filter((words) => words !== null)
                .map((words) => `« ${words} »`)
                .join(', ') || '—',
            ),
          ]
        : []),
      ...(pages && pages.length > 0 ? [t('ruleEvidencePages', pages.join(', '))] : []),
      ...(undeclared && undeclared.length > 0 ? [t('ruleEvidenceUndeclared', undeclared.join(', '))] : []),
      ...(record?.lifetimeSeconds ? [t('ruleEvidenceRecord', formatDuration(record.lifetimeSeconds, locale))] : []),
      ...(choiceRecord ? [t('ruleEvidenceChoiceRecord', choiceRecord.manager)] : []),
    ];
    const status = t(STATUS_TEXT[judged.status]);
    return {
      id: judged.id,
      status: judged.status,
      title: t(rule.title),
      verdict: judged.why ? `${status} : ${t(WHY_TEXT[judged.why])}` : status,
      basis: t(rule.basis),
      evidence,
    };
  });
}
