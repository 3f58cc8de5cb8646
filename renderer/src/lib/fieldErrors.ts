// The server's 400s name the field they are about (ApiError.field): forms show the message next to
// that field, and in an alert on top only when no field of the form matches.
import { ApiError, messageOf } from '../api/errors';

export interface FieldErrors {
  /** The message for a field the form shows, under any of the names the server may use for it. */
  on(...names: string[]): string | undefined;
  /** The message when it names no field the form claimed with on(); render it as an alert. */
  general: string | null;
}

/** `claimed`: every field name this form shows, so an error naming one is not repeated on top. */
export function fieldErrors(error: unknown, claimed: readonly string[]): FieldErrors {
  if (!error) return { on: () => undefined, general: null };
  const field = error instanceof ApiError ? error.field : null;
  const matches = (name: string) => field !== null && (field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`));
  const mine = claimed.some(matches);
  return {
    on: (...names) => (names.some(matches) ? messageOf(error) : undefined),
    general: mine ? null : messageOf(error),
  };
}
