// LAN exposure as an administrator and a LAN client see it: the real app on real stores, the
// switch through the Admin API, real TLS connections to this machine's own LAN address (or, on a
// machine with loopback only, to 127.0.0.1 on the LAN port), and the CA a client downloads.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../env.ts';
import { openStores } from '../stores.ts';
import { listenMain } from './mainListener.ts';
import { issueCertificate, newKeyPair } from './x509.ts';
import { makeTempDir, removeDir } from '../../test/helpers/dataDir.ts';
import { startTestApp, type TestApp } from '../../test/helpers/testApp.ts';

/** This machine's first non-loopback IPv4 address: what a LAN client would dial. */
const LAN_IP =
  Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? null;
const DIAL = LAN_IP ?? '127.0.0.1';

const dirs: string[] = [];
const tempDir = (label: string) => {
  const d = makeTempDir(label);
  dirs.push(d);
  return d;
};
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});
afterAll(() => dirs.forEach(removeDir));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function start(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ listen: true, env: { LAN_PORT: String(await freePort()), ...env } });
  open.push(t);
  return t;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One HTTPS request to `host:port`, trusting only `ca`; rejects on a failed handshake. */
function httpsGet(host: string, port: number, urlPath: string, ca: string, servername?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host, port, path: urlPath, ca, servername, agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
  });
}

function httpGet(host: string, port: number, urlPath: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: urlPath, agent: false, timeout: 5000 }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

