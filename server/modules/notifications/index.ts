import type { SchakelModule } from '@server/core/module';
import { notificationRoutes } from './notifications.routes';

export { notify } from './notifications.service';
export type { NotifyInput } from './notifications.service';
export type { NotificationKind } from './notifications.schema';

export const notificationsModule: SchakelModule = { name: 'notifications', routes: notificationRoutes };
