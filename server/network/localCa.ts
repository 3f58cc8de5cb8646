// The appliance's own certificate authority, made on first use in <data dir>/tls/ (keys mode 0600):
// a name-constrained CA that LAN clients trust once, and the server certificate it signs for this
// machine's names and addresses, re-issued when they change or near its expiry (docs/adr/0014).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { HostIdentity } from './hostIdentity.ts';
import { type IpRange, SITE_RANGES, inRange } from './ipAddress.ts';
import { type Issuer, type PermittedNames, dnsPermitted, fingerprint256, issueCertificate, newKeyPair } from './x509.ts';

const DAY_MS = 86_400_000;
/** Ten years: clients trust the CA once; the server certificate under it is renewed on its own. */
const CA_DAYS = 3650;
/** Under Apple's 398-day limit for TLS server certificates. */
const SERVER_DAYS = 397;
/** Renew a certificate this close to its end, so that a client never meets an expired one. */
const RENEW_BEFORE_DAYS = 30;
/** Clocks on a LAN disagree: certificates are valid from an hour ago. */
const BACKDATE_MS = 3_600_000;

export const TLS_DIR = 'tls';

export interface LocalCertificates {
  caCertPem: string;
  caFingerprint: string;
  certPem: string;
  keyPem: string;
  /** What happened on this call, for the log: the CA or the server certificate was (re)made. */
  created: { ca: boolean; server: boolean };
}

interface CaMeta {
  /** The CA's subject common name: the issuer name of every certificate it signs. */
  common_name: string;
  permitted: PermittedNames;
}
interface ServerMeta {
  dns: string[];
  ips: string[];
  ca_fingerprint: string;
}

/** Writes a file whole or not at all, mode 0600 (keys, and certificates beside them). */
function writePrivate(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readIf(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function readJson<T>(file: string): T | null {
  const text = readIf(file);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

const validFor = (pem: string, now: Date) => {
  const cert = new crypto.X509Certificate(pem);
  return new Date(cert.validTo).getTime() - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS;
};

/** Addresses outside the site ranges get a range of their own, so the CA may sign for them too. */
function hostRange(ip: string): IpRange {
  return { address: ip, prefix: ip.includes(':') ? 128 : 32 };
}

export function covers(permitted: PermittedNames, identity: HostIdentity): boolean {
  return (
    identity.dns.every((d) => permitted.dns.some((c) => dnsPermitted(d, c))) &&
    identity.ips.every((ip) => permitted.ipRanges.some((r) => inRange(ip, r)))
  );
}

function permittedFor(identity: HostIdentity, previous: PermittedNames | null): PermittedNames {
  const dns = [...new Set([...(previous?.dns ?? []), ...identity.dns])];
  const ipRanges = [...SITE_RANGES];
  for (const r of previous?.ipRanges ?? []) {
    if (!ipRanges.some((k) => k.address === r.address && k.prefix === r.prefix)) ipRanges.push(r);
  }
  for (const ip of identity.ips) if (!ipRanges.some((r) => inRange(ip, r))) ipRanges.push(hostRange(ip));
  return { dns, ipRanges };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The CA and a server certificate for `identity`, made or renewed as needed. A CA is replaced only
 * when it is near its end or cannot sign for the machine's current names (a renamed host, a new
 * public address): LAN clients must then trust the new one, which the log says.
 */
export function ensureLocalCertificates(dataDir: string, identity: HostIdentity, now = new Date()): LocalCertificates {
  const dir = path.join(dataDir, TLS_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = (name: string) => path.join(dir, name);

  let caCertPem = readIf(file('ca.crt'));
  let caKeyPem = readIf(file('ca.key'));
  const caMeta = readJson<CaMeta>(file('ca.json'));
  let caUsable = false;
  try {
    caUsable =
      caCertPem !== null &&
      caKeyPem !== null &&
      caMeta !== null &&
      typeof caMeta.common_name === 'string' &&
      validFor(caCertPem, now) &&
      new crypto.X509Certificate(caCertPem).checkPrivateKey(crypto.createPrivateKey(caKeyPem)) &&
      covers(caMeta.permitted, identity);
  } catch {
    caUsable = false;
  }

  const created = { ca: false, server: false };
  let caName = caMeta?.common_name ?? '';
  if (!caUsable) {
    const pair = newKeyPair();
    const permitted = permittedFor(identity, caMeta?.permitted ?? null);
    const commonName = `AirGap AI Gateway local CA ${identity.dns[1] ?? 'localhost'} ${now.toISOString().slice(0, 10)}`;
    caName = commonName;
    caKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    caCertPem = issueCertificate({
      commonName,
      publicKey: pair.publicKey,
      issuer: { commonName, ...pair },
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter: new Date(now.getTime() + CA_DAYS * DAY_MS),
      kind: { ca: true, permitted },
    });
    writePrivate(file('ca.key'), caKeyPem);
    writePrivate(file('ca.crt'), caCertPem);
    writePrivate(file('ca.json'), `${JSON.stringify({ common_name: commonName, permitted } satisfies CaMeta, null, 2)}\n`);
    created.ca = true;
  }
  const caFingerprint = fingerprint256(caCertPem!);

  let certPem = readIf(file('server.crt'));
  let keyPem = readIf(file('server.key'));
  const serverMeta = readJson<ServerMeta>(file('server.json'));
  let serverUsable = false;
  try {
    serverUsable =
      certPem !== null &&
      keyPem !== null &&
      serverMeta !== null &&
      serverMeta.ca_fingerprint === caFingerprint &&
      sameSet(serverMeta.dns, identity.dns) &&
      sameSet(serverMeta.ips, identity.ips) &&
      validFor(certPem, now) &&
      new crypto.X509Certificate(certPem).checkPrivateKey(crypto.createPrivateKey(keyPem));
  } catch {
    serverUsable = false;
  }
  if (!serverUsable) {
    const caPrivate = crypto.createPrivateKey(caKeyPem!);
    const issuer: Issuer = {
      commonName: caName,
      privateKey: caPrivate,
      publicKey: crypto.createPublicKey(caPrivate),
    };
    const pair = newKeyPair();
    keyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    certPem = issueCertificate({
      commonName: identity.dns[1] ?? 'localhost',
      publicKey: pair.publicKey,
      issuer,
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter: new Date(now.getTime() + SERVER_DAYS * DAY_MS),
      kind: { ca: false, dns: identity.dns, ips: identity.ips },
    });
    writePrivate(file('server.key'), keyPem);
    writePrivate(file('server.crt'), certPem);
    const meta: ServerMeta = { dns: identity.dns, ips: identity.ips, ca_fingerprint: caFingerprint };
    writePrivate(file('server.json'), `${JSON.stringify(meta, null, 2)}\n`);
    created.server = true;
  }
  return { caCertPem: caCertPem!, caFingerprint, certPem: certPem!, keyPem: keyPem!, created };
}

/** The CA certificate if the appliance has made one (never makes it). */
export function readLocalCaCertificate(dataDir: string): string | null {
  return readIf(path.join(dataDir, TLS_DIR, 'ca.crt'));
}
