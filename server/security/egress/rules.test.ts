import { describe, expect, it } from 'vitest';
import { normaliseHost, parseEgressEntry, ruleMatches } from './rules.ts';

const parsed = (entry: string) => {
  const p = parseEgressEntry(entry);
  if (!p.ok) throw new Error(p.message);
  return p;
};
const allows = (entry: string, host: string, port: number) => ruleMatches(parsed(entry).rule, normaliseHost(host), port);

describe('egress allow-list entries', () => {
  it.each([
    ['llm.example.org', 'llm.example.org'],
    ['LLM.Example.org.', 'llm.example.org'],
    ['10.0.0.5:8000', '10.0.0.5:8000'],
    ['[FD00::5]:443', '[fd00::5]:443'],
    ['fd00::5', '[fd00::5]'],
    ['https://api.openai.com/v1', 'api.openai.com:443'],
    ['http://10.0.0.5', '10.0.0.5:80'],
    ['*.openai.azure.com', '*.openai.azure.com'],
    ['10.20.3.4/16', '10.20.0.0/16'],
    ['fd00::1/8', 'fd00::/8'],
  ])('%s is written %s', (entry, canonical) => expect(parsed(entry).canonical).toBe(canonical));

  it.each([
    ['', /empty/],
    ['llm example', /spaces/],
    ['ftp://files.example.org', /http/],
    ['https://user:pw@llm.example.org', /credentials/],
    ['10.0.0.0/33', /prefix length from 0 to 32/],
    ['0.0.0.0/0', /every address/],
    ['llm.example.org:0', /port/],
    ['llm.example.org:99999', /port/],
    ['127.1', /dotted decimal/],
    ['*.org', /two labels/],
    ['-bad-.example', /host name/],
  ])('refuses %j naming the problem', (entry, message) => {
    const p = parseEgressEntry(entry);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(message);
  });

  it.each([
    ['llm.example.org', 'llm.example.org', 443, true],
    ['llm.example.org', 'other.example.org', 443, false],
    ['llm.example.org:8000', 'llm.example.org', 8000, true],
    ['llm.example.org:8000', 'llm.example.org', 8001, false],
    ['*.openai.azure.com', 'contoso.openai.azure.com', 443, true],
    ['*.openai.azure.com', 'openai.azure.com', 443, false],
    ['*.openai.azure.com', 'evil-openai.azure.com.attacker.org', 443, false],
    ['10.20.0.0/16', '10.20.9.9', 8000, true],
    ['10.20.0.0/16', '10.21.0.1', 8000, false],
    ['10.20.0.0/16', '::ffff:10.20.1.1', 80, true],
    // A name is never resolved to be matched against a range.
    ['10.20.0.0/16', 'vllm.lan', 80, false],
    ['fd00::/8', 'fd12::1', 443, true],
    ['fd00::5', '[fd00:0::5]', 443, true],
  ])('%s allows %s:%d: %s', (entry, host, port, expected) => expect(allows(entry, host, port)).toBe(expected));
});
