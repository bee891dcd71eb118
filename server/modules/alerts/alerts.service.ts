import type { FastifyRequest } from 'fastify';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import { authorize } from '@server/core/access/policy';
import type { Actor } from '@server/core/auth/actor';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { offsetOf } from '@server/core/http/pagination';
import { alertRef, alertRules, alertVisibilityOf } from './alerts.policy';
import { presentAcknowledgement, presentAlert } from './alerts.presenter';
import * as repository from './alerts.repository';
import type { Alert, AlertQuery } from './alerts.schema';

const PURPOSE = 'acute alert';

/**
 * The alerts an actor sees, newest first. The screen polls the open ones; when there are none the
 * answer holds no personal data and nothing is logged, otherwise the read (of the names of the
 * staff alerted and acknowledging) is logged like any other.
 */
export async function listAlerts(db: Db, request: FastifyRequest, actor: Actor, query: AlertQuery): Promise<{ alerts: Alert[]; total: number }> {
  const visibility = alertVisibilityOf(actor);
  const { rows, total } = await repository.listAlerts(db, visibility, query.status, query.pageSize, offsetOf(query));
  if (rows.length === 0) {
    request.noPersonalData = true;
    return { alerts: [], total };
  }
  const ids = rows.map((r) => r.id);
  const [recipients, acknowledgements, names] = await readPersonalData(
    db,
    request,
    { recordType: 'alert', purpose: PURPOSE },
    () => Promise.all([repository.recipientsOf(db, ids), repository.acknowledgementsOf(db, ids), repository.municipalityNames(db, actor.regionCode)]),
    ([r, a]) => ({ subjects: [...new Set([...r.flatMap((x) => (x.user_id ? [x.user_id] : [])), ...a.map((x) => x.user_id)])] }),
  );
  return { alerts: rows.map((row) => presentAlert(row, recipients, acknowledgements, names)), total };
}

/**
 * "I'm on it": records who acknowledged the alert and when (once per person; a repeat answers
 * with the first one) and logs it. Whoever may see the alert may acknowledge it.
 */
export async function acknowledge(db: Db, request: FastifyRequest, actor: Actor, id: string) {
  const alert = await repository.findAlert(db, actor.regionCode, id);
  if (!alert) throw new AppError('route.not-found');
  const recipients = await repository.recipientUserIds(db, id);
  if (!recipients.some((r) => r.user_id === actor.userId)) await authorize(db, request, 'read', alertRef(alert), alertRules);
  const { row, created } = await db.transaction().execute((trx) => repository.acknowledge(trx, id, actor.userId, new Date()));
  if (created) {
    await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'alert', recordId: id, purpose: PURPOSE, reason: `acknowledged; signal ${alert.signal_id}` });
  }
  return { acknowledgement: presentAcknowledgement(row), created };
}
