import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import { type Decision, decide } from '@server/core/access/policy';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import type { CaseFieldGroup } from '@server/modules/regions';
import { caseRef, caseRules, findCaseRefs, groupsFor } from '@server/modules/cases';
import { PURPOSE, sessionAccess } from './weegtafel.policy';
import * as repository from './weegtafel.repository';

export interface LoadedSession {
  session: repository.SessionRow;
  via: 'chair' | 'invitation';
}

/**
 * Loads a session for this actor. A session they may not see answers like one that does not
 * exist (404) and the refusal is logged; a partner who sees it but asks to change it gets 403.
 */
export async function loadSession(db: Db, request: FastifyRequest, id: string, need: 'read' | 'chair'): Promise<LoadedSession> {
  const actor = request.actor!;
  const session = await repository.findSession(db, id);
  const refuse = async (reason: string, code: 'table.session-not-found' | 'access.denied') => {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'table-session', recordId: id, reason: `${need}: ${reason}` });
    throw new AppError(code);
  };
  if (!session) return refuse('not-found', 'table.session-not-found');
  const invitation = await repository.findInvitationOf(db, session.id, actor.organisationId);
  const access = sessionAccess(actor, session, Boolean(invitation));
  if (!access.allowed) return refuse(access.reason, 'table.session-not-found');
  if (need === 'chair' && access.via !== 'chair') return refuse('not-a-chair', 'access.denied');
  return { session, via: access.via };
}

export interface CaseView {
  decision: Decision;
  groups: CaseFieldGroup[];
}

/** Per case: what this reader may see of it (the cases policy decides, the region's sharing narrows a grant). */
export async function caseViews(db: Db, request: FastifyRequest, caseIds: string[]): Promise<Map<string, CaseView>> {
  const refs = await findCaseRefs(db, caseIds);
  const views = new Map<string, CaseView>();
  let grantGroups: CaseFieldGroup[] | undefined;
  for (const row of refs) {
    const decision = await decide(db, request.actor, 'read', caseRef(row), caseRules);
    if (!decision.allowed) {
      views.set(row.id, { decision, groups: [] });
      continue;
    }
    // Grant-based groups depend on the reader's organisation type and the region only: ask once.
    const groups = decision.reason === 'grant' ? (grantGroups ??= await groupsFor(db, request, decision, row.region_code)) : await groupsFor(db, request, decision, row.region_code);
    views.set(row.id, { decision, groups });
  }
  return views;
}

/** Logs the reader's access to each case of a session: a read (or print) where allowed, with the grant that decided, a refusal where withheld. */
export async function logCaseViews(db: Db, request: FastifyRequest, views: Map<string, CaseView>, action: 'read' | 'print', sessionReference: string): Promise<void> {
  for (const [caseId, view] of views) {
    if (view.decision.allowed) {
      await writeAccessLog(db, request, { action, outcome: 'success', recordType: 'case', recordId: caseId, purpose: PURPOSE, grantId: view.decision.grantId, reason: `tafel ${sessionReference}` });
    } else {
      await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `${action}: ${view.decision.reason} (tafel ${sessionReference})` });
    }
  }
}
