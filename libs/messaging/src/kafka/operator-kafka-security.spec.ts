import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OPERATOR_ENV_PATH, operatorKafkaConnection } from './operator-kafka-security';

describe('operatorKafkaConnection', () => {
  let cwd: string;
  beforeEach(() => (cwd = mkdtempSync(path.join(os.tmpdir(), 'operator-kafka-'))));
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  const writeOperatorEnv = (dataDir: string) => {
    const file = path.join(cwd, dataDir, OPERATOR_ENV_PATH);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      'KAFKA_BROKERS=127.0.0.1:9192\nKAFKA_SASL_MECHANISM=scram-sha-512\n' +
        'KAFKA_SASL_USERNAME=operator\nKAFKA_SASL_PASSWORD=pw=with=equals\n',
    );
  };

  it('connects without credentials to 127.0.0.1:9092 when nothing says otherwise', () => {
    expect(operatorKafkaConnection({}, cwd)).toEqual({ brokers: ['127.0.0.1:9092'], security: {} });
  });

  it('uses the operator credentials npm start wrote into DATA_DIR (default .data)', () => {
    writeOperatorEnv('.data');
    expect(operatorKafkaConnection({}, cwd)).toEqual({
      brokers: ['127.0.0.1:9192'],
      security: {
        sasl: { mechanism: 'scram-sha-512', username: 'operator', password: 'pw=with=equals' },
      },
    });
    writeOperatorEnv('other');
    expect(
      operatorKafkaConnection({ DATA_DIR: 'other', KAFKA_BROKERS: 'h:1' }, cwd).brokers,
    ).toEqual(['h:1']);
  });

  it('prefers credentials from the environment to the data directory', () => {
    writeOperatorEnv('.data');
    const env = {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'alice',
      KAFKA_SASL_PASSWORD: 'x',
    };
    expect(operatorKafkaConnection(env, cwd)).toEqual({
      brokers: ['127.0.0.1:9092'],
      security: { sasl: { mechanism: 'plain', username: 'alice', password: 'x' } },
    });
  });
});
