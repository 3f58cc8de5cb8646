// LAN exposure over HTTP: the Admin API switch (GET/PUT /v1/admin/lan-exposure, organisation
// owners, admins and admin keys; server/http/permissions.ts) and the public download of the local
// CA's certificate that LAN clients install to trust the appliance.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../errors.ts';
import { CA_CERTIFICATE_PATH, type LanExposure } from './lanExposure.ts';
import { readLocalCaCertificate } from './localCa.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const LanExposureView = Type.Object({
  object: Type.Literal('lan_exposure'),
  enabled: Type.Boolean(),
  listening: Type.Boolean(),
  host: Type.String(),
  port: Type.Integer(),
  urls: Type.Array(Type.String()),
  certificate: Nullable(
    Type.Object({
      source: Type.Union([Type.Literal('files'), Type.Literal('local-ca')]),
      fingerprint_sha256: Type.String(),
      not_after: Type.String(),
      dns_names: Type.Array(Type.String()),
      ip_addresses: Type.Array(Type.String()),
      ca: Nullable(Type.Object({ fingerprint_sha256: Type.String(), not_after: Type.String(), download_url: Type.String() })),
    }),
  ),
  error: Nullable(Type.String()),
});

const SwitchBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });

export interface NetworkRoutesOptions {
  lan: LanExposure;
  dataDir: string;
  /** With TLS_CERT_FILE the administrator's certificate is served and no local CA is offered. */
  administratorCertificate: boolean;
}

export const networkRoutes: FastifyPluginAsyncTypebox<NetworkRoutesOptions> = async (app, options) => {
  const { lan } = options;

  app.get('/v1/admin/lan-exposure', { schema: { response: { 200: LanExposureView } } }, async () => lan.view());

  app.put(
    '/v1/admin/lan-exposure',
    {
      config: { audit: { resource_type: 'appliance', action: 'lan_exposure' } },
      schema: { body: SwitchBody, response: { 200: LanExposureView } },
    },
    async (req) => lan.set(req.body.enabled),
  );

  // Public: a certificate is no secret, and a LAN client needs it before it can trust anything.
  // Its fingerprint, to compare with, comes from the admin UI, the tray or the Admin API.
  app.get(CA_CERTIFICATE_PATH, { config: { auth: 'public' } }, async (_req, reply) => {
    const pem = options.administratorCertificate ? null : readLocalCaCertificate(options.dataDir);
    if (pem === null) {
      throw notFound(
        options.administratorCertificate
          ? 'This appliance serves the administrator’s certificate (TLS_CERT_FILE): it has no local certificate authority'
          : 'The local certificate authority is made when LAN exposure is first switched on',
      );
    }
    return reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="airgap-ai-gateway-ca.crt"')
      .header('cache-control', 'no-cache')
      .send(pem);
  });
};
