import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthConfigError, type VerifiedTokensConfig } from './auth-config';
import { CurrentUser, Public, Roles } from './auth.decorators';
import { AuthModule } from './auth.module';
import type { AuthenticatedUser } from './authenticated-user';
import { ensureLocalIssuer, LOCAL_ISSUER, TokenSigner } from './signing/local-issuer';

@Controller('probe')
class ProbeController {
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @Get('operations')
  @Roles('operator')
  operations(@CurrentUser() user: AuthenticatedUser): { by: string } {
    return { by: user.id };
  }

  @Get('health')
  @Public()
  health(): { ok: true } {
    return { ok: true };
  }
}

interface Answer {
  status: number;
  body: { message?: string; id?: string; roles?: string[]; by?: string; ok?: boolean };
  challenge: string | null;
}

describe('AuthGuard with @Public, @Roles and @CurrentUser', () => {
  let dir: string;
  let signer: TokenSigner;
  let config: VerifiedTokensConfig;
  let app: INestApplication;
  let url: string;

  const start = async (authConfig: Parameters<typeof AuthModule.forRoot>[0]) => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(authConfig)],
      controllers: [ProbeController],
    }).compile();
    const started = moduleRef.createNestApplication({ logger: false });
    await started.listen(0, '127.0.0.1');
    return {
      app: started,
      url: `http://127.0.0.1:${(started.getHttpServer().address() as { port: number }).port}`,
    };
  };

  const call = async (route: string, token?: string, base = url): Promise<Answer> => {
    const response = await fetch(`${base}/probe/${route}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      body: (await response.json()) as Answer['body'],
      challenge: response.headers.get('www-authenticate'),
    };
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fanout-auth-'));
    const files = await ensureLocalIssuer(dir);
    signer = await TokenSigner.fromFile(files.privateKeyFile);
    config = {
      disabled: false,
      issuer: LOCAL_ISSUER,
      audience: 'fanout',
      keys: { kind: 'jwks-file', path: files.jwksFile },
      algorithms: ['RS256'],
    };
    ({ app, url } = await start({ config }));
  });

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const customer = (subject = 'alice') => signer.sign({ subject, roles: ['customer'] });

  it('gives the handler the caller from a valid token', async () => {
    expect(await call('me', await customer())).toMatchObject({
      status: 200,
      body: { id: 'alice', roles: ['customer'] },
    });
  });

  it('answers 401 with a Bearer challenge without a token, and lets @Public() routes through', async () => {
    const answer = await call('me');
    expect(answer).toMatchObject({
      status: 401,
      body: { message: expect.stringMatching(/bearer token is required/) },
      challenge: 'Bearer realm="fanout"',
    });
    expect(await call('health')).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('answers 403 to a customer on an operator route, 200 to an operator', async () => {
    expect(await call('operations', await customer())).toMatchObject({
      status: 403,
      body: { message: 'this needs the operator role' },
    });
    const operator = await signer.sign({ subject: 'ops', roles: ['operator'] });
    expect(await call('operations', operator)).toMatchObject({ status: 200, body: { by: 'ops' } });
  });

  it('ignores roles it does not know', async () => {
    const token = await signer.sign({ subject: 'eve', roles: ['admin' as 'operator'] });
    expect(await call('me', token)).toMatchObject({ body: { id: 'eve', roles: [] } });
    expect((await call('operations', token)).status).toBe(403);
  });

  describe('refuses with a 401 that says why', () => {
    const refusal = async (token: string, reason: RegExp) => {
      const answer = await call('me', token);
      expect(answer.status).toBe(401);
      expect(answer.body.message).toMatch(reason);
      expect(answer.challenge).toMatch(
        /^Bearer realm="fanout", error="invalid_token", error_description="/,
      );
    };

    it('an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      // Expired 7 s ago, beyond the 5 s allowed for clock skew; 3 s ago is still within it.
      const expired = { subject: 'alice', roles: [], expiresInSeconds: 60, issuedAt: now - 67 };
      await refusal(await signer.sign(expired), /^token expired$/);
      const skewed = { ...expired, issuedAt: now - 63 };
      expect((await call('me', await signer.sign(skewed))).status).toBe(200);
    });

    it('a token from another issuer, or for another audience', async () => {
      const files = await ensureLocalIssuer(dir);
      const elsewhere = await TokenSigner.fromFile(files.privateKeyFile, {
        issuer: 'https://evil.example/',
      });
      await refusal(
        await elsewhere.sign({ subject: 'alice', roles: [] }),
        /issuer is not urn:fanout:local/,
      );
      const otherAudience = await TokenSigner.fromFile(files.privateKeyFile, {
        audience: 'billing',
      });
      await refusal(
        await otherAudience.sign({ subject: 'alice', roles: [] }),
        /audience does not include fanout/,
      );
    });

    it('a token signed with another key, with the same key id or another', async () => {
      const other = await ensureLocalIssuer(path.join(dir, 'other'));
      const forger = await TokenSigner.fromFile(other.privateKeyFile);
      await refusal(
        await forger.sign({ subject: 'alice', roles: ['operator'] }),
        /key the issuer does not publish/,
      );
      const [header, payload] = (await customer()).split('.');
      const [, , foreignSignature] = (await forger.sign({ subject: 'alice', roles: [] })).split(
        '.',
      );
      await refusal(`${header}.${payload}.${foreignSignature}`, /signature does not verify/);
    });

    it('a token whose payload was changed after signing', async () => {
      const [header, , signature] = (await customer()).split('.');
      const forged = Buffer.from(
        JSON.stringify({
          sub: 'alice',
          roles: ['operator'],
          iss: LOCAL_ISSUER,
          aud: 'fanout',
          exp: 2e9,
        }),
      ).toString('base64url');
      await refusal(`${header}.${forged}.${signature}`, /signature does not verify/);
    });

    it('an unsigned token (alg none) and garbage', async () => {
      const none = [{ alg: 'none' }, { sub: 'alice', iss: LOCAL_ISSUER, aud: 'fanout', exp: 2e9 }]
        .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
        .join('.');
      await refusal(`${none}.`, /algorithm not accepted|malformed/);
      await refusal('not-a-jwt', /malformed token/);
    });

    it('a header that is not "Bearer <token>"', async () => {
      const response = await fetch(`${url}/probe/me`, { headers: { authorization: 'Basic YTpi' } });
      expect(response.status).toBe(401);
      expect(((await response.json()) as Answer['body']).message).toMatch(/Bearer <token>/);
    });
  });

  it('with AUTH_DISABLED, every caller is an anonymous operator', async () => {
    const open = await start({ config: { disabled: true } });
    try {
      expect(await call('operations', undefined, open.url)).toMatchObject({
        status: 200,
        body: { by: 'anonymous' },
      });
    } finally {
      await open.app.close();
    }
  });

  it('refuses to start with no configuration at all, saying what to set', async () => {
    const saved = { ...process.env };
    for (const name of Object.keys(process.env).filter((key) => key.startsWith('AUTH_'))) {
      delete process.env[name];
    }
    try {
      await expect(start({})).rejects.toThrow(
        /no token verification configured: set AUTH_ISSUER and one of/,
      );
    } finally {
      process.env = saved;
    }
  });

  it('refuses to start when the key file is missing or is not a JWKS', async () => {
    const missing = path.join(dir, 'missing.json');
    await expect(
      start({ config: { ...config, keys: { kind: 'jwks-file', path: missing } } }),
    ).rejects.toThrow(new AuthConfigError(`AUTH_JWKS_FILE: cannot read ${missing} (ENOENT)`));
    const notJwks = path.join(dir, 'not-jwks.json');
    await writeFile(notJwks, '{"keys": 1}');
    await expect(
      start({ config: { ...config, keys: { kind: 'jwks-file', path: notJwks } } }),
    ).rejects.toThrow(/is not a JWKS/);
  });

  it('takes the JWKS itself from AUTH_JWKS, as a platform passes a variable', async () => {
    const jwks = await readFile(path.join(dir, 'jwks.json'), 'utf8');
    const inline = await start({ config: { ...config, keys: { kind: 'jwks-inline', jwks } } });
    try {
      expect((await call('me', await customer(), inline.url)).status).toBe(200);
    } finally {
      await inline.app.close();
    }
    await expect(
      start({ config: { ...config, keys: { kind: 'jwks-inline', jwks: 'nope' } } }),
    ).rejects.toThrow(/AUTH_JWKS is not a JWKS/);
  });
});
