import QRCode from 'qrcode';
import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Actor } from '@server/core/auth/actor';
import { hashPassword, passwordProblem, verifyPassword } from '@server/core/auth/passwords';
import { newSecret, sha256 } from '@server/core/auth/secrets';
import { completeSecondFactor, createSession } from '@server/core/auth/sessions';
import { matchTotp, newTotpSecret, totpUri } from '@server/core/auth/totp';
import type { Config } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import * as repository from './identity.repository';
import type { Me, SessionState } from './identity.schema';

interface Deps {
  db: Db;
  config: Config;
  demoMode: boolean;
}

/**
 * Password step. Every failure — unknown account, wrong password, locked, inactive — gives the
 * same answer (auth.failed) and is logged; the fifth failure in a row locks the account.
 */
export async function logIn({ db, config, demoMode }: Deps, request: FastifyRequest, input: { email: string; password: string }) {
  const user = await repository.findUserByEmail(db, input.email);
  const locked = user?.locked_until && new Date(user.locked_until).getTime() > Date.now();
  const passwordOk = await verifyPassword(user && !locked && user.active ? user.password_hash : null, input.password);
  if (!user || !passwordOk || locked || !user.active) {
    const reason = !user ? 'unknown-account' : locked ? 'locked' : !user.active ? 'inactive' : 'wrong-password';
    // An unknown address belongs to no region: it goes to the installation's, so its FG sees it.
    const regionCode = user?.region_code ?? config.SCHAKEL_REGION;
    await writeAccessLog(db, request, { action: 'login-failed', outcome: 'failure', userId: user?.id, regionCode, reason });
    if (user && !locked && user.active && (await repository.recordFailure(db, user.id, config.LOCKOUT_ATTEMPTS, config.LOCKOUT_MINUTES))) {
      await writeAccessLog(db, request, { action: 'lockout', outcome: 'success', userId: user.id, regionCode, recordType: 'user', recordId: user.id });
    }
    throw new AppError('auth.failed');
  }
  const skipSecondFactor = demoMode && user.is_demo;
  const { token, session } = await createSession(db, config, {
    userId: user.id,
    secondFactorDone: skipSecondFactor,
    clientAddress: request.ip,
    userAgent: request.headers['user-agent'],
  });
  const state: SessionState = skipSecondFactor ? 'active' : user.totp_enabled_at ? 'second-factor-required' : 'enrolment-required';
  if (state === 'active') {
    await repository.recordLogin(db, user.id);
    await writeAccessLog(db, request, { action: 'login', outcome: 'success', userId: user.id, reason: 'demo: second factor skipped' });
  }
  return { token, csrfToken: session.csrfToken, state };
}

/** Second step: a TOTP code (each time step once) or an unused recovery code. */
export async function verifySecondFactor(
  { db, config }: Deps,
  request: FastifyRequest,
  pending: { id: string; userId: string },
  input: { code: string } | { recoveryCode: string },
) {
  const user = await repository.findUserSecrets(db, pending.userId);
  if (!user?.totp_enabled_at || !user.totp_secret) throw new AppError('auth.second-factor-state');
  let ok = false;
  if ('code' in input) {
    const step = matchTotp(user.totp_secret, input.code, user.totp_last_step === null ? null : Number(user.totp_last_step));
    if (step !== undefined) {
      await repository.setTotp(db, user.id, { totp_last_step: step });
      ok = true;
    }
  } else {
    ok = await repository.useRecoveryCode(db, user.id, sha256(normaliseRecoveryCode(input.recoveryCode)));
    if (ok) await writeAccessLog(db, request, { action: 'recovery-code-used', outcome: 'success', userId: user.id });
  }
  if (!ok) {
    await writeAccessLog(db, request, { action: 'second-factor-failed', outcome: 'failure', userId: user.id });
    if (await repository.recordFailure(db, user.id, config.LOCKOUT_ATTEMPTS, config.LOCKOUT_MINUTES)) {
      await writeAccessLog(db, request, { action: 'lockout', outcome: 'success', userId: user.id, recordType: 'user', recordId: user.id });
    }
    throw new AppError('auth.second-factor-invalid');
  }
  const token = await completeSecondFactor(db, pending.id);
  await repository.recordLogin(db, user.id);
  await writeAccessLog(db, request, { action: 'login', outcome: 'success', userId: user.id });
  return { token };
}

