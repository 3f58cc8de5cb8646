// Every check the appliance runs, by id; and what to say about ids it does not run (Portkey's
// hosted and partner checks call cloud services this network cannot reach).
import type { CheckDefinition } from '../types.ts';
import { TEXT_CHECKS } from './textChecks.ts';
import { JSON_CHECKS } from './jsonChecks.ts';
import { REQUEST_CHECKS } from './requestChecks.ts';
import { PII_CHECKS } from './piiCheck.ts';
import { JWT_CHECKS } from './jwtCheck.ts';
import { WEBHOOK_CHECKS } from './webhookCheck.ts';
import { JUDGE_CHECKS } from './judgeCheck.ts';

export const CHECKS: ReadonlyMap<string, CheckDefinition> = new Map(
  [...TEXT_CHECKS, ...JSON_CHECKS, ...REQUEST_CHECKS, ...PII_CHECKS, ...JWT_CHECKS, ...WEBHOOK_CHECKS, ...JUDGE_CHECKS].map((c) => [
    c.id,
    c,
  ]),
);

/** Hosted checks with a local stand-in. */
const INSTEAD: Record<string, string> = {
  'portkey.pii': 'default.pii (runs on the appliance, can redact)',
  'portkey.moderateContent': 'default.llmJudge with a guard model from your catalog',
  'portkey.language': 'default.llmJudge with a prompt naming the language',
  'portkey.gibberish': 'default.llmJudge with a prompt about gibberish',
};

/** Why `id` cannot be used here, with what to use instead; null for a check this appliance runs. */
export function unknownCheckMessage(id: string): string | null {
  if (CHECKS.has(id)) return null;
  const instead = INSTEAD[id];
  if (instead) return `${id} calls Portkey's cloud, which this air-gapped appliance cannot reach: use ${instead}`;
  if (/^[a-z0-9-]+\.[A-Za-z0-9]+$/.test(id) && !id.startsWith('default.')) {
    return `${id} is a partner check that calls an outside service, which this air-gapped appliance cannot reach: use default.webhook to a service on your network, or default.llmJudge`;
  }
  return `${id} is not a check this appliance knows; known checks: ${[...CHECKS.keys()].join(', ')}`;
}
