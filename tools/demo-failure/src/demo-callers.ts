import path from 'node:path';
import { LOCAL_ISSUER_DIR, TokenSigner } from '@fanout/auth';

export interface DemoCallers {
  customer: Record<string, string>;
  operator: Record<string, string>;
}

/** Authorization headers signed with npm start's key (in its data directory), as npm run token. */
export async function demoCallers(dataDir: string, customerId: string): Promise<DemoCallers> {
  const keyFile = path.join(dataDir, LOCAL_ISSUER_DIR, 'signing-key.pem');
  const signer = await TokenSigner.fromFile(keyFile).catch(() => {
    throw new Error(`no signing key at ${keyFile}: start the system with npm start first`);
  });
  const headers = async (subject: string, role: 'customer' | 'operator') => ({
    authorization: `Bearer ${await signer.sign({ subject, roles: [role] })}`,
  });
  return {
    customer: await headers(customerId, 'customer'),
    operator: await headers('demo-failure', 'operator'),
  };
}
