import { ConfigError, DEFAULT_CONFIG, parseCli, usage } from './config';

const configOf = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const command = parseCli(args, env);
  if (command.help) throw new Error('unexpected --help');
  return command.config;
};

describe('broker configuration', () => {
  it('defaults to the documented values', () => {
    expect(configOf([])).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      host: '127.0.0.1',
      port: 9092,
      defaultPartitions: 6,
      autoCreateTopics: true,
      maxFrameBytes: 100 * 1024 * 1024,
    });
  });

  it('reads options, then environment variables, command line first', () => {
    const config = configOf(['--port', '19092', '--fsync', '250', '--auto-create-topics', 'off'], {
      BROKER_PORT: '29092',
      BROKER_HOST: '0.0.0.0',
      BROKER_ADVERTISED_HOST: 'broker.local',
      BROKER_RETENTION_BYTES: '-1',
      BROKER_FSYNC: 'always',
    });
    expect(config).toMatchObject({
      port: 19092,
      host: '0.0.0.0',
      advertisedHost: 'broker.local',
      fsync: { intervalMs: 250 },
      autoCreateTopics: false,
      retentionBytes: -1,
    });
  });

  it.each([
    [['--port', '70000']],
    [['--port', 'abc']],
    [['--fsync', 'sometimes']],
    [['--default-partitions', '0']],
    [['--retention-ms', '0']],
    [['--log-level', 'loud']],
    [['--auto-create-topics', 'maybe']],
    [['--unknown']],
    [['positional']],
  ])('refuses %j', (args) => {
    expect(() => parseCli(args, {})).toThrow(ConfigError);
  });

  it('recognises --help, whose text names every option', () => {
    expect(parseCli(['--help'], {})).toEqual({ help: true });
    expect(usage()).toContain('--max-frame-bytes');
  });
});
