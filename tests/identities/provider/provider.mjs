// A real OpenID Provider for the identity tests: oidc-provider (OpenID-certified) with
// static users and public clients, the device authorization grant (RFC 8628), JWT access
// tokens for resource indicators (RFC 8707, RFC 9068) and a `groups` claim.
//
//   node provider.mjs CONFIG.json      prints "listening on PORT" when ready; SIGTERM stops it
//
// CONFIG: {issuer, port, cert, key, keys_file, kids: [signing kid first, older kids...],
//          users: {id: {password, groups}}, clients: [{client_id, access_token_ttl}],
//          resources: [uri...], default_resource}
// Signing keys (ES256) are generated once per kid and kept in keys_file, so a restart
// with a new kid in front is a key rotation: the new key signs, the old ones stay published.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:https';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

function signingKeys() {
  const stored = existsSync(config.keys_file) ? JSON.parse(readFileSync(config.keys_file, 'utf8')) : {};
  for (const kid of config.kids) {
    if (!stored[kid]) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      stored[kid] = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
    }
  }
  writeFileSync(config.keys_file, JSON.stringify(stored), { mode: 0o600 });
  return config.kids.map((kid) => stored[kid]);
}

const ttlOf = Object.fromEntries(config.clients.map((c) => [c.client_id, c.access_token_ttl ?? 300]));

const provider = new Provider(config.issuer, {
  clients: config.clients.map((c) => ({
    client_id: c.client_id,
    token_endpoint_auth_method: 'none',
    id_token_signed_response_alg: 'ES256',
    grant_types: [DEVICE_GRANT],
    response_types: [],
    redirect_uris: [],
  })),
  jwks: { keys: signingKeys() },
  scopes: ['openid', 'secrets'],
  claims: { openid: ['sub'], groups: ['groups'] },
  features: {
    devInteractions: { enabled: false },
    deviceFlow: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => config.default_resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, client) => {
        if (!config.resources.includes(resource)) throw new Provider.errors.InvalidTarget();
        return {
          scope: 'secrets',
          audience: resource,
          accessTokenTTL: ttlOf[client.clientId],
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        };
      },
    },
  },
  findAccount: (ctx, id) => (config.users[id] ? { accountId: id, claims: () => ({ sub: id }) } : undefined),
  extraTokenClaims: (ctx, token) => {
    const user = token.accountId && config.users[token.accountId];
    return user ? { groups: user.groups ?? [] } : undefined;
  },
  // First-party clients only: the grant is given at sign-in, no consent screen.
  loadExistingGrant: async (ctx) => {
    const { client, session } = ctx.oidc;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid');
    for (const resource of config.resources) grant.addResourceScope(resource, 'secrets');
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});

async function formBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

// The sign-in page: a login and password checked against the static users.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = `<form method="post" action="/interaction/${details.uid}/login">` +
      '<input name="login"/><input name="password" type="password"/><button>Sign in</button></form>';
    return undefined;
  }
  const form = await formBody(ctx.req);
  const user = config.users[form.get('login')];
  if (!user || user.password !== form.get('password')) {
    ctx.status = 401;
    ctx.body = 'wrong login or password';
    return undefined;
  }
  const to = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: form.get('login') } });
  ctx.redirect(to);
  return undefined;
});

const server = createServer(
  { key: readFileSync(config.key), cert: readFileSync(config.cert) },
  provider.callback(),
);
server.listen(config.port, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
