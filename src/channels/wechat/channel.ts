/** The WeChat channel: wechaty events -> pipeline -> throttled replies; proactive sends via Notifier. */
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import type { ChatRef, Reply } from '../../core/types.js';
import type { ChannelSender } from '../../core/notifier.js';
import type { MessageHandler } from '../../core/pipeline.js';
import type { Services } from '../../services.js';
import { OutgoingQueue } from '../outgoing/sender.js';
import { wechatLimits, type Sleep, type ThrottleLimits } from '../outgoing/throttle.js';
import { renderReplyAsText } from '../outgoing/render.js';
import { KeyedSerial } from '../outgoing/serial.js';
import { alertStaff } from '../outgoing/staff-alert.js';
import { readWechatMessage } from './inbound.js';
import { ALL_GROUPS } from '../outgoing/targets.js';

export { ALL_GROUPS };


export interface WechatChannelOptions {
  services: Services;
  handle: MessageHandler;
  wechaty: Wechaty;
  /** Overrides the throttle (tests use short gaps). */
  limits?: ThrottleLimits;
  retryBaseDelayMs?: number;
  sleep?: Sleep;
}

/** Wires one Wechaty instance to the message handler and the notifier. */
export class WechatChannel implements ChannelSender {
  readonly name = 'wechat' as const;
  readonly outgoing: OutgoingQueue;
  private readonly work = new KeyedSerial();
  private startedAt = Date.now();
  private loggedInAs: string | undefined;

