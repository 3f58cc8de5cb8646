// Accessibility scan with axe-core, injected into the page through the DevTools protocol (an inline
// script tag would be refused by the UI's CSP, as it should be). Returns serious and critical
// violations only, described well enough to fix.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

export async function seriousViolations(page: Page): Promise<string[]> {
  // Expressions as strings: this file is type-checked without the DOM library.
  const injected = (await page.evaluate("typeof axe !== 'undefined'")) as boolean;
  if (!injected) await page.evaluate(axeSource);
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => `${JSON.stringify(n.target)} (${n.failureSummary ?? ''})`).join('; ')}`,
    );
}
