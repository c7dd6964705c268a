import type { DatabaseSchema } from '@fanout/persistence';
import { CreateNotifications1764170000000 } from './migrations/1764170000000-create-notifications';
import { Notification } from './notifications/notification.entity';

/**
 * Notifications' own tables and the migrations that make them, oldest first; the messaging
 * tables (outbox, processed events) come from the chassis.
 */
export const notificationsSchema: DatabaseSchema = {
  entities: [Notification],
  migrations: [CreateNotifications1764170000000],
};
