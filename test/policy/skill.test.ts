import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { loadPolicyService } from '../../src/retrieval/index.js';
import type { PolicyService } from '../../src/retrieval/policy-service.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { formatPolicyAnswer } from '../../src/skills/policy/format.js';

const dataDir = mkdtempSync(join(tmpdir(), 'yl-policy-'));
let policy: PolicyService;
let app: TestApp;

beforeAll(async () => {
  // the sample knowledge base of the repository, indexed into a temporary data folder
  const config = parseConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent' });
  policy = (await loadPolicyService({ config, logger: silentLogger() }))!;
  app = await createTestApp({ policy, config: { STAFF_IDS: 'http:staff1' } });
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('policy_query conversations', () => {
  it('answers a hospital-visit question from the sample knowledge base with a citation', async () => {
    const r = await app.say('离休干部住院了单位会来看望吗', { userId: 'p1' });
    expect(r.intent).toBe('policy_query');
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).toMatch(/依据：《[^》]+》第.+条/);
    expect(text).toContain('看望');
    expect(text).toContain('有帮助吗？回复 好 / 不好');
  });

  it('a death in the family finds the funeral and pension document (去世 and its synonyms)', async () => {
    for (const question of ['老伴去世了怎么办', '我爱人过世了', '父亲病故了丧葬费怎么领']) {
      const answer = await policy.answer(question);
      expect(answer.kind, question).not.toBe('none');
      expect(answer.citation, question).toContain('丧葬费抚恤金');
    }
  });

  it('says first when the base never mentions the thing asked about, then quotes the closest passage', async () => {
    // the sample base has no word on wills: it refuses, or it names what is missing before the closest passage
    const answer = await policy.answer('遗嘱咋写才有效？');
    expect(answer.kind === 'none' || answer.uncovered?.includes('遗嘱')).toBe(true);
    const unknownTopic = { kind: 'extractive' as const, text: '临时外出就医备案有效期为6个月。', sources: [], citation: '《示例》第五条', uncovered: ['遗嘱', '公证'] };
    const lines = formatPolicyAnswer(unknownTopic, app.services.prompts).split('\n');
    expect(lines[0]).toBe('政策文件里没有专门讲「遗嘱」、「公证」的内容。和您的问题最接近的是这一条：');
    expect(lines[1]).toBe('“临时外出就医备案有效期为6个月。”');
    // a question the base answers in its own words carries no such notice, and neither does an LLM or FAQ reply
    const covered = await policy.answer('离休干部住院能报销多少');
    expect(covered.kind).not.toBe('none');
    expect(covered.uncovered).toBeUndefined();
    expect(formatPolicyAnswer({ ...unknownTopic, kind: 'faq' }, app.services.prompts)).not.toContain('没有专门讲');
  });

  it('a colloquial word of a synonym group is read whole: 车补 finds the article on 交通费补贴', async () => {
    // jieba alone cuts 车补 into 车 and 补, and 车 matched the article about 车辆 instead
    const answer = await policy.answer('我退休前是处长 有没有车补');
    expect(answer.citation).toBe('《离退休干部交通费和通讯费补贴办法》第三条');
    expect(answer.text).toContain('不发放交通费补贴');
  });

  it('after an FAQ answer, 更多 quotes the cited article word for word', async () => {
    const first = await app.ask('离休干部住院了单位会来看望吗', { userId: 'p5' });
    expect(first).toContain('回复 更多 看全文');
    const more = await app.say('更多', { userId: 'p5' });
    expect(more.intent).toBe('policy_query');
    expect(more.replies[0]!.text).toMatch(/《离退休干部住院看望办法》第二条：.*看望/);
  });

  it('records a 好 rating for the last answer', async () => {
    await app.say('离休干部住院了单位会来看望吗', { userId: 'p2' });
    const r = await app.say('好', { userId: 'p2' });
    expect(r.replies[0]!.text).toContain('谢谢您的评价');
    const ratings = await app.services.store.listAnswerRatings(10);
    expect(ratings.find((x) => x.userId === 'http:p2')).toMatchObject({ helpful: true, question: '离休干部住院了单位会来看望吗' });
  });

  it('shows the rest of a long answer on 更多, then says there is no more', async () => {
    const stub: PolicyService = {
      answer: async () => ({ kind: 'extractive', text: '第一段。', more: '第二段的全部内容。', sources: [{ docId: 'd', title: '示例办法', article: '第三条', text: '第一段。', score: 1 }], citation: '《示例办法》第三条', ref: 'doc:d#第三条' }),
    };
    const other = await createTestApp({ policy: stub });
    try {
      const first = await other.ask('离休干部医药费报销需要哪些材料');
      expect(first).toContain('“第一段。”');
      expect(first).toContain('依据：《示例办法》第三条');
      expect(first).toContain('回复 更多 看全文');
      expect(await other.ask('更多')).toContain('第二段的全部内容。');
      expect(await other.ask('更多')).toContain('已经全部发给您了');
    } finally {
      await other.close();
    }
  });

  it('says honestly when the knowledge base has no answer, and opens a handoff ticket on 1', async () => {
    const r = await app.say('明天股市会涨吗', { userId: 'p4', userName: '王老' });
    const first = r.replies[0]!;
    expect(first.text).toContain('没有找到');
    expect(first.options?.map((o) => o.key)).toEqual(['1', '2']);
    const accepted = await app.say('1', { userId: 'p4', userName: '王老' });
    expect(accepted.replies[0]!.text).toMatch(/已经转给工作人员，编号 \S+/);
    const tickets = await app.services.store.tickets.list({ userId: 'http:p4' });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ category: 'handoff', text: '明天股市会涨吗' });
  });

  it('declining the staff offer writes nothing', async () => {
    await app.say('明天股市会涨吗', { userId: 'p5' });
    const r = await app.say('2', { userId: 'p5' });
    expect(r.replies[0]!.text).toContain('换个说法');
    expect(await app.services.store.tickets.list({ userId: 'http:p5' })).toHaveLength(0);
  });

  it('staff see more sources', async () => {
    const r = await app.say('退休干部看病怎么报销', { userId: 'staff1' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).toContain('相关文件（工作人员可见）');
  });
});

