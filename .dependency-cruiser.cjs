// The layering of server/ (docs/adr/0015), checked by `npm run lint`: no import circles, and every
// import points down a row, or sideways only along the edges listed in SIDEWAYS.
//
//   root     main.ts, app.ts, services.ts: the composition root, the only place that wires things
//   domains  control-plane/*, gateway, logs, analytics, audit, limits, guardrails, network, desktop
//   shared   identity, settings, provider-specs, pricing, routing-configs: knowledge, no routes
//   kernel   errors, ids, paths, version, env, stores, nearestName, db, secrets, security, http plumbing
const KERNEL = '^server/((errors|ids|paths|version|env|stores|nearestName)\\.ts$|(db|secrets|security|http)/)';
const SHARED_FOLDERS = ['identity', 'settings', 'provider-specs', 'pricing', 'routing-configs'];
const DOMAIN_FOLDERS = ['control-plane', 'gateway', 'logs', 'analytics', 'audit', 'limits', 'guardrails', 'network', 'desktop', 'observability', 'backups'];
const ROOT = '^server/(main|app|services)\\.ts$';
const folders = (names) => `^server/(${names.join('|')})/`;

/** Imports allowed within a row, from the left folder to the right ones. */
const SIDEWAYS = {
  // Shared row: settings sit under identity (a session's scopes and lifetime read settings).
  identity: ['settings'],
  pricing: ['provider-specs'],
  // Domains: the gateway writes request-log events; analytics query the log tables; the desktop
  // sign-in answers with a session view and checks loopback addresses.
  gateway: ['logs'],
  analytics: ['logs'],
  desktop: ['network', 'control-plane', 'audit'],
  // The control plane's own domains import each other (one-way, no circles), and record what people
  // do in the audit log.
  'control-plane': ['control-plane', 'audit'],
};

const sidewaysRules = (row) =>
  row.map((from) => {
    const allowed = new Set([from === 'control-plane' ? '' : from, ...(SIDEWAYS[from] ?? [])]);
    const forbidden = row.filter((to) => !allowed.has(to) && to !== from);
    return {
      name: `sideways-from-${from}`,
      comment: `${from}/ may import from its own row only: ${[...(SIDEWAYS[from] ?? [])].join(', ') || 'nothing'} (docs/adr/0015)`,
      severity: 'error',
      from: { path: `^server/${from}/` },
      to: { path: folders(forbidden.length ? forbidden : ['^$']) },
    };
  });

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'Import circles hide which module depends on which.', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'kernel-imports-down-only',
      comment: 'The kernel knows no domain: it imports only itself and packages.',
      severity: 'error',
      from: { path: KERNEL },
      to: { path: `${ROOT}|${folders([...SHARED_FOLDERS, ...DOMAIN_FOLDERS])}` },
    },
    {
      name: 'shared-imports-down-only',
      comment: 'Shared knowledge (identity, settings, provider specs, pricing, routing configs) imports no domain.',
      severity: 'error',
      from: { path: folders(SHARED_FOLDERS) },
      to: { path: `${ROOT}|${folders(DOMAIN_FOLDERS)}` },
    },
    {
      name: 'domains-do-not-import-the-root',
      comment: 'Only main.ts, app.ts and services.ts wire services together; a domain receives what it uses.',
      severity: 'error',
      from: { path: folders(DOMAIN_FOLDERS) },
      to: { path: ROOT },
    },
    ...sidewaysRules(SHARED_FOLDERS),
    ...sidewaysRules(DOMAIN_FOLDERS),
    {
      name: 'product-code-imports-no-tests',
      comment: 'Nothing compiled into dist/ imports a test, a test kit or vitest.',
      severity: 'error',
      from: { path: '^server/', pathNot: '\\.test\\.ts$' },
      to: { path: '(^test/|\\.test\\.ts$|node_modules/vitest/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
