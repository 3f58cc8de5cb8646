// The servers bench-gateway.ts starts, each in a process of its own so that they are measured apart
// from the appliance: the mock LLM (--mock: a tiny chat answer, or five SSE chunks sent at once) and
// the OTLP collector of --otlp (--collector). Each prints its port on a line of its own.
import http from 'node:http';

const CHAT = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there!' }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
});

function sseBody(includeUsage: boolean): string {
  const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o' };
  const events: object[] = ['Hel', 'lo ', 'there', '!'].map((t) => ({
    ...base,
    choices: [{ index: 0, delta: { content: t }, finish_reason: null }],
  }));
  events.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  if (includeUsage) events.push({ ...base, choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } });
  return events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + 'data: [DONE]\n\n';
}

function runMock() {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c));
    req.on('end', () => {
      let body: { stream?: boolean; stream_options?: { include_usage?: boolean } } = {};
      try {
        body = JSON.parse(raw || '{}');
      } catch {
        // answered as JSON below
      }
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.end(sseBody(body.stream_options?.include_usage === true));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(CHAT);
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`MOCK ${port}`);
  });
}

/** The OTLP collector of --otlp, in its own process as a real one would be: spans are read off the socket, not decoded. */
function runCollector() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  server.listen(0, '127.0.0.1', () => console.log(`COLLECTOR ${(server.address() as { port: number }).port}`));
}

if (process.argv.includes('--mock')) runMock();
else if (process.argv.includes('--collector')) runCollector();
else throw new Error('Start with --mock or --collector (bench-gateway.ts does)');
