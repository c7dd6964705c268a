import { CreateNotifications1764170000000 } from './migrations/1764170000000-create-notifications';
import { Notification } from './notifications/notification.entity';

/** Notifications' own tables; the messaging tables (outbox, processed events) come from the lib. */
export const notificationsEntities = [Notification];
export const notificationsMigrations = [CreateNotifications1764170000000];
