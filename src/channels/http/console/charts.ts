/** Inline SVG charts (no scripts, no libraries): stacked columns and horizontal bars. */
import { esc } from './html.js';

const COLORS = ['#8b1a1a', '#d35400', '#2e86c1', '#27ae60', '#8e44ad', '#7f8c8d'];

/** Stacked column chart: one column per label, one colour per series, legend below. */
export function stackedColumns(labels: string[], series: { name: string; values: number[] }[], opts: { title: string }): string {
  const width = 760;
  const height = 300;
  const left = 40;
  const bottom = 40;
  const top = 20;
  const totals = labels.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotH = height - top - bottom;
  const slot = (width - left - 10) / Math.max(1, labels.length);
  const barW = Math.min(60, slot * 0.6);
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#999"/>`);
  parts.push(`<text x="${left - 6}" y="${top + 6}" text-anchor="end" font-size="14">${max}</text>`);
  labels.forEach((label, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let y = height - bottom;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (!v) return;
      const h = (v / max) * plotH;
      y -= h;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[k % COLORS.length]}"><title>${esc(`${label} ${s.name}: ${v}`)}</title></rect>`);
    });
    if (totals[i]) parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="14">${totals[i]}</text>`);
    parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 20}" text-anchor="middle" font-size="14">${esc(label)}</text>`);
  });
  const legend = series
    .map((s, k) => `<rect x="${left + k * 120}" y="${height - 14}" width="14" height="14" fill="${COLORS[k % COLORS.length]}"/><text x="${left + k * 120 + 20}" y="${height - 2}" font-size="14">${esc(s.name)}</text>`)
    .join('');
  return `<svg role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${parts.join('')}${legend}</svg>`;
}

/** Horizontal bars with a value label (e.g. bookings per activity, rating distribution). */
export function horizontalBars(rows: { label: string; value: number; max?: number; note?: string }[], opts: { title: string }): string {
  const width = 760;
  const rowH = 34;
  const labelW = 260;
  const height = Math.max(rowH, rows.length * rowH) + 10;
  const max = Math.max(1, ...rows.map((r) => r.max ?? r.value));
  const parts = rows.map((r, i) => {
    const y = 5 + i * rowH;
    const w = ((width - labelW - 120) * r.value) / max;
    const cap = r.max !== undefined ? `<rect x="${labelW}" y="${y + 4}" width="${(((width - labelW - 120) * r.max) / max).toFixed(1)}" height="${rowH - 12}" fill="none" stroke="#bbb"/>` : '';
    return `<text x="${labelW - 8}" y="${y + rowH / 2 + 5}" text-anchor="end" font-size="15">${esc(r.label)}</text>${cap}<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 12}" fill="${COLORS[i % 2 === 0 ? 0 : 2]}"/><text x="${(labelW + w + 6).toFixed(1)}" y="${y + rowH / 2 + 5}" font-size="15">${esc(r.note ?? String(r.value))}</text>`;
  });
  return `<svg role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${parts.join('')}</svg>`;
}
