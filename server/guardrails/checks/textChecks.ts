// Checks on the text itself: patterns, words, counts, case, code blocks and URLs. They read the
// latest message of a request or the answer's first choice (as Portkey's checks do), compile what
// they can once, and never quote the text they judged.
import { ParameterError, type CheckDefinition } from '../types.ts';
import { compilePattern } from './patterns.ts';
import { BOTH, NOT, judged, params, plural } from './verdicts.ts';

const SENTENCE_END = /[.!?]+(?=\s|$)/g;

export function countSentences(text: string): number {
  let n = 0;
  for (const part of text.split(SENTENCE_END)) if (/\p{L}|\p{N}/u.test(part)) n++;
  return n;
}

export function countWords(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

const range = (min: string, max: string, maxDefault: number, unit: string) => ({
  [min]: { type: 'integer', minimum: 0, default: 0, description: `The fewest ${unit}s the text may have` },
  [max]: { type: 'integer', minimum: 0, default: maxDefault, description: `The most ${unit}s the text may have` },
});

function bounded(
  id: string,
  name: string,
  unit: string,
  min: string,
  max: string,
  maxDefault: number,
  count: (t: string) => number,
): CheckDefinition {
  return {
    id,
    name,
    description: `Passes when the text has between ${min} and ${max} ${unit}s.`,
    phases: BOTH,
    readsText: true,
    parameters: params({ ...range(min, max, maxDefault, unit), not: NOT }),
    compile(p) {
      const lo = p[min] as number;
      const hi = p[max] as number;
      if (lo > hi) throw new ParameterError(min, `${min} (${lo}) is above ${max} (${hi}): no text could pass`);
      return ({ text }) => {
        const n = count(text.latest);
        const inside = n >= lo && n <= hi;
        return judged(
          inside,
          p.not,
          `The text has ${plural(n, unit)}, within ${lo} to ${hi}`,
          `The text has ${plural(n, unit)}, outside ${lo} to ${hi}`,
          { count: n },
        );
      };
    },
  };
}

const regexMatch: CheckDefinition = {
  id: 'default.regexMatch',
  name: 'Regex match',
  description: 'Passes when the text matches the regular expression (with not: when it does not).',
  phases: BOTH,
  readsText: true,
  parameters: params(
    {
      rule: {
        type: 'string',
        minLength: 1,
        maxLength: 2000,
        description: 'A JavaScript regular expression, without the slashes; patterns that could take exponential time are refused',
      },
      not: NOT,
    },
    ['rule'],
  ),
  compile(p) {
    const re = compilePattern(p.rule as string, 'rule');
    return ({ text }) => {
      const m = re.exec(text.latest);
      return judged(
        m !== null,
        p.not,
        `The text matches the pattern (at character ${m?.index ?? 0})`,
        'The text does not match the pattern',
        m ? { matched: true, index: m.index, length: m[0].length } : { matched: false },
      );
    };
  },
};

const contains: CheckDefinition = {
  id: 'default.contains',
  name: 'Contains',
  description: 'Checks the text for words or phrases: any, all or none of them (case-sensitive, as Portkey does).',
  phases: BOTH,
  readsText: true,
  parameters: params(
    {
      words: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
        maxItems: 1000,
        description: 'Words or phrases to look for (case-sensitive)',
      },
      operator: {
        type: 'string',
        enum: ['any', 'all', 'none'],
        default: 'any',
        description: 'any: passes when one of them is in the text; all: when every one is; none: when none is',
      },
    },
    ['words'],
  ),
  compile(p) {
    const words = p.words as string[];
    const operator = p.operator as 'any' | 'all' | 'none';
    return ({ text }) => {
      let found = 0;
      for (const w of words) if (text.latest.includes(w)) found++;
      const verdict = operator === 'any' ? found > 0 : operator === 'all' ? found === words.length : found === 0;
      const wanted = operator === 'none' ? 'none of' : `${operator} of`;
      return {
        verdict,
        explanation: `The text contains ${found} of the ${plural(words.length, 'listed word')}; the check wants ${wanted} them`,
        data: { found, listed: words.length, operator },
      };
    };
  },
};

function caseCheck(id: string, name: string, want: 'lower' | 'upper'): CheckDefinition {
  return {
    id,
    name,
    description: `Passes when every letter of the text is ${want}case.`,
    phases: BOTH,
    readsText: true,
    parameters: params({ not: NOT }),
    compile(p) {
      return ({ text }) => {
        const t = text.latest;
        const held = want === 'lower' ? t === t.toLowerCase() : t === t.toUpperCase();
        return judged(held, p.not, `Every letter of the text is ${want}case`, `The text has letters that are not ${want}case`);
      };
    },
  };
}

const endsWith: CheckDefinition = {
  id: 'default.endsWith',
  name: 'Ends with',
  description: 'Passes when the text (trailing white space aside) ends with the suffix.',
  phases: BOTH,
  readsText: true,
  parameters: params({ suffix: { type: 'string', minLength: 1, description: 'What the text must end with' }, not: NOT }, ['suffix']),
  compile(p) {
    const suffix = p.suffix as string;
    return ({ text }) =>
      judged(text.latest.trimEnd().endsWith(suffix), p.not, 'The text ends with the suffix', 'The text does not end with the suffix');
  },
};

