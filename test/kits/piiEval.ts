// Scores the PII detector on the labelled sample (server/guardrails/pii/testdata/pii-sample.json):
// a find counts when it overlaps a labelled value of the same type; a find of another type, or of
// nothing labelled, is a false positive of its type; a labelled value nobody found is a miss.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PII_TYPES, detectPii, type PiiType } from '../../server/guardrails/pii/detector.ts';

export const SAMPLE_PATH = fileURLToPath(new URL('../../server/guardrails/pii/testdata/pii-sample.json', import.meta.url));

export interface Sample {
  items: { text: string; entities: { type: PiiType; value: string }[] }[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  items: number;
  positives: number;
  negatives: number;
  byType: Record<PiiType, Score>;
  /** Texts with a wrong or missed find, for tuning. */
  errors: { text: string; kind: 'fp' | 'fn'; type: PiiType; span: string }[];
}

export function loadSample(): Sample {
  return JSON.parse(fs.readFileSync(SAMPLE_PATH, 'utf8')) as Sample;
}

export function evaluate(sample: Sample = loadSample()): Evaluation {
  const all = new Set<PiiType>(PII_TYPES);
  const counts = Object.fromEntries(PII_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<
    PiiType,
    { tp: number; fp: number; fn: number }
  >;
  const errors: Evaluation['errors'] = [];
  for (const item of sample.items) {
    const labels = item.entities.map((e) => {
      const start = item.text.indexOf(e.value);
      if (start === -1) throw new Error(`label ${JSON.stringify(e.value)} is not in ${JSON.stringify(item.text)}`);
      return { ...e, start, end: start + e.value.length, found: false };
    });
    for (const m of detectPii(item.text, all)) {
      const label = labels.find((l) => l.type === m.type && m.start < l.end && l.start < m.end && !l.found);
      if (label) {
        label.found = true;
        counts[m.type].tp++;
      } else {
        counts[m.type].fp++;
        errors.push({ text: item.text, kind: 'fp', type: m.type, span: item.text.slice(m.start, m.end) });
      }
    }
    for (const l of labels) {
      if (l.found) continue;
      counts[l.type].fn++;
      errors.push({ text: item.text, kind: 'fn', type: l.type, span: l.value });
    }
  }
  const byType = Object.fromEntries(
    PII_TYPES.map((t) => {
      const c = counts[t];
      return [t, { ...c, precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1, recall: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1 }];
    }),
  ) as Record<PiiType, Score>;
  const positives = sample.items.filter((i) => i.entities.length > 0).length;
  return { items: sample.items.length, positives, negatives: sample.items.length - positives, byType, errors };
}
