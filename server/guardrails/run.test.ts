// The run loop: verdicts per guardrail, deny and fail, async guardrails that do not delay,
// sequential checks, the order changes apply in, and checks that throw.
import { describe, expect, it } from 'vitest';
import { compileGuardrail, readActions, type CheckSpec, type CompiledGuardrail } from './compile.ts';
import { parseListEntry } from './configEntries.ts';
import { chatAnswer, chatRequest, run, subject } from '../../test/kits/guardrails.ts';

function guardrail(id: string, checks: CheckSpec[], actions: Record<string, unknown> = {}, sequential = false): CompiledGuardrail {
  return compileGuardrail(
    { id, name: null, type: 'guardrail', checks, actions: readActions(actions, 'actions'), sequential },
    { saved: true, path: 'checks' },
  );
}

const words = (max: number): CheckSpec => ({ id: 'default.wordCount', parameters: { maxWords: max } });
const redact: CheckSpec = { id: 'default.pii', parameters: { redact: true } };

describe('verdicts', () => {
  it('a guardrail passes when every check passes; deny counts only when it fails', async () => {
    const r = await run(
      [guardrail('ok', [words(10)], { deny: true }), guardrail('long', [words(1)])],
      subject({ request: chatRequest('three small words') }),
    );
    expect(r.results.map((h) => [h.id, h.verdict, h.deny])).toEqual([
      ['ok', true, true],
      ['long', false, false],
    ]);
    expect(r.failed).toBe(true);
    expect(r.denied).toBe(false);
  });

  it('denies when a failing guardrail has deny', async () => {
    const r = await run([guardrail('g', [words(1)], { deny: true })], subject({ request: chatRequest('too many words') }));
    expect(r.denied).toBe(true);
    expect(r.results[0]!.checks[0]).toMatchObject({
      id: 'default.wordCount',
      verdict: false,
      explanation: 'The text has 3 words, outside 0 to 1',
    });
    expect(r.results[0]!.checks[0]!.execution_time).toBeGreaterThanOrEqual(0);
  });

  it('a disabled check does not run; a check for the other phase is skipped and passes', async () => {
    const g = guardrail('g', [
      { ...words(1), is_enabled: false },
      { id: 'default.modelWhitelist', parameters: { models: ['x'] } },
    ]);
    const r = await run([g], subject({ phase: 'afterRequestHook', response: { json: chatAnswer('a b c'), status: 200 } }));
    expect(r.results[0]!.checks).toMatchObject([{ id: 'default.modelWhitelist', verdict: true, skipped: true }]);
    expect(r.failed).toBe(false);
  });

  it('a check that throws fails its guardrail (it does not pass silently)', async () => {
    const g = guardrail('g', [words(10)]);
    g.checks[0] = {
      ...g.checks[0]!,
      handler: () => {
        throw new Error('bug');
      },
    };
    const r = await run([g], subject());
    expect(r.results[0]).toMatchObject({ verdict: false, checks: [{ verdict: false, error: 'bug' }] });
  });

  it('feedback follows the verdict', async () => {
    const actions = { on_success: { feedback: { value: 3, weight: 0.5, metadata: 'ok' } }, on_fail: { feedback: { value: -7 } } };
    const pass = await run([guardrail('g', [words(10)], actions)], subject());
    expect(pass.results[0]!.feedback).toEqual({ value: 3, weight: 0.5, metadata: 'ok' });
    const fail = await run([guardrail('g', [words(0)], actions)], subject());
    expect(fail.results[0]!.feedback).toEqual({ value: -7, weight: 1, metadata: '' });
  });
});

describe('async guardrails', () => {
  it('do not delay the run, do not count toward deny, and report when done', async () => {
    const slow = guardrail('slow', [words(0)], { async: true, deny: true });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = slow.checks[0]!.handler;
    slow.checks[0] = { ...slow.checks[0]!, handler: async (input) => (await gate, inner(input)) };
    const r = await run([slow], subject());
    expect(r.results).toMatchObject([{ id: 'slow', verdict: null, async: true }]);
    expect(r.denied).toBe(false);
    release();
    expect(await r.asyncDone).toMatchObject([{ id: 'slow', verdict: false, async: true }]);
  });

  it('never apply their changes', async () => {
    const r = await run([guardrail('a', [redact], { async: true })], subject({ request: chatRequest('mail me at a@example.com') }));
    expect(r.body).toBeNull();
    await r.asyncDone;
  });
});

