// Where guardrails are named from outside the guardrails API, and the rules for it: the
// organisation's and a workspace's defaults, and routing configs (each entry must compile or name
// a guardrail the workspace can use), and which defaults still name a guardrail (it cannot be
// deleted or archived while they do).
import { badRequest } from '../../errors.ts';
import { parseJson } from '../../db/rows.ts';
import { GuardrailDefinitionError, compileGuardrail } from '../compile.ts';
import { INPUT_KEYS, OUTPUT_KEYS, parseListEntry } from '../configEntries.ts';
import type { GuardrailLibrary } from '../library.ts';
import type { GuardrailRow, GuardrailsRepository } from './repository.ts';

/** What the guardrails API needs to know about workspaces (wired to the workspaces repository). */
export interface WorkspacePort {
  get(idOrSlug: string): { id: string; organisation_id: string; slug: string; status: string; defaults: string } | null;
  /** Every workspace of the organisation, archived ones too. */
  all(organisationId: string): { id: string; slug: string; defaults: string }[];
}

/** A definition problem as the Admin API's 400, naming the path at fault. */
export function definitionError(err: unknown): never {
  if (err instanceof GuardrailDefinitionError) throw badRequest(err.message, { param: err.path });
  throw err;
}

export function guardrailReferences(deps: { repo: GuardrailsRepository; library: GuardrailLibrary; workspaces: WorkspacePort }) {
  const { repo, library } = deps;

  /**
   * Each of `refs` must name an active guardrail a request of `workspaceId` may use (null: every
   * workspace, so organisation guardrails only). Throws a 400 naming `param`.
   */
  function checkRefs(organisationId: string, workspaceId: string | null, refs: unknown, param: string): string[] {
    if (refs === undefined || refs === null) return [];
    if (!Array.isArray(refs) || refs.some((r) => typeof r !== 'string' || !r.trim())) {
      throw badRequest(`${param} must be a list of guardrail slugs or ids`, { param });
    }
    const out: string[] = [];
    for (const [i, ref] of (refs as string[]).entries()) {
      const slug = usableSlug(organisationId, workspaceId, ref.trim(), `${param}[${i}]`, param);
      if (!out.includes(slug)) out.push(slug);
    }
    return out;
  }

  /** The slug of the active guardrail `ref` names that `workspaceId` may use (null: every workspace), or a 400. */
  function usableSlug(organisationId: string, workspaceId: string | null, ref: string, at: string, param: string): string {
    const row = repo.get(ref);
    const usable = row && row.organisation_id === organisationId && (row.workspace_id === null || row.workspace_id === workspaceId);
    if (!usable) {
      const where = workspaceId
        ? 'in this workspace or the organisation'
        : 'at organisation level (defaults for every workspace can only name organisation guardrails)';
      throw badRequest(`${at}: guardrail "${ref}" was not found ${where}`, { param });
    }
    if (row.status !== 'active') throw badRequest(`${at}: guardrail "${ref}" is archived`, { param });
    return row.slug;
  }

  /** Where a guardrail is named as a default: the organisation's, or workspaces' (by slug). */
  function namedBy(row: GuardrailRow): string[] {
    const names = new Set([row.id, row.slug]);
    const out: string[] = [];
    const org = library.defaults(row.organisation_id);
    if ([...org.input, ...org.output].some((r) => names.has(r))) out.push('the organisation defaults');
    for (const ws of deps.workspaces.all(row.organisation_id)) {
      const d = parseJson<Record<string, unknown>>(ws.defaults, {});
      const refs = [
        ...(Array.isArray(d.input_guardrails) ? d.input_guardrails : []),
        ...(Array.isArray(d.output_guardrails) ? d.output_guardrails : []),
      ];
      if (refs.some((r) => typeof r === 'string' && names.has(r))) out.push(`the defaults of workspace ${ws.slug}`);
    }
    return out;
  }

  /** For the workspaces API: a workspace's `defaults.input_guardrails/output_guardrails` name usable guardrails. */
  function checkWorkspaceDefaults(
    organisationId: string,
    workspaceId: string | null,
    defaults: Record<string, unknown> | null | undefined,
  ): void {
    if (!defaults) return;
    checkRefs(organisationId, workspaceId, defaults.input_guardrails, 'defaults.input_guardrails');
    checkRefs(organisationId, workspaceId, defaults.output_guardrails, 'defaults.output_guardrails');
  }

  /**
   * For the configs API: every guardrail entry of a routing config, at every level, compiles (inline
   * ones) or names a guardrail the workspace can use (by slug or id). Throws a 400 naming the path.
   */
  function checkConfig(organisationId: string, workspaceId: string, config: Record<string, unknown>): void {
    const walk = (node: Record<string, unknown>, path: string) => {
      for (const key of [...INPUT_KEYS, ...OUTPUT_KEYS]) {
        const list = node[key];
        if (!Array.isArray(list)) continue;
        const phase = INPUT_KEYS.includes(key) ? 'beforeRequestHook' : 'afterRequestHook';
        list.forEach((value, i) => {
          const at = `${path}.${key}[${i}]`;
          try {
            const entry = parseListEntry(value, at, key);
            if (entry.kind === 'inline') compileGuardrail(entry.spec, { saved: false, path: `${at}.checks`, phase });
            else usableSlug(organisationId, workspaceId, entry.ref, at, at);
          } catch (err) {
            definitionError(err);
          }
        });
      }
      const targets = node.targets;
      if (Array.isArray(targets)) targets.forEach((t, i) => walk(t as Record<string, unknown>, `${path}.targets[${i}]`));
    };
    walk(config, 'config');
  }

  return { usableSlug, checkRefs, namedBy, checkWorkspaceDefaults, checkConfig };
}
