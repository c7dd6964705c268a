import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { buildPinoHttpOptions } from './pino-http-options';

/** nestjs-pino for the HTTP side and for every Nest `Logger`; use `app.useLogger(app.get(Logger))`. */
@Module({})
export class LoggingModule {
  /** `destination` defaults to stdout; tests pass a stream to read the lines back. */
  static forRoot(options: { service: string; destination?: DestinationStream }): DynamicModule {
    const pinoOptions = buildPinoHttpOptions(options.service);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: options.destination ? [pinoOptions, options.destination] : pinoOptions,
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
