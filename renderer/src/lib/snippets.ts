// Ready-to-paste requests against this appliance: curl, the openai SDK (Node and Python) and the
// portkey-ai SDK, with its URL, a key and a model filled in.
export interface SnippetInput {
  /** The appliance's origin as the browser reached it, e.g. http://10.0.0.2:8787. */
  origin: string;
  apiKey: string;
  /** `@provider/model`. */
  model: string;
}

export interface Snippet {
  id: string;
  label: string;
  language: string;
  code: string;
}

export function snippets({ origin, apiKey, model }: SnippetInput): Snippet[] {
  const base = `${origin}/v1`;
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello' }] });
  return [
    {
      id: 'curl',
      label: 'curl',
      language: 'shell',
      code: [
        `curl ${base}/chat/completions \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -H "x-portkey-api-key: ${apiKey}" \\`,
        `  -d '${body}'`,
      ].join('\n'),
    },
    {
      id: 'openai-node',
      label: 'openai (Node)',
      language: 'javascript',
      code: [
        `import OpenAI from 'openai';`,
        ``,
        `const client = new OpenAI({ baseURL: '${base}', apiKey: '${apiKey}' });`,
        `const answer = await client.chat.completions.create({`,
        `  model: '${model}',`,
        `  messages: [{ role: 'user', content: 'Say hello' }],`,
        `});`,
        `console.log(answer.choices[0].message.content);`,
      ].join('\n'),
    },
    {
      id: 'openai-python',
      label: 'openai (Python)',
      language: 'python',
      code: [
        `from openai import OpenAI`,
        ``,
        `client = OpenAI(base_url="${base}", api_key="${apiKey}")`,
        `answer = client.chat.completions.create(`,
        `    model="${model}",`,
        `    messages=[{"role": "user", "content": "Say hello"}],`,
        `)`,
        `print(answer.choices[0].message.content)`,
      ].join('\n'),
    },
    {
      id: 'portkey',
      label: 'portkey-ai',
      language: 'javascript',
      code: [
        `import Portkey from 'portkey-ai';`,
        ``,
        `const portkey = new Portkey({ baseURL: '${base}', apiKey: '${apiKey}' });`,
        `const answer = await portkey.chat.completions.create({`,
        `  model: '${model}',`,
        `  messages: [{ role: 'user', content: 'Say hello' }],`,
        `});`,
        `console.log(answer.choices[0].message.content);`,
      ].join('\n'),
    },
  ];
}
