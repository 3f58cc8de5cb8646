// The filter parser on its own: query-string text and export JSON give the same filter.
import { describe, expect, it } from 'vitest';
import { emptyFilter, parseLogFilter } from './filters.ts';

describe('parseLogFilter', () => {
  it.each([
    ['text from a query string', { cost_min: '2.5', status_code: '200,5xx', stream: 'true', metadata: '{"team":"a"}', ai_model: 'x,y' }],
    ['JSON from an export', { cost_min: 2.5, status_code: '200, 5xx', stream: true, metadata: { team: 'a' }, ai_model: ['x', 'y'] }],
  ])('reads %s', (_, input) => {
    expect(parseLogFilter(input)).toEqual({
      ...emptyFilter(),
      cost: { min: 2.5 },
      statusCodes: [
        { min: 200, max: 200 },
        { min: 500, max: 599 },
      ],
      stream: true,
      metadata: { team: 'a' },
      models: ['x', 'y'],
    });
  });

  it('reads dates as UTC unless they name a zone', () => {
    const f = parseLogFilter({ time_of_generation_min: '2030-01-02', time_of_generation_max: '2030-01-02T10:00:00+02:00' });
    expect(f.time).toEqual({ min: Date.parse('2030-01-02T00:00:00Z'), max: Date.parse('2030-01-02T08:00:00Z') });
  });

  it('merges aliases, upper-cases cache statuses, lower-cases search, and skips empty values', () => {
    const f = parseLogFilter({
      ai_service: 'openai',
      provider: 'anthropic,openai',
      cache_status: 'hit,Semantic Hit',
      search: 'Needle',
      trace_id: '',
      span_id: undefined,
    });
    expect(f).toMatchObject({ aiServices: ['openai', 'anthropic'], cacheStatuses: ['HIT', 'SEMANTIC HIT'], search: 'needle' });
    expect(f.traceId).toBeUndefined();
  });

  it('lets the caller accept its own names', () => {
    expect(() => parseLogFilter({ page_size: 5 })).toThrow(/Unknown filter "page_size"/);
    expect(parseLogFilter({ page_size: 5 }, { extra: ['page_size'] })).toEqual(emptyFilter());
  });

  it.each([
    [{ metadata: { team: { nested: true } } }, /Filter metadata\.team must be a string/],
    [{ api_key_ids: Array.from({ length: 501 }, (_, i) => `k${i}`) }, /at most 500 values/],
    [{ search: 'x'.repeat(600) }, /at most 512 characters/],
    [{ response_time_min: '' + 'NaN' }, /Filter response_time_min must be a number/],
    [{ trace_id: {} }, /Filter trace_id must be a string/],
  ])('refuses %j', (input, message) => {
    expect(() => parseLogFilter(input as Record<string, unknown>)).toThrow(message);
  });
});