function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/** Starts (or restarts, before confirmation) enrolment: a new secret, as URI and QR code. */
export async function startEnrolment({ db }: Deps, userId: string) {
  const user = await repository.findUserSecrets(db, userId);
  if (!user || user.totp_enabled_at) throw new AppError('auth.second-factor-state');
  const secret = newTotpSecret();
  await repository.setTotp(db, userId, { totp_secret: secret, totp_enabled_at: null, totp_last_step: null });
  const otpauthUri = totpUri(secret, user.email);
  const qrCode = await QRCode.toString(otpauthUri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrCode };
}

/** Confirms enrolment with a first code; returns ten one-time recovery codes (stored hashed). */
export async function confirmEnrolment({ db }: Deps, request: FastifyRequest, userId: string, code: string, pendingSessionId?: string) {
  const user = await repository.findUserSecrets(db, userId);
  if (!user?.totp_secret || user.totp_enabled_at) throw new AppError('auth.second-factor-state');
  const step = matchTotp(user.totp_secret, code, null);
  if (step === undefined) {
    await writeAccessLog(db, request, { action: 'second-factor-failed', outcome: 'failure', userId });
    throw new AppError('auth.second-factor-invalid');
  }
  await repository.setTotp(db, userId, { totp_enabled_at: new Date(), totp_last_step: step });
  const recoveryCodes = Array.from({ length: 10 }, () => newSecret(8).replace(/[^a-zA-Z0-9]/g, 'x').slice(0, 10).toLowerCase());
  await repository.replaceRecoveryCodes(db, userId, recoveryCodes.map((c) => sha256(c)));
  await writeAccessLog(db, request, { action: 'second-factor-enrolled', outcome: 'success', userId, recordType: 'user', recordId: userId });
  let token: string | undefined;
  if (pendingSessionId) {
    token = await completeSecondFactor(db, pendingSessionId);
    await repository.recordLogin(db, userId);
    await writeAccessLog(db, request, { action: 'login', outcome: 'success', userId });
  }
  return { recoveryCodes: recoveryCodes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`), token };
}

export async function changePassword({ db }: Deps, request: FastifyRequest, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  const user = await repository.findUserSecrets(db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await writeAccessLog(db, request, { action: 'password-changed', outcome: 'failure', reason: 'wrong current password' });
    throw new AppError('auth.failed');
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) {
    throw new AppError('password.rejected', { invalidParams: [{ name: 'body.newPassword', code: problem, reason: `Password ${problem.replace('-', ' ')}` }] });
  }
  await repository.setPasswordHash(db, actor.userId, await hashPassword(input.newPassword));
  await writeAccessLog(db, request, { action: 'password-changed', outcome: 'success', recordType: 'user', recordId: actor.userId });
}

export async function me({ db }: Deps, actor: Actor): Promise<Me> {
  const profile = await repository.findProfile(db, actor.userId);
  if (!profile) throw new AppError('auth.required');
  return {
    id: profile.id,
    email: profile.email,
    displayName: profile.display_name,
    organisation: { id: profile.organisation_id, name: profile.organisation_name },
    region: profile.region_code,
    roles: actor.roles,
    allMunicipalities: actor.allMunicipalities,
    municipalities: actor.municipalities,
    secondFactor: { enabled: profile.totp_enabled_at !== null, recoveryCodesLeft: Number(profile.recovery_codes_left ?? 0) },
    permissions: {
      manageUsers: actor.roles.includes('functioneel-beheerder'),
      readAccessLog: actor.roles.includes('privacy-officer'),
    },
  };
}
