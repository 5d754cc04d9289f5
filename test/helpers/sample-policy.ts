/**
 * The repository's sample knowledge base, indexed into a temporary data folder, and a test app that
 * answers policy questions from it (for conversation tests of the policy skill).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './harness.js';
import { loadPolicyService } from '../../src/retrieval/index.js';
import type { PolicyService } from '../../src/retrieval/policy-service.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';

export interface SamplePolicyApp {
  app: TestApp;
  policy: PolicyService;
  close(): Promise<void>;
}

export async function samplePolicyApp(prefix: string): Promise<SamplePolicyApp> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const config = parseConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent' });
  const policy = (await loadPolicyService({ config, logger: silentLogger() }))!;
  const app = await createTestApp({ policy });
  return {
    app,
    policy,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
