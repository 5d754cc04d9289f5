/**
 * The staff console at /console: login (staff accounts in the store, scrypt hashes), a signed
 * session cookie, a CSRF token on every POST, a growing delay after failed logins; the ticket
 * queue, ticket pages with history and reply box, activity rosters, dashboard, export download.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { randomBytes } from 'node:crypto';
import type { Services } from '../../../services.js';
import type { Ticket, TicketCategory, TicketStatus } from '../../../store/ticket-types.js';
import type { Activity, Booking } from '../../../store/activity-types.js';
import { setSignup } from '../../../skills/activities/actions.js';
import { exportRoster, rosterFileName } from '../../../skills/activities/roster-export.js';
import { closeTicket, replyToTicket, setTicketCategory, setTicketStatus } from '../../../skills/feedback/actions.js';
import { exportTickets } from '../../../skills/feedback/export.js';
import { isOverdue } from '../../../skills/feedback/format.js';
import { localDay } from '../../../store/ticket-logic.js';
import { page, html, type Html } from './html.js';
import { activitiesPage, CATEGORIES, dashboardPage, exportPage, loginPage, queuePage, rosterPage, STATUSES, ticketPage } from './pages.js';
import { checkCsrf, createSession, csrfToken, loadConsoleSecret, LOGIN_CSRF_COOKIE, readSession, SESSION_COOKIE, SESSION_TTL_MS, sign, unsign, type Session } from './session.js';
import { LoginThrottle } from './throttle.js';
import { verifyPassword } from './password.js';

export { LoginThrottle } from './throttle.js';

// Compared against when the username does not exist, so both cases take as long.
const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';
const PUBLIC = new Set(['/console/login']);

type Body = Record<string, unknown>;
declare module 'fastify' {
  interface FastifyRequest {
    staffSession?: StaffViewer;
  }
}

/** The signed-in staff member: the session, and the name the header shows (张老师, not the login zhang). */
type StaffViewer = Session & { displayName?: string };