describe('without a policy service', () => {
  it('says the knowledge base is not available and offers staff', async () => {
    const bare = await createTestApp();
    try {
      const r = await bare.say('离休干部住院了单位会来看望吗');
      expect(r.replies[0]!.text).toContain('政策资料还在准备中');
    } finally {
      await bare.close();
    }
  });
});

describe('a loose match is quoted tentatively, with the staff offer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yl-policy-tentative-'));
  let loose: TestApp;
  beforeAll(async () => {
    // everything below 0.99 relevance and above 0.2 is tentative here, so the band is sure to be hit
    const config = parseConfig({ DATA_DIR: dir, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent', POLICY_MIN_RELEVANCE: '0.99', POLICY_TENTATIVE_RELEVANCE: '0.2' });
    const service = (await loadPolicyService({ config, logger: silentLogger() }))!;
    loose = await createTestApp({ policy: service });
  });
  afterAll(async () => {
    await loose.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const question = '俺是离休的走不动了 能让老伴儿替我去报销吗';

  it('says no article says it exactly, quotes the closest one with its basis, and offers staff', async () => {
    const r = await loose.say(question, { userId: 't1' });
    const lines = r.replies[0]!.text.split('\n');
    expect(lines[0]).toBe('政策文件里没有找到正好说这件事的条文。下面这条可能有关，供您参考：');
    expect(lines[1]).toMatch(/^“.+”$/);
    expect(lines[2]).toMatch(/^依据：《[^》]+》第.+条$/);
    expect(lines).toContain('这条没说到您问的事的话，回复 1 转给工作人员。');
    expect(lines).toContain('有帮助吗？回复 好 / 不好');
  });

  it('1 passes the question to staff as a handoff ticket', async () => {
    await loose.say(question, { userId: 't2' });
    const r = await loose.say('1', { userId: 't2' });
    expect(r.replies[0]!.text).toMatch(/已经转给工作人员，编号 \S+/);
    const tickets = await loose.services.store.tickets.list({ userId: 'http:t2' });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ category: 'handoff', text: question });
  });

  it('好 still rates the answer and opens no ticket', async () => {
    await loose.say(question, { userId: 't3' });
    const r = await loose.say('好', { userId: 't3' });
    expect(r.replies[0]!.text).toContain('谢谢您的评价');
    expect(await loose.services.store.tickets.list({ userId: 'http:t3' })).toHaveLength(0);
  });

  it('a plain answer carries neither the notice nor the offer', async () => {
    const r = await app.say('离休干部住院了单位会来看望吗', { userId: 't4' });
    const text = r.replies[0]!.text;
    expect(text).not.toContain('可能有关');
    expect(text).not.toContain('回复 1 转给工作人员');
  });
});
