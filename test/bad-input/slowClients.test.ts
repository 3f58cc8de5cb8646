// Slow and idle clients (issue 12 item 10): connections that never finish their headers or body,
// or sit idle after an answer, are closed by the appliance; one address cannot hold more than
// MAX_CONNECTIONS_PER_IP; /v1/health answers other clients throughout; and a streamed answer that
// outlasts CLIENT_REQUEST_TIMEOUT_MS is not cut (that timeout covers receiving the request only).
// The timeouts are set short through the environment; the test asserts only what happens
// ("closed", "answered"), never how long it took.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { parseRawAnswer, type RawAnswer } from '../helpers/rawHttp.ts';

const ATTACKER = '127.0.0.2';
const CAP = 20;

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway({
    env: {
      CLIENT_HEADERS_TIMEOUT_MS: '1000',
      CLIENT_REQUEST_TIMEOUT_MS: '1500',
      CLIENT_KEEP_ALIVE_TIMEOUT_MS: '500',
      MAX_CONNECTIONS_PER_IP: String(CAP),
    },
  });
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(async () => {
  await g.close();
});

interface Held {
  socket: net.Socket;
  /** What the server sent, once it closed the connection. */
  closed: Promise<RawAnswer>;
}

/** Connects from `localAddress`, writes `bytes` and keeps the socket open until the server closes it. */
function hold(bytes: string, localAddress = ATTACKER): Promise<Held> {
  const { hostname, port } = new URL(g.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), localAddress });
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (raw += d));
    const closed = new Promise<RawAnswer>((done) => socket.on('close', () => done(parseRawAnswer(raw, true))));
    socket.on('error', () => socket.destroy());
    socket.once('connect', () => {
      if (bytes) socket.write(bytes);
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

const adminError = (answer: RawAnswer) => JSON.parse(answer.body) as { success: boolean; data: { errorCode: string; message: string } };

describe('slow and idle connections are closed', () => {
  it('an attacker holding connections with unfinished headers: the cap refuses the rest, health answers others, all are closed', async () => {
    const held: Held[] = [];
    for (let i = 0; i < CAP; i++) held.push(await hold(`GET /v1/health HTTP/1.1\r\nHost: a\r\nX-Slow: `));
    const refused: Held[] = [];
    for (let i = 0; i < 10; i++) refused.push(await hold(''));

    // Another client (another address) is served while the attacker's connections are open.
    const health = await fetch(`${g.url}/v1/health`);
    expect(health.status).toBe(200);

    for (const answer of await Promise.all(refused.map((h) => h.closed))) {
      expect(answer.status).toBe(429);
      expect(adminError(answer).data).toEqual({
        errorCode: 'AB06',
        message: expect.stringMatching(/Too many open connections from 127\.0\.0\.2: at most 20 at once \(MAX_CONNECTIONS_PER_IP\)/),
      });
    }
    for (const answer of await Promise.all(held.map((h) => h.closed))) {
      expect(answer.status).toBe(408);
      expect(adminError(answer).data.message).toMatch(/did not arrive in time/);
    }
    // With the attacker gone, its address is served again (once the server has seen the closes).
    let status: number | null = null;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50));
      const again = await hold(`GET /v1/health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
      status = (await again.closed).status;
    }
    expect(status).toBe(200);
  });

  it('a connection that never sends a byte is closed', async () => {
    const silent = await hold('');
    const answer = await silent.closed;
    expect(answer.status).toBe(408);
  });

  it('a body that stops arriving: 408 and closed', async () => {
    const trickle = await hold(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nx-portkey-api-key: ${g.credentials.workspace_api_key}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"model":`,
    );
    const answer = await trickle.closed;
    expect(answer.status).toBe(408);
    expect(adminError(answer).data.errorCode).toBe('AB01');
  });

  it('an idle kept-alive connection is closed after its answer', async () => {
    const idle = await hold(`GET /v1/health HTTP/1.1\r\nHost: a\r\n\r\n`);
    const answer = await idle.closed;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('keep-alive');
  });
});

describe('long answers are not cut', () => {
  it('a stream that outlasts CLIENT_REQUEST_TIMEOUT_MS arrives whole', async () => {
    // Silences longer than every client timeout between chunks: the answer is bounded only by the
    // gateway's own REQUEST_TIMEOUT, not by how long the client may take to send its request.
    const words = ['one ', 'two'];
    g.mock.next({ chunks: words, chunkDelayMs: 1700 });
    const stream = await g.openai().chat.completions.create({
      model: '@local-openai/gpt-4o',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(words.join(''));
  });
});
