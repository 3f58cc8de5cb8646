// The model servers the console offers to connect, with the address and model people usually have
// for each (placeholders only: the admin types their own). Ids are the gateway's provider ids.
export interface ServerKind {
  id: string;
  label: string;
  /** Example address of the server on the LAN. */
  host: string;
  /** Does the server take an API key? */
  key: 'none' | 'optional' | 'required';
  model: string;
  /** Azure OpenAI routes by deployment. */
  azure?: boolean;
}

export const SERVER_KINDS: readonly ServerKind[] = [
  { id: 'vllm', label: 'vLLM', host: 'http://10.0.0.5:8000/v1', key: 'optional', model: 'meta-llama/Llama-3.1-8B-Instruct' },
  { id: 'ollama', label: 'Ollama', host: 'http://10.0.0.5:11434', key: 'none', model: 'llama3.1:8b' },
  { id: 'tgi', label: 'Text Generation Inference', host: 'http://10.0.0.5:8080/v1', key: 'optional', model: 'tgi' },
  { id: 'lm-studio', label: 'LM Studio', host: 'http://10.0.0.5:1234/v1', key: 'none', model: 'qwen2.5-7b-instruct' },
  {
    id: 'azure-openai',
    label: 'Azure OpenAI',
    host: 'https://my-resource.openai.azure.com',
    key: 'required',
    model: 'gpt-4o',
    azure: true,
  },
  { id: 'openai-compatible', label: 'Other OpenAI-compatible server', host: 'http://10.0.0.5:8000/v1', key: 'optional', model: 'my-model' },
];

export const serverKind = (id: string) => SERVER_KINDS.find((k) => k.id === id) ?? SERVER_KINDS[0]!;
