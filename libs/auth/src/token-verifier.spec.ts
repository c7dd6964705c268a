import { eventually } from '@fanout/testing';
import { createTestIssuer, type TestIssuer } from './signing/test-issuer';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

// The verifier remembers tokens it has verified; these are the promises that must still hold.
describe('TokenVerifier, remembering verified tokens', () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    verifier = await TokenVerifier.create(issuer.config);
  });

  afterAll(() => issuer?.dispose());

  it('gives the same caller for the same token, every time', async () => {
    const token = await issuer.customerToken('alice');
    const first = await verifier.verify(token);
    expect(first).toEqual({ id: 'alice', roles: ['customer'] });
    expect(await verifier.verify(token)).toEqual(first);
    // Shared between requests, so nobody may change it.
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
  });

  it('refuses a token changed after one was verified: the whole token is what is remembered', async () => {
    const token = await issuer.operatorToken();
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'mallory' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(
      InvalidTokenError,
    );
    const otherSignature = `${signature.slice(0, -4)}AAAA`;
    await expect(verifier.verify(`${header}.${payload}.${otherSignature}`)).rejects.toThrow(
      InvalidTokenError,
    );
  });

  it('stops accepting a remembered token once it has expired (with the 5 s clock allowance)', async () => {
    const now = Math.floor(Date.now() / 1000);
    // exp = now - 3 s: accepted for about 2 s more, within the allowance for clock skew.
    const token = await issuer.signer.sign({
      subject: 'bob',
      roles: ['customer'],
      expiresInSeconds: 60,
      issuedAt: now - 63,
    });
    expect(await verifier.verify(token)).toEqual({ id: 'bob', roles: ['customer'] });
    const refused = await eventually(
      () =>
        verifier.verify(token).then(
          () => undefined,
          (error: unknown) => error,
        ),
      { timeoutMs: 10_000, description: 'the remembered token refused after its expiry' },
    );
    expect(refused).toBeInstanceOf(InvalidTokenError);
    expect((refused as Error).message).toBe('token expired');
  }, 15_000);
});
