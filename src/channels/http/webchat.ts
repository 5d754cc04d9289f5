/** The web chat page: one self-contained HTML file, large type, usable on a phone. */
import type { Prompts } from '../../core/prompts.js';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Renders the page with the texts of prompts/web.yaml. */
export function renderWebChat(prompts: Prompts): string {
  const t = (k: string) => escapeHtml(prompts.t(`web.${k}`));
  const js = JSON.stringify({ welcome: prompts.t('web.welcome'), offline: prompts.t('web.offline') }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>
<style>
  :root { font-size: 22px; }
  body { margin: 0; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: #f4f1ea; color: #222; display: flex; flex-direction: column; height: 100vh; }
  header { background: #b22222; color: #fff; padding: .6rem 1rem; }
  header { display: flex; justify-content: space-between; align-items: center; gap: .5rem; }
  header h1 { margin: 0; font-size: 1.4rem; } header p { margin: .2rem 0 0; font-size: .9rem; }
  header .size { display: flex; gap: .4rem; flex: none; }
  header .size button { min-height: 2.4rem; padding: .2rem .6rem; background: #fff; }
  #log { flex: 1; overflow-y: auto; padding: 1rem; }
  .msg { max-width: 88%; margin: .5rem 0; padding: .7rem .9rem; border-radius: .8rem; white-space: pre-wrap; line-height: 1.5; word-break: break-word; }
  .bot { background: #fff; border: 1px solid #ddd; }
  .me { background: #d8f0c8; margin-left: auto; }
  .opts { display: flex; flex-wrap: wrap; gap: .5rem; margin: .3rem 0 .8rem; }
  button { font-size: 1rem; white-space: nowrap; padding: .6rem 1rem; border-radius: .6rem; border: 2px solid #b22222; background: #fff; color: #b22222; min-height: 3rem; }
  form { display: flex; gap: .5rem; padding: .7rem; background: #fff; border-top: 1px solid #ccc; }
  #text { flex: 1; min-width: 0; font-size: 1.1rem; padding: .6rem; border-radius: .5rem; border: 2px solid #999; min-height: 3rem; }
  #send { background: #b22222; color: #fff; flex: none; white-space: nowrap; }
  html, body { overflow-x: hidden; }
  .quick { display: flex; gap: .5rem; padding: 0 .7rem .7rem; background: #fff; }
</style></head>
<body>
<header><div><h1>${t('title')}</h1><p>${t('subtitle')}</p></div><div class="size"><button type="button" id="smaller" aria-label="${t('smaller')}">A-</button><button type="button" id="bigger" aria-label="${t('bigger')}">A+</button></div></header>
<div id="log" aria-live="polite"></div>
<form id="f"><input id="text" autocomplete="off" maxlength="2000" placeholder="${t('placeholder')}" aria-label="${t('placeholder')}"><button id="send" type="submit">${t('send')}</button></form>
<div class="quick"><button type="button" data-key="0">${t('quick_menu')}</button><button type="button" data-key="9">${t('quick_staff')}</button></div>
<script>
const TEXT = ${js};
const log = document.getElementById('log');
let userId = localStorage.getItem('yinling.userId');
if (!userId || !/^web-[A-Za-z0-9-]{8,64}$/.test(userId)) { userId = 'web-' + (crypto.randomUUID ? crypto.randomUUID() : Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2)); localStorage.setItem('yinling.userId', userId); }
function add(text, who, options) {
  const div = document.createElement('div'); div.className = 'msg ' + who; div.textContent = text; log.appendChild(div);
  if (options && options.length) {
    const row = document.createElement('div'); row.className = 'opts';
    for (const o of options) { const b = document.createElement('button'); b.type = 'button'; b.textContent = o.key + '. ' + o.label; b.onclick = () => send(o.key); row.appendChild(b); }
    log.appendChild(row);
  }
  log.scrollTop = log.scrollHeight;
}
async function send(text) {
  if (!text.trim()) return;
  add(text, 'me');
  try {
    const res = await fetch('/webchat/messages', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, text, messageId: userId + ':' + Date.now() + ':' + Math.random().toString(36).slice(2) }) });
    const data = await res.json();
    for (const r of data.replies || []) add(r.text, 'bot', r.options);
  } catch (e) { add(TEXT.offline, 'bot'); }
}
async function poll() {
  try { const res = await fetch('/webchat/inbox?userId=' + encodeURIComponent(userId)); const data = await res.json();
    for (const m of data.messages || []) add(m.text, 'bot', m.options); } catch (e) {}
}
document.getElementById('f').onsubmit = (e) => { e.preventDefault(); const el = document.getElementById('text'); const v = el.value; el.value = ''; send(v); };
for (const b of document.querySelectorAll('.quick button')) b.onclick = () => send(b.dataset.key);
let size = Number(localStorage.getItem('yinling.fontSize')) || 22;
function setSize(px) { size = Math.max(16, Math.min(34, px)); document.documentElement.style.fontSize = size + 'px'; localStorage.setItem('yinling.fontSize', String(size)); }
setSize(size);
document.getElementById('bigger').onclick = () => setSize(size + 3);
document.getElementById('smaller').onclick = () => setSize(size - 3);
add(TEXT.welcome, 'bot');
setInterval(poll, 3000);
</script>
</body></html>`;
}
