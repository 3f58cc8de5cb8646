// The names and addresses LAN clients may use to reach this machine: what the local CA's server
// certificate lists (its subject alternative names) and what the LAN URLs are built from.
import os from 'node:os';
import { ipBytes } from './ipAddress.ts';

export interface HostIdentity {
  /** Lower-case DNS names, "localhost" first. */
  dns: string[];
  /** IP addresses as text; IPv6 link-local ones are left out (they need a zone no URL carries). */
  ips: string[];
}

export interface HostSources {
  hostname: () => string;
  interfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS name a certificate can carry: ASCII labels of letters, digits and inner hyphens. */
export function isDnsName(name: string): boolean {
  return name.length <= 253 && name.split('.').every((label) => LABEL.test(label)) && ipBytes(name) === null;
}

const OS_SOURCES: HostSources = { hostname: () => os.hostname(), interfaces: () => os.networkInterfaces() };

export function machineIdentity(extraNames: readonly string[] = [], sources: HostSources = OS_SOURCES): HostIdentity {
  const host = sources.hostname().trim().toLowerCase();
  const names = [
    'localhost',
    host,
    ...(host.includes('.') || host === '' ? [] : [`${host}.local`]),
    ...extraNames.map((n) => n.toLowerCase()),
  ];
  const dns = [...new Set(names.filter(isDnsName))];
  const ips = new Set<string>(['127.0.0.1', '::1']);
  for (const infos of Object.values(sources.interfaces())) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv6' && /^fe[89ab]/i.test(info.address)) continue;
      if (ipBytes(info.address)) ips.add(info.address.replace(/%.*$/, ''));
    }
  }
  return { dns, ips: [...ips].sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')) || a.localeCompare(b)) };
}
