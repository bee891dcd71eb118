import type { WebModule } from '@web/core/module';
import { accessibilityModule } from './accessibility';
import { accessLogModule } from './access-log';
import { alertsModule } from './alerts';
import { casesModule } from './cases';
import { identityModule } from './identity';
import { importsModule } from './imports';
import { mailboxModule } from './mailbox';
import { meldpuntPublicModule } from './meldpunt-public';
import { notificationsModule } from './notifications';
import { regionsModule } from './regions';
import { signalsModule } from './signals';
import { urgentConsultationsModule } from './urgent-consultations';
import { usersModule } from './users';
import { weegtafelModule } from './weegtafel';

/** The web modules in navigation order; the same names as the server modules. */
export const modules: readonly WebModule[] = [meldpuntPublicModule, regionsModule, signalsModule, casesModule, weegtafelModule, urgentConsultationsModule, alertsModule, notificationsModule, mailboxModule, importsModule, usersModule, accessLogModule, identityModule, accessibilityModule];
