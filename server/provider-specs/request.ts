// Builds the upstream URL and headers for a target: base URL (default or custom host), the
// endpoint path in the provider's own API, Azure deployments, and authentication.
import { badRequest } from '../errors.ts';
import type { Endpoint, ProviderSpec } from './registry.ts';

export interface UpstreamTarget {
  spec: ProviderSpec;
  apiKey: string | null;
  customHost: string | null;
  /** Provider configuration from the integration (azure_resource_name, openai_project, …). */
  configurations: Record<string, unknown>;
  /** Extra headers the admin configured on the integration. */
  customHeaders: Record<string, string>;
  /** Client headers copied upstream (config `forward_headers`), renamed from -> to. */
  forwardHeaders?: { from: string; to: string }[];
}

export interface AzureDeployment {
  alias?: string;
  azure_deployment_name: string;
  azure_api_version?: string;
  azure_model_slug?: string;
  is_default?: boolean;
}

export const DEFAULT_AZURE_API_VERSION = '2024-10-21';
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

function trimSlash(url: string) {
  return url.replace(/\/+$/, '');
}

/** Whether a custom host has no path, by its spelling: parsing it is the same work every request. */
const bareHosts = new Map<string, boolean>();

function isBareHost(customHost: string): boolean {
  let bare = bareHosts.get(customHost);
  if (bare === undefined) {
    const url = new URL(customHost);
    bare = url.pathname === '' || url.pathname === '/';
    if (bareHosts.size < 1000) bareHosts.set(customHost, bare);
  }
  return bare;
}

export function baseUrl(target: UpstreamTarget): string {
  const { spec, customHost } = target;
  if (customHost) return trimSlash(customHost) + (isBareHost(customHost) && spec.appendV1ToBareHost ? '/v1' : '');
  if (spec.id === 'azure-openai') {
    const resource = target.configurations.azure_resource_name;
    if (typeof resource !== 'string' || !resource) {
      throw badRequest('Azure OpenAI needs azure_resource_name in the integration, or x-portkey-azure-resource-name');
    }
    return `https://${resource}.openai.azure.com`;
  }
  if (!spec.baseUrl) {
    throw badRequest(`Provider "${spec.id}" runs on your own server: give its address as custom_host (e.g. http://10.0.0.5:8000/v1)`);
  }
  return spec.baseUrl;
}

/** The path of an endpoint in the upstream's own API (its wire format decides). */
export function endpointPath(spec: ProviderSpec, endpoint: Endpoint, clientPath: string): string {
  switch (endpoint) {
    case 'chatComplete':
      return spec.format === 'anthropic' ? '/messages' : '/chat/completions';
    case 'messages':
      return spec.format === 'anthropic' ? '/messages' : '/chat/completions';
    case 'complete':
      return '/completions';
    case 'embed':
      return '/embeddings';
    case 'proxy':
      return clientPath;
  }
}

export function pickAzureDeployment(configurations: Record<string, unknown>, model: string | undefined): AzureDeployment {
  const list = (configurations.azure_deployment_config as AzureDeployment[] | undefined) ?? [];
  const inline = configurations.azure_deployment_id;
  if (typeof inline === 'string' && inline) {
    return { azure_deployment_name: inline, azure_api_version: configurations.azure_api_version as string | undefined };
  }
  const match =
    (model && list.find((d) => d.alias === model || d.azure_deployment_name === model || d.azure_model_slug === model)) ||
    list.find((d) => d.is_default) ||
    list[0];
  if (!match) {
    throw badRequest(
      'Azure OpenAI needs a deployment: add azure_deployment_config to the integration, or send x-portkey-azure-deployment-id',
    );
  }
  return match;
}

export interface UpstreamRequestLine {
  url: string;
  /** The model name pricing should use (an Azure deployment's model slug, for instance). */
  pricingModel: string | undefined;
}

export function upstreamUrl(
  target: UpstreamTarget,
  endpoint: Endpoint,
  clientPath: string,
  model: string | undefined,
  search = '',
): UpstreamRequestLine {
  const base = baseUrl(target);
  if (target.spec.id === 'azure-openai') return azureUrl(target, base, endpoint, clientPath, model, search);
  return { url: `${base}${endpointPath(target.spec, endpoint, clientPath)}${search}`, pricingModel: model };
}

/** Azure OpenAI routes that belong to a deployment (besides chat, completions and embeddings). */
const AZURE_DEPLOYMENT_ROUTES = /^\/(audio\/(speech|transcriptions|translations)|images\/(generations|edits|variations))$/;

/**
 * Azure OpenAI serves everything under /openai with an api-version: model calls under
 * /deployments/<name>, the rest (files, batches, responses…) as they are. A pass-through keeps an
 * api-version the client sent.
 */
function azureUrl(
  target: UpstreamTarget,
  base: string,
  endpoint: Endpoint,
  clientPath: string,
  model: string | undefined,
  search: string,
): UpstreamRequestLine {
  const prefix = /\/openai$/.test(base) ? base : `${base}/openai`;
  const path = endpointPath(target.spec, endpoint, clientPath);
  const configured = target.configurations.azure_api_version as string | undefined;
  const withVersion = (url: string, version: string) => {
    if (endpoint === 'proxy' && /[?&]api-version=/.test(search)) return `${url}${search}`;
    const rest = endpoint === 'proxy' && search ? `&${search.replace(/^\?/, '')}` : '';
    return `${url}?api-version=${encodeURIComponent(version)}${rest}`;
  };
  if (endpoint !== 'proxy' || AZURE_DEPLOYMENT_ROUTES.test(path)) {
    const d = pickAzureDeployment(target.configurations, model);
    return {
      url: withVersion(
        `${prefix}/deployments/${encodeURIComponent(d.azure_deployment_name)}${path}`,
        d.azure_api_version || configured || DEFAULT_AZURE_API_VERSION,
      ),
      pricingModel: d.azure_model_slug ?? model,
    };
  }
  return { url: withVersion(`${prefix}${path}`, configured || DEFAULT_AZURE_API_VERSION), pricingModel: model };
}

/** Authentication and provider headers; never includes anything from the client but what is named. */
export function upstreamHeaders(target: UpstreamTarget, client: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { from, to } of target.forwardHeaders ?? []) {
    const v = client[from];
    if (typeof v === 'string') headers[to] = v;
  }
  Object.assign(headers, target.customHeaders);
  const key = target.apiKey;
  switch (target.spec.auth) {
    case 'bearer':
      if (key) headers.authorization = `Bearer ${key}`;
      break;
    case 'azure-api-key':
      if (key) headers['api-key'] = key;
      break;
    case 'anthropic': {
      if (key) headers['x-api-key'] = key;
      const version = client['x-portkey-anthropic-version'] ?? client['anthropic-version'];
      headers['anthropic-version'] = typeof version === 'string' ? version : DEFAULT_ANTHROPIC_VERSION;
      const beta = client['x-portkey-anthropic-beta'] ?? client['anthropic-beta'];
      if (typeof beta === 'string') headers['anthropic-beta'] = beta;
      break;
    }
    case 'none':
      if (key) headers.authorization = `Bearer ${key}`;
      break;
  }
  if (target.spec.id === 'openai') {
    const org = target.configurations.openai_organization ?? client['x-portkey-openai-organization'];
    const project = target.configurations.openai_project ?? client['x-portkey-openai-project'];
    if (typeof org === 'string' && org) headers['openai-organization'] = org;
    if (typeof project === 'string' && project) headers['openai-project'] = project;
  }
  return headers;
}
