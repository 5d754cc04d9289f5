/** A fake OpenAI-compatible server on 127.0.0.1 (port 0) with scripted replies, for the LLM tests. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Scripted =
  | { kind: 'content'; content: string | null }
  | { kind: 'tool'; name: string; args: unknown }
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'malformed' }
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number; then: Scripted }
  /** Decides from the request body (e.g. cite the first passage it was given). */
  | { kind: 'respond'; fn: (body: any) => Scripted };

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export class FakeOpenAi {
  readonly received: ReceivedRequest[] = [];
  private readonly script: Scripted[] = [];
  private server: Server | undefined;
  private fallback: Scripted = { kind: 'status', status: 500, body: { error: { message: 'nothing scripted' } } };
  baseURL = '';

  /** Starts listening on 127.0.0.1 with an ephemeral port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseURL = `http://127.0.0.1:${port}/v1`;
    return this;
  }

  /** Queues replies for the next chat completions, in order. */
  push(...replies: Scripted[]): this {
    this.script.push(...replies);
    return this;
  }

  /** The reply used once the queue is empty. */
  otherwise(reply: Scripted): this {
    this.fallback = reply;
    return this;
  }

  /** Forgets scripted replies and received requests. */
  reset(): void {
    this.script.length = 0;
    this.received.length = 0;
    this.fallback = { kind: 'status', status: 500, body: { error: { message: 'nothing scripted' } } };
  }

  /** Chat completion requests received so far. */
  get chats(): ReceivedRequest[] {
    return this.received.filter((r) => r.path.endsWith('/chat/completions'));
  }

  /** Stops the server, cutting hanging connections. */
  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      /* keep raw */
    }
    const path = req.url ?? '';
    this.received.push({ path, headers: req.headers, body });
    if (path.endsWith('/embeddings')) return this.embeddings(body, res);
    if (!path.endsWith('/chat/completions')) return send(res, 404, { error: { message: 'not found' } });
    await this.play(this.script.shift() ?? this.fallback, body, res);
  }

  private async play(reply: Scripted, body: any, res: ServerResponse): Promise<void> {
    switch (reply.kind) {
      case 'delay':
        await new Promise((r) => setTimeout(r, reply.ms));
        if (res.destroyed) return;
        return this.play(reply.then, body, res);
      case 'respond':
        return this.play(reply.fn(body), body, res);
      case 'hang':
        return; // never answers; close() cuts the socket
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "x", "choices": [ {"message": ');
        return;
      case 'status':
        return send(res, reply.status, reply.body ?? { error: { message: `status ${reply.status}` } });
      case 'content':
        return send(res, 200, completion(body?.model, { role: 'assistant', content: reply.content }, 'stop'));
      case 'tool':
        return send(
          res,
          200,
          completion(
            body?.model,
            {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_1',
                  type: 'function',
                  function: { name: reply.name, arguments: typeof reply.args === 'string' ? reply.args : JSON.stringify(reply.args) },
                },
              ],
            },
            'tool_calls',
          ),
        );
    }
  }

  /** Deterministic 8-dimensional vectors from character codes. */
  private embeddings(body: any, res: ServerResponse): void {
    const input: string[] = Array.isArray(body?.input) ? body.input : [String(body?.input ?? '')];
    const data = input.map((text, index) => {
      const v = new Array<number>(8).fill(0);
      for (const ch of text) v[ch.codePointAt(0)! % 8]! += 1;
      return { object: 'embedding', index, embedding: v };
    });
    send(res, 200, { object: 'list', data, model: body?.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
  }
}

function completion(model: string, message: unknown, finish: string): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message, finish_reason: finish }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
