// Provider differences as data: where each provider lives, how it authenticates, which wire
// format it speaks and what it supports. Transforms live in ../translate; URL and header building
// in ./request.ts.

export type WireFormat = 'openai' | 'anthropic';
export type Endpoint = 'chatComplete' | 'complete' | 'embed' | 'messages' | 'proxy';
export type AuthStyle = 'bearer' | 'azure-api-key' | 'anthropic' | 'none';

export interface ProviderSpec {
  id: string;
  name: string;
  format: WireFormat;
  /** Default base URL including the version path; null when a custom host is required. */
  baseUrl: string | null;
  auth: AuthStyle;
  /** LAN servers: a custom host given without a path gets `/v1` appended. */
  appendV1ToBareHost: boolean;
  /** Accepts `stream_options.include_usage` and then reports usage in the last chunk. */
  streamUsage: boolean;
  /** Unified endpoints; `proxy` means other /v1 routes are forwarded as they are. */
  endpoints: ReadonlySet<Endpoint>;
  /** Id of the pricing file that prices this provider's models. */
  pricingId: string;
}

const OPENAI_ENDPOINTS: ReadonlySet<Endpoint> = new Set(['chatComplete', 'complete', 'embed', 'messages', 'proxy']);
const CHAT_ONLY: ReadonlySet<Endpoint> = new Set(['chatComplete', 'messages', 'proxy']);

function openaiCompatible(id: string, name: string, baseUrl: string | null, extra: Partial<ProviderSpec> = {}): ProviderSpec {
  return {
    id,
    name,
    format: 'openai',
    baseUrl,
    auth: 'bearer',
    appendV1ToBareHost: baseUrl === null,
    streamUsage: true,
    endpoints: OPENAI_ENDPOINTS,
    pricingId: id,
    ...extra,
  };
}

const SPECS: ProviderSpec[] = [
  openaiCompatible('openai', 'OpenAI', 'https://api.openai.com/v1', { appendV1ToBareHost: false }),
  {
    id: 'azure-openai',
    name: 'Azure OpenAI',
    format: 'openai',
    baseUrl: null, // https://<resource>.openai.azure.com, built from the configuration
    auth: 'azure-api-key',
    appendV1ToBareHost: false,
    streamUsage: true,
    endpoints: OPENAI_ENDPOINTS,
    pricingId: 'azure-openai',
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    format: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    auth: 'anthropic',
    appendV1ToBareHost: true,
    streamUsage: false,
    endpoints: CHAT_ONLY,
    pricingId: 'anthropic',
  },
  // OpenAI-compatible servers on the LAN: always behind a custom host.
  openaiCompatible('ollama', 'Ollama', null, { auth: 'none', pricingId: 'ollama' }),
  openaiCompatible('vllm', 'vLLM', null),
  openaiCompatible('tgi', 'Text Generation Inference', null),
  openaiCompatible('lm-studio', 'LM Studio', null, { auth: 'none' }),
  openaiCompatible('llama-cpp', 'llama.cpp server', null, { auth: 'none' }),
  openaiCompatible('localai', 'LocalAI', null),
  openaiCompatible('openai-compatible', 'OpenAI-compatible server', null),
  // Hosted OpenAI-compatible services, reachable over private links with a custom host.
  openaiCompatible('groq', 'Groq', 'https://api.groq.com/openai/v1'),
  openaiCompatible('mistral-ai', 'Mistral AI', 'https://api.mistral.ai/v1'),
  openaiCompatible('deepseek', 'DeepSeek', 'https://api.deepseek.com/v1'),
  openaiCompatible('together-ai', 'Together AI', 'https://api.together.xyz/v1'),
  openaiCompatible('fireworks-ai', 'Fireworks AI', 'https://api.fireworks.ai/inference/v1'),
  openaiCompatible('openrouter', 'OpenRouter', 'https://openrouter.ai/api/v1'),
  openaiCompatible('x-ai', 'xAI', 'https://api.x.ai/v1'),
  openaiCompatible('cerebras', 'Cerebras', 'https://api.cerebras.ai/v1'),
  openaiCompatible('deepinfra', 'DeepInfra', 'https://api.deepinfra.com/v1/openai'),
  openaiCompatible('perplexity-ai', 'Perplexity', 'https://api.perplexity.ai', { endpoints: CHAT_ONLY }),
];

/** Aliases people type for the same server. */
const ALIASES: Record<string, string> = {
  azure: 'azure-openai',
  lmstudio: 'lm-studio',
  llamacpp: 'llama-cpp',
  'llama.cpp': 'llama-cpp',
  huggingface: 'tgi',
  mistral: 'mistral-ai',
  together: 'together-ai',
  fireworks: 'fireworks-ai',
  xai: 'x-ai',
};

/** Known to Portkey but needing request signing or formats this appliance does not speak yet. */
export const UNSUPPORTED_PROVIDERS = new Set(['bedrock', 'vertex-ai', 'google', 'cohere', 'sagemaker', 'workers-ai']);

const BY_ID = new Map(SPECS.map((s) => [s.id, s]));

export function providerSpec(id: string): ProviderSpec | null {
  const key = id.toLowerCase();
  return BY_ID.get(ALIASES[key] ?? key) ?? null;
}

export const PROVIDER_IDS: readonly string[] = SPECS.map((s) => s.id);
