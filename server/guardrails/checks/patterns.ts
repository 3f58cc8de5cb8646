// Regular expressions an admin writes into a check run on every request's text in the one event
// loop the whole appliance shares, and JavaScript regexes have no time limit. So a pattern is
// compiled once, and refused when it can backtrack catastrophically: a quantified group that holds
// another quantifier or an alternation ((a+)+, (a|aa)*), or a back-reference. Such patterns can
// almost always be rewritten without the nesting.
import { ParameterError } from '../types.ts';

const FLAGS = /^[dgimsuvy]*$/;

/** `pattern` or `/pattern/flags` as written in Portkey's regex checks. */
export function splitPattern(rule: string): { source: string; flags: string } {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(rule);
  if (m && FLAGS.test(m[2]!)) return { source: m[1]!, flags: m[2]! };
  return { source: rule, flags: '' };
}

/** The reason `source` may backtrack catastrophically, or null. */
export function backtrackingRisk(source: string): string | null {
  // Per open group: whether it holds a quantifier or an alternation.
  const stack: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return 'it uses a back-reference (\\1 …)';
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'it uses a named back-reference (\\k<…>)';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      stack.push({ risky: false });
      // Skip the group's kind: (?: (?= (?! (?<= (?<! (?<name>
      if (source[i + 1] === '?') {
        const rest = source.slice(i + 2);
        const kind = /^(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(rest);
        if (kind) i += 1 + kind[0].length;
      }
      continue;
    }
    if (c === '|') {
      if (stack.length) stack.at(-1)!.risky = true;
      continue;
    }
    if (c === ')') {
      const group = stack.pop();
      const after = source.slice(i + 1);
      const repeated = /^[*+]/.test(after) || /^\{\d+,\d*\}/.test(after);
      if (group?.risky && repeated) return 'a repeated group holds another quantifier or an alternation, e.g. (a+)+ or (a|b)*';
      if (group?.risky && stack.length) stack.at(-1)!.risky = true;
      if (repeated && stack.length) stack.at(-1)!.risky = true;
      continue;
    }
    const prev = source[i - 1] ?? '';
    // A ? right after a quantifier makes it lazy; it is not a quantifier of its own.
    const lazy = c === '?' && /[*+?}]/.test(prev);
    const quantifier = c === '*' || c === '+' || (c === '?' && !lazy) || (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)));
    if (quantifier && stack.length) stack.at(-1)!.risky = true;
  }
  return null;
}

/** Compiles an admin's pattern once, or throws a ParameterError that says what to change. */
export function compilePattern(rule: string, field: string, extraFlags = ''): RegExp {
  const { source, flags } = splitPattern(rule);
  const risk = backtrackingRisk(source);
  if (risk) throw new ParameterError(field, `${field} is refused because ${risk}, which can stall the appliance on some texts`);
  try {
    // `g` and `y` make test() stateful between requests: drop them.
    const merged = [...new Set((flags + extraFlags).replace(/[gy]/g, ''))].join('');
    return new RegExp(source, merged);
  } catch (err) {
    throw new ParameterError(field, `${field} is not a valid regular expression: ${(err as Error).message}`);
  }
}
