// What the guardrail engine costs on one request, in process (no HTTP, no upstream): five
// deterministic input checks in one guardrail, then the same with the PII check added, each run
// many times; prints p50 and p99 in microseconds. The HTTP-level figure is `npm run bench:gateway
// -- --guardrails`; this one isolates the engine from the machine's noise.
//
//   npm run bench:guardrails [-- --runs 50000]
import { compileGuardrail, readActions, type CheckSpec } from '../server/guardrails/compile.ts';
import { runGuardrails, type Subject } from '../server/guardrails/run.ts';

const i = process.argv.indexOf('--runs');
const runs = i === -1 ? 50_000 : Number(process.argv[i + 1]);

const FIVE: CheckSpec[] = [
  { id: 'default.regexMatch', parameters: { rule: '\\b\\d{3}-\\d{2}-\\d{4}\\b', not: true } },
  { id: 'default.wordCount', parameters: { minWords: 1, maxWords: 500 } },
  { id: 'default.characterCount', parameters: { maxCharacters: 20000 } },
  { id: 'default.contains', parameters: { words: ['DROP TABLE', 'rm -rf'], operator: 'none' } },
  { id: 'default.modelWhitelist', parameters: { models: ['@bench/*', 'gpt-4o'] } },
];

function guardrail(checks: CheckSpec[]) {
  return compileGuardrail(
    { id: 'bench', name: null, type: 'guardrail', checks, actions: readActions({ deny: true }, 'actions'), sequential: false },
    { saved: true, path: 'checks' },
  );
}

const subject: Subject = {
  phase: 'beforeRequestHook',
  requestType: 'chatComplete',
  request: {
    model: '@bench/gpt-4o',
    messages: [
      { role: 'system', content: 'You are a helpful assistant for the support team.' },
      {
        role: 'user',
        content:
          'Summarise the ticket below in two sentences. The customer says the export button does nothing on Firefox 125 since Tuesday.',
      },
    ],
  },
  model: '@bench/gpt-4o',
  headers: {},
  metadata: { _user: 'alice' },
  stream: false,
  response: null,
};

async function measure(name: string, checks: CheckSpec[]) {
  const g = [guardrail(checks)];
  const env = { services: { completeChat: null }, signal: new AbortController().signal, sources: ['config'] };
  for (let n = 0; n < 2000; n++) await runGuardrails(g, subject, env);
  const times = new Float64Array(runs);
  for (let n = 0; n < runs; n++) {
    const t0 = process.hrtime.bigint();
    await runGuardrails(g, subject, env);
    times[n] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  const at = (q: number) => times[Math.min(runs - 1, Math.floor(q * runs))]!;
  console.log(`${name.padEnd(34)} p50 ${at(0.5).toFixed(1).padStart(6)} µs   p99 ${at(0.99).toFixed(1).padStart(6)} µs   (${runs} runs)`);
}

await measure('five deterministic input checks', FIVE);
await measure('the same plus default.pii (redact)', [...FIVE, { id: 'default.pii', parameters: { redact: true } }]);
