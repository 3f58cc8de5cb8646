// The nesting limit for JSON a client sends (bodies, JSON headers, JSON inside strings): checked on
// the text before it is parsed, so nothing recursive (JSON.stringify, validators, maskers) ever
// sees a value deep enough to overflow the stack (docs/adr/0011).
import { badRequest } from '../errors.ts';

/** Objects and arrays inside one another; `{"a":[1]}` is 2 levels deep. */
export const MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether JSON text nests objects and arrays deeper than `limit`. One pass over the text; string
 * contents are skipped with indexOf, which is what keeps it cheap on chat bodies (mostly strings).
 * Malformed text gets an answer too; the parser that runs next reports what is wrong with it.
 */
export function nestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open` (or the end of the text). */
function endOfString(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1) return text.length;
    // A quote preceded by an odd run of backslashes is escaped.
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
}

/** The 400 for JSON nested too deep; `where` names it as the client sent it. */
export function tooDeep(where: string, param: string | null = null) {
  return badRequest(
    `${where} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep, which this appliance does not accept; flatten it`,
    { param, code: 'json_too_deep' },
  );
}

/** Throws the 400 when client JSON text (a header, a JSON string in a body) nests too deep. */
export function refuseDeepJson(text: string, where: string, param: string | null = null): void {
  if (nestsDeeperThan(text)) throw tooDeep(where, param);
}
