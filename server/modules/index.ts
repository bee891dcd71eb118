import type { SchakelModule } from '@server/core/module';
import { accessibilityModule } from './accessibility';
import { alertsModule } from './alerts';
import { casesModule } from './cases';
import { notificationsModule } from './notifications';
import { accessLogModule } from './access-log';
import { grantsModule } from './grants';
import { healthModule } from './health';
import { identityModule } from './identity';
import { importsModule } from './imports';
import { mailboxModule } from './mailbox';
import { oidcModule } from './oidc';
import { regionsModule } from './regions';
import { signalsModule } from './signals';
import { urgentConsultationsModule } from './urgent-consultations';
import { usersModule } from './users';
import { weegtafelModule } from './weegtafel';

/** Every capability of Schakel. A new module is a new folder plus one line here. */
export const modules: SchakelModule[] = [healthModule, regionsModule, identityModule, oidcModule, usersModule, grantsModule, accessLogModule, accessibilityModule, alertsModule, signalsModule, mailboxModule, importsModule, notificationsModule, casesModule, urgentConsultationsModule, weegtafelModule];
