// The saved guardrails as the request path sees them: looked up by slug or id from memory, and
// compiled once per version (not per request). Every Admin API write clears the lookups; compiled
// versions stay valid forever (a version never changes), so only their lookup is redone.
import { parseJson } from '../db/rows.ts';
import { compileGuardrail, readActions, readChecks, type CompiledGuardrail } from './compile.ts';
import type { CurrentGuardrailRow, GuardrailsRepository } from './admin/repository.ts';

/** Lookups kept at most; past it the map starts over (names that exist are few, misses are not cached). */
const MAX_LOOKUPS = 10_000;
const MAX_COMPILED = 10_000;

export interface Defaults {
  input: string[];
  output: string[];
}

export type Found = { ok: true; guardrail: CompiledGuardrail; row: CurrentGuardrailRow } | { ok: false; reason: 'missing' | 'archived' };

export function guardrailLibrary(repo: GuardrailsRepository) {
  const rows = new Map<string, CurrentGuardrailRow>();
  const compiled = new Map<string, CompiledGuardrail>();
  const defaults = new Map<string, Defaults>();
  let compiles = 0;

  function rowOf(ref: string): CurrentGuardrailRow | null {
    let row = rows.get(ref);
    if (!row) {
      row = repo.get(ref) ?? undefined;
      if (!row) return null;
      if (rows.size >= MAX_LOOKUPS) rows.clear();
      rows.set(ref, row);
    }
    return row;
  }

  /** The compiled current version of a saved guardrail. */
  function compiledOf(row: CurrentGuardrailRow): CompiledGuardrail {
    let g = compiled.get(row.current_version_id);
    if (!g) {
      const path = `guardrail ${row.slug}`;
      g = compileGuardrail(
        {
          id: row.slug,
          name: row.name,
          type: 'guardrail',
          checks: readChecks(parseJson(row.checks, []), `${path} checks`),
          actions: readActions(parseJson(row.actions, {}), `${path} actions`),
          sequential: false,
        },
        { saved: true, path: `${path} checks` },
      );
      compiles++;
      if (compiled.size >= MAX_COMPILED) compiled.clear();
      compiled.set(row.current_version_id, g);
    }
    return g;
  }

  return {
    /** The guardrail `ref` names that a request of this workspace may use: its own or the organisation's. */
    find(organisationId: string, workspaceId: string, ref: string): Found {
      const row = rowOf(ref);
      if (!row || row.organisation_id !== organisationId || (row.workspace_id !== null && row.workspace_id !== workspaceId)) {
        return { ok: false, reason: 'missing' };
      }
      if (row.status !== 'active') return { ok: false, reason: 'archived' };
      return { ok: true, guardrail: compiledOf(row), row };
    },
    /** The organisation's default guardrails (slugs or ids, as saved). */
    defaults(organisationId: string): Defaults {
      let d = defaults.get(organisationId);
      if (!d) {
        const row = repo.defaults(organisationId);
        d = { input: parseJson(row?.input_guardrails, []), output: parseJson(row?.output_guardrails, []) };
        defaults.set(organisationId, d);
      }
      return d;
    },
    /** After any write to guardrails or defaults. */
    invalidate(): void {
      rows.clear();
      defaults.clear();
    },
    /** How many versions were compiled so far (tests check a request does not compile). */
    compiles: () => compiles,
  };
}

export type GuardrailLibrary = ReturnType<typeof guardrailLibrary>;
