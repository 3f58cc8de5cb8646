// The air-gap report's shape (GET /v1/admin/egress) and its query key, shared by the page's parts.
import type { ResponseOf } from '../../api/types';

export type EgressReport = ResponseOf<'/v1/admin/egress', 'get'>;

export const REPORT_KEY = ['egress', 'report'] as const;