/** Fence tags per language (```sql … ```), lower-cased. */
const CODE_TAGS: Record<string, string[]> = {
  SQL: ['sql', 'mysql', 'postgresql', 'postgres', 'sqlite', 'plsql', 'tsql'],
  Python: ['python', 'py', 'python3'],
  TypeScript: ['typescript', 'ts', 'tsx'],
  JavaScript: ['javascript', 'js', 'jsx', 'node', 'mjs'],
  Java: ['java'],
  'C#': ['csharp', 'c#', 'cs'],
  'C++': ['cpp', 'c++', 'cxx', 'hpp'],
  C: ['c', 'h'],
  Ruby: ['ruby', 'rb'],
  PHP: ['php'],
  Swift: ['swift'],
  Kotlin: ['kotlin', 'kt'],
  Go: ['go', 'golang'],
  Rust: ['rust', 'rs'],
  Scala: ['scala'],
  R: ['r'],
  Perl: ['perl', 'pl'],
  Shell: ['shell', 'sh', 'bash', 'zsh', 'console', 'shellscript'],
  HTML: ['html', 'htm'],
  CSS: ['css', 'scss', 'less'],
  XML: ['xml'],
  JSON: ['json', 'jsonc'],
  YAML: ['yaml', 'yml'],
  Markdown: ['markdown', 'md'],
  Dockerfile: ['dockerfile', 'docker'],
};

const containsCode: CheckDefinition = {
  id: 'default.containsCode',
  name: 'Contains code',
  description: 'Passes when the text holds a fenced code block (```lang) of the given language.',
  phases: BOTH,
  readsText: true,
  parameters: params(
    {
      format: { type: 'string', enum: Object.keys(CODE_TAGS), description: 'The language of the fenced code block (```sql … ```)' },
      not: NOT,
    },
    ['format'],
  ),
  compile(p) {
    const format = p.format as string;
    const tags = new Set(CODE_TAGS[format]);
    const fence = /^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)/gm;
    return ({ text }) => {
      let blocks = 0;
      for (const m of text.latest.matchAll(fence)) if (tags.has(m[2]!.toLowerCase())) blocks++;
      // Each block has an opening and a closing fence; a closing fence has no tag.
      return judged(
        blocks > 0,
        p.not,
        `The text holds ${plural(blocks, `${format} code block`)}`,
        `The text holds no ${format} code block`,
        { blocks },
      );
    };
  },
};

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`)\]}]+/gi;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** A URL written in the text is well formed: http(s), a host of valid labels with a TLD, or an IP. */
function wellFormed(raw: string): { ok: boolean; host: string } {
  const trimmed = raw.replace(/[.,;:!?]+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, host: '' };
  }
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) return { ok: true, host };
  const labels = host.split('.');
  const tld = labels.at(-1) ?? '';
  const ok = labels.length >= 2 && labels.every((l) => HOST_LABEL.test(l)) && /^(xn--[a-z0-9-]+|[a-z]{2,63})$/.test(tld);
  return { ok, host };
}

function allowedBy(patterns: string[]): (host: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const p of patterns.map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    if (p.startsWith('*.')) suffixes.push(p.slice(1));
    else exact.add(p);
  }
  return (host) => exact.has(host) || suffixes.some((s) => host.endsWith(s));
}

const validUrls: CheckDefinition = {
  id: 'default.validUrls',
  name: 'Valid URLs',
  description:
    'Passes when every URL in the text is well formed and, with allowedDomains, on the allow-list (example.com, *.example.com). No DNS lookups and no fetches: the appliance makes no call to check a URL.',
  phases: BOTH,
  readsText: true,
  parameters: params({
    allowedDomains: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      maxItems: 1000,
      description: 'Domains the URLs may point to (example.com, *.example.com); empty: any well-formed URL',
    },
    onlyDNS: {
      type: 'boolean',
      default: false,
      description: 'Resolve each domain: not possible on an air-gapped network, so it must stay off',
    },
    not: NOT,
  }),
  compile(p) {
    if (p.onlyDNS === true) {
      throw new ParameterError(
        'onlyDNS',
        'onlyDNS resolves each domain, which an air-gapped appliance cannot do: remove it (URLs are checked for syntax and the allow-list)',
      );
    }
    const allowed = Array.isArray(p.allowedDomains) ? allowedBy(p.allowedDomains as string[]) : null;
    return ({ text }) => {
      let total = 0;
      let malformed = 0;
      let outside = 0;
      for (const m of text.latest.matchAll(URL_IN_TEXT)) {
        total++;
        const { ok, host } = wellFormed(m[0]);
        if (!ok) malformed++;
        else if (allowed && !allowed(host)) outside++;
      }
      const held = malformed === 0 && outside === 0;
      const why = [
        malformed ? `${plural(malformed, 'URL')} malformed` : '',
        outside ? `${plural(outside, 'URL')} outside the allowed domains` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return judged(
        held,
        p.not,
        total === 0 ? 'The text has no URLs' : `All ${plural(total, 'URL')} in the text are valid`,
        `Of ${plural(total, 'URL')} in the text: ${why}`,
        { urls: total, malformed, outside_allow_list: outside },
      );
    };
  },
};

export const TEXT_CHECKS: readonly CheckDefinition[] = [
  regexMatch,
  contains,
  bounded('default.sentenceCount', 'Sentence count', 'sentence', 'minSentences', 'maxSentences', 99999, countSentences),
  bounded('default.wordCount', 'Word count', 'word', 'minWords', 'maxWords', 99999, countWords),
  bounded('default.characterCount', 'Character count', 'character', 'minCharacters', 'maxCharacters', 9999999, (t) => [...t].length),
  endsWith,
  caseCheck('default.isAllLowerCase', 'All lowercase', 'lower'),
  caseCheck('default.alluppercase', 'All uppercase', 'upper'),
  containsCode,
  validUrls,
];
