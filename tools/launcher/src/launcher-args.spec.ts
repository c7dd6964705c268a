import { LauncherArgsError, parseLauncherArgs } from './launcher-args';

describe('parseLauncherArgs', () => {
  it('starts all four services, one replica each, on the embedded PostgreSQL by default', () => {
    expect(parseLauncherArgs([])).toEqual({
      services: ['orders', 'payments', 'inventory', 'notifications', 'analytics'],
      replicas: { orders: 1, payments: 1, inventory: 1, notifications: 1, analytics: 1 },
      postgresUrl: undefined,
      database: 'postgres',
      kafka: 'embedded',
      portOffset: 0,
      auth: true,
      console: true,
      control: true,
      help: false,
    });
  });

  it('leaves the console out with --no-console, and its control endpoint with either option', () => {
    expect(parseLauncherArgs(['--no-console'])).toMatchObject({ console: false, control: false });
    expect(parseLauncherArgs(['--no-control'])).toMatchObject({ console: true, control: false });
  });

  it('turns Kafka authentication off with --no-auth only', () => {
    expect(parseLauncherArgs(['--no-auth']).auth).toBe(false);
    expect(() => parseLauncherArgs(['--no-auth=yes'])).toThrow(LauncherArgsError);
  });

  it('runs Apache Kafka instead of the embedded broker with --kafka apache, and refuses others', () => {
    expect(parseLauncherArgs(['--kafka', 'apache']).kafka).toBe('apache');
    expect(() => parseLauncherArgs(['--kafka', 'redpanda'])).toThrow(
      new LauncherArgsError('--kafka expects one of embedded, apache, got "redpanda"'),
    );
  });

  it('starts only the listed services, in catalogue order and once each', () => {
    expect(parseLauncherArgs(['--services', 'inventory, payments,inventory']).services).toEqual([
      'payments',
      'inventory',
    ]);
  });

  it('reads replica counts from repeated and comma-separated --scale options', () => {
    const { replicas } = parseLauncherArgs([
      '--scale',
      'inventory=3,payments=2',
      '--scale=notifications=4',
    ]);

    expect(replicas).toEqual({
      orders: 1,
      payments: 2,
      inventory: 3,
      notifications: 4,
      analytics: 1,
    });
  });

  it('takes a PostgreSQL server URL and a help flag', () => {
    const options = parseLauncherArgs(['--postgres', 'postgres://postgres@127.0.0.1:5432', '-h']);

    expect(options.postgresUrl).toBe('postgres://postgres@127.0.0.1:5432');
    expect(options.help).toBe(true);
  });

  it('takes PGlite as the embedded database', () => {
    expect(parseLauncherArgs(['--database', 'pglite']).database).toBe('pglite');
    expect(parseLauncherArgs(['--database=postgres']).database).toBe('postgres');
  });

  it('takes a port offset', () => {
    expect(parseLauncherArgs(['--port-offset', '100']).portOffset).toBe(100);
    expect(parseLauncherArgs(['--port-offset=56000']).portOffset).toBe(56_000);
  });

  it.each([
    [['--port-offset=-1'], /whole number from 0 to 56000/],
    [['--port-offset', '56001'], /whole number from 0 to 56000/],
    [['--port-offset', '1e3'], /whole number from 0 to 56000/],
    [['--port-offset', ''], /whole number from 0 to 56000/],
    [['--services', 'orders,shipping'], /unknown service "shipping"/],
    [['--services', ','], /at least one service/],
    [['--scale', 'inventory'], /expects <service>=<replicas>/],
    [['--scale', 'inventory=0'], /between 1 and 9/],
    [['--scale', 'inventory=10'], /between 1 and 9/],
    [['--scale', 'warehouse=2'], /unknown service "warehouse"/],
    [['--services', 'orders', '--scale', 'inventory=2'], /not among the started services/],
    [['--database', 'sqlite'], /--database expects one of postgres, pglite, got "sqlite"/],
    [['--database', 'pglite', '--postgres', 'postgres://db'], /exclude each other/],
    [['--replicas', '2'], /Unknown option '--replicas'/],
    [['inventory'], /Unexpected argument 'inventory'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseLauncherArgs(argv)).toThrow(LauncherArgsError);
    expect(() => parseLauncherArgs(argv)).toThrow(message);
  });
});
