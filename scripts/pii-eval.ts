// Prints the built-in PII detector's precision and recall per type on the labelled sample
// (server/guardrails/pii/testdata/pii-sample.json), and with --errors the texts it got wrong.
//
//   npm run eval:pii [-- --errors]
import { evaluate } from '../test/kits/piiEval.ts';

const result = evaluate();
console.log(`PII sample: ${result.items} texts (${result.positives} with personal data or secrets, ${result.negatives} hard negatives)\n`);
console.log('type           found  false+  missed  precision  recall');
for (const [type, s] of Object.entries(result.byType)) {
  console.log(
    `${type.padEnd(14)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(7)} ${String(s.fn).padStart(7)} ${(s.precision * 100).toFixed(1).padStart(9)}% ${(s.recall * 100).toFixed(1).padStart(6)}%`,
  );
}
if (process.argv.includes('--errors')) {
  console.log('');
  for (const e of result.errors) console.log(`${e.kind} ${e.type}: ${JSON.stringify(e.span)} in ${JSON.stringify(e.text)}`);
}
