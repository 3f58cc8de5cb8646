// Analytics as the routes call it: check who may see what (access.ts), read the query
// (query.ts), then run one graph, summary or grouping over the log database.
import type { Sqlite } from '../db/sqlite.ts';
import type { LogDatabase } from '../db/duckdb.ts';
import type { AuthContext } from '../identity/auth.ts';
import type { OrganisationSettingsCache } from '../settings/settings.ts';
import type { RoleFacts } from '../identity/roles.ts';
import type { WorkspaceDirectory, WorkspaceRef } from '../identity/workspaces.ts';
import { dataVisibility } from '../logs/visibility.ts';
import { analyticsAccess, type Surface } from './access.ts';
import { parseAnalyticsQuery } from './query.ts';
import { GRAPHS, cacheSummary, type GraphContext } from './graphs.ts';
import {
  aiModelsGroup,
  groupedData,
  metadataGroup,
  parseGroupBy,
  usersGroup,
  type GroupContext,
  type GroupLabels,
  type GroupList,
} from './groups.ts';
import { ReaderPool } from './sql.ts';
import { overview, unpricedModels } from './overview.ts';

export interface AnalyticsDeps {
  db: Sqlite;
  logs: LogDatabase;
  workspaces: WorkspaceDirectory<WorkspaceRef>;
  facts: RoleFacts;
  /** Names of keys and workspaces for group rows. */
  labels: GroupLabels;
  settings: OrganisationSettingsCache;
  /** Reader connections for analytics (DuckDB runs each query on all cores; two keep a slow one from queueing the rest). */
  readers?: number;
}

type Query = Record<string, unknown>;

export function analyticsService(deps: AnalyticsDeps) {
  const facts = deps.facts;
  const access = analyticsAccess({
    workspaces: deps.workspaces,
    facts,
    settings: deps.settings,
    visibility: dataVisibility({ db: deps.db, facts, settings: deps.settings }),
  });
  const reader = new ReaderPool(deps.logs, deps.readers ?? 2);
  const labels = deps.labels;

  function graphContext(auth: AuthContext, query: Query, surface: Surface = 'analytics', acrossWorkspaces = false): GraphContext {
    const q = parseAnalyticsQuery(query);
    const scope = access.scope(auth, { surface, workspace: q.workspace, acrossWorkspaces });
    return { q, scope, reader };
  }

  const groupContext = (auth: AuthContext, query: Query, surface: Surface = 'analytics', acrossWorkspaces = false): GroupContext => ({
    ...graphContext(auth, query, surface, acrossWorkspaces),
    query,
    labels,
  });

  return {
    graph(auth: AuthContext, name: keyof typeof GRAPHS, query: Query) {
      return GRAPHS[name]!.run(graphContext(auth, query));
    },
    cacheSummary(auth: AuthContext, query: Query) {
      return cacheSummary(graphContext(auth, query));
    },
    /** The console dashboard's figures in one scan. */
    overview: (auth: AuthContext, query: Query) => overview(graphContext(auth, query)),
    /** Models seen unpriced, across the organisation's workspaces unless one is named. */
    unpricedModels: (auth: AuthContext, query: Query) => unpricedModels(graphContext(auth, query, 'analytics', true)),
    users: (auth: AuthContext, query: Query) => usersGroup(groupContext(auth, query)),
    aiModels: (auth: AuthContext, query: Query) => aiModelsGroup(groupContext(auth, query)),
    metadata: (auth: AuthContext, key: string, query: Query) => metadataGroup(groupContext(auth, query), key),
    /** Requests and cost per workspace, across the organisation's workspaces unless one is named. */
    workspaces: (auth: AuthContext, query: Query) => groupedData(groupContext(auth, query, 'analytics', true), 'workspace', ['cost']),
    /** GET /analytics/groups/:groupBy and /logs/groups/:groupBy. */
    grouped(auth: AuthContext, groupBy: string, query: Query, surface: Surface): Promise<GroupList> {
      const by = parseGroupBy(groupBy);
      return groupedData(groupContext(auth, query, surface, by === 'workspace'), by);
    },
  };
}

export type AnalyticsService = ReturnType<typeof analyticsService>;
