import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import {
  decodeSaslName,
  passwordMatches,
  ScramFailure,
  scramCredential,
  ScramServer,
  type ScramCredential,
  type ScramMechanism,
} from './scram';

const FAKE_SALT_KEY = Buffer.alloc(32, 7);

/** A minimal SCRAM client written from RFC 5802, independent of the server's code. */
function clientFinal(
  mechanism: ScramMechanism,
  password: string,
  clientFirstBare: string,
  serverFirst: string,
): { message: string; serverSignature: string } {
  const hash = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
  const attrs = Object.fromEntries(serverFirst.split(',').map((kv) => [kv[0], kv.slice(2)]));
  const salted = pbkdf2Sync(
    password,
    Buffer.from(attrs.s as string, 'base64'),
    Number(attrs.i),
    hash === 'sha256' ? 32 : 64,
    hash,
  );
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${attrs.r}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = createHmac(hash, storedKey).update(authMessage).digest();
  const proof = Buffer.from(clientKey.map((byte, i) => byte ^ (signature[i] as number)));
  const serverKey = createHmac(hash, salted).update('Server Key').digest();
  return {
    message: `${withoutProof},p=${proof.toString('base64')}`,
    serverSignature: createHmac(hash, serverKey).update(authMessage).digest('base64'),
  };
}

const exchange = (server: ScramServer, message: string): string =>
  server.evaluate(Buffer.from(message)).toString();

describe('SCRAM server', () => {
  it("reproduces RFC 7677's SCRAM-SHA-256 example exchange byte for byte", async () => {
    const credential = await scramCredential('SCRAM-SHA-256', 'pencil', {
      salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
      iterations: 4096,
    });
    const server = new ScramServer(
      'SCRAM-SHA-256',
      (user) => (user === 'user' ? credential : undefined),
      FAKE_SALT_KEY,
      () => '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
    );
    expect(exchange(server, 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO')).toBe(
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    );
    expect(
      exchange(
        server,
        'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
      ),
    ).toBe('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    expect(server.user).toBe('user');
  });

  describe.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)('%s', (mechanism) => {
    let credential: ScramCredential;
    const lookup = (user: string) => (user === 'a,b=c' ? credential : undefined);
    beforeAll(async () => {
      credential = await scramCredential(mechanism, 'secret');
    });

    it('authenticates a user whose name needs escaping, and signs its answer', () => {
      const server = new ScramServer(mechanism, lookup, FAKE_SALT_KEY);
      const bare = 'n=a=2Cb=3Dc,r=clientnonce';
      const serverFirst = exchange(server, `n,,${bare}`);
      expect(serverFirst).toMatch(/^r=clientnonce[^,]+,s=[^,]+,i=4096$/);
      const { message, serverSignature } = clientFinal(mechanism, 'secret', bare, serverFirst);
      expect(exchange(server, message)).toBe(`v=${serverSignature}`);
      expect(server.complete).toBe(true);
      expect(server.user).toBe('a,b=c');
    });

    it('refuses a wrong password at the proof', () => {
      const server = new ScramServer(mechanism, lookup, FAKE_SALT_KEY);
      const bare = 'n=a=2Cb=3Dc,r=nonce';
      const serverFirst = exchange(server, `n,,${bare}`);
      const { message } = clientFinal(mechanism, 'wrong', bare, serverFirst);
      expect(() => exchange(server, message)).toThrow(ScramFailure);
      expect(server.user).toBeUndefined();
    });

    it('answers an unknown user like a known one (a stable salt), then refuses it', () => {
      const first = (nonce: string) =>
        exchange(new ScramServer(mechanism, lookup, FAKE_SALT_KEY), `n,,n=mallory,r=${nonce}`);
      const salt = (serverFirst: string) => /,s=([^,]+),/.exec(serverFirst)?.[1];
      expect(salt(first('one'))).toBe(salt(first('two')));
      const server = new ScramServer(mechanism, lookup, FAKE_SALT_KEY);
      const serverFirst = exchange(server, 'n,,n=mallory,r=x');
      const { message } = clientFinal(mechanism, 'secret', 'n=mallory,r=x', serverFirst);
      expect(() => exchange(server, message)).toThrow(ScramFailure);
    });

    it('refuses a final message whose nonce or channel binding was changed', () => {
      for (const tamper of [
        (m: string) => m.replace(/r=([^,]+)/, 'r=$1x'),
        (m: string) => m.replace('c=biws', 'c=eSws'),
      ]) {
        const server = new ScramServer(mechanism, lookup, FAKE_SALT_KEY);
        const bare = 'n=a=2Cb=3Dc,r=nonce';
        const serverFirst = exchange(server, `n,,${bare}`);
        const { message } = clientFinal(mechanism, 'secret', bare, serverFirst);
        expect(() => exchange(server, tamper(message))).toThrow(ScramFailure);
      }
    });

    it('checks a password against the stored credential (what PLAIN does)', async () => {
      await expect(passwordMatches(mechanism, credential, 'secret')).resolves.toBe(true);
      await expect(passwordMatches(mechanism, credential, 'Secret')).resolves.toBe(false);
    });
  });

  it.each([
    ['no gs2 header', 'n=user,r=abc'],
    ['channel binding', 'p=tls-unique,,n=user,r=abc'],
    ['no nonce', 'n,,n=user'],
    ['an empty user', 'n,,n=,r=abc'],
    ['a mandatory extension', 'n,,m=ext,n=user,r=abc'],
    ['a bad escape', 'n,,n=us=er,r=abc'],
    ['an authzid that is not the user', 'n,a=admin,n=user,r=abc'],
  ])('refuses a client-first message with %s', (_, message) => {
    const server = new ScramServer('SCRAM-SHA-256', () => undefined, FAKE_SALT_KEY);
    expect(() => exchange(server, message)).toThrow(ScramFailure);
  });

  it('decodes saslnames', () => {
    expect(decodeSaslName('a=2Cb=3D')).toBe('a,b=');
    expect(() => decodeSaslName('a=41')).toThrow(ScramFailure);
  });

  it('keeps no password: a credential is a salt, two keys and a count', async () => {
    const credential = await scramCredential('SCRAM-SHA-512', 'hunter2', { salt: randomBytes(16) });
    expect(Object.keys(credential).sort()).toEqual([
      'iterations',
      'salt',
      'serverKey',
      'storedKey',
    ]);
    await expect(scramCredential('SCRAM-SHA-256', 'x', { iterations: 1000 })).rejects.toThrow(
      RangeError,
    );
  });
});