  constructor(private readonly options: WechatChannelOptions) {
    const { services } = options;
    this.outgoing = new OutgoingQueue({
      channel: 'wechat',
      limits: options.limits ?? wechatLimits(services.config.WECHAT_SEND_GAP_MS),
      maxChars: services.config.OUTGOING_SPLIT_CHARS,
      logger: services.logger,
      metrics: services.metrics,
      retry: { attempts: 4, baseDelayMs: options.retryBaseDelayMs ?? 2000 },
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  /** Listens to wechaty and starts it; the QR code for login is printed when the puppet asks. */
  async start(): Promise<void> {
    const { wechaty, services } = this.options;
    const log = services.logger;
    this.startedAt = Date.now();
    wechaty.on('scan', (qrcode, status) => void printLoginQr(services, qrcode, Number(status)));
    wechaty.on('login', (user) => {
      this.loggedInAs = user.name();
      log.info({ user: user.name() }, 'wechat logged in');
      services.notifier.register(this);
    });
    wechaty.on('logout', (user, reason) => void this.onLogout(user.name(), reason));
    wechaty.on('error', (err) => {
      services.metrics.errors.inc({ where: 'wechat' });
      log.error({ err }, 'wechat error (the puppet reconnects by itself)');
    });
    wechaty.on('message', (msg) => void this.onMessage(msg));
    await wechaty.start();
  }

  /** Stops listening, waits for queued replies, and stops wechaty. */
  async stop(): Promise<void> {
    const { wechaty, services } = this.options;
    services.notifier.unregister('wechat');
    await this.idle();
    await wechaty.stop().catch((err: unknown) => services.logger.warn({ err }, 'wechat stop failed'));
  }

  /** Resolves when every received message has been answered and every reply sent. */
  async idle(): Promise<void> {
    await this.work.idle();
    await this.outgoing.idle();
  }

  /** Handles one wechaty message (public for tests that feed messages directly). */
  onMessage(msg: Message): Promise<void> {
    const { services } = this.options;
    const key = msg.room()?.id ?? msg.talker().id;
    return this.work.run(
      key,
      () => this.process(msg),
      (err) => {
        services.metrics.errors.inc({ where: 'wechat_inbound' });
        services.logger.error({ err, message: msg.id }, 'wechat message not handled');
      },
    );
  }

  private async process(msg: Message): Promise<void> {
    const { services, handle, wechaty } = this.options;
    const event = await readWechatMessage(msg, {
      wechaty,
      botName: services.config.BOT_NAME,
      allowedRooms: services.config.WECHAT_ROOMS,
      startedAt: this.startedAt,
    });
    if (event.kind === 'ignore') {
      services.logger.debug({ message: msg.id, reason: event.reason }, 'wechat message ignored');
      return;
    }
    const room = msg.room();
    const talker = msg.talker();
    if (event.kind === 'unsupported') {
      // In groups people share photos all day; only a private chat gets the "I read text" reply.
      if (room) return;
      const fresh = await services.store.markSeen(`wechat:${msg.id}`, 24 * 3600_000, services.clock.now());
      if (!fresh) return;
      await this.reply(room, talker, [{ text: services.prompts.t(`channels.unsupported.${event.what}`) }]);
      return;
    }
    const result = await handle(event.inbound);
    if (result.replies.length > 0) await this.reply(room, talker, result.replies);
  }

  /** Sends replies to a room (the first part @-mentions `talker`, when given) or to a contact. */
  private async reply(room: Room | undefined, talker: Contact | undefined, replies: Reply[]): Promise<void> {
    const texts = replies.map(renderReplyAsText);
    if (room) {
      return this.outgoing.deliver(room.id, texts, async (part) => {
        await (part.first && talker ? room.say(part.text, talker) : room.say(part.text));
      });
    }
    if (!talker) throw new Error('wechat reply without a room or a contact');
    return this.outgoing.deliver(talker.id, texts, async (part) => {
      await talker.say(part.text);
    });
  }

  /** Notifier entry point: delivers a proactive message (throws so the outbox retries). */
  async sendText(to: ChatRef, reply: Reply): Promise<void> {
    const { wechaty } = this.options;
    if (to.chatId === ALL_GROUPS) {
      const rooms = await this.allowedRooms();
      // One failed room must not resend to the others (the outbox would retry all); it is logged.
      await Promise.all(rooms.map((room) => this.reply(room, undefined, [reply]).catch(() => undefined)));
      return;
    }
    const room = to.chatType === 'private' ? undefined : await findRoom(wechaty, to.chatId);
    if (room) {
      const mention = to.userId ? await wechaty.Contact.find({ id: to.userId }).catch(() => undefined) : undefined;
      await this.reply(room, mention, [reply]);
      return;
    }
    const contact = await wechaty.Contact.find({ id: to.chatId });
    if (!contact) throw new Error(`wechat chat not found: ${to.chatId}`);
    await this.reply(undefined, contact, [reply]);
  }

  private async allowedRooms(): Promise<Room[]> {
    const all = await this.options.wechaty.Room.findAll();
    const allow = this.options.services.config.WECHAT_ROOMS;
    if (allow.length === 0) return all;
    const out: Room[] = [];
    for (const room of all) {
      const topic = await room.topic().catch(() => '');
      if (allow.includes(room.id) || allow.includes(topic)) out.push(room);
    }
    return out;
  }

  private async onLogout(user: string, reason: string | undefined): Promise<void> {
    const { services } = this.options;
    services.notifier.unregister('wechat');
    services.logger.error({ user, reason }, 'wechat logged out; alerting staff');
    await alertStaff(services, services.prompts.t('channels.wechat_logout', { user: user || this.loggedInAs || '' }), 'wechat', 'wechat:logout');
  }
}

async function findRoom(wechaty: Wechaty, idOrTopic: string): Promise<Room | undefined> {
  const byId = await wechaty.Room.find({ id: idOrTopic }).catch(() => undefined);
  if (byId) return byId;
  return wechaty.Room.find({ topic: idOrTopic }).catch(() => undefined);
}

/** Prints the login QR code in the terminal (qrcode, when available) and as an image URL. */
async function printLoginQr(services: Services, qrcode: string, status: number): Promise<void> {
  // ScanStatus 2 = Waiting, 3 = Scanned; only a waiting code is worth printing.
  if (status !== 2 && status !== 0) return;
  const { qrcodeValueToImageUrl } = await import('wechaty');
  const url = qrcodeValueToImageUrl(qrcode);
  try {
    const mod = (await import('qrcode' as string)) as { toString(text: string, o: object): Promise<string> };
    process.stdout.write(`${await mod.toString(qrcode, { type: 'terminal', small: true })}\n`);
  } catch {
    // the image URL below is enough to log in
  }
  process.stdout.write(`${services.prompts.t('channels.wechat_login_qr', { url })}\n`);
  services.logger.info({ url }, 'wechat: scan the QR code to log in');
}