const call = async (t: TestApp, method: string, urlPath: string, body?: unknown) => {
  const res = await fetch(t.url + urlPath, {
    method,
    headers: { ...t.admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
};

describe('LAN exposure', () => {
  it('is off at first: the appliance answers on loopback only and has no CA yet', async () => {
    const t = await start();
    const state = await call(t, 'GET', '/v1/admin/lan-exposure');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ object: 'lan_exposure', enabled: false, listening: false, urls: [], certificate: null });
    await expect(httpGet(DIAL, state.body.port, '/v1/health')).rejects.toThrow(/ECONNREFUSED/);
    const ca = await fetch(`${t.url}/tls/ca.crt`);
    expect(ca.status).toBe(404);
    expect(((await ca.json()) as { data: { message: string } }).data.message).toMatch(/made when LAN exposure is first switched on/);
    if (LAN_IP) {
      // The loopback listener itself is not reachable from the LAN address.
      const port = new URL(t.url).port;
      await expect(httpGet(LAN_IP, Number(port), '/v1/health')).rejects.toThrow(/ECONNREFUSED/);
    }
  });

  it('switched on, serves the same app over TLS on the LAN, trusted through the CA certificate clients download', async () => {
    const t = await start();
    const on = await call(t, 'PUT', '/v1/admin/lan-exposure', { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, listening: true, error: null, certificate: { source: 'local-ca' } });
    const port: number = on.body.port;
    if (LAN_IP) expect(on.body.urls).toContain(`https://${LAN_IP}:${port}`);
    expect(on.body.urls).toContain(`https://${os.hostname().toLowerCase()}:${port}`);
    expect(on.body.urls.some((u: string) => /127\.0\.0\.1|localhost|\[::1\]/.test(u))).toBe(false);

    // The CA, as a LAN client downloads it, is the one whose fingerprint the admin sees.
    const download = await fetch(`${t.url}/tls/ca.crt`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="airgap-ai-gateway-ca\.crt"/);
    const caPem = await download.text();
    expect(new crypto.X509Certificate(caPem).fingerprint256).toBe(on.body.certificate.ca.fingerprint_sha256);

    const health = await httpsGet(DIAL, port, '/v1/health', caPem);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok' });
    // By name too: the certificate carries the host name.
    expect((await httpsGet(DIAL, port, '/v1/health', caPem, os.hostname().toLowerCase())).status).toBe(200);
    // A client that does not trust the CA refuses the connection.
    const stranger = newKeyPair();
    const otherCa = issueCertificate({
      commonName: 'Other',
      publicKey: stranger.publicKey,
      issuer: { commonName: 'Other', ...stranger },
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      kind: { ca: true, permitted: { dns: ['localhost'], ipRanges: [] } },
    });
    await expect(httpsGet(DIAL, port, '/v1/health', otherCa)).rejects.toThrow(/unable to verify|self.signed|certificate/i);

    // Plain HTTP on the LAN port gets no answer.
    await expect(httpGet(DIAL, port, '/v1/health')).rejects.toThrow();

    // A person signing in over the LAN gets a Secure cookie.
    const login = await new Promise<Reply>((resolve, reject) => {
      const req = https.request(
        {
          host: DIAL,
          port,
          path: '/v1/auth/login',
          method: 'POST',
          ca: caPem,
          agent: false,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ email: t.credentials.owner.email, password: t.credentials.owner.password }));
    });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('switching never interrupts loopback, and switching off closes the LAN listener', async () => {
    const t = await start();
    let stop = false;
    const statuses: number[] = [];
    const traffic = (async () => {
      while (!stop) {
        const res = await fetch(`${t.url}/v1/health`);
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    })();
    let port = 0;
    for (let i = 0; i < 3; i++) {
      const on = await call(t, 'PUT', '/v1/admin/lan-exposure', { enabled: true });
      expect(on.body.listening).toBe(true);
      port = on.body.port;
      const off = await call(t, 'PUT', '/v1/admin/lan-exposure', { enabled: false });
      expect(off.body).toMatchObject({ enabled: false, listening: false, urls: [] });
    }
    stop = true;
    await traffic;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await expect(httpsGet(DIAL, port, '/v1/health', '')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('is remembered across restarts, with the same CA', async () => {
    const dataDir = tempDir('lan-restart');
    const lanPort = String(await freePort());
    const t = await startTestApp({ listen: true, dataDir, env: { LAN_PORT: lanPort } });
    const on = await call(t, 'PUT', '/v1/admin/lan-exposure', { enabled: true });
    await t.close();

    const config = loadConfig({ LOG_LEVEL: 'silent', APPLIANCE_DATA_DIR: dataDir, PORT: '0', LAN_PORT: lanPort });
    const stores = await openStores(dataDir);
    const app = await buildApp({ config, ...stores });
    open.push({ close: async () => (await app.close(), stores.close()) });
    await listenMain(app, config);
    await app.lan.resume();
    const state = app.lan.view();
    expect(state).toMatchObject({ enabled: true, listening: true });
    expect(state.certificate?.ca?.fingerprint_sha256).toBe(on.body.certificate.ca.fingerprint_sha256);
    const caPem = await (await fetch(`http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}/tls/ca.crt`)).text();
    expect((await httpsGet(DIAL, Number(lanPort), '/v1/health', caPem)).status).toBe(200);
  });

  it('refuses to switch on when the port is taken, and changes nothing', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    open.push({ close: () => new Promise((resolve) => blocker.close(() => resolve())) });
    const taken = (blocker.address() as net.AddressInfo).port;
    const t = await start({ LAN_PORT: String(taken) });
    const res = await call(t, 'PUT', '/v1/admin/lan-exposure', { enabled: true });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      success: false,
      data: { errorCode: 'AB07', message: expect.stringMatching(/LAN exposure was not switched on.*EADDRINUSE/) },
    });
    const state = await call(t, 'GET', '/v1/admin/lan-exposure');
    expect(state.body).toMatchObject({ enabled: false, listening: false, error: expect.stringMatching(/EADDRINUSE/) });
    expect((await fetch(`${t.url}/v1/health`)).status).toBe(200);
  });

  it('rejects a body that is not {enabled: boolean}', async () => {
    const t = await start();
    for (const body of [{}, { enabled: 'yes' }, { enabled: null }]) {
      const res = await call(t, 'PUT', '/v1/admin/lan-exposure', body);
      expect(res.status).toBe(400);
      expect(res.body.data.errorCode).toBe('AB01');
    }
    expect((await call(t, 'GET', '/v1/admin/lan-exposure')).body.enabled).toBe(false);
  });
});

describe("the administrator's certificate (TLS_CERT_FILE, TLS_KEY_FILE)", () => {
  /** A certificate for this machine from a stand-in corporate CA, written as PEM files. */
  function corporateCertificate(dir: string) {
    const ca = newKeyPair();
    const caPem = issueCertificate({
      commonName: 'Corp CA',
      publicKey: ca.publicKey,
      issuer: { commonName: 'Corp CA', ...ca },
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      kind: { ca: true, permitted: { dns: ['corp.example'], ipRanges: [{ address: '0.0.0.0', prefix: 0 }] } },
    });
    const leaf = newKeyPair();
    const certPem = issueCertificate({
      commonName: 'gateway.corp.example',
      publicKey: leaf.publicKey,
      issuer: { commonName: 'Corp CA', ...ca },
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      kind: { ca: false, dns: ['gateway.corp.example'], ips: [DIAL] },
    });
    const certFile = path.join(dir, 'gateway.crt');
    const keyFile = path.join(dir, 'gateway.key');
    fs.writeFileSync(certFile, certPem);
    fs.writeFileSync(keyFile, leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    return { caPem, certFile, keyFile };
  }

  it('is served on the LAN instead of the local CA, which is then not offered', async () => {
    const corp = corporateCertificate(tempDir('corp'));
    const t = await start({ TLS_CERT_FILE: corp.certFile, TLS_KEY_FILE: corp.keyFile });
    const on = await call(t, 'PUT', '/v1/admin/lan-exposure', { enabled: true });
    expect(on.body).toMatchObject({ listening: true, certificate: { source: 'files', ca: null, dns_names: ['gateway.corp.example'] } });
    expect((await httpsGet(DIAL, on.body.port, '/v1/health', corp.caPem, 'gateway.corp.example')).status).toBe(200);
    const ca = await fetch(`${t.url}/tls/ca.crt`);
    expect(ca.status).toBe(404);
    expect(fs.existsSync(path.join(t.config.dataDir, 'tls'))).toBe(false);
  });

  it('a key that does not match the certificate keeps LAN exposure off, saying which file is wrong', async () => {
    const dir = tempDir('corp-bad');
    const corp = corporateCertificate(dir);
    fs.writeFileSync(corp.keyFile, newKeyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const t = await start({ TLS_CERT_FILE: corp.certFile, TLS_KEY_FILE: corp.keyFile });
    const res = await call(t, 'PUT', '/v1/admin/lan-exposure', { enabled: true });
    expect(res.status).toBe(409);
    expect(res.body.data.message).toMatch(/TLS_KEY_FILE .* is not the key of the certificate in TLS_CERT_FILE/);
    expect((await call(t, 'GET', '/v1/admin/lan-exposure')).body).toMatchObject({ enabled: false, listening: false });
  });
});

describe('HOST off loopback', () => {
  it('gets TLS on the main listener: plain HTTP is never served there', async () => {
    const dataDir = tempDir('host-tls');
    const config = loadConfig({ LOG_LEVEL: 'silent', APPLIANCE_DATA_DIR: dataDir, HOST: '0.0.0.0', PORT: String(await freePort()) });
    const stores = await openStores(dataDir);
    const { bootstrap } = await import('../control-plane/bootstrap.ts');
    const { createServices } = await import('../services.ts');
    bootstrap({ ...createServices({ config, ...stores }), db: stores.db, config });
    const app = await buildApp({ config, ...stores });
    open.push({ close: async () => (await app.close(), stores.close()) });
    const main = await listenMain(app, config);
    expect(main).toMatchObject({ tls: true, url: `https://0.0.0.0:${config.port}` });
    const caPem = fs.readFileSync(path.join(dataDir, 'tls', 'ca.crt'), 'utf8');
    expect((await httpsGet(DIAL, main.port, '/v1/health', caPem)).status).toBe(200);
    expect((await httpsGet('127.0.0.1', main.port, '/v1/health', caPem)).status).toBe(200);
    await expect(httpGet(DIAL, main.port, '/v1/health')).rejects.toThrow();
  });
});
