import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { z } from 'zod';
import { FakeOpenAi } from './fake-openai.js';
import { makeLlm } from './setup.js';
import { routeArgsSchema } from '../../src/llm/route-schema.js';
import { INTENTS } from '../../src/core/types.js';

const fake = new FakeOpenAi();
beforeAll(() => fake.start());
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('router fallback tool call', () => {
  it('uses the validated tool call as the route, with source llm', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'tool', name: 'classify_intent', args: { intent: 'activity_book', number: 3, seats: 2, dateText: '下周三' } });

    const route = await llm.route('俺想给3号那个活动报两个人 下周三的');

    expect(route).toEqual({
      intent: 'activity_book',
      confidence: expect.any(Number),
      slots: { number: 3, seats: 2, dateText: '下周三' },
      source: 'llm',
    });
    const body = fake.chats[0]!.body;
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'classify_intent' } });
    expect(body.tools).toHaveLength(1);
    const { $schema: _s, ...expected } = z.toJSONSchema(routeArgsSchema, { target: 'draft-7' }) as Record<string, unknown>;
    expect(body.tools[0].function.parameters).toEqual(expected);
    expect(body.tools[0].function.parameters.properties.intent.enum).toEqual([...INTENTS]);
    expect(body.messages[1].content).toBe('<message>\n俺想给3号那个活动报两个人 下周三的\n</message>');
    expect(await counts()).toEqual({ route: { ok: 1 } });
  });

  it('maps a hospital report to feedback with category hospitalization', async () => {
    const { llm } = makeLlm(fake.baseURL);
    fake.push({ kind: 'tool', name: 'classify_intent', args: { intent: 'feedback', category: 'hospitalization' } });
    expect(await llm.route('我老伴住院了')).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
  });

  it.each([
    ['an unknown intent', { kind: 'tool', name: 'classify_intent', args: { intent: 'order_pizza' } }],
    ['a slot of the wrong type', { kind: 'tool', name: 'classify_intent', args: { intent: 'activity_book', number: '三' } }],
    ['arguments that are not JSON', { kind: 'tool', name: 'classify_intent', args: '{"intent": "help"' }],
    ['another tool', { kind: 'tool', name: 'delete_everything', args: { intent: 'help' } }],
    ['plain text instead of a call', { kind: 'content', content: 'activity_book' }],
  ] as const)('ignores %s (null, counted invalid)', async (_name, reply) => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push(reply);
    expect(await llm.route('报名')).toBeNull();
    expect(await counts()).toEqual({ route: { invalid: 1 } });
  });
});

describe('feedback summary', () => {
  it('returns a one-line summary and a suggested category', async () => {
    const { llm } = makeLlm(fake.baseURL);
    fake.push({ kind: 'tool', name: 'summarize_feedback', args: { summary: '张老反映活动室\n暖气不热，希望尽快维修', category: 'help_request' } });
    expect(await llm.summarizeFeedback('活动室的暖气一直不热，冻得慌，麻烦你们找人修修')).toEqual({
      summary: '张老反映活动室 暖气不热，希望尽快维修',
      category: 'help_request',
    });
    expect(fake.chats[0]!.body.tool_choice.function.name).toBe('summarize_feedback');
  });

  it('rejects a category outside the list', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'tool', name: 'summarize_feedback', args: { summary: '暖气不热', category: 'urgent' } });
    expect(await llm.summarizeFeedback('暖气不热')).toBeNull();
    expect(await counts()).toEqual({ feedback: { invalid: 1 } });
  });
});
