/** The WeChat channel (wechaty). The only module that imports wechaty. */
import { join } from 'node:path';
import type { Services } from '../../services.js';
import type { MessageHandler } from '../../core/pipeline.js';
import { WechatChannel, type WechatChannelOptions } from './channel.js';

export { WechatChannel, ALL_GROUPS, type WechatChannelOptions } from './channel.js';
export { readWechatMessage, type WechatEvent } from './inbound.js';

/** The web-protocol puppet bundled with wechaty; used when WECHAT_ENABLED=true and no puppet is named. */
export const DEFAULT_WECHATY_PUPPET = 'wechaty-puppet-wechat4u';

/** Builds the channel around a ready Wechaty instance (tests pass one built on wechaty-puppet-mock). */
export function createWechatChannel(options: WechatChannelOptions): WechatChannel {
  return new WechatChannel({ ...options, });
}

/** Starts the channel when its settings are present; null when not configured. */
export async function startWechat(services: Services, handle: MessageHandler): Promise<{ stop(): Promise<void> } | null> {
  const { config } = services;
  if (!config.WECHAT_ENABLED && !config.WECHATY_PUPPET) return null;
  const { WechatyBuilder } = await import('wechaty');
  const puppet = config.WECHATY_PUPPET || DEFAULT_WECHATY_PUPPET;
  const wechaty = WechatyBuilder.build({
    // the login session ("memory card") is kept next to the database so a restart needs no new scan
    name: join(config.DATA_DIR, 'wechat-session'),
    puppet: puppet as never,
    ...(config.WECHATY_PUPPET_TOKEN ? { puppetOptions: { token: config.WECHATY_PUPPET_TOKEN } } : {}),
  });
  const channel = createWechatChannel({ services, handle, wechaty });
  services.logger.info({ puppet }, 'wechat starting; waiting for login');
  await channel.start();
  return channel;
}
