// Guardrails as the page reads them: the saved ones the current workspace can use (its own and the
// organisation's), the catalogue of checks with their parameter schemas, the defaults that attach
// guardrails to every request of the workspace or the organisation, and who may change what (from
// the self view; the server still decides, and its refusals are shown).
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ResponseOf, SelfView, SessionWorkspace } from '../../api/types';
import { WORKSPACE_ROLE_SCOPES } from '../../api/serverTables.gen';
import { isOrgAdmin } from '../auth/session';

export type GuardrailSummary = ResponseOf<'/v1/guardrails', 'get'>['data'][number];
export type GuardrailDetail = ResponseOf<'/v1/guardrails/{guardrailId}', 'get'>;
export type CheckInfo = ResponseOf<'/v1/guardrails/checks', 'get'>['data'][number];
export type TestResult = ResponseOf<'/v1/guardrails/test', 'post'>;

/** One check of a guardrail as the form holds it. */
export interface CheckDraft {
  id: string;
  parameters: Record<string, unknown>;
  is_enabled: boolean;
}

export interface Feedback {
  value: number;
  weight: number;
  metadata: string;
}

export interface ActionsDraft {
  deny: boolean;
  async: boolean;
  on_success: { feedback: Feedback | null };
  on_fail: { feedback: Feedback | null };
}

export interface GuardrailDraft {
  name: string;
  checks: CheckDraft[];
  actions: ActionsDraft;
}

export const NO_ACTIONS: ActionsDraft = { deny: false, async: false, on_success: { feedback: null }, on_fail: { feedback: null } };

/** The checks as the API takes them: a check that is on needs no is_enabled. */
export function checksBody(checks: CheckDraft[]) {
  return checks.map((c) => ({ id: c.id, parameters: c.parameters, ...(c.is_enabled ? {} : { is_enabled: false }) }));
}

export function actionsOf(value: Record<string, unknown> | undefined): ActionsDraft {
  const a = (value ?? {}) as Partial<ActionsDraft>;
  return {
    deny: a.deny === true,
    async: a.async === true,
    on_success: { feedback: a.on_success?.feedback ?? null },
    on_fail: { feedback: a.on_fail?.feedback ?? null },
  };
}

export function useCheckCatalogue(enabled = true) {
  return useQuery({
    queryKey: ['guardrails', 'checks'],
    queryFn: async () => (await unwrap(api.GET('/v1/guardrails/checks'))).data,
    staleTime: Infinity,
    enabled,
  });
}

const PAGE = 100;

/**
 * The guardrails the workspace can use: its own and the organisation's, newest first. A member's
 * session is bound to the workspace and gets both in one list; an organisation admin asks for each
 * level (the organisation's id comes with its defaults). `more`: a list had more than one page.
 */
export function useGuardrails(workspaceId: string, orgAdmin: boolean) {
  return useQuery({
    queryKey: ['guardrails', 'list', workspaceId, orgAdmin],
    queryFn: async () => {
      const lists = [unwrap(api.GET('/v1/guardrails', { params: { query: { workspace_id: workspaceId, page_size: PAGE } } }))];
      if (orgAdmin) {
        const { organisation_id } = await unwrap(api.GET('/v1/admin/organisation/defaults'));
        lists.push(unwrap(api.GET('/v1/guardrails', { params: { query: { organisation_id, page_size: PAGE } } })));
      }
      const answers = await Promise.all(lists);
      const seen = new Map<string, GuardrailSummary>();
      for (const list of answers) for (const g of list.data) seen.set(g.id, g);
      const rows = [...seen.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
      return { rows, more: answers.some((a) => a.total > a.data.length) };
    },
  });
}

export interface DefaultLists {
  input: string[];
  output: string[];
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function useWorkspaceDefaults(workspaceId: string) {
  return useQuery({
    queryKey: ['guardrails', 'defaults', 'workspace', workspaceId],
    queryFn: async (): Promise<DefaultLists> => {
      const ws = await unwrap(api.GET('/v1/admin/workspaces/{workspaceId}', { params: { path: { workspaceId } } }));
      const d = ws.defaults as Record<string, unknown>;
      return { input: listOf(d.input_guardrails), output: listOf(d.output_guardrails) };
    },
  });
}

export function useOrganisationDefaults(enabled: boolean) {
  return useQuery({
    queryKey: ['guardrails', 'defaults', 'organisation'],
    queryFn: async (): Promise<DefaultLists> => {
      const d = await unwrap(api.GET('/v1/admin/organisation/defaults'));
      return { input: d.input_guardrails, output: d.output_guardrails };
    },
    enabled,
  });
}

/** Whether a defaults list names this guardrail (lists hold slugs, or ids as sent). */
export const names = (list: readonly string[], g: { id: string; slug: string }) => list.includes(g.slug) || list.includes(g.id);

export interface Abilities {
  orgAdmin: boolean;
  /** Create, change and test the workspace's own guardrails. */
  writeWorkspace: boolean;
  /** Create and change organisation guardrails. */
  writeOrganisation: boolean;
  /** Change the workspace's defaults (workspace admins and organisation admins). */
  workspaceDefaults: boolean;
  /** Change the organisation's defaults. */
  organisationDefaults: boolean;
}

/** What the signed-in person's role lets them do here; the security settings may narrow it further. */
export function abilitiesOf(self: SelfView, workspace: SessionWorkspace | null): Abilities {
  const orgAdmin = isOrgAdmin(self);
  const role = workspace?.role as keyof typeof WORKSPACE_ROLE_SCOPES | undefined;
  const scopes: readonly string[] = role && role in WORKSPACE_ROLE_SCOPES ? WORKSPACE_ROLE_SCOPES[role] : [];
  return {
    orgAdmin,
    writeWorkspace: orgAdmin || scopes.includes('guardrails.update'),
    writeOrganisation: orgAdmin,
    workspaceDefaults: orgAdmin || role === 'admin',
    organisationDefaults: orgAdmin,
  };
}

export const mayChange = (a: Abilities, g: { workspace_id: string | null }) => (g.workspace_id ? a.writeWorkspace : a.writeOrganisation);

/** "default.regexMatch" -> its name in the catalogue, or the id. */
export function checkName(catalogue: readonly CheckInfo[] | undefined, id: string): string {
  return catalogue?.find((c) => c.id === id)?.name ?? id;
}
