// JSON bodies: an empty body is no body (DELETE requests from SDKs often carry a content type and
// nothing else), and a malformed one is a 400 that says where it broke.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';

export function registerJsonParser(app: FastifyInstance) {
  const defaultParser = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  // Admin routes speak JSON only; routes that take other bodies register their own parsers.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
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
