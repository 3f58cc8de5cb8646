// JSON bodies: an empty body is no body (DELETE requests from SDKs often carry a content type and
// nothing else), a malformed one is a 400 that says where it broke, and one nested deeper than
// MAX_JSON_DEPTH is a 400 before it is parsed (http/jsonDepth.ts).
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';
import { nestsDeeperThan, tooDeep } from './jsonDepth.ts';

export function registerJsonParser(app: FastifyInstance) {
  const defaultParser = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  // Admin routes speak JSON only; routes that take other bodies register their own parsers.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (nestsDeeperThan(text)) return done(tooDeep('The request body'), undefined);
    defaultParser(req, text, (err, value) => {
      if (err) return done(badRequest(`Malformed JSON in request body: ${jsonProblem(text, err)}`), undefined);
      done(null, value);
    });
  });
}

/** The parser's own words (position included) where JSON.parse gives them. */
function jsonProblem(text: string, fallback: Error): string {
  try {
    JSON.parse(text);
    return fallback.message;
  } catch (err) {
    return err instanceof Error ? err.message : fallback.message;
  }
}
