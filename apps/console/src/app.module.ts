import { Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { CONSOLE_CONFIG, type ConsoleConfig, resolveConsoleConfig } from './console-config';
import { LauncherControlClient } from './control/launcher-control.client';
import { ConsoleController } from './http/console.controller';
import { ServiceHealthPoller } from './http/service-health.service';
import { createConsoleKafka } from './kafka/console-kafka';
import { EventTap } from './kafka/event-tap.service';
import { GroupMonitor } from './kafka/group-monitor.service';
import { ConsoleHub } from './state/console-hub';

/**
 * The console: a Kafka consumer with its own group, an admin client that describes the groups,
 * and a page. No database: what it shows is in Kafka and in the services' /health.
 */
@Module({
  controllers: [ConsoleController],
  providers: [
    { provide: CONSOLE_CONFIG, useFactory: () => resolveConsoleConfig() },
    {
      provide: Kafka,
      inject: [CONSOLE_CONFIG],
      useFactory: (config: ConsoleConfig) => createConsoleKafka(config),
    },
    ConsoleHub,
    EventTap,
    GroupMonitor,
    LauncherControlClient,
    ServiceHealthPoller,
  ],
})
export class AppModule {}
