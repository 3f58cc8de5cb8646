// Names for the shapes pages use, taken from the generated OpenAPI types (schema.d.ts), so a
// change to a route's schema shows up here as a type error in the page that reads it.
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The 200 body of `METHOD path`. */
export type ResponseOf<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'delete'> = paths[P][M] extends {
  responses: { 200: infer R };
}
  ? Json<R>
  : never;

/** The JSON body `METHOD path` takes. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;

/** The query parameters of `GET path`. */
export type QueryOf<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type SelfView = ResponseOf<'/v1/auth/self', 'get'>;
export type SessionWorkspace = SelfView['workspaces'][number];
export type LogList = ResponseOf<'/v1/logs', 'get'>;
export type ExportItem = ResponseOf<'/v1/logs/exports/{id}', 'get'>;
export type ApiKeyList = ResponseOf<'/v1/api-keys', 'get'>;
export type ConnectionTest = ResponseOf<'/v1/providers/{slug}/test', 'post'>;
export type IntegrationSummary = ResponseOf<'/v1/integrations', 'get'>['data'][number];
export type IntegrationDetail = ResponseOf<'/v1/integrations/{slug}', 'get'>;
export type ProviderView = ResponseOf<'/v1/providers', 'get'>['data'][number];
export type WorkspaceView = ResponseOf<'/v1/admin/workspaces', 'get'>['data'][number];
export type MemberView = ResponseOf<'/v1/admin/workspaces/{workspaceId}/users', 'get'>['data'][number];
export type UserView = ResponseOf<'/v1/admin/users', 'get'>['data'][number];
export type InviteView = ResponseOf<'/v1/admin/users/invites', 'get'>['data'][number];
export type AuditRecord = ResponseOf<'/v1/audit-logs', 'get'>['records'][number];
export type ConfigTest = ResponseOf<'/v1/configs/{slug}/test', 'post'>;
