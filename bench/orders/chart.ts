import type { StepResult } from './load-step';

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { left: 70, right: 180, top: 30, bottom: 50 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/**
 * p99 POST → final status against the offered rate, one line per system, log scale in time:
 * where a line bends upwards is where that system saturates. Plain SVG, no dependencies.
 */
export function latencyChart(series: Record<string, StepResult[]>, title: string): string {
  const points = Object.values(series).flat();
  const maxRate = Math.max(...points.map((p) => p.offeredRate));
  const values = points.map((p) => p.postToFinal.p99Ms).filter((v) => v > 0 && Number.isFinite(v));
  const low = Math.pow(10, Math.floor(Math.log10(Math.min(10, ...values))));
  const high = Math.pow(10, Math.ceil(Math.log10(Math.max(1000, ...values))));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (rate: number) => MARGIN.left + (rate / maxRate) * plotW;
  const y = (ms: number) =>
    MARGIN.top +
    plotH -
    ((Math.log10(ms) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="14">${title}</text>`,
  ];
  for (let tick = low; tick <= high; tick *= 10) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick >= 1000 ? `${tick / 1000} s` : `${tick} ms`}</text>`,
    );
  }
  const target = 100;
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(target)}" y2="${y(target)}" stroke="#999" stroke-dasharray="4 4"/>`,
    `<text x="${MARGIN.left + plotW + 4}" y="${y(target) + 4}" fill="#666">target 100 ms</text>`,
  );
  const rates = [...new Set(points.map((p) => p.offeredRate))].sort((a, b) => a - b);
  for (const rate of rates) {
    parts.push(
      `<text x="${x(rate)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${rate}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">offered orders/s</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">p99 POST → COMPLETED/CANCELLED</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
  );
  Object.entries(series).forEach(([name, steps], i) => {
    const colour = COLOURS[i % COLOURS.length];
    const drawn = steps.filter((s) => s.postToFinal.p99Ms > 0);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${drawn.map((s) => `${x(s.offeredRate)},${y(s.postToFinal.p99Ms)}`).join(' ')}"/>`,
      ...drawn.map(
        (s) =>
          `<circle cx="${x(s.offeredRate)}" cy="${y(s.postToFinal.p99Ms)}" r="3" fill="${colour}"/>`,
      ),
      `<text x="${MARGIN.left + plotW + 10}" y="${MARGIN.top + 30 + i * 18}" fill="${colour}">■ ${name}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
