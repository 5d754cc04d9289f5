/** With an LLM configured, staff see a summary and a suggested category beside the retiree's own words. */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import type { Llm } from '../../src/llm/types.js';

let app: TestApp;
afterEach(async () => app?.close());

const fakeLlm = (summary: Llm['summarizeFeedback']): Llm => ({
  answer: async () => null,
  route: async () => null,
  summarizeFeedback: summary,
});

async function fileComplaint(): Promise<string> {
  await app.say('活动室的空调坏了好几天了，希望尽快修');
  const r = await app.say('1');
  const no = /FK\d{8}-\d{4}/.exec(r.replies.map((x) => x.text).join('\n'))?.[0];
  expect(no).toBeDefined();
  return no!;
}

describe('feedback summary for staff', () => {
  it('stores the suggestion and keeps the original text and category', async () => {
    app = await createTestApp({ llm: fakeLlm(async () => ({ summary: '活动室空调故障待修', category: 'complaint' })) });
    const no = await fileComplaint();
    await expect.poll(async () => (await app.services.store.tickets.get(no))?.summary).toBe('活动室空调故障待修');
    const t = (await app.services.store.tickets.get(no))!;
    expect(t.text).toContain('空调坏了好几天了');
    expect(t.suggestedCategory).toBe('complaint');
    expect(t.category).not.toBe(undefined);
  });

  it('a failing model changes nothing and the retiree still gets the ticket', async () => {
    app = await createTestApp({
      llm: fakeLlm(async () => {
        throw new Error('model down');
      }),
    });
    const no = await fileComplaint();
    await new Promise((r) => setTimeout(r, 50));
    expect((await app.services.store.tickets.get(no))?.summary).toBeUndefined();
  });
});
