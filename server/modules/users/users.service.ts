import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Actor } from '@server/core/auth/actor';
import { hashPassword } from '@server/core/auth/passwords';
import { newSecret, sha256 } from '@server/core/auth/secrets';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import * as repository from './users.repository';
import { presentToken, presentUser } from './users.presenter';
import type { UserCreate, UserUpdate } from './users.schema';

/** Account administration by the functioneel beheerder, within their own region. */

async function checkReferences(db: Db, region: string, input: { organisationId?: string; municipalities?: string[] }) {
  const invalid = [];
  if (input.organisationId && !(await repository.findOrganisationInRegion(db, region, input.organisationId))) {
    invalid.push({ name: 'body.organisationId', code: 'unknown', reason: 'No organisation of this region' });
  }
  if (input.municipalities && (await repository.countMunicipalitiesInRegion(db, region, input.municipalities)) !== new Set(input.municipalities).size) {
    invalid.push({ name: 'body.municipalities', code: 'unknown', reason: 'Not all are municipalities of this region' });
  }
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
}

export async function createUser(db: Db, request: FastifyRequest, actor: Actor, input: UserCreate) {
  await checkReferences(db, actor.regionCode, input);
  if (await repository.emailTaken(db, input.email)) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.email', code: 'taken', reason: 'An account with this e-mail address exists' }] });
  }
  const initialPassword = `${newSecret(9)}-${newSecret(6)}`;
  const id = await repository.insertUser(db, {
    region: actor.regionCode,
    organisationId: input.organisationId,
    email: input.email,
    displayName: input.displayName,
    passwordHash: await hashPassword(initialPassword),
    allMunicipalities: input.allMunicipalities,
    roles: [...new Set(input.roles)],
    municipalities: [...new Set(input.municipalities)],
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'user', recordId: id, subjects: [id], purpose: 'account administration' });
  await writeAccessLog(db, request, { action: 'role-changed', outcome: 'success', recordType: 'user', recordId: id, subjects: [id], reason: `roles: ${input.roles.join(',') || '-'}` });
  const row = await repository.findUser(db, actor.regionCode, id);
  return { user: presentUser(row!), initialPassword };
}

export async function updateUser(db: Db, request: FastifyRequest, actor: Actor, id: string, input: UserUpdate) {
  const before = await repository.findUser(db, actor.regionCode, id);
  if (!before) throw new AppError('route.not-found');
  if (id === actor.userId && (input.roles !== undefined || input.active !== undefined || input.organisationId !== undefined)) {
    // Nobody gives themselves roles, moves themselves, or switches themselves on or off.
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'user', recordId: id, reason: 'own roles, organisation or status' });
    throw new AppError('access.denied');
  }
  await checkReferences(db, actor.regionCode, input);
  await repository.updateUser(db, actor.regionCode, id, {
    ...input,
    ...(input.roles ? { roles: [...new Set(input.roles)] } : {}),
    ...(input.municipalities ? { municipalities: [...new Set(input.municipalities)] } : {}),
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'user', recordId: id, subjects: [id], purpose: 'account administration' });
  if (input.roles && [...input.roles].sort().join(',') !== (before.roles ?? []).join(',')) {
    await writeAccessLog(db, request, {
      action: 'role-changed',
      outcome: 'success',
      recordType: 'user',
      recordId: id,
      subjects: [id],
      reason: `roles: ${(before.roles ?? []).join(',') || '-'} -> ${[...input.roles].sort().join(',') || '-'}`,
    });
  }
  return presentUser((await repository.findUser(db, actor.regionCode, id))!);
}

export async function resetSecondFactor(db: Db, request: FastifyRequest, actor: Actor, id: string) {
  if (!(await repository.findUser(db, actor.regionCode, id))) throw new AppError('route.not-found');
  await repository.resetSecondFactor(db, id);
  await writeAccessLog(db, request, { action: 'second-factor-reset', outcome: 'success', recordType: 'user', recordId: id, subjects: [id] });
}

/** Creates an API token for an account; the token itself is returned once and stored as a hash. */
export async function createToken(db: Db, input: { userId: string; name: string; scopes: string[]; validDays: number; createdBy: string | null }) {
  const token = `sk_${newSecret()}`;
  const row = await repository.insertToken(db, {
    userId: input.userId,
    name: input.name,
    tokenHash: sha256(token),
    scopes: input.scopes,
    expiresAt: new Date(Date.now() + input.validDays * 86_400_000),
    createdBy: input.createdBy,
  });
  return { apiToken: presentToken(row), token };
}
