// Portkey's request-type names (OAS AllowedRequestTypesParameters) for a gateway request: the
// unified endpoints by name, pass-through routes by method and path. allowedRequestTypes and the
// text readers key on them.

/** Every request type a guardrail can name. */
export const REQUEST_TYPES = [
  'complete',
  'chatComplete',
  'embed',
  'rerank',
  'moderate',
  'proxy',
  'imageGenerate',
  'createSpeech',
  'createTranscription',
  'createTranslation',
  'realtime',
  'uploadFile',
  'listFiles',
  'retrieveFile',
  'deleteFile',
  'retrieveFileContent',
  'createBatch',
  'retrieveBatch',
  'cancelBatch',
  'listBatches',
  'getBatchOutput',
  'listFinetunes',
  'createFinetune',
  'retrieveFinetune',
  'cancelFinetune',
  'createModelResponse',
  'getModelResponse',
  'deleteModelResponse',
  'listResponseInputItems',
  'messages',
] as const;

export type RequestType = (typeof REQUEST_TYPES)[number];

type Rule = [method: string, pattern: RegExp, type: RequestType];

/** Pass-through routes, first match wins; paths are after /v1. */
const PASS_THROUGH: readonly Rule[] = [
  ['POST', /^\/responses\/?$/, 'createModelResponse'],
  ['GET', /^\/responses\/[^/]+\/input_items\/?$/, 'listResponseInputItems'],
  ['GET', /^\/responses\/[^/]+\/?$/, 'getModelResponse'],
  ['DELETE', /^\/responses\/[^/]+\/?$/, 'deleteModelResponse'],
  ['POST', /^\/rerank\/?$/, 'rerank'],
  ['POST', /^\/moderations\/?$/, 'moderate'],
  ['POST', /^\/images\/generations\/?$/, 'imageGenerate'],
  ['POST', /^\/audio\/speech\/?$/, 'createSpeech'],
  ['POST', /^\/audio\/transcriptions\/?$/, 'createTranscription'],
  ['POST', /^\/audio\/translations\/?$/, 'createTranslation'],
  ['POST', /^\/files\/?$/, 'uploadFile'],
  ['GET', /^\/files\/?$/, 'listFiles'],
  ['GET', /^\/files\/[^/]+\/content\/?$/, 'retrieveFileContent'],
  ['GET', /^\/files\/[^/]+\/?$/, 'retrieveFile'],
  ['DELETE', /^\/files\/[^/]+\/?$/, 'deleteFile'],
  ['POST', /^\/batches\/?$/, 'createBatch'],
  ['GET', /^\/batches\/?$/, 'listBatches'],
  ['GET', /^\/batches\/[^/]+\/output\/?$/, 'getBatchOutput'],
  ['GET', /^\/batches\/[^/]+\/?$/, 'retrieveBatch'],
  ['POST', /^\/batches\/[^/]+\/cancel\/?$/, 'cancelBatch'],
  ['POST', /^\/fine_tuning\/jobs\/?$/, 'createFinetune'],
  ['GET', /^\/fine_tuning\/jobs\/?$/, 'listFinetunes'],
  ['GET', /^\/fine_tuning\/jobs\/[^/]+\/?$/, 'retrieveFinetune'],
  ['POST', /^\/fine_tuning\/jobs\/[^/]+\/cancel\/?$/, 'cancelFinetune'],
  ['GET', /^\/realtime\/?$/, 'realtime'],
];

const UNIFIED: Readonly<Record<string, RequestType>> = {
  chatComplete: 'chatComplete',
  complete: 'complete',
  embed: 'embed',
  messages: 'messages',
};

/** The request type of a gateway request: its endpoint, or for pass-through its method and path. */
export function requestTypeOf(endpoint: string, method: string, path: string): RequestType {
  const unified = UNIFIED[endpoint];
  if (unified) return unified;
  const m = method.toUpperCase();
  for (const [only, pattern, type] of PASS_THROUGH) if (only === m && pattern.test(path)) return type;
  return 'proxy';
}
