import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { FakeOpenAi, closedPort } from './fake-openai.js';
import { makeLlm } from './setup.js';
import { createTestApp } from '../helpers/harness.js';
import type { Llm } from '../../src/llm/types.js';

const fake = new FakeOpenAi();
beforeAll(() => fake.start());
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** Something the offline router cannot place (checked below, so the test notices if that changes). */
const unclear = '俺家老头子那个';

async function withApp<T>(llm: Llm, run: (app: Awaited<ReturnType<typeof createTestApp>>) => Promise<T>): Promise<T> {
  const app = await createTestApp({ llm });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

describe('router fallback through the whole assistant', () => {
  it('the utterance is unknown to the offline router', async () => {
    await withApp(makeLlm(fake.baseURL).llm, async (app) => {
      const { createRouter } = await import('../../src/app.js');
      expect(createRouter(app.services).routeOffline(unclear).intent).toBe('unknown');
    });
  });

  it('uses the LLM tool call when the offline router is unsure', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    await withApp(llm, async (app) => {
      fake.push({ kind: 'tool', name: 'classify_intent', args: { intent: 'feedback', category: 'hospitalization' } });
      const result = await app.say(unclear);
      expect(result.intent).toBe('feedback');
      expect(result.replies.at(-1)!.text).toContain('医院'); // the hospital-report flow asks which hospital
      expect(fake.chats[0]!.body.messages[1].content).toBe(`<message>\n${unclear}\n</message>`);
      expect(await counts()).toEqual({ route: { ok: 1 } });
    });
  });

  it('ignores an invalid tool call and asks the offline clarifying question', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    const offline = await withApp(makeLlm(fake.baseURL).llm, async (app) => {
      fake.push({ kind: 'status', status: 500 });
      return app.say(unclear);
    });
    await withApp(llm, async (app) => {
      fake.push({ kind: 'tool', name: 'classify_intent', args: { intent: 'transfer_money' } });
      const result = await app.say(unclear);
      expect(result.intent).toBe('unknown');
      expect(result.replies).toEqual(offline.replies);
      expect(await counts()).toEqual({ route: { invalid: 1 } });
    });
  });

  it('answers offline when the endpoint is down', async () => {
    const { llm, counts } = makeLlm(`http://127.0.0.1:${await closedPort()}/v1`);
    await withApp(llm, async (app) => {
      const result = await app.say(unclear);
      expect(result.intent).toBe('unknown');
      expect(result.replies.at(-1)!.options?.length).toBeGreaterThan(0);
      expect(await counts()).toEqual({ route: { connection_error: 1 } });
    });
  });
});
