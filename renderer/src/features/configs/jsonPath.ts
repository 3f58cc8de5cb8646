// Where a JSON path is in a JSON text, so the server's config errors ("config.targets[1].weight
// must be …") land on the line they name. A small position-keeping JSON scanner: it records the
// span of every value by path and stops quietly at the first syntax error (the editor shows those).

export type Segment = string | number;

/** `config.targets[1].strategy.mode must …` -> ['targets', 1, 'strategy', 'mode']; null if none. */
export function pathOfMessage(message: string): Segment[] | null {
  const m = /^config((?:\.[\w$-]+|\[\d+\])*)(?= )/.exec(message);
  if (!m) return null;
  return [...m[1]!.matchAll(/\.([\w$-]+)|\[(\d+)\]/g)].map((p) => (p[2] !== undefined ? Number(p[2]) : p[1]!));
}

const key = (path: Segment[]) => JSON.stringify(path);

/** The span [from, to) of each value in `text`, by path; property names map to their value. */
export function valueSpans(text: string): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: Segment[]): void => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (text[i] !== '}') {
        ws();
        if (text[i] !== '"') throw new Error('key');
        const name = str();
        ws();
        if (text[i++] !== ':') throw new Error('colon');
        value([...path, name]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw new Error('object');
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      let n = 0;
      while (text[i] !== ']') {
        value([...path, n++]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') throw new Error('array');
        ws();
      }
      i++;
    } else if (c === '"') {
      str();
    } else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
      if (!m) throw new Error('value');
      i += m[0].length;
    }
    spans.set(key(path), [start, i]);
  };
  try {
    value([]);
  } catch {
    // A syntax error: keep what was read before it.
  }
  return spans;
}

/** The span of the deepest part of `path` that exists in `text` (the whole text if none). */
export function spanOfPath(text: string, path: Segment[]): [number, number] {
  const spans = valueSpans(text);
  for (let n = path.length; n >= 0; n--) {
    const found = spans.get(key(path.slice(0, n)));
    if (found) return found;
  }
  return [0, text.length];
}

/** 1-based line of an offset. */
export const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
