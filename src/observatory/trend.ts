/**
 * One rule's trend as an SVG drawn at build time — readable without JavaScript — with its values as
 * a table beside it for those who do not see it. Seven polylines need no chart library (nor a DOM to
 * run one in Node): scales, two gridlines and a path are the whole of it.
 */
import { html } from '../audit/report-html';
import type { Translate } from '../core/util/i18n';
import type { Share } from './history';
import { percent, shortDay } from './words';

const WIDTH = 360;
const HEIGHT = 150;
const MARGIN = { top: 12, right: 14, bottom: 26, left: 42 };

const shareOf = (share: Share) => (share.judged > 0 ? share.respecting / share.judged : null);

function path(points: ReadonlyArray<{ x: number; y: number } | null>): string {
  let drawing = false;
  return points
    .map((point) => {
      if (!point) {
        drawing = false;
        return '';
      }
      const move = drawing ? 'L' : 'M';
      drawing = true;
      return `${move}${point.x.toFixed(1)},${point.y.toFixed(1)}`;
    })
    .join('');
}

export function trendFigure(id: string, title: string, shares: readonly Share[], t: Translate): string {
  const times = shares.map((share) => Date.parse(share.run.at));
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const x = (time: number) =>
    MARGIN.left +
    (last > first
      ? ((time - first) / (last - first)) * (WIDTH - MARGIN.left - MARGIN.right)
      : (WIDTH - MARGIN.left - MARGIN.right) / 2);
  const y = (value: number) => MARGIN.top + (1 - value) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const points = shares.map((share, index) => {
    const value = shareOf(share);
    return value === null ? null : { x: x(times[index]!), y: y(value) };
  });
  const grid = [0, 0.5, 1]
    .map((value) => {
      const across = `x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}"`;
      const line = `<line ${across} y1="${y(value)}" y2="${y(value)}" class="grid"/>`;
      return `${line}<text x="${MARGIN.left - 6}" y="${y(value) + 4}" text-anchor="end">${percent(value)}</text>`;
    })
    .join('');
  const [firstDay, lastDay] = [html(shortDay(shares[0]!.run.at)), html(shortDay(shares.at(-1)!.run.at))];
  const dates =
    `<text x="${MARGIN.left}" y="${HEIGHT - 6}">${firstDay}</text>` +
    `<text x="${WIDTH - MARGIN.right}" y="${HEIGHT - 6}" text-anchor="end">${lastDay}</text>`;
  const dots = points
    .map((point) => (point ? `<circle cx="${point.x.toFixed(1)}" cy="${point.y.toFixed(1)}" r="2.5"/>` : ''))
    .join('');
  const summary = summaryOf(shares, t);
  const rows = [...shares]
    .reverse()
    .map((share) => {
      const value = shareOf(share);
      const count = html(t('observatoryJudgedCount', share.respecting, share.judged));
      const shown = value === null ? '—' : percent(value);
      return `<tr><th scope="row">${html(shortDay(share.run.at))}</th><td>${shown}</td><td>${count}</td></tr>`;
    })
    .join('');
  const size = `viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}"`;
  const named = `<title id="${id}-title">${html(`${title} : ${summary}`)}</title>`;
  const svg = `<svg ${size} role="img" aria-labelledby="${id}-title">${named}`;
  const columns = ['observatoryRunColumn', 'observatoryShareColumn', 'observatoryCountColumn'] as const;
  const head = `<thead><tr>${columns.map((column) => `<th scope="col">${html(t(column))}</th>`).join('')}</tr></thead>`;
  return `<figure class="trend" aria-labelledby="${id}-caption">
<figcaption id="${id}-caption"><strong>${html(title)}</strong> — ${html(summary)}</figcaption>
${svg}${grid}${dates}<path d="${path(points)}"/>${dots}</svg>
<details><summary>${html(t('observatoryTrendValues'))}</summary><table>${head}<tbody>${rows}</tbody></table></details>
</figure>`;
}

function summaryOf(shares: readonly Share[], t: Translate): string {
  const judged = shares.filter((share) => share.judged > 0);
  const [oldest, latest] = [judged[0], judged.at(-1)];
  if (!oldest || !latest) return t('observatoryTrendNone');
  return t(
    'observatoryTrendSummary',
    percent(shareOf(latest)!),
    latest.respecting,
    latest.judged,
    percent(shareOf(oldest)!),
    shortDay(oldest.run.at),
  );
}

export const TREND_STYLE = `
.trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(23rem, 1fr)); gap: 1rem 2rem; }
.trend { margin: 0; }
.trend svg { display: block; max-width: 100%; height: auto; font-size: 11px; }
.trend svg text { fill: #404040; }
.trend svg .grid { stroke: #c4c4c4; }
.trend svg path { fill: none; stroke: #1d4ed8; stroke-width: 2; }
.trend svg circle { fill: #1d4ed8; }
`;
