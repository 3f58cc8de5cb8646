// Issues X.509 v3 certificates (RFC 5280) with ECDSA P-256 keys: a name-constrained local CA and
// the TLS server certificates it signs. node:crypto makes keys and signatures; der.ts the encoding.
import crypto, { type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  tlv,
  time,
  unsignedInteger,
  utf8String,
} from './der.ts';
import { type IpRange, ipBytes, maskBytes } from './ipAddress.ts';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export const ORGANISATION_NAME = 'AirGap AI Gateway';

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export const newKeyPair = (): KeyPair => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

export interface Issuer extends KeyPair {
  commonName: string;
}

/** Names a CA may sign for: DNS names (and their subdomains) and address ranges. */
export interface PermittedNames {
  dns: string[];
  ipRanges: IpRange[];
}

export type CertificateKind =
  | { ca: true; permitted: PermittedNames }
  /** Unusable addresses (not IP text) are the caller's bug: they throw. */
  | { ca: false; dns: string[]; ips: string[] };

export interface CertificateRequest {
  commonName: string;
  publicKey: KeyObject;
  /** The signer; the certificate is self-signed when its public key is `publicKey`. */
  issuer: Issuer;
  notBefore: Date;
  notAfter: Date;
  kind: CertificateKind;
}

function name(commonName: string): Buffer {
  const attribute = (oid: string, value: string) => set(sequence(objectIdentifier(oid), utf8String(value)));
  return sequence(attribute(OID.organisation, ORGANISATION_NAME), attribute(OID.commonName, commonName));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the public key's bits (the uncompressed EC point). */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y) throw new Error('expected an EC public key');
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return crypto.createHash('sha1').update(point).digest();
}

const extension = (oid: string, critical: boolean, value: Buffer) =>
  sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));

function ipOrThrow(text: string): Buffer {
  const bytes = ipBytes(text);
  if (!bytes) throw new Error(`not an IP address: ${text}`);
  return bytes;
}

function extensions(req: CertificateRequest): Buffer[] {
  const common = [
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(req.publicKey))),
    extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, keyIdentifier(req.issuer.publicKey)))),
  ];
  const { kind } = req;
  if (kind.ca) {
    // pathLenConstraint 0: the CA signs server certificates, never another CA.
    const subtrees = [
      ...kind.permitted.dns.map((d) => sequence(implicit(2, Buffer.from(d, 'ascii')))),
      ...kind.permitted.ipRanges.map((r) => {
        const base = ipOrThrow(r.address);
        return sequence(implicit(7, Buffer.concat([base, maskBytes(r.prefix, base.length as 4 | 16)])));
      }),
    ];
    return [
      extension(OID.basicConstraints, true, sequence(boolean(true), smallInteger(0))),
      // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000011 -> one byte 0x06, one unused bit.
      extension(OID.keyUsage, true, bitString(Buffer.from([0x06]), 1)),
      extension(OID.nameConstraints, true, sequence(tlv(0xa0, Buffer.concat(subtrees)))),
      ...common,
    ];
  }
  const altNames = [...kind.dns.map((d) => implicit(2, Buffer.from(d, 'ascii'))), ...kind.ips.map((ip) => implicit(7, ipOrThrow(ip)))];
  return [
    extension(OID.basicConstraints, true, sequence()),
    // digitalSignature (bit 0): 0b1 -> one byte 0x80, seven unused bits.
    extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)),
    extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
    extension(OID.subjectAltName, false, sequence(...altNames)),
    ...common,
  ];
}

/** The signed certificate, PEM-encoded. */
export function issueCertificate(req: CertificateRequest): string {
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  // 16 random bytes, top bit cleared: a positive serial no CA of ours will repeat.
  const serial = crypto.randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm,
    name(req.issuer.commonName),
    sequence(time(req.notBefore), time(req.notAfter)),
    name(req.commonName),
    req.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions(req))),
  );
  const signature = crypto.sign('sha256', tbs, req.issuer.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** SHA-256 of the certificate's DER, as browsers and `openssl x509 -fingerprint -sha256` show it. */
export function fingerprint256(pem: string): string {
  return new crypto.X509Certificate(pem).fingerprint256;
}

/** Whether a DNS name falls under a name constraint (itself or a subdomain, RFC 5280 §4.2.1.10). */
export function dnsPermitted(host: string, constraint: string): boolean {
  const h = host.toLowerCase();
  const c = constraint.toLowerCase().replace(/^\./, '');
  return h === c || h.endsWith(`.${c}`);
}
