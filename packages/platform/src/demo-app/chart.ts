// The balance over time as an inline SVG drawn on the server: no script, no chart library.
// A line of one point per day, the lowest and highest balance on the left, dates below, and
// the zero line when the balance crosses it. Drawn twice, for a wide screen and for a phone,
// and the stylesheet shows one: an SVG scaled down to a phone's width shrinks its text with
// it, so the phone's has a narrower drawing whose labels stay at the size of the page's text.

import { type Html, html } from '../portal/html.js';
import { formatUnits } from './amounts.js';
import type { BalanceHistory } from './balance-history.js';

const LAYOUTS = {
  wide: {
    id: 'balance-chart',
    width: 760,
    height: 260,
    pad: { left: 110, right: 16, top: 16, bottom: 32 },
  },
  phone: {
    id: 'balance-chart-phone',
    width: 340,
    height: 220,
    pad: { left: 86, right: 10, top: 14, bottom: 30 },
  },
} as const;

export function balanceChart(history: BalanceHistory, layout: keyof typeof LAYOUTS = 'wide'): Html {
  const { width: WIDTH, height: HEIGHT, pad: PAD, id } = LAYOUTS[layout];
  const { points, scale, currency } = history;
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return html`<p class="muted">No days to draw.</p>`;

  let low = points.reduce((m, p) => (p.units < m ? p.units : m), first.units);
  let high = points.reduce((m, p) => (p.units > m ? p.units : m), first.units);
  if (low === high) {
    // A flat line sits in the middle of a band of one currency unit either side.
    const unit = 10n ** BigInt(scale);
    low -= unit;
    high += unit;
  }
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const span = Number(high - low);
  const x = (i: number) =>
    PAD.left + (points.length === 1 ? plotWidth : (i * plotWidth) / (points.length - 1));
  const y = (units: bigint) => PAD.top + (Number(high - units) / span) * plotHeight;
  const coords = points.map((p, i) => `${x(i).toFixed(1)},${y(p.units).toFixed(1)}`);
  const d = `M${coords.join('L')}`;

  const zero =
    low < 0n && high > 0n
      ? html`<line class="zero" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(0n).toFixed(1)}" y2="${y(0n).toFixed(1)}"/>`
      : '';
  const middle = points[Math.floor((points.length - 1) / 2)];
  const label = `Balance of the account at the end of each day from ${first.date} to ${last.date}, ${currency}: from ${formatUnits(first.units, scale)} to ${formatUnits(last.units, scale)}, lowest ${formatUnits(low, scale)}, highest ${formatUnits(high, scale)}`;
  return html`<svg class="chart ${layout}" id="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}" preserveAspectRatio="xMidYMid meet">
  <title>${label}</title>
  <rect class="plot" x="${PAD.left}" y="${PAD.top}" width="${plotWidth}" height="${plotHeight}"/>
  ${zero}
  <text class="axis" x="${PAD.left - 8}" y="${PAD.top + 4}" text-anchor="end">${formatUnits(high, scale)}</text>
  <text class="axis" x="${PAD.left - 8}" y="${PAD.top + plotHeight}" text-anchor="end">${formatUnits(low, scale)}</text>
  <text class="axis" x="${PAD.left - 8}" y="${PAD.top + plotHeight / 2 + 4}" text-anchor="end">${currency}</text>
  <text class="axis" x="${PAD.left}" y="${HEIGHT - 10}" text-anchor="start">${first.date}</text>
  ${layout === 'wide' && middle && points.length > 2 ? html`<text class="axis" x="${(PAD.left + plotWidth / 2).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="middle">${middle.date}</text>` : ''}
  <text class="axis" x="${WIDTH - PAD.right}" y="${HEIGHT - 10}" text-anchor="end">${last.date}</text>
  <path class="balance" d="${d}" data-points="${points.length}"/>
  <circle class="today" cx="${x(points.length - 1).toFixed(1)}" cy="${y(last.units).toFixed(1)}" r="3.5"/>
</svg>`;
}
