import type { DatabaseSchema } from '@fanout/persistence';
import { CreateAnalytics1796355328905 } from './migrations/1796355328905-create-analytics';

/**
 * Analytics' own tables (the projection, written in SQL: upserts and aggregates) and the
 * migrations that make them; the messaging tables (outbox, processed events) come from the chassis.
 */
export const analyticsSchema: DatabaseSchema = {
  entities: [],
  migrations: [CreateAnalytics1796355328905],
};
