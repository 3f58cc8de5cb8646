// The key and certificate a TLS listener serves: the administrator's (TLS_CERT_FILE/TLS_KEY_FILE,
// read afresh each time a listener starts) or else the local CA's, made on first use.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { NetworkConfig } from '../env.ts';
import { type HostIdentity, machineIdentity } from './hostIdentity.ts';
import { ensureLocalCertificates } from './localCa.ts';

export interface CertificateFacts {
  source: 'files' | 'local-ca';
  fingerprint_sha256: string;
  not_after: string;
  dns_names: string[];
  ip_addresses: string[];
  /** The local CA LAN clients must trust; null with the administrator's certificate. */
  ca: { fingerprint_sha256: string; not_after: string } | null;
}

export interface TlsMaterial {
  key: string;
  cert: string;
  facts: CertificateFacts;
  /** Set when this call made a new local CA (LAN clients must trust it). */
  newCa: boolean;
}

/** A certificate or key that cannot be served, named so the administrator can fix it. */
export class TlsMaterialError extends Error {
  override name = 'TlsMaterialError';
}

function altNames(cert: crypto.X509Certificate): { dns: string[]; ips: string[] } {
  const entries = (cert.subjectAltName ?? '').split(', ').filter(Boolean);
  return {
    dns: entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4)),
    ips: entries.filter((e) => e.startsWith('IP Address:')).map((e) => e.slice(11)),
  };
}

function fromFiles(files: { certFile: string; keyFile: string }): TlsMaterial {
  let cert: string;
  let key: string;
  try {
    cert = fs.readFileSync(files.certFile, 'utf8');
    key = fs.readFileSync(files.keyFile, 'utf8');
  } catch (err) {
    throw new TlsMaterialError(`Cannot read TLS_CERT_FILE or TLS_KEY_FILE: ${(err as Error).message}`);
  }
  let leaf: crypto.X509Certificate;
  try {
    leaf = new crypto.X509Certificate(cert);
  } catch {
    throw new TlsMaterialError(`TLS_CERT_FILE (${files.certFile}) holds no PEM certificate`);
  }
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch {
    throw new TlsMaterialError(`TLS_KEY_FILE (${files.keyFile}) holds no unencrypted PEM private key`);
  }
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new TlsMaterialError(`TLS_KEY_FILE (${files.keyFile}) is not the key of the certificate in TLS_CERT_FILE`);
  }
  const names = altNames(leaf);
  return {
    key,
    cert,
    newCa: false,
    facts: {
      source: 'files',
      fingerprint_sha256: leaf.fingerprint256,
      not_after: new Date(leaf.validTo).toISOString(),
      dns_names: names.dns,
      ip_addresses: names.ips,
      ca: null,
    },
  };
}

export function loadTlsMaterial(network: NetworkConfig, dataDir: string, identity?: HostIdentity): TlsMaterial {
  if (network.tlsFiles) return fromFiles(network.tlsFiles);
  const host = identity ?? machineIdentity(network.lanHostNames);
  const local = ensureLocalCertificates(dataDir, host);
  const leaf = new crypto.X509Certificate(local.certPem);
  const ca = new crypto.X509Certificate(local.caCertPem);
  return {
    key: local.keyPem,
    cert: local.certPem,
    newCa: local.created.ca,
    facts: {
      source: 'local-ca',
      fingerprint_sha256: leaf.fingerprint256,
      not_after: new Date(leaf.validTo).toISOString(),
      dns_names: host.dns,
      ip_addresses: host.ips,
      ca: { fingerprint_sha256: local.caFingerprint, not_after: new Date(ca.validTo).toISOString() },
    },
  };
}
