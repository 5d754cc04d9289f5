/**
 * Policy defects left from the independent QA rounds and found in round 8: colloquial words the
 * sample base writes otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePolicyApp, type SamplePolicyApp } from '../helpers/sample-policy.js';
import type { PolicyService } from '../../src/retrieval/policy-service.js';

let sample: SamplePolicyApp;
let policy: PolicyService;

beforeAll(async () => {
  sample = await samplePolicyApp('yl-qa8-');
  policy = sample.policy;
}, 120_000);
afterAll(() => sample.close());

describe('spoken words the documents write otherwise', () => {
  it('一年 is 每年 and 来看 is 看望: "领导一年来看我几回" quotes the yearly visits, not the half-yearly report', async () => {
    const a = await policy.answer('领导一年来看我几回');
    expect(a.citation).toBe('《领导干部联系离退休干部制度》第三条');
    expect(a.text).toContain('不少于2次');
  });
});
