import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SelfSignedCert {
  certFile: string;
  keyFile: string;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI (node:crypto
 * cannot make certificates). Clients trust it by using the certificate itself as their CA.
 */
export async function selfSignedCert(dir: string, name = 'broker'): Promise<SelfSignedCert> {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/O=Fanout tests/CN=${name}`,
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { certFile, keyFile };
}
