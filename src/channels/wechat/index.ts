/** The wechat channel. Placeholder: the channels issue implements it. */
import type { Services } from '../../services.js';
import type { MessageHandler } from '../../core/pipeline.js';

/** Starts the channel when its settings are present; null when not configured. */
export async function startWechat(_services: Services, _handle: MessageHandler): Promise<{ stop(): Promise<void> } | null> {
  return null;
}
