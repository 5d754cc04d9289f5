/** `yinling start`: the HTTP server, every configured chat channel, background jobs. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Services } from './services.js';
import { buildServices, createHandler, type ServiceOverrides } from './app.js';
import { createHttpServer } from './channels/http/server.js';
import { startTelegram, registerTelegramWebhook } from './channels/telegram/start.js';
import { startActivityJobs } from './skills/activities/jobs.js';

export interface RunningService {
  services: Services;
  http: FastifyInstance;
  /** The port the HTTP server listens on (PORT=0 picks a free one). */
  port: number;
  stop(): Promise<void>;
}

/** Starts everything; resolves once the HTTP server listens. */
export async function startService(config: Config, overrides: ServiceOverrides = {}): Promise<RunningService> {
  const services = await buildServices(config, overrides);
  const handle = createHandler(services);
  const http = await createHttpServer(services, handle, { plugins: [(app) => registerTelegramWebhook(app, services)] });
  const stoppers: (() => Promise<void> | void)[] = [];
  const { config: cfg } = services;
  const starters = [
    // wechaty is large: it is loaded only when WeChat is configured
    ...(cfg.WECHAT_ENABLED || cfg.WECHATY_PUPPET ? [async () => (await import('./channels/wechat/index.js')).startWechat(services, handle)] : []),
    () => startTelegram(services, handle),
  ];
  for (const start of starters) {
    try {
      const channel = await start();
      if (channel) stoppers.push(() => channel.stop());
    } catch (err) {
      // One broken channel must not take the others down.
      services.logger.error({ err }, 'channel failed to start');
      services.metrics.errors.inc({ where: 'channel_start' });
    }
  }
  const jobs = startActivityJobs(services);
  stoppers.push(() => jobs.stop());
  services.notifier.startPolling();
  await http.listen({ port: config.PORT, host: config.HOST });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  services.logger.info({ port, store: services.store.kind, policy: Boolean(services.policy), llm: Boolean(services.llm) }, `银龄助手 listening on http://127.0.0.1:${port}/`);
  let stopped = false;
  return {
    services,
    http,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      services.notifier.stop();
      for (const stop of stoppers.reverse()) await Promise.resolve(stop()).catch(() => undefined);
      await http.close();
      await services.store.close();
    },
  };
}