/** Registers the console pages and their API on the HTTP server. */
export async function registerConsoleRoutes(app: FastifyInstance, services: Services, options: { throttle?: LoginThrottle } = {}): Promise<void> {
  const secret = loadConsoleSecret(services.config.CONSOLE_SESSION_SECRET, services.config.DATA_DIR);
  const throttle = options.throttle ?? new LoginThrottle(services.store);
  const { prompts, store, clock, logger } = services;

  await app.register(
    async (scope) => {
      if (!scope.hasDecorator('parseCookie')) await scope.register(fastifyCookie);
      if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(fastifyFormbody);

      const send = (reply: FastifyReply, status: number, title: string, body: Html, session?: StaffViewer, refreshSeconds?: number) =>
        reply
          .status(status)
          .header('cache-control', 'no-store')
          .header('x-frame-options', 'DENY')
          .header('content-security-policy', "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")
          .type('text/html; charset=utf-8')
          .send(page(prompts, title, body, session ? { csrf: csrfToken(secret, session), user: session.displayName ?? session.u } : undefined, refreshSeconds));
      const denied = (reply: FastifyReply, status: number) => send(reply, status, prompts.t('console.title'), html`<p class="err" role="alert">${prompts.t('console.denied')}</p><p><a href="/console/login">${prompts.t('console.login.heading')}</a></p>`);
      const cookieOpts = (req: FastifyRequest, maxAgeSec: number) => ({ path: '/console', httpOnly: true, sameSite: 'strict' as const, secure: req.protocol === 'https', maxAge: maxAgeSec });

      // Every route but the login needs a session; every POST needs the session's CSRF token.
      scope.addHook('preHandler', async (req, reply) => {
        const path = req.routeOptions.url ?? req.url;
        if (PUBLIC.has(path)) return;
        const session = readSession(secret, req.cookies[SESSION_COOKIE], clock.now());
        if (!session) {
          if (req.method === 'GET') return reply.redirect('/console/login', 303);
          return denied(reply, 401);
        }
        const account = await store.staff.get(session.u);
        if (!account || account.disabled) return denied(reply, 401);
        if (req.method === 'POST') {
          const token = (req.body as Body | undefined)?.csrf ?? req.headers['x-csrf-token'];
          if (!checkCsrf(secret, session, token)) {
            logger.warn({ user: session.u, path }, 'console POST without a valid CSRF token');
            return denied(reply, 403);
          }
        }
        req.staffSession = { ...session, ...(account.displayName ? { displayName: account.displayName } : {}) };
      });

      const showLogin = (req: FastifyRequest, reply: FastifyReply, status: number, message?: { kind: 'err' | 'ok'; text: string }) => {
        const token = randomBytes(16).toString('base64url');
        void reply.setCookie(LOGIN_CSRF_COOKIE, sign(secret, token), cookieOpts(req, 3600));
        return send(reply, status, prompts.t('console.login.heading'), loginPage(services, token, message));
      };

      scope.get('/login', async (req, reply) => showLogin(req, reply, 200));

      scope.post('/login', async (req, reply) => {
        const body = (req.body ?? {}) as Body;
        const expected = unsign(secret, req.cookies[LOGIN_CSRF_COOKIE]);
        if (!expected || body.csrf !== expected) return showLogin(req, reply, 403, { kind: 'err', text: prompts.t('console.login.expired') });
        const username = String(body.username ?? '').trim();
        const password = String(body.password ?? '');
        const keys = [`user:${username.toLowerCase()}`, `ip:${req.ip}`];
        const now = clock.now();
        const wait = await throttle.waitMs(keys, now);
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          void reply.header('retry-after', String(seconds));
          return showLogin(req, reply, 429, { kind: 'err', text: prompts.t('console.login.locked', { seconds }) });
        }
        const account = username ? await store.staff.get(username) : null;
        const ok = (await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH)) && Boolean(account) && !account?.disabled;
        if (!ok) {
          const delay = await throttle.fail(keys, now);
          await store.audit({ at: now.toISOString(), actor: `console:${username || '?'}`, action: 'console.login_failed', detail: { ip: req.ip } });
          logger.warn({ user: username, ip: req.ip }, 'console login failed');
          if (delay > 0) void reply.header('retry-after', String(Math.ceil(delay / 1000)));
          return showLogin(req, reply, 401, { kind: 'err', text: prompts.t('console.login.failed') });
        }
        await throttle.succeed(keys);
        const { cookie } = createSession(secret, account!.username, now);
        await store.audit({ at: now.toISOString(), actor: `console:${account!.username}`, action: 'console.login' });
        void reply.setCookie(SESSION_COOKIE, cookie, cookieOpts(req, SESSION_TTL_MS / 1000));
        void reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/console' });
        return reply.redirect('/console', 303);
      });

      scope.post('/logout', async (_req, reply) => {
        void reply.clearCookie(SESSION_COOKIE, { path: '/console' });
        return reply.redirect('/console/login', 303);
      });

      scope.get('/', async (req, reply) => {
        const q = req.query as Record<string, string | undefined>;
        const status: TicketStatus[] | undefined =
          q.status === 'open' ? ['new', 'accepted', 'in_progress', 'replied'] : (STATUSES as string[]).includes(q.status ?? '') ? [q.status as TicketStatus] : undefined;
        const category = (CATEGORIES as string[]).includes(q.category ?? '') ? (q.category as TicketCategory) : undefined;
        let tickets = await store.tickets.list({ ...(status ? { status } : {}), ...(category ? { category } : {}), limit: 500 });
        if (q.overdue) tickets = tickets.filter((t) => isOverdue(t, clock.now(), services.config));
        const filter = { ...(q.status ? { status: q.status } : {}), ...(category ? { category } : {}), overdue: Boolean(q.overdue) };
        // Hospital reports and call-back requests nobody has taken yet: a banner on every queue view.
        const urgent = (await store.tickets.list({ status: 'new' })).filter((t) => t.category === 'hospitalization' || t.category === 'handoff');
        return send(reply, 200, prompts.t('console.queue.heading'), queuePage(services, tickets, filter, urgent), req.staffSession, 60);
      });

      const ticketView = async (req: FastifyRequest, reply: FastifyReply, no: string, notice?: { kind: 'ok' | 'err'; text: string }) => {
        const ticket = await store.tickets.get(no);
        if (!ticket) return send(reply, 404, prompts.t('console.not_found'), html`<p class="err">${prompts.t('console.not_found')}</p>`, req.staffSession);
        const history = await store.tickets.history(no);
        return send(reply, 200, prompts.t('console.ticket.heading', { no }), ticketPage(services, ticket, history, csrfToken(secret, req.staffSession!), notice), req.staffSession);
      };
      const notices: Record<string, string> = { replied: 'replied_ok', status: 'status_ok', category: 'category_ok', empty: 'empty_reply' };

      scope.get('/tickets/:no', async (req, reply) => {
        const { no } = req.params as { no: string };
        const ok = (req.query as Record<string, string | undefined>).ok;
        const key = ok ? notices[ok] : undefined;
        return ticketView(req, reply, no.toUpperCase(), key ? { kind: ok === 'empty' ? 'err' : 'ok', text: prompts.t(`console.ticket.${key}`) } : undefined);
      });

      const actor = (req: FastifyRequest) => `console:${req.staffSession!.u}`;
      const back = (reply: FastifyReply, no: string, ok: string) => reply.redirect(`/console/tickets/${encodeURIComponent(no)}?ok=${ok}`, 303);

      scope.post('/tickets/:no/reply', async (req, reply) => {
        const no = (req.params as { no: string }).no.toUpperCase();
        const text = String((req.body as Body).text ?? '').trim();
        if (!text) return back(reply, no, 'empty');
        const t = await replyToTicket(services, no, text.slice(0, 2000), actor(req));
        if (!t) return ticketView(req, reply, no);
        return back(reply, no, 'replied');
      });

      scope.post('/tickets/:no/status', async (req, reply) => {
        const no = (req.params as { no: string }).no.toUpperCase();
        const status = String((req.body as Body).status ?? '');
        if (!(STATUSES as string[]).includes(status)) return denied(reply, 400);
        const t = status === 'closed' ? await closeTicket(services, no, actor(req)) : await setTicketStatus(services, no, status as TicketStatus, actor(req));
        if (!t) return ticketView(req, reply, no);
        return back(reply, no, 'status');
      });

      scope.post('/tickets/:no/category', async (req, reply) => {
        const no = (req.params as { no: string }).no.toUpperCase();
        const category = String((req.body as Body).category ?? '');
        if (!(CATEGORIES as string[]).includes(category)) return denied(reply, 400);
        const t = await setTicketCategory(services, no, category as TicketCategory, actor(req));
        if (!t) return ticketView(req, reply, no);
        return back(reply, no, 'category');
      });

      const activitiesWithRosters = async (): Promise<{ activity: Activity; confirmed: Booking[]; waitlist: Booking[] }[]> => {
        try {
          const list = await store.activities.list({ includeCancelled: true });
          return await Promise.all(list.map(async (activity) => ({ activity, ...(await store.activities.listByActivity(activity.id)) })));
        } catch (err) {
          logger.error({ err }, 'console: activities not readable');
          return [];
        }
      };

      scope.get('/activities', async (req, reply) =>
        send(reply, 200, prompts.t('console.activities.heading'), activitiesPage(services, await activitiesWithRosters()), req.staffSession),
      );

      const noActivity = (req: FastifyRequest, reply: FastifyReply) =>
        send(reply, 404, prompts.t('console.activities.heading'), html`<p class="err">${prompts.t('console.activities.none')}</p>`, req.staffSession);
      // ?ok= after stopping or reopening sign-up: the line shown above the roster.
      const signupNotices: Record<string, 'ok' | 'err'> = { closed: 'ok', reopened: 'ok', unchanged: 'ok', cancelled: 'err' };

      scope.get('/activities/:id', async (req, reply) => {
        const { id } = req.params as { id: string };
        const activity = await store.activities.get(id).catch(() => null);
        if (!activity) return noActivity(req, reply);
        const { confirmed, waitlist } = await store.activities.listByActivity(id);
        const ok = (req.query as Record<string, string | undefined>).ok ?? '';
        const notice = signupNotices[ok] ? { kind: signupNotices[ok]!, text: prompts.t(`console.activities.notice_${ok}`) } : undefined;
        return send(reply, 200, activity.title, rosterPage(services, activity, confirmed, waitlist, csrfToken(secret, req.staffSession!), notice), req.staffSession);
      });

      // Stop sign-up now, or open it again: bookings and the waitlist are kept, nobody is told.
      for (const action of ['close', 'reopen'] as const) {
        scope.post(`/activities/:id/${action}`, async (req, reply) => {
          const { id } = req.params as { id: string };
          const change = await setSignup(services, id, action === 'reopen', actor(req));
          if (change.status === 'not_found') return noActivity(req, reply);
          const ok = change.status === 'changed' ? (action === 'close' ? 'closed' : 'reopened') : change.status;
          return reply.redirect(`/console/activities/${encodeURIComponent(id)}?ok=${ok}`, 303);
        });
      }

      scope.get('/activities/:id/export', async (req, reply) => {
        const { id } = req.params as { id: string };
        const activity = await store.activities.get(id).catch(() => null);
        if (!activity) return noActivity(req, reply);
        const format = (req.query as Record<string, string | undefined>).format === 'csv' ? 'csv' : 'xlsx';
        const now = clock.now();
        const { confirmed, waitlist } = await store.activities.listByActivity(id);
        const bytes = await exportRoster(activity, confirmed, waitlist, format, { prompts, timezone: services.config.TIMEZONE, now });
        await store.audit({ at: now.toISOString(), actor: actor(req), action: 'activity.export', subject: `activity:${id}`, detail: { rows: confirmed.length + waitlist.length, format } });
        return reply
          .header('content-disposition', `attachment; filename="${rosterFileName(activity, format, services.config.TIMEZONE)}"`)
          .header('cache-control', 'no-store')
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(bytes);
      });

      scope.get('/dashboard', async (req, reply) => {
        const tickets: Ticket[] = await store.tickets.list();
        const acts = (await activitiesWithRosters()).map((a) => ({ activity: a.activity, waitlist: a.waitlist.length }));
        return send(reply, 200, prompts.t('console.dashboard.heading'), dashboardPage(services, tickets, acts), req.staffSession);
      });

      scope.get('/export', async (req, reply) => send(reply, 200, prompts.t('console.export.heading'), exportPage(services), req.staffSession));

      scope.get('/export/download', async (req, reply) => {
        const q = req.query as Record<string, string | undefined>;
        const format = q.format === 'csv' ? 'csv' : 'xlsx';
        const full = q.full === '1';
        const now = clock.now();
        const tickets = await store.tickets.list();
        const bytes = await exportTickets(tickets, format, { prompts, config: services.config, full, now });
        await store.audit({ at: now.toISOString(), actor: actor(req), action: 'ticket.export', detail: { rows: tickets.length, format, full } });
        const name = `feedback-${localDay(now, services.config.TIMEZONE)}.${format}`;
        return reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(bytes);
      });
    },
    { prefix: '/console' },
  );
}
