// Request metadata as the logs keep it (spec §4.3; DOCS product/observability/metadata.mdx): a flat
// object of strings, each at most 128 characters, sent in `x-portkey-metadata` by gateway callers
// and in the body of custom logs.
import { badRequest } from '../errors.ts';
import { refuseDeepJson } from '../http/jsonDepth.ts';

export const MAX_METADATA_VALUE = 128;

/** `x-portkey-metadata`: a JSON object of strings, each at most 128 characters. */
export function parseMetadataHeader(raw: string | null): Record<string, string> {
  if (raw === null) return {};
  refuseDeepJson(raw, 'x-portkey-metadata', 'x-portkey-metadata');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('x-portkey-metadata must be a JSON object, e.g. {"_user":"alice","team":"search"}', { param: 'x-portkey-metadata' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('x-portkey-metadata must be a JSON object of strings', { param: 'x-portkey-metadata' });
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw badRequest(`x-portkey-metadata.${k} must be a string (got ${v === null ? 'null' : typeof v})`, { param: 'x-portkey-metadata' });
    }
    if (v.length > MAX_METADATA_VALUE) {
      throw badRequest(`x-portkey-metadata.${k} is longer than ${MAX_METADATA_VALUE} characters`, { param: 'x-portkey-metadata' });
    }
    out[k] = v;
  }
  return out;
}