describe('changes', () => {
  it('redaction changes a copy of the request, every message', async () => {
    const request = {
      model: 'm',
      messages: [
        { role: 'system', content: 'admin: root@example.com' },
        { role: 'user', content: 'card 4111 1111 1111 1111' },
      ],
    };
    const r = await run([guardrail('pii', [redact])], subject({ request }));
    expect(r.body).toEqual({
      model: 'm',
      messages: [
        { role: 'system', content: 'admin: [REDACTED_EMAIL]' },
        { role: 'user', content: 'card [REDACTED_CARD]' },
      ],
    });
    expect(request.messages[0]!.content).toBe('admin: root@example.com');
    expect(r.results[0]).toMatchObject({ verdict: true, transformed: true });
  });

  it('apply in list order: a prefix, then redaction of the whole', async () => {
    const prefix = guardrail('p', [{ id: 'default.addPrefix', parameters: { prefix: 'Reply to ops@example.com. ' } }]);
    const r = await run([prefix, guardrail('pii', [redact])], subject({ request: chatRequest('hi') }));
    expect((r.body as { messages: { content: string }[] }).messages[0]!.content).toBe('Reply to [REDACTED_EMAIL]. hi');
  });

  it('a sequential guardrail feeds each check the text the previous one changed', async () => {
    const seq = guardrail('s', [redact, { id: 'default.regexMatch', parameters: { rule: '@', not: true } }], {}, true);
    const together = guardrail('t', [redact, { id: 'default.regexMatch', parameters: { rule: '@', not: true } }]);
    const s = subject({ request: chatRequest('a@example.com') });
    expect((await run([seq], s)).results[0]!.verdict).toBe(true);
    expect((await run([together], s)).results[0]!.verdict).toBe(false);
  });

  it('redacts answers', async () => {
    const r = await run(
      [guardrail('pii', [redact])],
      subject({ phase: 'afterRequestHook', response: { json: chatAnswer('call 415-555-0132'), status: 200 } }),
    );
    expect((r.body as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('call [REDACTED_PHONE]');
  });
});

describe('config entries', () => {
  it.each([
    ['a saved id', 'guard_pii-1a2b3c', { kind: 'ref', ref: 'guard_pii-1a2b3c' }],
    [
      'shorthand',
      { 'default.wordCount': { maxWords: 5 }, deny: true },
      { kind: 'inline', spec: { checks: [{ id: 'default.wordCount', parameters: { maxWords: 5 } }], actions: { deny: true } } },
    ],
    ['shorthand without the prefix', { wordCount: {} }, { kind: 'inline', spec: { checks: [{ id: 'default.wordCount' }] } }],
    ['a hook naming a saved guardrail', { type: 'guardrail', id: 'guard_x' }, { kind: 'ref', ref: 'guard_x' }],
  ] as const)('%s', (_name, value, expected) => {
    const key = typeof value === 'object' && 'type' in value ? 'before_request_hooks' : 'input_guardrails';
    expect(parseListEntry(value, 'config.input_guardrails[0]', key)).toMatchObject(expected);
  });

  it('gives inline guardrails a stable id from their content', () => {
    const a = parseListEntry({ 'default.wordCount': { maxWords: 5 } }, 'p', 'input_guardrails');
    const b = parseListEntry({ 'default.wordCount': { maxWords: 5 } }, 'q', 'input_guardrails');
    const c = parseListEntry({ 'default.wordCount': { maxWords: 6 } }, 'p', 'output_guardrails');
    expect(a.kind === 'inline' && b.kind === 'inline' && a.spec.id === b.spec.id).toBe(true);
    expect(a.kind === 'inline' && a.spec.id).toMatch(/^input_guardrail_[0-9a-f]{10}$/);
    expect(c.kind === 'inline' && c.spec.id).toMatch(/^output_guardrail_/);
  });

  it('names the path of what is wrong', () => {
    expect(() => parseListEntry({ deny: true }, 'config.input_guardrails[1]', 'input_guardrails')).toThrow(
      /config.input_guardrails\[1\] names no check/,
    );
    expect(() =>
      parseListEntry({ type: 'guardrail', checks: [], id: 'x' }, 'config.before_request_hooks[0]', 'before_request_hooks'),
    ).toThrow(/at least one check/);
    expect(() => parseListEntry({ 'default.wordCount': {}, deny: 'yes' }, 'p', 'input_guardrails')).toThrow(/p.deny must be true or false/);
  });
});
