// The air-gap report: where the appliance listens (and whether over TLS), every destination it may
// reach with who configured it when, every destination it contacted with counts and the last time,
// every refused attempt with the caller, and the start-up self-check's statement.
import os from 'node:os';
import { SERVICE_ID, VERSION } from '../version.ts';
import type { EgressGuard } from '../security/egress/guard.ts';
import { parseEgressEntry } from '../security/egress/rules.ts';
import type { SelfCheckResult } from '../security/egress/selfCheck.ts';
import type { ListenerFacts } from './listeners.ts';
import type { EgressReport } from './egressSchemas.ts';

export interface EgressReportDeps {
  guard: EgressGuard;
  listeners(): ListenerFacts[];
  /** Runs the egress self-check (probes and the kernel's socket list). */
  runSelfCheck(): Promise<SelfCheckResult>;
  /** Who last saved an integration (the audit log), by its id and slug. */
  integrationAuthor(refs: string[]): { by: string | null; at: string } | null;
}

export function egressReport(deps: EgressReportDeps) {
  let last: Promise<SelfCheckResult> | null = null;
  /** The self-check from start-up (server/main.ts runs it once listening), or a new one when `again`. */
  const selfCheck = (again = false): Promise<SelfCheckResult> => {
    if (again || last === null) last = deps.runSelfCheck();
    return last;
  };
  const report = async (options: { recheck?: boolean; refusals?: number } = {}): Promise<EgressReport> => {
    const { guard } = deps;
    const check = await selfCheck(options.recheck === true);
    const authors = new Map<string, { by: string | null; at: string } | null>();
    const allowed = guard.allowed().map((d) => {
      let { configured_by, configured_at } = d;
      if (d.reference) {
        const key = d.reference.id;
        if (!authors.has(key)) authors.set(key, deps.integrationAuthor([d.reference.id, d.reference.slug]));
        const author = authors.get(key);
        if (author) {
          configured_by = author.by;
          configured_at = author.at > (configured_at ?? '') ? author.at : configured_at;
        }
      }
      return { destination: d.destination, source: d.source, detail: d.detail, configured_by, configured_at, id: d.id };
    });
    const contacted = guard.contacts().map((c) => {
      const parsed = parseEgressEntry(c.destination);
      const rule = parsed.ok && parsed.rule.kind === 'host' ? parsed.rule : null;
      return { ...c, allowed_now: rule !== null && rule.port !== null && guard.allows(rule.host, rule.port) };
    });
    const refused = guard.refusals(options.refusals ?? 500);
    return {
      object: 'egress_report',
      generated_at: new Date().toISOString(),
      appliance: { service: SERVICE_ID, version: VERSION, host_name: os.hostname() },
      mode: guard.mode,
      self_check: check,
      listeners: deps.listeners(),
      allowed,
      contacted,
      refused,
    };
  };
  return { report, selfCheck };
}
