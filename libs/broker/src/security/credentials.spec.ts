import { CredentialStore, encodeCredential } from './credentials';
import { scramCredential } from './scram';

describe('CredentialStore', () => {
  it('salts a password for every SCRAM mechanism by default', async () => {
    const store = await CredentialStore.create([{ name: 'alice', password: 'secret' }]);
    expect(store.scram('SCRAM-SHA-256', 'alice')).toBeDefined();
    expect(store.scram('SCRAM-SHA-512', 'alice')).toBeDefined();
    await expect(store.verifyPassword('alice', 'secret')).resolves.toBe(true);
    await expect(store.verifyPassword('alice', 'wrong')).resolves.toBe(false);
  });

  it('salts only the offered SCRAM mechanisms', async () => {
    const store = await CredentialStore.create([{ name: 'alice', password: 'secret' }], {
      salt: ['SCRAM-SHA-256'],
    });
    expect(store.scram('SCRAM-SHA-256', 'alice')).toBeDefined();
    expect(store.scram('SCRAM-SHA-512', 'alice')).toBeUndefined();
    await expect(store.verifyPassword('alice', 'secret')).resolves.toBe(true);
  });

  it('salts SCRAM-SHA-512 for PLAIN alone, so PLAIN can check passwords', async () => {
    const store = await CredentialStore.create([{ name: 'alice', password: 'secret' }], {
      salt: [],
    });
    expect(store.scram('SCRAM-SHA-256', 'alice')).toBeUndefined();
    expect(store.scram('SCRAM-SHA-512', 'alice')).toBeDefined();
    await expect(store.verifyPassword('alice', 'secret')).resolves.toBe(true);
    await expect(store.verifyPassword('alice', 'wrong')).resolves.toBe(false);
  });

  it('keeps given salted credentials instead of salting the password again', async () => {
    const given = await scramCredential('SCRAM-SHA-512', 'stored');
    const store = await CredentialStore.create([
      { name: 'bob', password: 'other', scram: { 'SCRAM-SHA-512': encodeCredential(given) } },
    ]);
    expect(store.scram('SCRAM-SHA-512', 'bob')).toEqual(given);
    expect(store.scram('SCRAM-SHA-256', 'bob')).toBeDefined();
    await expect(store.verifyPassword('bob', 'stored')).resolves.toBe(true);
  });

  it('refuses a user without a name, or without a password or credentials', async () => {
    await expect(CredentialStore.create([{ name: '', password: 'x' }])).rejects.toThrow(
      'a SASL user needs a name',
    );
    await expect(CredentialStore.create([{ name: 'carol' }])).rejects.toThrow(
      "user 'carol' has neither a password nor SCRAM credentials",
    );
  });
});
