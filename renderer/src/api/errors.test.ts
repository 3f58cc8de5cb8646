// Which request field a server message names, so forms put it under that field: schema errors,
// filters, security settings, and the services' own messages.
import { describe, expect, it } from 'vitest';
import { fieldOf } from './errors';
import { fieldErrors } from '../lib/fieldErrors';
import { ApiError } from './errors';

describe('fieldOf', () => {
  it.each([
    ['Invalid request: body.email must match format "email"', 'email'],
    ['Invalid request: body must have the property "name"', 'name'],
    ['Filter status_code must be a comma-separated list of HTTP status codes', 'status_code'],
    ['configurations.custom_host "ftp://x" must use http or https', 'configurations.custom_host'],
    ['Setting "api_key_metadata_schema" must be a JSON schema object with "type": "object" (got {})', 'api_key_metadata_schema'],
    [
      'Setting "session_settings.max_session_ttl" must be a whole number of seconds, at least 900 (got 5)',
      'session_settings.max_session_ttl',
    ],
    ['Unknown setting "membersViewLog": did you mean "membersViewLogs"?', 'membersViewLog'],
    ['checks[1].parameters.rule "(a+)+" repeats a group that itself repeats, which can take exponential time', 'checks[1].parameters.rule'],
    ['checks[0].parameters.maxWords must be >= 0', 'checks[0].parameters.maxWords'],
    ['checks[0].parameters needs "rule"', 'checks[0].parameters.rule'],
    ['checks[2].parameters has an unknown parameter "maxWord"', 'checks[2].parameters'],
    ['actions.on_fail.feedback.value must be a whole number from -10 to 10', 'actions.on_fail.feedback.value'],
    ['The default workspace cannot be deleted', null],
  ])('%s -> %s', (message, field) => {
    expect(fieldOf(message)).toBe(field);
  });
});

describe('fieldErrors', () => {
  it('puts the message under the field it names (or a field below it), else on top', () => {
    const named = fieldErrors(new ApiError('x', 400, null, 'session_settings.max_session_ttl'), ['session_settings']);
    expect(named.on('session_settings')).toBe('x');
    expect(named.general).toBeNull();
    const other = fieldErrors(new ApiError('y', 409, null, null), ['name']);
    expect(other.on('name')).toBeUndefined();
    expect(other.general).toBe('y');
  });
});
