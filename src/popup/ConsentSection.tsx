import type { SiteReport } from '../core/report/site-report';
import { choiceLines, timeline, type Moment } from '../core/report/consent-wording';
import { useServices } from '../ui/services';

/**
 * « Vos choix sur ce portail »: what the visitor chose for each tracker, and the visit as a timeline. Loaded on portals
 * that ask.
 */
export function ConsentSection({ report }: { report: SiteReport }) {
  const { t, locale } = useServices();
  if (!report.consent) return null;
  const moments = timeline(report, t, locale);
  return (
    <section class="card consent-choices" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('consentTitle')}</h2>
      <ul>
        {choiceLines(report.consent, t, locale).map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
      <p class="muted">{t('consentHowToChange')}</p>
      {moments.length > 1 && <Timeline moments={moments} />}
    </section>
  );
}

const WIDTH = 340;
/**
 * The line spans ten seconds at least: moments a few milliseconds apart sit together, as their words say « au début ».
 */
const MIN_SPAN_MS = 10_000;
const ROW = { arrival: 10, choice: 22, cookie: 34 } as const;

/** The moments on a line, as a picture; the same moments as a list, for screen readers and for reading. */
function Timeline({ moments }: { moments: Moment[] }) {
  const { t } = useServices();
  const first = moments[0]?.at ?? 0;
  const span = Math.max(MIN_SPAN_MS, (moments.at(-1)?.at ?? first) - first);
  const x = (at: number) => 8 + ((at - first) / span) * (WIDTH - 16);
  return (
    <figure class="timeline">
      <figcaption>{t('timelineTitle')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} 44`} width="100%" height="44" aria-hidden="true" focusable="false">
        <line x1="8" x2={WIDTH - 8} y1="40" y2="40" class="axis" />
        {moments.map((moment, index) => (
          <circle
            key={index}
            cx={x(moment.at)}
            cy={ROW[moment.kind]}
            r="4"
            class={`moment moment-${moment.kind}${moment.alert ? ' alert' : ''}`}
          >
            <title>{moment.text}</title>
          </circle>
        ))}
      </svg>
      <p class="legend muted">{t('timelineLegend')}</p>
      <ol class="moments">
        {moments.map((moment, index) => (
          <li key={index} class={moment.alert ? 'alert' : undefined}>
            {moment.text}
          </li>
        ))}
      </ol>
    </figure>
  );
}
