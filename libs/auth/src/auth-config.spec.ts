import { AuthConfigError, resolveAuthConfig } from './auth-config';

describe('resolveAuthConfig', () => {
  const issuer = { AUTH_ISSUER: 'https://id.example.com/' };

  it('refuses to start with nothing configured, and says what to set', () => {
    expect(() => resolveAuthConfig({})).toThrow(AuthConfigError);
    expect(() => resolveAuthConfig({})).toThrow(
      /AUTH_ISSUER and one of AUTH_JWKS_URL, AUTH_JWKS_FILE, AUTH_JWKS, AUTH_PUBLIC_KEY_FILE.*AUTH_DISABLED=true/,
    );
  });

  it('is disabled only by AUTH_DISABLED=true, and refuses a value it does not understand', () => {
    expect(resolveAuthConfig({ AUTH_DISABLED: 'true' })).toEqual({ disabled: true });
    expect(() => resolveAuthConfig({ AUTH_DISABLED: 'false' })).toThrow(/no token verification/);
    expect(() => resolveAuthConfig({ AUTH_DISABLED: 'yes' })).toThrow(/true or false, not "yes"/);
  });

  it('reads one key source, the issuer, and the audience (default fanout)', () => {
    expect(resolveAuthConfig({ ...issuer, AUTH_JWKS_FILE: '/keys/jwks.json' })).toEqual({
      disabled: false,
      issuer: 'https://id.example.com/',
      audience: 'fanout',
      keys: { kind: 'jwks-file', path: '/keys/jwks.json' },
      algorithms: expect.arrayContaining(['RS256', 'ES256', 'EdDSA']),
    });
    const remote = resolveAuthConfig({
      ...issuer,
      AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
      AUTH_AUDIENCE: 'shop',
      AUTH_ALGORITHMS: 'ES256',
    });
    expect(remote).toMatchObject({ audience: 'shop', algorithms: ['ES256'] });
    expect(remote.disabled === false && remote.keys.kind).toBe('jwks-url');
    expect(resolveAuthConfig({ ...issuer, AUTH_PUBLIC_KEY_FILE: '/k.pem' })).toMatchObject({
      keys: { kind: 'public-key-file', path: '/k.pem' },
    });
    expect(resolveAuthConfig({ ...issuer, AUTH_JWKS: '{"keys":[]}' })).toMatchObject({
      keys: { kind: 'jwks-inline', jwks: '{"keys":[]}' },
    });
  });

  it.each([
    [{ AUTH_JWKS_FILE: '/j.json' }, /AUTH_ISSUER is required/],
    [{ ...issuer, AUTH_JWKS_FILE: '/j', AUTH_PUBLIC_KEY_FILE: '/k' }, /only one of .* not/],
    [{ ...issuer, AUTH_JWKS_URL: 'not a url' }, /AUTH_JWKS_URL is not a URL/],
    [{ ...issuer, AUTH_JWKS_URL: 'file:///etc/jwks.json' }, /must be http\(s\)/],
    // A symmetric algorithm would let anyone who holds the verification key mint tokens.
    [{ ...issuer, AUTH_JWKS_FILE: '/j', AUTH_ALGORITHMS: 'RS256,HS256' }, /HS256 not accepted/],
  ])('refuses %o', (env, message) => {
    expect(() => resolveAuthConfig(env)).toThrow(message);
  });
});
