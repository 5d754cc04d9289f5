import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { FakeOpenAi, closedPort, type Scripted } from './fake-openai.js';
import { makeLlm, TIMEOUT_MS } from './setup.js';
import type { GroundedPassage } from '../../src/llm/types.js';

const passages: GroundedPassage[] = [{ n: 1, text: '离休干部的医药费实行实报实销。', source: '《规定》第五条' }];
const good: Scripted = { kind: 'content', content: '可以实报实销[1]。' };
const BOUND_MS = TIMEOUT_MS + 1000;

const fake = new FakeOpenAi();
beforeAll(() => fake.start());
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** Runs `call`, returning its result and how long it took. */
async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

describe('every failure ends in null within LLM_TIMEOUT_MS + 1 s, counted by outcome', () => {
  it.each([
    ['a slow reply', { kind: 'delay', ms: TIMEOUT_MS + 2000, then: good }, 'timeout'],
    ['a server that never answers', { kind: 'hang' }, 'timeout'],
    ['429 Too Many Requests', { kind: 'status', status: 429 }, 'rate_limited'],
    ['500', { kind: 'status', status: 500 }, 'server_error'],
    ['503', { kind: 'status', status: 503 }, 'server_error'],
    ['malformed JSON', { kind: 'malformed' }, 'malformed'],
    ['a JSON body of the wrong shape', { kind: 'status', status: 200, body: { hello: 'world' } }, 'malformed'],
  ] as const)('%s', async (_name, reply, outcome) => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push(reply as Scripted);
    const { value, ms } = await timed(() => llm.answer('能报销吗', passages));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await counts()).toEqual({ answer: { [outcome]: 1 } });
    expect(fake.chats).toHaveLength(1); // no retries
  });

  it('connection refused', async () => {
    const { llm, counts } = makeLlm(`http://127.0.0.1:${await closedPort()}/v1`);
    const { value, ms } = await timed(() => llm.route('报名'));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await counts()).toEqual({ route: { connection_error: 1 } });
  });

  it('shows the counts on /metrics (Prometheus text)', async () => {
    const { llm, metrics } = makeLlm(fake.baseURL);
    fake.push({ kind: 'status', status: 429 }, { kind: 'malformed' });
    await llm.answer('能报销吗', passages);
    await llm.route('报名');
    const text = await metrics.registry.metrics();
    expect(text).toContain('yinling_llm_calls_total{purpose="answer",outcome="rate_limited"} 1');
    expect(text).toContain('yinling_llm_calls_total{purpose="route",outcome="malformed"} 1');
  });

  it('a caller-given timeout shorter than LLM_TIMEOUT_MS is honoured', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'delay', ms: 250, then: good });
    expect(await llm.answer('能报销吗', passages, { timeoutMs: 100 })).toBeNull();
    expect(await counts()).toEqual({ answer: { timeout: 1 } });
  });

  it('a reply that arrives in time is used', async () => {
    const { llm } = makeLlm(fake.baseURL);
    fake.push({ kind: 'delay', ms: 50, then: good });
    expect(await llm.answer('能报销吗', passages)).toEqual({ text: '可以实报实销[1]。', cited: [1] });
  });
});

describe('circuit breaker', () => {
  it('opens after 3 consecutive failures, answers null without calling, and recovers after 30 s', async () => {
    const { llm, counts, clock } = makeLlm(fake.baseURL);
    fake.otherwise({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(fake.chats).toHaveLength(3);

    // open: no request reaches the server
    expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(await llm.route('报名')).toBeNull();
    expect(fake.chats).toHaveLength(3);

    // 29 s later still open
    clock.ms += 29_000;
    expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(fake.chats).toHaveLength(3);

    // half-open after 30 s: one trial; it fails, so the circuit opens again
    clock.ms += 1_000;
    expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(fake.chats).toHaveLength(4);
    expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(fake.chats).toHaveLength(4);

    // next trial succeeds: closed again, calls flow
    clock.ms += 30_000;
    fake.otherwise(good);
    expect(await llm.answer('能报销吗', passages)).toEqual({ text: '可以实报实销[1]。', cited: [1] });
    expect(await llm.answer('能报销吗', passages)).not.toBeNull();
    expect(fake.chats).toHaveLength(6);

    expect(await counts()).toEqual({
      answer: { server_error: 4, circuit_open: 3, ok: 2 },
      route: { circuit_open: 1 },
    });
  });

  it('invalid model output does not open the circuit (the endpoint works)', async () => {
    const { llm } = makeLlm(fake.baseURL);
    fake.otherwise({ kind: 'content', content: '没有引用的回答' });
    for (let i = 0; i < 4; i++) expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(fake.chats).toHaveLength(4);
  });

  it('lets only one half-open trial through at a time', async () => {
    const { llm, clock } = makeLlm(fake.baseURL);
    fake.otherwise({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) await llm.answer('能报销吗', passages);
    clock.ms += 30_000;
    fake.otherwise({ kind: 'delay', ms: 100, then: good });
    const results = await Promise.all([llm.answer('a', passages), llm.answer('b', passages), llm.answer('c', passages)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(fake.chats).toHaveLength(4);
  });
});
