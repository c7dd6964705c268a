import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { resolveConsoleConfig } from './console-config';

/** The front-end packages the page imports (an import map names them): served as installed. */
const VENDOR = {
  preact: require.resolve('preact'),
  htm: require.resolve('htm'),
  uplot: require.resolve('uplot'),
};

/** A package's installed directory, from its entry file (its exports may omit package.json). */
function packageDir(name: string, entry: string): string {
  let dir = path.dirname(entry);
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${name} is not installed: run npm install`);
    dir = parent;
  }
  return dir;
}

/**
 * The page's import map is an inline script: allowed by its hash, so the policy still refuses any
 * other inline script.
 */
function importMapHash(publicDir: string): string {
  const page = readFileSync(path.join(publicDir, 'index.html'), 'utf8');
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(page)?.[1];
  if (importMap === undefined) throw new Error(`${publicDir}/index.html has no import map`);
  return `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
}

async function bootstrap(): Promise<void> {
  const config = resolveConsoleConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", importMapHash(config.publicDir)] },
      },
    }),
  );
  app.enableShutdownHooks();
  for (const [name, entry] of Object.entries(VENDOR)) {
    app.useStaticAssets(packageDir(name, entry), { prefix: `/vendor/${name}/` });
  }
  app.useStaticAssets(config.publicDir);
  await app.listen(config.port, config.host);
  new Logger('Bootstrap').log(`console listening on http://${config.host}:${config.port}`);
}

bootstrap().catch((error: unknown) => {
  new Logger('Bootstrap').error({ msg: 'console failed to start', err: error });
  process.exit(1);
});
