// What one analytics graph is made of and answers with: the query and row scope it runs over, and
// `{summary, data_points}` in Portkey's shape. Shared by the graphs in graphs.ts and guardrailGraph.ts.
import type { RowScope } from '../logs/filters.ts';
import type { AnalyticsQuery } from './query.ts';
import type { ReaderPool, Row } from './sql.ts';

export interface GraphContext {
  q: AnalyticsQuery;
  scope: RowScope;
  reader: ReaderPool;
}

export interface Graph {
  summary: Row;
  data_points: Row[];
  object: 'analytics-graph';
}

export const graph = (summary: Row, data_points: Row[]): Graph => ({ summary, data_points, object: 'analytics-graph' });
