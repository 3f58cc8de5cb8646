// Requests that break HTTP itself or the router (issue 12 item 8), sent as raw bytes to a real
// listening appliance: every answer is in the documented envelope (the Admin API's for errors
// Node's parser raises before any route is known), says what to fix, and closes the connection
// where HTTP leaves the stream unreadable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/testApp.ts';
import { sendRaw, type RawAnswer } from '../helpers/rawHttp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: true });
});
afterAll(async () => {
  await t.close();
});

const key = () => `x-portkey-api-key: ${t.credentials.admin_api_key}\r\n`;

function adminBody(answer: RawAnswer): { errorCode: string; message: string } {
  const body = JSON.parse(answer.body) as { success: boolean; data: { errorCode: string; message: string } };
  expect(body.success).toBe(false);
  expect(Object.keys(body.data).sort()).toEqual(['errorCode', 'message']);
  return body.data;
}

describe('bytes Node’s HTTP parser refuses get the admin envelope and a closed connection', () => {
  const cases: [string, () => string, number, RegExp][] = [
    ['a NUL byte in a header value', () => `GET /v1/health HTTP/1.1\r\nHost: a\r\nX-Bad: a\0b\r\n\r\n`, 400, /NUL bytes/],
    ['a NUL byte in a header name', () => `GET /v1/health HTTP/1.1\r\nHost: a\r\nX-\0Bad: ab\r\n\r\n`, 400, /NUL bytes/],
    [
      'two Content-Length headers',
      () =>
        `POST /v1/configs HTTP/1.1\r\nHost: a\r\n${key()}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      400,
      /exactly one Content-Length/,
    ],
    [
      'Content-Length with Transfer-Encoding',
      () =>
        `POST /v1/configs HTTP/1.1\r\nHost: a\r\n${key()}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`,
      400,
      /either Content-Length or Transfer-Encoding: chunked, not both/,
    ],
    [
      'a chunk size that is not hexadecimal',
      () =>
        `POST /v1/configs HTTP/1.1\r\nHost: a\r\n${key()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      400,
      /chunked body is malformed/,
    ],
    ['an unknown method', () => `FROB /v1/health HTTP/1.1\r\nHost: a\r\n\r\n`, 400, /use one of GET, POST/],
    ['a line that is not HTTP', () => `hello there\r\n\r\n`, 400, /Malformed HTTP request/],
    ['an HTTP version that does not exist', () => `GET /v1/health HTTP/9.9\r\nHost: a\r\n\r\n`, 400, /HTTP\/1\.1/],
    ['an HTTP/2 preface', () => `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`, 400, /send HTTP\/1\.1 requests/],
    ['a CONNECT tunnel request', () => `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`, 400, /not a proxy/],
    [
      'headers over 16 KB',
      () => `GET /v1/health HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      /larger than the 16 KB/,
    ],
  ];

  it.each(cases)('%s', async (_, bytes, status, message) => {
    const answer = await sendRaw(t.url, bytes());
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers.connection).toBe('close');
    expect(adminBody(answer)).toEqual({ errorCode: 'AB01', message: expect.stringMatching(message) });
    expect(answer.closed).toBe(true);
  });

  it('a bad request after a good one on the same connection: the first is answered, then the error', async () => {
    const answer = await sendRaw(t.url, `GET /v1/health HTTP/1.1\r\nHost: a\r\n\r\nFROB /v1/health HTTP/1.1\r\nHost: a\r\n\r\n`);
    expect(answer.status).toBe(200);
    const second = answer.raw.slice(answer.raw.indexOf('HTTP/1.1', 12));
    expect(second).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(second).toContain('"errorCode":"AB01"');
    expect(answer.closed).toBe(true);
  });
});

describe('URLs the router cannot read answer in the envelope of their path', () => {
  it('an id over 100 characters on an admin route: 414 in the admin envelope', async () => {
    const answer = await sendRaw(t.url, `GET /v1/api-keys/${'a'.repeat(101)} HTTP/1.1\r\nHost: a\r\n${key()}Connection: close\r\n\r\n`);
    expect(answer.status).toBe(414);
    expect(adminBody(answer)).toEqual({ errorCode: 'AB01', message: expect.stringMatching(/longer than 100 characters/) });
  });

  it('%ff%fe in an admin path: 400 in the admin envelope', async () => {
    const answer = await sendRaw(t.url, `GET /v1/api-keys/%ff%fe HTTP/1.1\r\nHost: a\r\n${key()}Connection: close\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(adminBody(answer)).toEqual({ errorCode: 'AB01', message: expect.stringMatching(/does not decode as UTF-8/) });
  });

  it('%ff%fe in a gateway path: 400 in the OpenAI envelope, with a trace id', async () => {
    const answer = await sendRaw(t.url, `GET /v1/files/%ff%fe HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-portkey-trace-id']).toBeTruthy();
    expect(JSON.parse(answer.body)).toEqual({
      error: { message: expect.stringMatching(/does not decode as UTF-8/), type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('an HTTP/1.1 request without Host: 400 in the admin envelope', async () => {
    const answer = await sendRaw(t.url, `GET /v1/health HTTP/1.1\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(adminBody(answer)).toEqual({ errorCode: 'AB01', message: 'HTTP/1.1 requests must carry a Host header' });
  });

  it('a method HTTP knows but no route serves: 404 in the admin envelope', async () => {
    const answer = await sendRaw(t.url, `PROPFIND /v1/health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(404);
    expect(adminBody(answer)).toEqual({ errorCode: 'AB08', message: 'No route PROPFIND /v1/health' });
  });
});

it('the appliance keeps answering after all of that', async () => {
  const res = await fetch(`${t.url}/v1/health`);
  expect(res.status).toBe(200);
});
