/** Builds the policy service from knowledge/. Placeholder: the policy answers issue implements it. */
import type { PolicyService } from './policy-service.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Llm } from '../llm/types.js';

/** Loads (or rebuilds) the persisted index and returns the service; undefined while not built. */
export async function loadPolicyService(_deps: { config: Config; logger: Logger; llm?: Llm }): Promise<PolicyService | undefined> {
  return undefined;
}
