import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { openKnowledgeIndex, loadPolicyService } from '../../src/retrieval/index.js';
import { readKnowledge } from '../../src/retrieval/loaders.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';

/** A minimal valid one-page PDF showing `text` (ASCII) with Helvetica. */
function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const root = mkdtempSync(join(tmpdir(), 'yl-ingest-'));
const knowledge = join(root, 'knowledge');
const data = join(root, 'data');
const config = parseConfig({ DATA_DIR: data, KNOWLEDGE_DIR: knowledge, LOG_LEVEL: 'silent' });

beforeAll(async () => {
  mkdirSync(join(knowledge, 'policies'), { recursive: true });
  writeFileSync(
    join(knowledge, 'policies', 'kanwang.md'),
    '---\ntitle: 住院看望办法\nissuer: 示例局\ndoc_no: 示〔2024〕1号\neffective: "2024-01-01"\n---\n\n# 住院看望办法\n\n第一条 离休干部住院的，原单位三日内派人看望。\n\n第二条 看望时带慰问品。\n',
  );
  writeFileSync(join(knowledge, 'policies', 'empty.md'), '');
  writeFileSync(join(knowledge, 'policies', 'broken.md'), '---\ntitle: [未闭合\n  : :\n---\n正文。\n');
  writeFileSync(join(knowledge, 'policies', 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]));
  writeFileSync(join(knowledge, 'notes.txt'), '活动中心每天上午八点开门。棋牌室免费开放。');
  const docx = new Document({ sections: [{ children: [new Paragraph('老年大学招生办法'), new Paragraph('第一条 老年大学每年春季招生，学费全免。')] }] });
  writeFileSync(join(knowledge, 'laonian.docx'), await Packer.toBuffer(docx));
  writeFileSync(join(knowledge, 'parking.pdf'), minimalPdf('Parking permit renewal is due every March.'));
  writeFileSync(join(knowledge, 'faq.yaml'), '- id: f1\n  question: 住院了单位会来看吗？\n  similar: [住院有人来看望吗]\n  answer: 会，三日内派人看望。\n  source: { doc: kanwang, article: 第一条 }\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('knowledge ingest', () => {
  it('reads markdown, txt, docx and pdf; reports bad files by name and skips them', async () => {
    const set = await readKnowledge(knowledge);
    const ids = set.docs.map((d) => d.id).sort();
    expect(ids).toEqual(['laonian.docx', 'notes.txt', 'parking.pdf', 'policies/kanwang.md']);
    expect(set.docs.find((d) => d.id === 'laonian.docx')!.text).toContain('学费全免');
    expect(set.docs.find((d) => d.id === 'parking.pdf')!.text).toContain('Parking permit renewal');
    const md = set.docs.find((d) => d.id === 'policies/kanwang.md')!;
    expect(md.title).toBe('住院看望办法');
    expect(md.meta?.doc_no).toBe('示〔2024〕1号');
    expect(set.problems.map((p) => p.file).sort()).toEqual(['policies/broken.md', 'policies/empty.md', 'policies/image.txt']);
    expect(set.faq).toHaveLength(1);
  });

  it('persists the index, loads it unchanged, and rebuilds when knowledge/ changes', async () => {
    const first = await openKnowledgeIndex(config);
    expect(first.report.rebuilt).toBe(true);
    expect(existsSync(join(data, 'index', 'meta.json'))).toBe(true);
    const again = await openKnowledgeIndex(config);
    expect(again.report.rebuilt).toBe(false);
    expect(again.index.chunks.length).toBe(first.index.chunks.length);
    expect(again.index.searchDocs('老年大学学费', 'bm25', 1)[0]!.doc.id).toBe('laonian.docx');
    expect(again.index.searchDocs('老年大学学费', 'hybrid', 1)[0]!.doc.id).toBe('laonian.docx');

    appendFileSync(join(knowledge, 'notes.txt'), '\n书画室周末开放到晚上九点。');
    const changed = await openKnowledgeIndex(config);
    expect(changed.report.rebuilt).toBe(true);
    expect(changed.index.searchDocs('书画室周末', 'bm25', 1)[0]!.doc.id).toBe('notes.txt');
  });

  it('the service answers with a citation, uses the FAQ, and says no below the threshold', async () => {
    const svc = (await loadPolicyService({ config, logger: silentLogger() }))!;
    const faq = await svc.answer('住院有人来看望吗');
    expect(faq.kind).toBe('faq');
    expect(faq.citation).toBe('《住院看望办法》第一条');
    const ex = await svc.answer('老年大学学费要交多少');
    expect(ex.kind).toBe('extractive');
    expect(ex.text).toContain('学费全免');
    expect(ex.citation).toContain('《老年大学招生办法》');
    const none = await svc.answer('明天股市会涨吗');
    expect(none.kind).toBe('none');
  });
});
