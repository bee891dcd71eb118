import type { SchakelModule } from '@server/core/module';
import { urgentConsultationRoutes } from './urgent-consultations.routes';

/** The spoed-MDO: a digital urgent consultation on a case with invited partners (seed 002, §2.2; issue #6). */
export { myConsultations } from './urgent-consultations.read';
export type { MyConsultation } from './urgent-consultations.schema';

export const urgentConsultationsModule: SchakelModule = { name: 'urgent-consultations', routes: urgentConsultationRoutes };
