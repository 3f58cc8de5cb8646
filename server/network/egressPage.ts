// The air-gap report as a page an auditor can print or keep: one self-contained HTML document (no
// script, no external resource), every value escaped.
import type { EgressReport } from './egressSchemas.ts';

const escape = (value: unknown) =>
  String(value ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(head: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escape(empty)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.meta{color:#444}.verdict{padding:.75rem 1rem;border:2px solid;margin:1rem 0}.ok{border-color:#1a7f37}.bad{border-color:#cf222e}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top;word-break:break-word}
th{background:#f2f2f2}.empty{color:#555;font-style:italic}ul{margin:.25rem 0}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}`;

export function egressReportPage(r: EgressReport): string {
  const c = r.self_check;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Air-gap report: ${escape(r.appliance.host_name)} ${escape(r.generated_at)}</title>
<style>${STYLE}</style></head><body>
<h1>Air-gap report</h1>
<p class="meta">${escape(r.appliance.service)} ${escape(r.appliance.version)} on ${escape(r.appliance.host_name)} · generated ${escape(r.generated_at)} · egress mode <strong>${escape(r.mode)}</strong></p>
<div class="verdict ${c.ok ? 'ok' : 'bad'}"><strong>${c.ok ? 'Self-check passed' : 'Self-check did not pass'}</strong> (${escape(c.ran_at)}). ${escape(c.statement)}</div>
<ul>${c.never.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>
<h2>Listening</h2>
${table(
  ['Listener', 'Address', 'Port', 'TLS', 'Listening', 'Problem'],
  r.listeners.map((l) => [l.name, l.address, l.port, l.tls ? 'yes' : 'no (loopback only)', l.listening ? 'yes' : 'no', l.error]),
  'No listener.',
)}
<p class="meta">Kernel socket list at the self-check: ${c.sockets.available ? escape(c.sockets.listening.join(', ') || 'none') : 'not available on this platform'}.</p>
<h2>Allowed destinations (${r.allowed.length})</h2>
${table(
  ['Destination', 'Source', 'Configured by', 'When', 'Detail'],
  r.allowed.map((a) => [a.destination, a.source, a.configured_by, a.configured_at, a.detail]),
  'None: the appliance may not connect anywhere.',
)}
<h2>Contacted destinations (${r.contacted.length})</h2>
${table(
  ['Destination', 'Feature', 'Requests', 'Connections', 'First', 'Last', 'Allowed now'],
  r.contacted.map((x) => [x.destination, x.feature, x.requests, x.connections, x.first_at, x.last_at, x.allowed_now ? 'yes' : 'NO']),
  'None.',
)}
<h2>Refused attempts (${r.refused.total}${r.refused.total > r.refused.rows.length ? `, newest ${r.refused.rows.length} shown` : ''})</h2>
${table(
  ['When', 'Destination', 'Feature', 'Caller', 'Workspace', 'Trace'],
  r.refused.rows.map((x) => [
    x.at,
    x.destination,
    x.feature,
    [x.caller_type, x.caller_name ?? x.caller_id].filter(Boolean).join(': '),
    x.workspace_id,
    x.trace_id,
  ]),
  'None.',
)}
<h2>Outbound clients probed at the self-check</h2>
${table(
  ['Client', 'Purpose', 'Refuses unlisted destinations', 'Detail'],
  c.clients.map((x) => [x.name, x.purpose, x.refuses_unlisted === null ? 'not probed' : x.refuses_unlisted ? 'yes' : 'NO', x.detail]),
  'None registered.',
)}
<p class="meta">DNS resolvers configured on this machine: ${escape(c.dns.resolvers.join(', ') || 'none')}. ${escape(c.dns.note)}</p>
</body></html>
`;
}
