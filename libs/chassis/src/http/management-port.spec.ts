import { isManagementPath, resolveManagementAddress } from './management-port';

describe('the management port', () => {
  it('is the API port + 1000 on loopback, a free port when the API takes one, or as configured', () => {
    expect(resolveManagementAddress(3000, {})).toEqual({ port: 4000, host: '127.0.0.1' });
    expect(resolveManagementAddress(3012, { HOST: '0.0.0.0' })).toEqual({
      port: 4012,
      host: '127.0.0.1',
    });
    expect(resolveManagementAddress(0, {})).toEqual({ port: 0, host: '127.0.0.1' });
    expect(
      resolveManagementAddress(3000, { MANAGEMENT_PORT: '9464', MANAGEMENT_HOST: '0.0.0.0' }),
    ).toEqual({ port: 9464, host: '0.0.0.0' });
  });

  it.each(['http', '-1', '70000', '1.5'])('refuses MANAGEMENT_PORT=%s', (value) => {
    expect(() => resolveManagementAddress(3000, { MANAGEMENT_PORT: value })).toThrow(
      `MANAGEMENT_PORT must be a port number (0-65535), not "${value}"`,
    );
  });

  it('serves metrics and every path of the docs, nothing else', () => {
    for (const path of ['/metrics', '/docs', '/docs/', '/docs/swagger-ui.css', '/docs-json']) {
      expect({ path, management: isManagementPath(path) }).toEqual({ path, management: true });
    }
    for (const path of ['/orders', '/status', '/health', '/metricsx', '/docsx', '/']) {
      expect({ path, management: isManagementPath(path) }).toEqual({ path, management: false });
    }
  });
});
