/** Server-rendered HTML for the console: escaping, the page frame, large readable type. */
import type { Prompts } from '../../../core/prompts.js';

/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A trusted HTML fragment (already escaped). */
export interface Html {
  html: string;
}

/** Tagged template that escapes every interpolated value unless it is an Html fragment or array of them. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return { html: out };
}

function render(v: unknown): string {
  if (Array.isArray(v)) return v.map(render).join('');
  if (v && typeof v === 'object' && 'html' in v) return (v as Html).html;
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

/** Marks a string as trusted HTML (only for markup produced in this folder, e.g. SVG). */
export function raw(markup: string): Html {
  return { html: markup };
}

const STYLE = `
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:20px;line-height:1.6;margin:0;color:#1a1a1a;background:#f7f7f4}
header{background:#8b1a1a;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
header a,header button{color:#fff;font-size:20px;text-decoration:none;background:none;border:0;cursor:pointer;padding:4px 8px}
header strong{font-size:24px;margin-right:24px}
main{padding:16px 24px;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ccc;padding:8px 10px;text-align:left;vertical-align:top}
th{background:#eee}
tr.overdue td{background:#fff1f0}
.mark{color:#fff;background:#c0392b;border-radius:4px;padding:0 6px;font-size:16px}
.ok{background:#e8f5e9;border:1px solid #a5d6a7;padding:8px 12px}
.err{background:#fdecea;border:1px solid #f5a5a5;padding:8px 12px}
textarea{width:100%;min-height:120px;font-size:20px}
input,select,button{font-size:20px;padding:6px 10px}
button.primary{background:#8b1a1a;color:#fff;border:0;border-radius:4px;padding:8px 18px}
form.inline{display:inline-block;margin-right:12px}
section{background:#fff;border:1px solid #ddd;padding:12px 16px;margin:16px 0}
ol.history li{margin-bottom:6px}
.muted{color:#666;font-size:17px}
.urgent{background:#c0392b;color:#fff;padding:10px 16px;font-size:22px}
.urgent a{color:#fff}
`;

/** The full page: header with navigation (when logged in) and the body. */
export function page(prompts: Prompts, title: string, body: Html, nav?: { csrf: string; user: string }, refreshSeconds?: number): string {
  const header = nav
    ? html`<header><strong>${prompts.t('console.title')}</strong>
<a href="/console">${prompts.t('console.nav.queue')}</a>
<a href="/console/activities">${prompts.t('console.nav.activities')}</a>
<a href="/console/dashboard">${prompts.t('console.nav.dashboard')}</a>
<a href="/console/export">${prompts.t('console.nav.export')}</a>
<span class="muted" style="color:#fdd">${nav.user}</span>
<form method="post" action="/console/logout" class="inline"><input type="hidden" name="csrf" value="${nav.csrf}"><button type="submit">${prompts.t('console.nav.logout')}</button></form>
</header>`
    : html`<header><strong>${prompts.t('console.title')}</strong></header>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}<title>${esc(title)}</title><style>${STYLE}</style></head><body>${header.html}<main>${body.html}</main></body></html>`;
}
