// Generated from the appliance's OpenAPI document (GET /docs/openapi.json) by
// `npm run gen:api-types`. Do not edit: server/console/openapi.test.ts fails when it is stale.
/* eslint-disable */
export interface paths {
    "/invite/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getInviteToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/model-configs/pricing/{provider}/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getModelConfigsPricingProviderPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tls/ca.crt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getTlsCaCrt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminBackups"];
        put?: never;
        post: operations["postV1AdminBackups"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/backups/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteV1AdminBackupsName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/backups/{name}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminBackupsNameFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/backups/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminBackupsSchedule"];
        put: operations["putV1AdminBackupsSchedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/egress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminEgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/egress/allow-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminEgressAllowList"];
        put?: never;
        post: operations["postV1AdminEgressAllowList"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/egress/allow-list/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteV1AdminEgressAllowListId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/egress/report.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminEgressReportHtml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/lan-exposure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminLanExposure"];
        put: operations["putV1AdminLanExposure"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/organisation/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminOrganisationDefaults"];
        put: operations["putV1AdminOrganisationDefaults"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/organisation/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminOrganisationSettings"];
        put: operations["putV1AdminOrganisationSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/organization/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminOrganizationDefaults"];
        put: operations["putV1AdminOrganizationDefaults"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/organization/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminOrganizationSettings"];
        put: operations["putV1AdminOrganizationSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/pricing/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminPricingFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/pricing/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminPricingPrices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/pricing/reload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1AdminPricingReload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminUsersUserId"];
        put: operations["putV1AdminUsersUserId"];
        post?: never;
        delete: operations["deleteV1AdminUsersUserId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminUsersInvites"];
        put?: never;
        post: operations["postV1AdminUsersInvites"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/invites/{inviteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminUsersInvitesInviteId"];
        put?: never;
        post?: never;
        delete: operations["deleteV1AdminUsersInvitesInviteId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/invites/{inviteId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1AdminUsersInvitesInviteIdResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminWorkspaces"];
        put?: never;
        post: operations["postV1AdminWorkspaces"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/workspaces/{workspaceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminWorkspacesWorkspaceId"];
        put: operations["putV1AdminWorkspacesWorkspaceId"];
        post?: never;
        delete: operations["deleteV1AdminWorkspacesWorkspaceId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/workspaces/{workspaceId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminWorkspacesWorkspaceIdSettings"];
        put: operations["putV1AdminWorkspacesWorkspaceIdSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/workspaces/{workspaceId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminWorkspacesWorkspaceIdUsers"];
        put?: never;
        post: operations["postV1AdminWorkspacesWorkspaceIdUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/workspaces/{workspaceId}/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AdminWorkspacesWorkspaceIdUsersUserId"];
        put: operations["putV1AdminWorkspacesWorkspaceIdUsersUserId"];
        post?: never;
        delete: operations["deleteV1AdminWorkspacesWorkspaceIdUsersUserId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/cache-hit-rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsCacheHitRate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/cache-latency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsCacheLatency"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/cache/hit-rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsCacheHitRate2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/cache/latency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsCacheLatency2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/cost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsCost"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors-rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsRate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors-stack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsStack"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors-stacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsStacks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors-status-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsStatusCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors-status-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsStatusCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors/rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsRate2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors/stacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsStacks2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/errors/status-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsErrorsStatusCodes2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks-ai-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksAiModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks-score": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksScore"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks-scores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksScores"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks-weighted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksWeighted"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks/ai-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksAiModels2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks/score": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksScore2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks/scores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksScores2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/feedbacks/weighted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsFeedbacksWeighted2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/guardrails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsGuardrails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/latency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsLatency"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/requests-rescued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsRequestsRescued"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/requests/rescued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsRequestsRescued2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/users-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsUsersRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/graphs/users/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGraphsUsersRequests2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/groups/{groupBy}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGroupsGroupBy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/groups/ai-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGroupsAiModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/groups/metadata/{metadataKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGroupsMetadataMetadataKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/groups/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGroupsUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/groups/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsGroupsWorkspaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/summary/cache": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsSummaryCache"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/summary/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsSummaryOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/unpriced-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AnalyticsUnpricedModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ApiKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ApiKeysId"];
        put: operations["putV1ApiKeysId"];
        post?: never;
        delete: operations["deleteV1ApiKeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/reveal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1ApiKeysIdReveal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1ApiKeysIdRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{type}/{subType}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1ApiKeysTypeSubType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assistants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Assistants"];
        put: operations["putV1Assistants"];
        post: operations["postV1Assistants"];
        delete: operations["deleteV1Assistants"];
        options?: never;
        head?: never;
        patch: operations["patchV1Assistants"];
        trace?: never;
    };
    "/v1/assistants/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AssistantsPath"];
        put: operations["putV1AssistantsPath"];
        post: operations["postV1AssistantsPath"];
        delete: operations["deleteV1AssistantsPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1AssistantsPath"];
        trace?: never;
    };
    "/v1/audio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Audio"];
        put: operations["putV1Audio"];
        post: operations["postV1Audio"];
        delete: operations["deleteV1Audio"];
        options?: never;
        head?: never;
        patch: operations["patchV1Audio"];
        trace?: never;
    };
    "/v1/audio/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AudioPath"];
        put: operations["putV1AudioPath"];
        post: operations["postV1AudioPath"];
        delete: operations["deleteV1AudioPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1AudioPath"];
        trace?: never;
    };
    "/v1/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/desktop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1AuthDesktop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/invites/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1AuthInvitesAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1AuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1AuthPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/self": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1AuthSelf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Batches"];
        put: operations["putV1Batches"];
        post: operations["postV1Batches"];
        delete: operations["deleteV1Batches"];
        options?: never;
        head?: never;
        patch: operations["patchV1Batches"];
        trace?: never;
    };
    "/v1/batches/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1BatchesPath"];
        put: operations["putV1BatchesPath"];
        post: operations["postV1BatchesPath"];
        delete: operations["deleteV1BatchesPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1BatchesPath"];
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1ChatCompletions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1Completions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Configs"];
        put?: never;
        post: operations["postV1Configs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/configs/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ConfigsSlug"];
        put: operations["putV1ConfigsSlug"];
        post?: never;
        delete: operations["deleteV1ConfigsSlug"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/configs/{slug}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1ConfigsSlugTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/configs/{slug}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ConfigsSlugVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1Embeddings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1Feedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feedback/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["putV1FeedbackId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Files"];
        put: operations["putV1Files"];
        post: operations["postV1Files"];
        delete: operations["deleteV1Files"];
        options?: never;
        head?: never;
        patch: operations["patchV1Files"];
        trace?: never;
    };
    "/v1/files/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1FilesPath"];
        put: operations["putV1FilesPath"];
        post: operations["postV1FilesPath"];
        delete: operations["deleteV1FilesPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1FilesPath"];
        trace?: never;
    };
    "/v1/fine_tuning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1FineTuning"];
        put: operations["putV1FineTuning"];
        post: operations["postV1FineTuning"];
        delete: operations["deleteV1FineTuning"];
        options?: never;
        head?: never;
        patch: operations["patchV1FineTuning"];
        trace?: never;
    };
    "/v1/fine_tuning/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1FineTuningPath"];
        put: operations["putV1FineTuningPath"];
        post: operations["postV1FineTuningPath"];
        delete: operations["deleteV1FineTuningPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1FineTuningPath"];
        trace?: never;
    };
    "/v1/guardrails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Guardrails"];
        put?: never;
        post: operations["postV1Guardrails"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/guardrails/{guardrailId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1GuardrailsGuardrailId"];
        put: operations["putV1GuardrailsGuardrailId"];
        post?: never;
        delete: operations["deleteV1GuardrailsGuardrailId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/guardrails/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1GuardrailsChecks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/guardrails/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1GuardrailsTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1HealthReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Images"];
        put: operations["putV1Images"];
        post: operations["postV1Images"];
        delete: operations["deleteV1Images"];
        options?: never;
        head?: never;
        patch: operations["patchV1Images"];
        trace?: never;
    };
    "/v1/images/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ImagesPath"];
        put: operations["putV1ImagesPath"];
        post: operations["postV1ImagesPath"];
        delete: operations["deleteV1ImagesPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1ImagesPath"];
        trace?: never;
    };
    "/v1/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Integrations"];
        put?: never;
        post: operations["postV1Integrations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1IntegrationsSlug"];
        put: operations["putV1IntegrationsSlug"];
        post?: never;
        delete: operations["deleteV1IntegrationsSlug"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{slug}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1IntegrationsSlugModels"];
        put: operations["putV1IntegrationsSlugModels"];
        post?: never;
        delete: operations["deleteV1IntegrationsSlugModels"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{slug}/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1IntegrationsSlugWorkspaces"];
        put: operations["putV1IntegrationsSlugWorkspaces"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Logs"];
        put?: never;
        post: operations["postV1Logs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1LogsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1LogsExports"];
        put?: never;
        post: operations["postV1LogsExports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1LogsExportsId"];
        put: operations["putV1LogsExportsId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/exports/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1LogsExportsIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/exports/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1LogsExportsIdDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/exports/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1LogsExportsIdFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/exports/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1LogsExportsIdStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/exports/field-restrictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1LogsExportsFieldRestrictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs/groups/{groupBy}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1LogsGroupsGroupBy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1Messages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/count_tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1MessagesCountTokens"];
        put: operations["putV1MessagesCountTokens"];
        post: operations["postV1MessagesCountTokens"];
        delete: operations["deleteV1MessagesCountTokens"];
        options?: never;
        head?: never;
        patch: operations["patchV1MessagesCountTokens"];
        trace?: never;
    };
    "/v1/messages/count_tokens/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1MessagesCountTokensPath"];
        put: operations["putV1MessagesCountTokensPath"];
        post: operations["postV1MessagesCountTokensPath"];
        delete: operations["deleteV1MessagesCountTokensPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1MessagesCountTokensPath"];
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Models"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/moderations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Moderations"];
        put: operations["putV1Moderations"];
        post: operations["postV1Moderations"];
        delete: operations["deleteV1Moderations"];
        options?: never;
        head?: never;
        patch: operations["patchV1Moderations"];
        trace?: never;
    };
    "/v1/moderations/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ModerationsPath"];
        put: operations["putV1ModerationsPath"];
        post: operations["postV1ModerationsPath"];
        delete: operations["deleteV1ModerationsPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1ModerationsPath"];
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/playground/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1PlaygroundChatCompletions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/rate-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1PoliciesRateLimits"];
        put?: never;
        post: operations["postV1PoliciesRateLimits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/rate-limits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1PoliciesRateLimitsId"];
        put: operations["putV1PoliciesRateLimitsId"];
        post?: never;
        delete: operations["deleteV1PoliciesRateLimitsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/usage-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1PoliciesUsageLimits"];
        put?: never;
        post: operations["postV1PoliciesUsageLimits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/usage-limits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1PoliciesUsageLimitsId"];
        put: operations["putV1PoliciesUsageLimitsId"];
        post?: never;
        delete: operations["deleteV1PoliciesUsageLimitsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/usage-limits/{id}/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1PoliciesUsageLimitsIdEntities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/usage-limits/{id}/entities/{entityId}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["putV1PoliciesUsageLimitsIdEntitiesEntityIdReset"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Providers"];
        put?: never;
        post: operations["postV1Providers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ProvidersSlug"];
        put: operations["putV1ProvidersSlug"];
        post?: never;
        delete: operations["deleteV1ProvidersSlug"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/{slug}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postV1ProvidersSlugTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rerank": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Rerank"];
        put: operations["putV1Rerank"];
        post: operations["postV1Rerank"];
        delete: operations["deleteV1Rerank"];
        options?: never;
        head?: never;
        patch: operations["patchV1Rerank"];
        trace?: never;
    };
    "/v1/rerank/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1RerankPath"];
        put: operations["putV1RerankPath"];
        post: operations["postV1RerankPath"];
        delete: operations["deleteV1RerankPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1RerankPath"];
        trace?: never;
    };
    "/v1/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Responses"];
        put: operations["putV1Responses"];
        post: operations["postV1Responses"];
        delete: operations["deleteV1Responses"];
        options?: never;
        head?: never;
        patch: operations["patchV1Responses"];
        trace?: never;
    };
    "/v1/responses/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ResponsesPath"];
        put: operations["putV1ResponsesPath"];
        post: operations["postV1ResponsesPath"];
        delete: operations["deleteV1ResponsesPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1ResponsesPath"];
        trace?: never;
    };
    "/v1/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Threads"];
        put: operations["putV1Threads"];
        post: operations["postV1Threads"];
        delete: operations["deleteV1Threads"];
        options?: never;
        head?: never;
        patch: operations["patchV1Threads"];
        trace?: never;
    };
    "/v1/threads/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1ThreadsPath"];
        put: operations["putV1ThreadsPath"];
        post: operations["postV1ThreadsPath"];
        delete: operations["deleteV1ThreadsPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1ThreadsPath"];
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1Usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector_stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1VectorStores"];
        put: operations["putV1VectorStores"];
        post: operations["postV1VectorStores"];
        delete: operations["deleteV1VectorStores"];
        options?: never;
        head?: never;
        patch: operations["patchV1VectorStores"];
        trace?: never;
    };
    "/v1/vector_stores/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1VectorStoresPath"];
        put: operations["putV1VectorStoresPath"];
        post: operations["postV1VectorStoresPath"];
        delete: operations["deleteV1VectorStoresPath"];
        options?: never;
        head?: never;
        patch: operations["patchV1VectorStoresPath"];
        trace?: never;
    };
    "/v1/virtual-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1VirtualKeys"];
        put?: never;
        post: operations["postV1VirtualKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/virtual-keys/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getV1VirtualKeysSlug"];
        put: operations["putV1VirtualKeysSlug"];
        post?: never;
        delete: operations["deleteV1VirtualKeysSlug"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AdminError: {
            data: {
                errorCode: string;
                message: string;
            };
            /** @constant */
            success: false;
        };
        GatewayError: {
            error: {
                code?: string | null;
                message: string;
                param?: string | null;
                type?: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getInviteToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getModelConfigsPricingProviderPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getTlsCaCrt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminBackups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            download_url: string;
                            folder: string;
                            name: string;
                            size: number;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AdminBackups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    passphrase: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        counts: {
                            api_keys: number;
                            audit_logs: number;
                            configs: number;
                            request_logs: number;
                        };
                        created_at: string;
                        download_url: string;
                        entries: {
                            name: string;
                            size: number;
                        }[];
                        name: string;
                        /** @constant */
                        object: "backup";
                        sha256: string;
                        size: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1AdminBackupsName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        success: boolean;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminBackupsNameFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminBackupsSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                        folder: string | null;
                        interval_hours: number;
                        keep: number;
                        last_result: {
                            error: string | null;
                            name: string | null;
                            ok: boolean;
                        } | null;
                        last_run_at: string | null;
                        next_run_at: string | null;
                        /** @constant */
                        object: "backup_schedule";
                        passphrase_set: boolean;
                        updated_at: string | null;
                        updated_by: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminBackupsSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                    folder?: string | null;
                    interval_hours?: number;
                    keep?: number;
                    passphrase?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                        folder: string | null;
                        interval_hours: number;
                        keep: number;
                        last_result: {
                            error: string | null;
                            name: string | null;
                            ok: boolean;
                        } | null;
                        last_run_at: string | null;
                        next_run_at: string | null;
                        /** @constant */
                        object: "backup_schedule";
                        passphrase_set: boolean;
                        updated_at: string | null;
                        updated_by: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminEgress: {
        parameters: {
            query?: {
                download?: boolean;
                recheck?: boolean;
                refusals?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowed: {
                            configured_at: string | null;
                            configured_by: string | null;
                            /** @description host, host:port, *.domain or CIDR range */
                            destination: string;
                            detail: string;
                            id: string | null;
                            /** @enum {unknown} */
                            source: "allow_list" | "environment" | "integration";
                        }[];
                        appliance: {
                            host_name: string;
                            service: string;
                            version: string;
                        };
                        contacted: {
                            allowed_now: boolean;
                            connections: number;
                            destination: string;
                            feature: string;
                            first_at: string;
                            last_at: string;
                            requests: number;
                        }[];
                        generated_at: string;
                        listeners: {
                            address: string;
                            error: string | null;
                            listening: boolean;
                            /** @enum {unknown} */
                            name: "main" | "lan";
                            port: number;
                            tls: boolean;
                        }[];
                        /** @enum {unknown} */
                        mode: "allow-list" | "open";
                        /** @constant */
                        object: "egress_report";
                        refused: {
                            rows: {
                                at: string;
                                caller_id: string | null;
                                caller_name: string | null;
                                caller_type: string | null;
                                destination: string;
                                feature: string;
                                trace_id: string | null;
                                workspace_id: string | null;
                            }[];
                            total: number;
                        };
                        self_check: {
                            clients: {
                                detail: string;
                                name: string;
                                purpose: string;
                                refuses_unlisted: boolean | null;
                            }[];
                            dns: {
                                note: string;
                                resolvers: string[];
                            };
                            /** @enum {unknown} */
                            mode: "allow-list" | "open";
                            never: string[];
                            ok: boolean;
                            ran_at: string;
                            sockets: {
                                available: boolean;
                                listening: string[];
                                outbound: {
                                    allowed: boolean;
                                    protocol: string;
                                    remote: string;
                                    state: string;
                                }[];
                            };
                            statement: string;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminEgressAllowList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            created_by: string | null;
                            description: string | null;
                            destination: string;
                            id: string;
                            /** @constant */
                            object: "egress_allow_entry";
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AdminEgressAllowList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
                    /** @description host, host:port, *.domain, CIDR range, or an http(s) URL */
                    destination: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        created_by: string | null;
                        description: string | null;
                        destination: string;
                        id: string;
                        /** @constant */
                        object: "egress_allow_entry";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1AdminEgressAllowListId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        created_by: string | null;
                        description: string | null;
                        destination: string;
                        id: string;
                        /** @constant */
                        object: "egress_allow_entry";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminEgressReportHtml: {
        parameters: {
            query?: {
                download?: boolean;
                recheck?: boolean;
                refusals?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminLanExposure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        certificate: {
                            ca: {
                                download_url: string;
                                fingerprint_sha256: string;
                                not_after: string;
                            } | null;
                            dns_names: string[];
                            fingerprint_sha256: string;
                            ip_addresses: string[];
                            not_after: string;
                            source: "files" | "local-ca";
                        } | null;
                        enabled: boolean;
                        error: string | null;
                        host: string;
                        listening: boolean;
                        /** @constant */
                        object: "lan_exposure";
                        port: number;
                        urls: string[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminLanExposure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        certificate: {
                            ca: {
                                download_url: string;
                                fingerprint_sha256: string;
                                not_after: string;
                            } | null;
                            dns_names: string[];
                            fingerprint_sha256: string;
                            ip_addresses: string[];
                            not_after: string;
                            source: "files" | "local-ca";
                        } | null;
                        enabled: boolean;
                        error: string | null;
                        host: string;
                        listening: boolean;
                        /** @constant */
                        object: "lan_exposure";
                        port: number;
                        urls: string[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminOrganisationDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        input_guardrails: string[];
                        last_updated_at: string | null;
                        /** @constant */
                        object: "organisation_defaults";
                        organisation_id: string;
                        output_guardrails: string[];
                        updated_by: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminOrganisationDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input_guardrails?: string[] | null;
                    output_guardrails?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        input_guardrails: string[];
                        last_updated_at: string | null;
                        /** @constant */
                        object: "organisation_defaults";
                        organisation_id: string;
                        output_guardrails: string[];
                        updated_by: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminOrganisationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        object: "organisation_settings";
                        sections: {
                            [key: string]: string[];
                        };
                        settings: {
                            [key: string]: unknown;
                        };
                        workspace_overrides: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminOrganisationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        object: "organisation_settings";
                        sections: {
                            [key: string]: string[];
                        };
                        settings: {
                            [key: string]: unknown;
                        };
                        workspace_overrides: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminOrganizationDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        input_guardrails: string[];
                        last_updated_at: string | null;
                        /** @constant */
                        object: "organisation_defaults";
                        organisation_id: string;
                        output_guardrails: string[];
                        updated_by: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminOrganizationDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input_guardrails?: string[] | null;
                    output_guardrails?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        input_guardrails: string[];
                        last_updated_at: string | null;
                        /** @constant */
                        object: "organisation_defaults";
                        organisation_id: string;
                        output_guardrails: string[];
                        updated_by: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminOrganizationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        object: "organisation_settings";
                        sections: {
                            [key: string]: string[];
                        };
                        settings: {
                            [key: string]: unknown;
                        };
                        workspace_overrides: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminOrganizationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        object: "organisation_settings";
                        sections: {
                            [key: string]: string[];
                        };
                        settings: {
                            [key: string]: unknown;
                        };
                        workspace_overrides: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminPricingFiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            accepted_at: string | null;
                            active_sha256: string | null;
                            error: string | null;
                            /** @description bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH or data (<data dir>/pricing/) */
                            layer: string;
                            models: number;
                            modified_at: string | null;
                            name: string;
                            path: string;
                            provider: string;
                            sha256: string | null;
                            size: number;
                            /** @enum {unknown} */
                            status: "active" | "refused";
                        }[];
                        folders: {
                            dir: string | null;
                            exists: boolean;
                            /** @description bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH or data */
                            layer: string;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminPricingPrices: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                provider?: string;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            model: string;
                            pricing_config: {
                                [key: string]: unknown;
                            } | null;
                            provider: string;
                            source: {
                                file: string;
                                layer: string;
                                sha256: string;
                            };
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AdminPricingReload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            accepted_at: string | null;
                            active_sha256: string | null;
                            error: string | null;
                            /** @description bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH or data (<data dir>/pricing/) */
                            layer: string;
                            models: number;
                            modified_at: string | null;
                            name: string;
                            path: string;
                            provider: string;
                            sha256: string | null;
                            size: number;
                            /** @enum {unknown} */
                            status: "active" | "refused";
                        }[];
                        folders: {
                            dir: string | null;
                            exists: boolean;
                            /** @description bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH or data */
                            layer: string;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminUsers: {
        parameters: {
            query?: {
                currentPage?: number;
                email?: string;
                pageSize?: number;
                role?: "owner" | "admin" | "member";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            last_updated_at: string;
                            /** @constant */
                            object: "user";
                            role: string;
                            status: string;
                            workspace_ids: string[];
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminUsersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        email: string;
                        first_name: string | null;
                        id: string;
                        last_name: string | null;
                        last_updated_at: string;
                        /** @constant */
                        object: "user";
                        role: string;
                        status: string;
                        workspace_ids: string[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminUsersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    role: "admin" | "member";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        email: string;
                        first_name: string | null;
                        id: string;
                        last_name: string | null;
                        last_updated_at: string;
                        /** @constant */
                        object: "user";
                        role: string;
                        status: string;
                        workspace_ids: string[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1AdminUsersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminUsersInvites: {
        parameters: {
            query?: {
                currentPage?: number;
                email?: string;
                pageSize?: number;
                role?: "admin" | "member";
                status?: "pending" | "accepted" | "cancelled" | "expired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            accepted_at: string | null;
                            created_at: string;
                            email: string;
                            expires_at: string;
                            id: string;
                            invited_by: string | null;
                            /** @constant */
                            object: "invite";
                            role: string;
                            status: string;
                            workspace_api_key_details: ({
                                scopes: string[];
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            workspaces: {
                                id: string;
                                role: string;
                                slug: string;
                                workspace_id: string;
                            }[];
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AdminUsersInvites: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {unknown} */
                    role: "admin" | "member";
                    workspace_api_key_details?: {
                        description?: string | null;
                        expires_at?: string | null;
                        metadata?: {
                            [key: string]: string;
                        };
                        name?: string;
                        scopes: string[];
                    } | null;
                    workspaces?: {
                        id: string;
                        /** @enum {unknown} */
                        role: "admin" | "manager" | "member";
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted_at: string | null;
                        created_at: string;
                        email: string;
                        expires_at: string;
                        id: string;
                        invite_link: string;
                        invited_by: string | null;
                        /** @constant */
                        object: "invite";
                        role: string;
                        status: string;
                        workspace_api_key_details: ({
                            scopes: string[];
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        workspaces: {
                            id: string;
                            role: string;
                            slug: string;
                            workspace_id: string;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminUsersInvitesInviteId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inviteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted_at: string | null;
                        created_at: string;
                        email: string;
                        expires_at: string;
                        id: string;
                        invited_by: string | null;
                        /** @constant */
                        object: "invite";
                        role: string;
                        status: string;
                        workspace_api_key_details: ({
                            scopes: string[];
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        workspaces: {
                            id: string;
                            role: string;
                            slug: string;
                            workspace_id: string;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1AdminUsersInvitesInviteId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inviteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AdminUsersInvitesInviteIdResend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inviteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        expires_at: string;
                        id: string;
                        invite_link: string;
                        inviteLink: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminWorkspaces: {
        parameters: {
            query?: {
                current_page?: number;
                exact_name?: string;
                name?: string;
                page_size?: number;
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            defaults: {
                                [key: string]: unknown;
                            };
                            description: string | null;
                            id: string;
                            last_reset_at: string | null;
                            last_updated_at: string;
                            metadata: {
                                [key: string]: unknown;
                            };
                            name: string;
                            /** @constant */
                            object: "workspace";
                            rate_limits: {
                                [key: string]: unknown;
                            }[];
                            slug: string;
                            status: string;
                            usage_limits: {
                                [key: string]: unknown;
                            }[];
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AdminWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    defaults?: ({
                        input_guardrails?: string[] | null;
                        metadata?: {
                            [key: string]: string;
                        } | null;
                        output_guardrails?: string[] | null;
                        user_api_key_config?: string | null;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    description?: string | null;
                    metadata?: {
                        [key: string]: string;
                    } | null;
                    name: string;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    }[] | null;
                    users?: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        defaults: {
                            [key: string]: unknown;
                        };
                        description: string | null;
                        id: string;
                        last_reset_at: string | null;
                        last_updated_at: string;
                        metadata: {
                            [key: string]: unknown;
                        };
                        name: string;
                        /** @constant */
                        object: "workspace";
                        rate_limits: {
                            [key: string]: unknown;
                        }[];
                        slug: string;
                        status: string;
                        usage_limits: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminWorkspacesWorkspaceId: {
        parameters: {
            query?: {
                name_format?: "plain" | "display";
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        defaults: {
                            [key: string]: unknown;
                        };
                        description: string | null;
                        id: string;
                        last_reset_at: string | null;
                        last_updated_at: string;
                        metadata: {
                            [key: string]: unknown;
                        };
                        name: string;
                        /** @constant */
                        object: "workspace";
                        rate_limits: {
                            [key: string]: unknown;
                        }[];
                        slug: string;
                        status: string;
                        usage_limits: {
                            [key: string]: unknown;
                        }[];
                        users: {
                            created_at: string;
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            last_updated_at: string;
                            /** @constant */
                            object: "workspace-user";
                            org_role: string;
                            role: string;
                            scopes: string[];
                            settings: {
                                [key: string]: unknown;
                            } | null;
                            status: string;
                            user_id: string;
                            workspace_id: string;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminWorkspacesWorkspaceId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    defaults?: ({
                        input_guardrails?: string[] | null;
                        metadata?: {
                            [key: string]: string;
                        } | null;
                        output_guardrails?: string[] | null;
                        user_api_key_config?: string | null;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    description?: string | null;
                    metadata?: {
                        [key: string]: string;
                    } | null;
                    name?: string;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    reset_usage?: boolean;
                    /** @enum {unknown} */
                    status?: "active" | "archived";
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    }[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        defaults: {
                            [key: string]: unknown;
                        };
                        description: string | null;
                        id: string;
                        last_reset_at: string | null;
                        last_updated_at: string;
                        metadata: {
                            [key: string]: unknown;
                        };
                        name: string;
                        /** @constant */
                        object: "workspace";
                        rate_limits: {
                            [key: string]: unknown;
                        }[];
                        slug: string;
                        status: string;
                        usage_limits: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1AdminWorkspacesWorkspaceId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    force_delete?: boolean;
                    name?: string;
                } | null;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminWorkspacesWorkspaceIdSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        effective: {
                            [key: string]: unknown;
                        };
                        /** @constant */
                        object: "workspace_settings";
                        overridable: string[];
                        settings: {
                            [key: string]: unknown;
                        };
                        workspace_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminWorkspacesWorkspaceIdSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        effective: {
                            [key: string]: unknown;
                        };
                        /** @constant */
                        object: "workspace_settings";
                        overridable: string[];
                        settings: {
                            [key: string]: unknown;
                        };
                        workspace_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminWorkspacesWorkspaceIdUsers: {
        parameters: {
            query?: {
                current_page?: number;
                email?: string;
                page_size?: number;
                role?: "admin" | "manager" | "member";
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            last_updated_at: string;
                            /** @constant */
                            object: "workspace-user";
                            org_role: string;
                            role: string;
                            scopes: string[];
                            settings: {
                                [key: string]: unknown;
                            } | null;
                            status: string;
                            user_id: string;
                            workspace_id: string;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AdminWorkspacesWorkspaceIdUsers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    users: {
                        id: string;
                        /** @enum {unknown} */
                        role: "admin" | "manager" | "member";
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AdminWorkspacesWorkspaceIdUsersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        email: string;
                        first_name: string | null;
                        id: string;
                        last_name: string | null;
                        last_updated_at: string;
                        /** @constant */
                        object: "workspace-user";
                        org_role: string;
                        role: string;
                        scopes: string[];
                        settings: {
                            [key: string]: unknown;
                        } | null;
                        status: string;
                        user_id: string;
                        workspace_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1AdminWorkspacesWorkspaceIdUsersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    role: "admin" | "manager" | "member";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1AdminWorkspacesWorkspaceIdUsersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsCacheHitRate: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            cumulative_semantic_cache_savings: number;
                            cumulative_simple_cache_savings: number;
                            rate: number;
                            semantic_hits: number;
                            simple_hits: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            rate: number;
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsCacheLatency: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsCacheHitRate2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            cumulative_semantic_cache_savings: number;
                            cumulative_simple_cache_savings: number;
                            rate: number;
                            semantic_hits: number;
                            simple_hits: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            rate: number;
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsCacheLatency2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsCost: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrors: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            /** Format: date-time */
                            timestamp: string;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsRate: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            rate: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            rate: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsStack: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            stats: {
                                count: number;
                                response_status_code: number;
                            }[];
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsStacks: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            stats: {
                                count: number;
                                response_status_code: number;
                            }[];
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsStatusCode: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            count: number;
                            status_code: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total_errors: number;
                            unique_error_codes: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsStatusCodes: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            count: number;
                            status_code: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total_errors: number;
                            unique_error_codes: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsRate2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            rate: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            rate: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsStacks2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            stats: {
                                count: number;
                                response_status_code: number;
                            }[];
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsErrorsStatusCodes2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            count: number;
                            status_code: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total_errors: number;
                            unique_error_codes: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacks: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            /** Format: date-time */
                            timestamp: string;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksAiModels: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            ai_model: string | null;
                            avg_weighted_feedback: number;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksScore: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            score: number;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksScores: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            score: number;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksWeighted: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksAiModels2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            ai_model: string | null;
                            avg_weighted_feedback: number;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksScore2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            score: number;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksScores2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            score: number;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsFeedbacksWeighted2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsGuardrails: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            failed: number;
                            guardrails: {
                                failed: number;
                                guardrail_id: string;
                                passed: number;
                            }[];
                            passed: number;
                            /** Format: date-time */
                            timestamp: string;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            failed: number;
                            passed: number;
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsLatency: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            p50: number;
                            p90: number;
                            p99: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                            p50: number;
                            p90: number;
                            p99: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsRequests: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            /** Format: date-time */
                            timestamp: string;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsRequestsRescued: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            fallback: number;
                            retry: {
                                count: number;
                                retry_success_count: number;
                            }[];
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            fallback: number;
                            retry: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsRequestsRescued2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            fallback: number;
                            retry: {
                                count: number;
                                retry_success_count: number;
                            }[];
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            fallback: number;
                            retry: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsTokens: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsUsers: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            /** Format: date-time */
                            timestamp: string;
                            total: number;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            total: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsUsersRequests: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                            total: number;
                            unique: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGraphsUsersRequests2: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            avg: number;
                            /** Format: date-time */
                            timestamp: string;
                        }[];
                        /** @constant */
                        object: "analytics-graph";
                        summary: {
                            avg: number;
                            total: number;
                            unique: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGroupsGroupBy: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path: {
                groupBy: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: ({
                            /** @constant */
                            object: "analytics-group";
                            requests: number;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @constant */
                        object: "list";
                        summary?: {
                            [key: string]: unknown;
                        };
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGroupsAiModels: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            ai_model: string;
                            /** @constant */
                            object: "analytics-group";
                            requests: string;
                        }[];
                        /** @constant */
                        object: "list";
                        summary?: {
                            [key: string]: unknown;
                        };
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGroupsMetadataMetadataKey: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path: {
                metadataKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            avg_tokens: number;
                            avg_weighted_feedback: number | null;
                            cost: number;
                            last_seen: string | null;
                            metadata_value: string;
                            /** @constant */
                            object: "analytics-group";
                            requests: number;
                            requests_with_feedback: number;
                        }[];
                        /** @constant */
                        object: "list";
                        summary?: {
                            [key: string]: unknown;
                        };
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGroupsUsers: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            cost: string;
                            /** @constant */
                            object: "analytics-group";
                            requests: string;
                            user: string;
                        }[];
                        /** @constant */
                        object: "list";
                        summary?: {
                            [key: string]: unknown;
                        };
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsGroupsWorkspaces: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: ({
                            /** @constant */
                            object: "analytics-group";
                            requests: number;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @constant */
                        object: "list";
                        summary?: {
                            [key: string]: unknown;
                        };
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsSummaryCache: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        object: "analytics-summary";
                        summary: {
                            avg_latency: number;
                            cache_speedup: number;
                            hits: number;
                            total_requests: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsSummaryOverview: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data_points: {
                            cache_hit_rate: number;
                            cache_hits: number;
                            cost: number;
                            error_rate: number;
                            errors: number;
                            latency_p50: number;
                            latency_p95: number;
                            latency_p99: number;
                            requests: number;
                            /** Format: date-time */
                            timestamp: string;
                            tokens: number;
                            users: number;
                        }[];
                        /** @constant */
                        object: "analytics-overview";
                        summary: {
                            cache_hit_rate: number;
                            cache_hits: number;
                            cost: number;
                            error_rate: number;
                            errors: number;
                            latency_p50: number;
                            latency_p95: number;
                            latency_p99: number;
                            requests: number;
                            tokens: number;
                            users: number;
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AnalyticsUnpricedModels: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            ai_service: string | null;
                            last_seen: string | null;
                            model: string;
                            provider: string | null;
                            requests: number;
                            tokens: number;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1ApiKeys: {
        parameters: {
            query?: {
                current_page?: number;
                ids?: string;
                page_size?: number;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            alert_emails: string[];
                            created_at: string;
                            creation_mode: string;
                            current_usage: number;
                            defaults: {
                                [key: string]: unknown;
                            };
                            description: string | null;
                            expires_at: string | null;
                            id: string;
                            key: string;
                            key_transition_expires_at: string | null;
                            last_reset_at: string | null;
                            last_rotated_at: string | null;
                            last_updated_at: string;
                            name: string;
                            /** @constant */
                            object: "api-key";
                            organisation_id: string;
                            rate_limits: {
                                /** @enum {unknown} */
                                type: "requests" | "tokens";
                                /** @enum {unknown} */
                                unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                                value: number;
                            }[] | null;
                            reset_usage: number;
                            rotated_key_available: boolean;
                            rotation_policy: {
                                [key: string]: unknown;
                            } | null;
                            scopes: string[];
                            status: string;
                            type: string;
                            usage_limits: ({
                                alert_threshold?: number | null;
                                credit_limit?: number | null;
                                current_usage?: number;
                                next_usage_reset_at?: string | null;
                                periodic_reset?: ("monthly" | "weekly") | null;
                                periodic_reset_days?: number | null;
                                /** @enum {unknown} */
                                type?: "cost" | "tokens";
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            user_id: string | null;
                            workspace_id: string | null;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1ApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alert_emails: string[];
                        created_at: string;
                        creation_mode: string;
                        current_usage: number;
                        defaults: {
                            [key: string]: unknown;
                        };
                        description: string | null;
                        expires_at: string | null;
                        id: string;
                        key: string;
                        key_transition_expires_at: string | null;
                        last_reset_at: string | null;
                        last_rotated_at: string | null;
                        last_updated_at: string;
                        name: string;
                        /** @constant */
                        object: "api-key";
                        organisation_id: string;
                        rate_limits: {
                            /** @enum {unknown} */
                            type: "requests" | "tokens";
                            /** @enum {unknown} */
                            unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                            value: number;
                        }[] | null;
                        reset_usage: number;
                        rotated_key_available: boolean;
                        rotation_policy: {
                            [key: string]: unknown;
                        } | null;
                        scopes: string[];
                        status: string;
                        type: string;
                        usage_limits: ({
                            alert_threshold?: number | null;
                            credit_limit?: number | null;
                            current_usage?: number;
                            next_usage_reset_at?: string | null;
                            periodic_reset?: ("monthly" | "weekly") | null;
                            periodic_reset_days?: number | null;
                            /** @enum {unknown} */
                            type?: "cost" | "tokens";
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        user_id: string | null;
                        workspace_id: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1ApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    alert_emails?: string[];
                    defaults?: ({
                        allow_config_override?: boolean;
                        config_id?: string | null;
                        metadata?: {
                            [key: string]: string;
                        };
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    description?: string | null;
                    expires_at?: string | null;
                    name?: string;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    reset_usage?: boolean;
                    rotation_policy?: {
                        key_transition_period_ms?: number;
                        next_rotation_at?: string | null;
                        rotation_period?: ("weekly" | "monthly") | null;
                        rotation_period_days?: number | null;
                    } | null;
                    scopes?: string[];
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    } | null;
                    user_id?: string;
                    workspace_id?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1ApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1ApiKeysIdReveal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        key: string;
                        key_transition_expires_at: string | null;
                        last_rotated_at: string | null;
                        /** @constant */
                        object: "api-key";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1ApiKeysIdRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key_transition_period_ms?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        key: string;
                        key_transition_expires_at: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1ApiKeysTypeSubType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subType: string;
                type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    alert_emails?: string[];
                    defaults?: ({
                        allow_config_override?: boolean;
                        config_id?: string | null;
                        metadata?: {
                            [key: string]: string;
                        };
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    description?: string | null;
                    expires_at?: string | null;
                    name: string;
                    organisation_id?: string;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    rotation_policy?: {
                        key_transition_period_ms?: number;
                        next_rotation_at?: string | null;
                        rotation_period?: ("weekly" | "monthly") | null;
                        rotation_period_days?: number | null;
                    } | null;
                    scopes: string[];
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    } | null;
                    user_id?: string;
                    workspace_id?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        key: string;
                        /** @constant */
                        object: "api-key";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Assistants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Assistants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Assistants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Assistants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Assistants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1AssistantsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1AssistantsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1AssistantsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1AssistantsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1AssistantsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Audio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Audio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Audio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Audio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Audio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1AudioPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1AudioPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1AudioPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1AudioPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1AudioPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1AuditLogs: {
        parameters: {
            query?: {
                action?: string;
                api_key_id?: string;
                client_ip?: string;
                country?: string;
                current_page?: number;
                end_time?: string;
                method?: "POST" | "PUT" | "PATCH" | "DELETE";
                organisation_id?: string;
                page_size?: number;
                request_id?: string;
                resource_id?: string;
                resource_type?: string;
                response_status_code?: number;
                start_time?: string;
                uri?: string;
                user_id?: string;
                user_type?: "user" | "api_key";
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        object: "analytics-graph";
                        records: {
                            action: string;
                            api_key_id: string | null;
                            api_key_type: string | null;
                            client_ip: string | null;
                            country: string | null;
                            method: string;
                            organisation_id: string;
                            query_params: string | null;
                            request_body: string | null;
                            request_headers: string | null;
                            request_id: string;
                            resource_id: string | null;
                            resource_type: string;
                            response_status_code: number;
                            /** @enum {unknown} */
                            status: "success" | "failure";
                            timestamp: string;
                            uri: string;
                            user_agent: string | null;
                            user_id: string | null;
                            user_type: ("user" | "api_key") | null;
                            workspace_id: string | null;
                        }[];
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AuthDesktop: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrf_token: string;
                        current_password_required: boolean;
                        expires_at: string;
                        must_change_password: boolean;
                        /** @constant */
                        object: "session";
                        user: {
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            role: string;
                        };
                        workspaces: {
                            id: string;
                            is_default: boolean;
                            name: string;
                            role: string;
                            slug: string;
                            status: string;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AuthInvitesAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    first_name: string;
                    last_name?: string | null;
                    password: string;
                    token: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_keys: {
                            id: string;
                            key: string;
                            scopes: string[];
                            workspace_id: string;
                            workspace_slug: string;
                        }[];
                        user: {
                            created_at: string;
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            last_updated_at: string;
                            /** @constant */
                            object: "user";
                            role: string;
                            status: string;
                            workspace_ids: string[];
                        };
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrf_token: string;
                        current_password_required: boolean;
                        expires_at: string;
                        must_change_password: boolean;
                        /** @constant */
                        object: "session";
                        user: {
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            role: string;
                        };
                        workspaces: {
                            id: string;
                            is_default: boolean;
                            name: string;
                            role: string;
                            slug: string;
                            status: string;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        success: true;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1AuthPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password?: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrf_token: string;
                        current_password_required: boolean;
                        expires_at: string;
                        must_change_password: boolean;
                        /** @constant */
                        object: "session";
                        user: {
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            role: string;
                        };
                        workspaces: {
                            id: string;
                            is_default: boolean;
                            name: string;
                            role: string;
                            slug: string;
                            status: string;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1AuthSelf: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrf_token: string;
                        current_password_required: boolean;
                        expires_at: string;
                        must_change_password: boolean;
                        /** @constant */
                        object: "session";
                        user: {
                            email: string;
                            first_name: string | null;
                            id: string;
                            last_name: string | null;
                            role: string;
                        };
                        workspaces: {
                            id: string;
                            is_default: boolean;
                            name: string;
                            role: string;
                            slug: string;
                            status: string;
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Batches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Batches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Batches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Batches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Batches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1BatchesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1BatchesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1BatchesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1BatchesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1BatchesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1ChatCompletions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Completions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Configs: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            id: string;
                            is_default: number;
                            last_updated_at: string;
                            name: string;
                            /** @constant */
                            object: "config";
                            organisation_id: string;
                            owner_id: string | null;
                            slug: string;
                            status: string;
                            updated_by: string | null;
                            workspace_id: string;
                        }[];
                        /** @constant */
                        object: "list";
                        /** @constant */
                        success: true;
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1Configs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    config: unknown;
                    is_default?: boolean | number;
                    isDefault?: boolean | number;
                    name: string;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            slug: string;
                            version_id: string;
                        };
                        id: string;
                        /** @constant */
                        object: "config";
                        slug: string;
                        /** @constant */
                        success: true;
                        version_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1ConfigsSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        config: {
                            [key: string]: unknown;
                        };
                        created_at: string;
                        data: {
                            config: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            /** @constant */
                            format: "json";
                            id: string;
                            is_default: number;
                            last_updated_at: string;
                            name: string;
                            /** @constant */
                            object: "config";
                            organisation_id: string;
                            owner_id: string | null;
                            slug: string;
                            status: string;
                            type: string;
                            updated_by: string | null;
                            version: number;
                            version_id: string;
                            workspace_id: string;
                        };
                        /** @constant */
                        format: "json";
                        id: string;
                        is_default: number;
                        last_updated_at: string;
                        name: string;
                        /** @constant */
                        object: "config";
                        organisation_id: string;
                        owner_id: string | null;
                        slug: string;
                        status: string;
                        /** @constant */
                        success: true;
                        type: string;
                        updated_by: string | null;
                        version: number;
                        version_id: string;
                        workspace_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1ConfigsSlug: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    config?: unknown;
                    is_default?: boolean | number;
                    isDefault?: boolean | number;
                    name?: string;
                    slug?: string;
                    /** @enum {unknown} */
                    status?: "active" | "archived";
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            slug: string;
                            version_id: string;
                        };
                        id: string;
                        /** @constant */
                        object: "config";
                        slug: string;
                        /** @constant */
                        success: true;
                        version_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1ConfigsSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1ConfigsSlugTest: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    model?: string;
                    prompt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answer: string | null;
                        cache_status: string;
                        config_version_id: string | null;
                        error: string | null;
                        latency_ms: number;
                        mode: string;
                        model: string | null;
                        ok: boolean;
                        provider: string | null;
                        retries: number;
                        status: number | null;
                        target: string;
                        url: string | null;
                        usage: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1ConfigsSlugVersions: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            config: string;
                            created_at: string;
                            /** @constant */
                            format: "json";
                            id: string;
                            is_default: number;
                            last_updated_at: string;
                            name: string;
                            /** @constant */
                            object: "config";
                            organisation_id: string;
                            owner_id: string | null;
                            slug: string;
                            status: string;
                            type: string;
                            updated_by: string | null;
                            version: number;
                            version_id: string;
                            workspace_id: string;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1Embeddings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Feedback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    metadata?: {
                        [key: string]: unknown;
                    };
                    trace_id: string;
                    value: number;
                    weight?: number;
                } | {
                    metadata?: {
                        [key: string]: unknown;
                    };
                    trace_id: string;
                    value: number;
                    weight?: number;
                }[];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        feedback_ids: string[];
                        message: string;
                        status: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1FeedbackId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    metadata?: {
                        [key: string]: unknown;
                    };
                    value: number;
                    weight?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        feedback_ids: string[];
                        message: string;
                        status: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Files: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Files: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Files: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Files: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Files: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1FilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1FilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1FilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1FilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1FilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1FineTuning: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1FineTuning: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1FineTuning: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1FineTuning: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1FineTuning: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1FineTuningPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1FineTuningPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1FineTuningPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1FineTuningPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1FineTuningPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Guardrails: {
        parameters: {
            query?: {
                current_page?: number;
                ids?: string;
                organisation_id?: string;
                page_size?: number;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            id: string;
                            last_updated_at: string;
                            name: string;
                            /** @constant */
                            object: "guardrail";
                            organisation_id: string;
                            owner_id: string | null;
                            slug: string;
                            status: string;
                            updated_by: string | null;
                            workspace_id: string | null;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1Guardrails: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    actions?: unknown;
                    checks: unknown;
                    name: string;
                    organisation_id?: string | null;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        object: "guardrail";
                        slug: string;
                        version_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1GuardrailsGuardrailId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guardrailId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            [key: string]: unknown;
                        };
                        checks: {
                            id: string;
                            is_enabled?: boolean;
                            name?: string;
                            parameters?: {
                                [key: string]: unknown;
                            };
                        }[];
                        created_at: string;
                        id: string;
                        last_updated_at: string;
                        name: string;
                        /** @constant */
                        object: "guardrail";
                        organisation_id: string;
                        owner_id: string | null;
                        slug: string;
                        status: string;
                        updated_by: string | null;
                        version: number;
                        version_id: string;
                        workspace_id: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1GuardrailsGuardrailId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guardrailId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    actions?: unknown;
                    checks?: unknown;
                    guardrail_id?: string;
                    name?: string;
                    /** @enum {unknown} */
                    status?: "active" | "archived";
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        object: "guardrail";
                        slug: string;
                        version_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1GuardrailsGuardrailId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                guardrailId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1GuardrailsChecks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            description: string;
                            id: string;
                            name: string;
                            network: boolean;
                            parameters: {
                                [key: string]: unknown;
                            };
                            phases: ("input" | "output")[];
                        }[];
                        /** @constant */
                        object: "list";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1GuardrailsTest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    actions?: unknown;
                    checks?: unknown;
                    guardrail_id?: string;
                    metadata?: {
                        [key: string]: string;
                    };
                    model?: string;
                    /** @enum {unknown} */
                    phase?: "input" | "output";
                    text: string;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        async: boolean;
                        changed_text: string | null;
                        checks: {
                            data: {
                                [key: string]: unknown;
                            } | null;
                            error: string | null;
                            execution_time: number;
                            explanation: string;
                            id: string;
                            skipped: boolean;
                            transformed: boolean;
                            verdict: boolean;
                        }[];
                        deny: boolean;
                        execution_time: number;
                        /** @constant */
                        object: "guardrail_test";
                        /** @enum {unknown} */
                        phase: "input" | "output";
                        status: number;
                        verdict: boolean;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        status: string;
                        version: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1HealthReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            detail: string;
                            /** @enum {unknown} */
                            name: "metadata_database" | "log_database" | "log_writer" | "listeners";
                            ok: boolean;
                        }[];
                        /** @enum {unknown} */
                        status: "ready" | "not_ready";
                    };
                };
            };
            /** @description HTTP 503 */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            detail: string;
                            /** @enum {unknown} */
                            name: "metadata_database" | "log_database" | "log_writer" | "listeners";
                            ok: boolean;
                        }[];
                        /** @enum {unknown} */
                        status: "ready" | "not_ready";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Images: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Images: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Images: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Images: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Images: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1ImagesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1ImagesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1ImagesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1ImagesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1ImagesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Integrations: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                type?: "workspace" | "organisation" | "all";
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            ai_provider_id: string;
                            created_at: string;
                            description: string | null;
                            id: string;
                            last_updated_at: string;
                            name: string;
                            /** @constant */
                            object: "integration";
                            organisation_id: string;
                            slug: string;
                            status: string;
                            type: string;
                            workspace_id: string | null;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1Integrations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ai_provider_id: string;
                    configurations?: ({
                        aws_access_key_id?: string | null;
                        aws_auth_type?: ("accessKey" | "assumedRole" | "serviceRole" | "apiKey") | null;
                        aws_external_id?: string | null;
                        aws_region?: string | null;
                        aws_role_arn?: string | null;
                        aws_secret_access_key?: string | null;
                        aws_session_token?: string | null;
                        azure_api_version?: string | null;
                        azure_auth_mode?: ("default" | "entra" | "managed" | "workload" | "entraFederated") | null;
                        azure_deployment_config?: ({
                            alias?: string;
                            azure_api_version: string;
                            azure_deployment_name: string;
                            azure_model_slug?: string;
                            is_default?: boolean;
                        } & {
                            [key: string]: unknown;
                        })[] | null;
                        azure_deployment_name?: string | null;
                        azure_entra_client_id?: string | null;
                        azure_entra_client_secret?: string | null;
                        azure_entra_tenant_id?: string | null;
                        azure_foundry_url?: string | null;
                        azure_managed_client_id?: string | null;
                        azure_resource_name?: string | null;
                        custom_headers?: {
                            [key: string]: string;
                        } | null;
                        custom_host?: string | null;
                        huggingface_base_url?: string | null;
                        openai_organization?: string | null;
                        openai_project?: string | null;
                        snowflake_account?: string | null;
                        vertex_auth_type?: ("basic" | "serviceAccount") | null;
                        vertex_project_id?: string | null;
                        vertex_region?: string | null;
                        vertex_service_account_json?: ({
                            [key: string]: unknown;
                        } | string) | null;
                        workers_ai_account_id?: string | null;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    create_default_provider?: boolean;
                    default_provider_slug?: string;
                    description?: string | null;
                    key?: string | null;
                    max_concurrent_requests?: number | null;
                    name: string;
                    pricing_adjustments?: {
                        multiplier?: {
                            additional_units?: {
                                [key: string]: number | null;
                            } | null;
                            cache_read_audio_input_token?: number | null;
                            cache_read_image_input_token?: number | null;
                            cache_read_input_token?: number | null;
                            cache_read_text_input_token?: number | null;
                            cache_write_image_input_token?: number | null;
                            cache_write_input_token?: number | null;
                            cache_write_text_input_token?: number | null;
                            default?: number | null;
                            image?: {
                                default?: number | null;
                            } | null;
                            prediction_accepted_token?: number | null;
                            prediction_rejected_token?: number | null;
                            reasoning_token?: number | null;
                            request_audio_token?: number | null;
                            request_image_token?: number | null;
                            request_text_token?: number | null;
                            request_token?: number | null;
                            response_audio_token?: number | null;
                            response_image_token?: number | null;
                            response_text_token?: number | null;
                            response_token?: number | null;
                        };
                    } | null;
                    secret_mappings?: {
                        secret_key?: string | null;
                        secret_reference_id: string;
                        target_field: string;
                        value_format?: ("json" | "string") | null;
                    }[] | null;
                    slug?: string;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1IntegrationsSlug: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ai_provider_id: string;
                        allow_all_models: boolean;
                        configurations: {
                            [key: string]: unknown;
                        };
                        created_at: string;
                        description: string | null;
                        global_workspace_access_settings: {
                            [key: string]: unknown;
                        } | null;
                        id: string;
                        last_updated_at: string;
                        masked_key: string | null;
                        max_concurrent_requests: number | null;
                        name: string;
                        /** @constant */
                        object: "integration";
                        organisation_id: string;
                        pricing_adjustments: {
                            [key: string]: unknown;
                        } | null;
                        secret_mappings: {
                            [key: string]: unknown;
                        }[];
                        slug: string;
                        status: string;
                        type: string;
                        workspace_count: number;
                        workspace_id: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1IntegrationsSlug: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    configurations?: ({
                        aws_access_key_id?: string | null;
                        aws_auth_type?: ("accessKey" | "assumedRole" | "serviceRole" | "apiKey") | null;
                        aws_external_id?: string | null;
                        aws_region?: string | null;
                        aws_role_arn?: string | null;
                        aws_secret_access_key?: string | null;
                        aws_session_token?: string | null;
                        azure_api_version?: string | null;
                        azure_auth_mode?: ("default" | "entra" | "managed" | "workload" | "entraFederated") | null;
                        azure_deployment_config?: ({
                            alias?: string;
                            azure_api_version: string;
                            azure_deployment_name: string;
                            azure_model_slug?: string;
                            is_default?: boolean;
                        } & {
                            [key: string]: unknown;
                        })[] | null;
                        azure_deployment_name?: string | null;
                        azure_entra_client_id?: string | null;
                        azure_entra_client_secret?: string | null;
                        azure_entra_tenant_id?: string | null;
                        azure_foundry_url?: string | null;
                        azure_managed_client_id?: string | null;
                        azure_resource_name?: string | null;
                        custom_headers?: {
                            [key: string]: string;
                        } | null;
                        custom_host?: string | null;
                        huggingface_base_url?: string | null;
                        openai_organization?: string | null;
                        openai_project?: string | null;
                        snowflake_account?: string | null;
                        vertex_auth_type?: ("basic" | "serviceAccount") | null;
                        vertex_project_id?: string | null;
                        vertex_region?: string | null;
                        vertex_service_account_json?: ({
                            [key: string]: unknown;
                        } | string) | null;
                        workers_ai_account_id?: string | null;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    description?: string | null;
                    key?: string | null;
                    max_concurrent_requests?: number | null;
                    name?: string;
                    pricing_adjustments?: {
                        multiplier?: {
                            additional_units?: {
                                [key: string]: number | null;
                            } | null;
                            cache_read_audio_input_token?: number | null;
                            cache_read_image_input_token?: number | null;
                            cache_read_input_token?: number | null;
                            cache_read_text_input_token?: number | null;
                            cache_write_image_input_token?: number | null;
                            cache_write_input_token?: number | null;
                            cache_write_text_input_token?: number | null;
                            default?: number | null;
                            image?: {
                                default?: number | null;
                            } | null;
                            prediction_accepted_token?: number | null;
                            prediction_rejected_token?: number | null;
                            reasoning_token?: number | null;
                            request_audio_token?: number | null;
                            request_image_token?: number | null;
                            request_text_token?: number | null;
                            request_token?: number | null;
                            response_audio_token?: number | null;
                            response_image_token?: number | null;
                            response_text_token?: number | null;
                            response_token?: number | null;
                        };
                    } | null;
                    secret_mappings?: {
                        secret_key?: string | null;
                        secret_reference_id: string;
                        target_field: string;
                        value_format?: ("json" | "string") | null;
                    }[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1IntegrationsSlug: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1IntegrationsSlugModels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allow_all_models: boolean;
                        models: {
                            base_model_slug: string | null;
                            configurations: {
                                [key: string]: unknown;
                            } | null;
                            created_at: string;
                            enabled: boolean;
                            is_custom: boolean;
                            is_finetune: boolean;
                            last_updated_at: string;
                            name: string;
                            pricing_config: {
                                [key: string]: unknown;
                            } | null;
                            slug: string;
                        }[];
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1IntegrationsSlugModels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allow_all_models?: boolean;
                    models: {
                        base_model_slug?: string | null;
                        configurations?: ({
                            custom_headers?: {
                                [key: string]: string;
                            } | null;
                            custom_host?: string | null;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        enabled: boolean;
                        is_custom?: boolean | null;
                        is_finetune?: boolean | null;
                        pricing_config?: ({
                            pay_as_you_go?: {
                                request_token?: {
                                    price: number;
                                };
                                response_token?: {
                                    price: number;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            /** @enum {unknown} */
                            type: "static";
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        slug: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1IntegrationsSlugModels: {
        parameters: {
            query?: {
                slugs?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1IntegrationsSlugWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        workspaces: {
                            enabled: boolean;
                            id: string;
                            name: string;
                            rate_limits: {
                                [key: string]: unknown;
                            }[];
                            slug: string;
                            usage_limits: {
                                [key: string]: unknown;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1IntegrationsSlugWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    create_default_provider?: boolean;
                    default_provider_slug?: string;
                    global_workspace_access?: {
                        enabled: boolean;
                        rate_limits?: {
                            /** @enum {unknown} */
                            type: "requests" | "tokens";
                            /** @enum {unknown} */
                            unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                            value: number;
                        }[] | null;
                        usage_limits?: {
                            alert_threshold?: number | null;
                            credit_limit?: number | null;
                            next_usage_reset_at?: string | null;
                            periodic_reset?: ("monthly" | "weekly") | null;
                            periodic_reset_days?: number | null;
                            /** @enum {unknown} */
                            type?: "cost" | "tokens";
                        }[] | null;
                    } | null;
                    override_existing_workspace_access?: boolean;
                    override_existing_workspaces_access?: boolean;
                    workspaces?: {
                        create_default_provider?: boolean;
                        default_provider_slug?: string;
                        enabled: boolean;
                        id: string;
                        rate_limits?: {
                            /** @enum {unknown} */
                            type: "requests" | "tokens";
                            /** @enum {unknown} */
                            unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                            value: number;
                        }[] | null;
                        reset_usage?: boolean;
                        usage_limits?: {
                            alert_threshold?: number | null;
                            credit_limit?: number | null;
                            next_usage_reset_at?: string | null;
                            periodic_reset?: ("monthly" | "weekly") | null;
                            periodic_reset_days?: number | null;
                            /** @enum {unknown} */
                            type?: "cost" | "tokens";
                        }[] | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Logs: {
        parameters: {
            query?: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                cursor?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                metadata?: string;
                model?: string;
                page_size?: number;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max?: string;
                time_of_generation_min?: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            [key: string]: unknown;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1Logs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    metadata?: {
                        [key: string]: unknown;
                    };
                    request: {
                        body: unknown;
                        headers?: {
                            [key: string]: unknown;
                        };
                        method?: string;
                        provider?: string;
                        url: string;
                    };
                    response: {
                        body: unknown;
                        headers?: {
                            [key: string]: unknown;
                        };
                        response_time?: number;
                        status?: number;
                        streamingMode?: boolean;
                        time?: number;
                    };
                } | {
                    metadata?: {
                        [key: string]: unknown;
                    };
                    request: {
                        body: unknown;
                        headers?: {
                            [key: string]: unknown;
                        };
                        method?: string;
                        provider?: string;
                        url: string;
                    };
                    response: {
                        body: unknown;
                        headers?: {
                            [key: string]: unknown;
                        };
                        response_time?: number;
                        status?: number;
                        streamingMode?: boolean;
                        time?: number;
                    };
                }[];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        log_ids: string[];
                        message: string;
                        /** @constant */
                        status: "success";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1LogsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1LogsExports: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            created_at: string;
                            created_by: string;
                            description: string;
                            error_message: string | null;
                            exported_rows: number;
                            filters: {
                                [key: string]: unknown;
                            };
                            finished_at: string | null;
                            id: string;
                            last_updated_at: string;
                            /** @constant */
                            object: "export";
                            organisation_id: string;
                            progress: number;
                            requested_data: string[];
                            started_at: string | null;
                            status: string;
                            total_rows: number;
                            workspace_id: string | null;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1LogsExports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    filters: {
                        [key: string]: unknown;
                    };
                    requested_data: ("id" | "trace_id" | "created_at" | "request" | "response" | "is_success" | "ai_org" | "ai_model" | "req_units" | "res_units" | "total_units" | "request_url" | "cost" | "cost_currency" | "response_time" | "response_status_code" | "mode" | "config" | "prompt_slug" | "metadata")[];
                    workspace_id?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        object: "export";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1LogsExportsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        created_by: string;
                        description: string;
                        error_message: string | null;
                        exported_rows: number;
                        filters: {
                            [key: string]: unknown;
                        };
                        finished_at: string | null;
                        id: string;
                        last_updated_at: string;
                        /** @constant */
                        object: "export";
                        organisation_id: string;
                        progress: number;
                        requested_data: string[];
                        started_at: string | null;
                        status: string;
                        total_rows: number;
                        workspace_id: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1LogsExportsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    filters: {
                        [key: string]: unknown;
                    };
                    requested_data?: ("id" | "trace_id" | "created_at" | "request" | "response" | "is_success" | "ai_org" | "ai_model" | "req_units" | "res_units" | "total_units" | "request_url" | "cost" | "cost_currency" | "response_time" | "response_status_code" | "mode" | "config" | "prompt_slug" | "metadata")[];
                    workspace_id?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        object: "export";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1LogsExportsIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        /** @constant */
                        object: "export";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1LogsExportsIdDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        signed_url: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1LogsExportsIdFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1LogsExportsIdStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        /** @constant */
                        object: "export";
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1LogsExportsFieldRestrictions: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowed_fields: ("id" | "trace_id" | "created_at" | "request" | "response" | "is_success" | "ai_org" | "ai_model" | "req_units" | "res_units" | "total_units" | "request_url" | "cost" | "cost_currency" | "response_time" | "response_status_code" | "mode" | "config" | "prompt_slug" | "metadata")[];
                        denied_fields: ("id" | "trace_id" | "created_at" | "request" | "response" | "is_success" | "ai_org" | "ai_model" | "req_units" | "res_units" | "total_units" | "request_url" | "cost" | "cost_currency" | "response_time" | "response_status_code" | "mode" | "config" | "prompt_slug" | "metadata")[];
                        /** @constant */
                        object: "export-field-restrictions";
                        workspace_id: string | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1LogsGroupsGroupBy: {
        parameters: {
            query: {
                ai_model?: string;
                ai_org_model?: string;
                ai_service?: string;
                api_key_ids?: string;
                cache_status?: string;
                columns?: string;
                completion_token_max?: string;
                completion_token_min?: string;
                configs?: string;
                cost_max?: string;
                cost_min?: string;
                current_page?: string;
                guardrail_verdict?: string;
                guardrails?: string;
                include_total?: string;
                metadata?: string;
                model?: string;
                order_by?: string;
                order_by_type?: string;
                page_size?: string;
                prompt_slug?: string;
                prompt_token_max?: string;
                prompt_token_min?: string;
                provider?: string;
                response_time_max?: string;
                response_time_min?: string;
                search?: string;
                span_id?: string;
                status_code?: string;
                stream?: string;
                time_of_generation_max: string;
                time_of_generation_min: string;
                total_units_max?: string;
                total_units_min?: string;
                trace_id?: string;
                virtual_keys?: string;
                weighted_feedback_max?: string;
                weighted_feedback_min?: string;
                workspace_id?: string;
                workspace_slug?: string;
            };
            header?: never;
            path: {
                groupBy: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: ({
                            /** @constant */
                            object: "analytics-group";
                            requests: number;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @constant */
                        object: "list";
                        summary?: {
                            [key: string]: unknown;
                        };
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1Messages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1MessagesCountTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1MessagesCountTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1MessagesCountTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1MessagesCountTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1MessagesCountTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1MessagesCountTokensPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1MessagesCountTokensPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1MessagesCountTokensPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1MessagesCountTokensPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1MessagesCountTokensPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Models: {
        parameters: {
            query?: {
                ai_service?: string;
                limit?: number;
                offset?: number;
                order?: "asc" | "desc";
                provider?: string;
                sort?: "name" | "provider" | "ai_service";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Moderations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Moderations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Moderations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Moderations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Moderations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1ModerationsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1ModerationsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1ModerationsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1ModerationsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1ModerationsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Notifications: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                since?: string;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            [key: string]: unknown;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1PlaygroundChatCompletions: {
        parameters: {
            query: {
                workspace_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    config?: string;
                    max_tokens?: number;
                    messages: {
                        content: string;
                        /** @enum {unknown} */
                        role: "system" | "user" | "assistant";
                    }[];
                    model?: string;
                    stream?: boolean;
                    temperature?: number;
                    top_p?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1PoliciesRateLimits: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                status?: string;
                type?: string;
                unit?: string;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: ({
                            id: string;
                            object: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1PoliciesRateLimits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    conditions: {
                        excludes?: (string | string[]) | null;
                        key: string;
                        value: string | string[];
                    }[];
                    description?: string | null;
                    group_by: {
                        key: string;
                    }[];
                    name: string;
                    organisation_id?: string | null;
                    /** @enum {unknown} */
                    target?: "llm" | "mcp_tools";
                    /** @enum {unknown} */
                    type: "requests" | "tokens";
                    /** @enum {unknown} */
                    unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                    value: number;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        object: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1PoliciesRateLimitsId: {
        parameters: {
            query?: {
                include_usage?: boolean;
                status?: string;
                workspace_id?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        object: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1PoliciesRateLimitsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    conditions?: {
                        excludes?: (string | string[]) | null;
                        key: string;
                        value: string | string[];
                    }[];
                    description?: string | null;
                    group_by?: {
                        key: string;
                    }[];
                    name?: string;
                    /** @enum {unknown} */
                    target?: "llm" | "mcp_tools";
                    /** @enum {unknown} */
                    type?: "requests" | "tokens";
                    /** @enum {unknown} */
                    unit?: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                    value?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        object: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1PoliciesRateLimitsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1PoliciesUsageLimits: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                status?: string;
                type?: string;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: ({
                            id: string;
                            object: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1PoliciesUsageLimits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    alert_threshold?: number | null;
                    conditions: {
                        excludes?: (string | string[]) | null;
                        key: string;
                        value: string | string[];
                    }[];
                    credit_limit: number;
                    description?: string | null;
                    group_by: {
                        key: string;
                    }[];
                    name: string;
                    next_usage_reset_at?: string | null;
                    organisation_id?: string | null;
                    periodic_reset?: ("weekly" | "monthly") | null;
                    periodic_reset_days?: number | null;
                    /** @enum {unknown} */
                    type: "cost" | "tokens" | "requests";
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        object: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1PoliciesUsageLimitsId: {
        parameters: {
            query?: {
                include_usage?: boolean;
                status?: string;
                workspace_id?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        object: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1PoliciesUsageLimitsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    alert_threshold?: number | null;
                    conditions?: {
                        excludes?: (string | string[]) | null;
                        key: string;
                        value: string | string[];
                    }[];
                    credit_limit?: number;
                    description?: string | null;
                    group_by?: {
                        key: string;
                    }[];
                    name?: string;
                    next_usage_reset_at?: string | null;
                    periodic_reset?: ("weekly" | "monthly") | null;
                    periodic_reset_days?: number | null;
                    reset_usage_for_value?: string | null;
                    /** @enum {unknown} */
                    type?: "cost" | "tokens" | "requests";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        object: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1PoliciesUsageLimitsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1PoliciesUsageLimitsIdEntities: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                search?: string;
                status?: "active" | "exhausted";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            [key: string]: unknown;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1PoliciesUsageLimitsIdEntitiesEntityIdReset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entityId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Providers: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            ai_provider_name: string;
                            created_at: string;
                            current_usage: number;
                            expires_at: string | null;
                            id: string;
                            integration_id: string;
                            last_updated_at: string;
                            max_concurrent_requests: number | null;
                            name: string;
                            note: string | null;
                            /** @constant */
                            object: "provider";
                            rate_limits: {
                                /** @enum {unknown} */
                                type: "requests" | "tokens";
                                /** @enum {unknown} */
                                unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                                value: number;
                            }[] | null;
                            reset_usage: number;
                            slug: string;
                            status: string;
                            usage_limits: ({
                                alert_threshold?: number | null;
                                credit_limit?: number | null;
                                current_usage?: number;
                                next_usage_reset_at?: string | null;
                                periodic_reset?: ("monthly" | "weekly") | null;
                                periodic_reset_days?: number | null;
                                /** @enum {unknown} */
                                type?: "cost" | "tokens";
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            workspace_id: string;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1Providers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expires_at?: string | null;
                    integration_id: string;
                    max_concurrent_requests?: number | null;
                    name: string;
                    note?: string | null;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    slug?: string;
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    } | null;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        object: "provider";
                        slug: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1ProvidersSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ai_provider_name: string;
                        created_at: string;
                        current_usage: number;
                        expires_at: string | null;
                        id: string;
                        integration_id: string;
                        last_updated_at: string;
                        max_concurrent_requests: number | null;
                        name: string;
                        note: string | null;
                        /** @constant */
                        object: "provider";
                        rate_limits: {
                            /** @enum {unknown} */
                            type: "requests" | "tokens";
                            /** @enum {unknown} */
                            unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                            value: number;
                        }[] | null;
                        reset_usage: number;
                        slug: string;
                        status: string;
                        usage_limits: ({
                            alert_threshold?: number | null;
                            credit_limit?: number | null;
                            current_usage?: number;
                            next_usage_reset_at?: string | null;
                            periodic_reset?: ("monthly" | "weekly") | null;
                            periodic_reset_days?: number | null;
                            /** @enum {unknown} */
                            type?: "cost" | "tokens";
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        workspace_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1ProvidersSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expires_at?: string | null;
                    max_concurrent_requests?: number | null;
                    name?: string;
                    note?: string | null;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    reset_usage?: boolean;
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    } | null;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1ProvidersSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1ProvidersSlugTest: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    model?: string;
                    prompt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answer: string | null;
                        error: string | null;
                        kind: "chat" | "models";
                        latency_ms: number;
                        model: string | null;
                        models: string[] | null;
                        ok: boolean;
                        status: number | null;
                        url: string | null;
                        usage: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1Rerank: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Rerank: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Rerank: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Rerank: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Rerank: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1RerankPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1RerankPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1RerankPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1RerankPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1RerankPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1ResponsesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1ResponsesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1ResponsesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1ResponsesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1ResponsesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Threads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1Threads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1Threads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1Threads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1Threads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1ThreadsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1ThreadsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1ThreadsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1ThreadsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1ThreadsPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1Usage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1VectorStores: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1VectorStores: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1VectorStores: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1VectorStores: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1VectorStores: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1VectorStoresPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putV1VectorStoresPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    postV1VectorStoresPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteV1VectorStoresPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    patchV1VectorStoresPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error (OpenAI shape) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getV1VirtualKeys: {
        parameters: {
            query?: {
                current_page?: number;
                page_size?: number;
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            ai_provider_name: string;
                            created_at: string;
                            current_usage: number;
                            expires_at: string | null;
                            id: string;
                            integration_id: string;
                            last_updated_at: string;
                            masked_api_key: string | null;
                            max_concurrent_requests: number | null;
                            model_config: {
                                [key: string]: unknown;
                            };
                            name: string;
                            note: string | null;
                            /** @constant */
                            object: "virtual-key";
                            rate_limits: {
                                /** @enum {unknown} */
                                type: "requests" | "tokens";
                                /** @enum {unknown} */
                                unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                                value: number;
                            }[] | null;
                            reset_usage: number;
                            secret_mappings: {
                                [key: string]: unknown;
                            }[];
                            slug: string;
                            status: string;
                            usage_limits: ({
                                alert_threshold?: number | null;
                                credit_limit?: number | null;
                                current_usage?: number;
                                next_usage_reset_at?: string | null;
                                periodic_reset?: ("monthly" | "weekly") | null;
                                periodic_reset_days?: number | null;
                                /** @enum {unknown} */
                                type?: "cost" | "tokens";
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            workspace_id: string;
                        }[];
                        /** @constant */
                        object: "list";
                        total: number;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    postV1VirtualKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    apiVersion?: string | null;
                    awsAccessKeyId?: string | null;
                    awsAuthType?: ("accessKey" | "assumedRole" | "serviceRole" | "apiKey") | null;
                    awsExternalId?: string | null;
                    awsRegion?: string | null;
                    awsRoleArn?: string | null;
                    awsSecretAccessKey?: string | null;
                    awsSessionToken?: string | null;
                    azureAuthMode?: ("default" | "entra" | "managed" | "workload" | "entraFederated") | null;
                    azureEntraClientId?: string | null;
                    azureEntraClientSecret?: string | null;
                    azureEntraTenantId?: string | null;
                    azureManagedClientId?: string | null;
                    customHeaders?: {
                        [key: string]: string;
                    } | null;
                    customHost?: string | null;
                    deploymentConfig?: {
                        alias?: string;
                        apiVersion: string;
                        deploymentName: string;
                        is_default?: boolean;
                    }[] | null;
                    deploymentName?: string | null;
                    expires_at?: string | null;
                    key?: string | null;
                    max_concurrent_requests?: number | null;
                    model_config?: {
                        [key: string]: unknown;
                    } | null;
                    name?: string;
                    note?: string | null;
                    provider: string;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    resourceName?: string | null;
                    secret_mappings?: {
                        secret_key?: string | null;
                        secret_reference_id: string;
                        target_field: string;
                        value_format?: ("json" | "string") | null;
                    }[] | null;
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    } | null;
                    vertexProjectId?: string | null;
                    vertexRegion?: string | null;
                    vertexServiceAccountJson?: ({
                        [key: string]: unknown;
                    } | string) | null;
                    workersAiAccountId?: string | null;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            slug: string;
                        };
                        /** @constant */
                        success: true;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    getV1VirtualKeysSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ai_provider_name: string;
                        created_at: string;
                        current_usage: number;
                        expires_at: string | null;
                        id: string;
                        integration_id: string;
                        last_updated_at: string;
                        masked_api_key: string | null;
                        max_concurrent_requests: number | null;
                        model_config: {
                            [key: string]: unknown;
                        };
                        name: string;
                        note: string | null;
                        /** @constant */
                        object: "virtual-key";
                        rate_limits: {
                            /** @enum {unknown} */
                            type: "requests" | "tokens";
                            /** @enum {unknown} */
                            unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                            value: number;
                        }[] | null;
                        reset_usage: number;
                        secret_mappings: {
                            [key: string]: unknown;
                        }[];
                        slug: string;
                        status: string;
                        usage_limits: ({
                            alert_threshold?: number | null;
                            credit_limit?: number | null;
                            current_usage?: number;
                            next_usage_reset_at?: string | null;
                            periodic_reset?: ("monthly" | "weekly") | null;
                            periodic_reset_days?: number | null;
                            /** @enum {unknown} */
                            type?: "cost" | "tokens";
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        workspace_id: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    putV1VirtualKeysSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    apiVersion?: string | null;
                    awsAccessKeyId?: string | null;
                    awsAuthType?: ("accessKey" | "assumedRole" | "serviceRole" | "apiKey") | null;
                    awsExternalId?: string | null;
                    awsRegion?: string | null;
                    awsRoleArn?: string | null;
                    awsSecretAccessKey?: string | null;
                    awsSessionToken?: string | null;
                    azureAuthMode?: ("default" | "entra" | "managed" | "workload" | "entraFederated") | null;
                    azureEntraClientId?: string | null;
                    azureEntraClientSecret?: string | null;
                    azureEntraTenantId?: string | null;
                    azureManagedClientId?: string | null;
                    customHeaders?: {
                        [key: string]: string;
                    } | null;
                    customHost?: string | null;
                    deploymentConfig?: {
                        alias?: string;
                        apiVersion: string;
                        deploymentName: string;
                        is_default?: boolean;
                    }[] | null;
                    deploymentName?: string | null;
                    expires_at?: string | null;
                    key?: string | null;
                    max_concurrent_requests?: number | null;
                    model_config?: {
                        [key: string]: unknown;
                    } | null;
                    name?: string;
                    note?: string | null;
                    rate_limits?: {
                        /** @enum {unknown} */
                        type: "requests" | "tokens";
                        /** @enum {unknown} */
                        unit: "rps" | "rpm" | "rph" | "rpd" | "rpw";
                        value: number;
                    }[] | null;
                    reset_usage?: boolean;
                    resourceName?: string | null;
                    secret_mappings?: {
                        secret_key?: string | null;
                        secret_reference_id: string;
                        target_field: string;
                        value_format?: ("json" | "string") | null;
                    }[] | null;
                    usage_limits?: {
                        alert_threshold?: number | null;
                        credit_limit?: number | null;
                        next_usage_reset_at?: string | null;
                        periodic_reset?: ("monthly" | "weekly") | null;
                        periodic_reset_days?: number | null;
                        /** @enum {unknown} */
                        type?: "cost" | "tokens";
                    } | null;
                    vertexProjectId?: string | null;
                    vertexRegion?: string | null;
                    vertexServiceAccountJson?: ({
                        [key: string]: unknown;
                    } | string) | null;
                    workersAiAccountId?: string | null;
                    workspace_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                    };
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
    deleteV1VirtualKeysSlug: {
        parameters: {
            query?: {
                workspace_id?: string;
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Error (Admin API envelope) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminError"];
                };
            };
        };
    };
}
