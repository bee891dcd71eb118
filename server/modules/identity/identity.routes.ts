import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import { endAllSessions, endSession, SESSION_COOKIE } from '@server/core/auth/sessions';
import { AppError } from '@server/core/errors';
import { pageOf } from '@server/core/http/pagination';
import { type AppContext, isDemoMode } from '@server/core/module';
import {
  currentSessionSchema,
  enrolmentConfirmSchema,
  enrolmentSchema,
  loginSchema,
  meSchema,
  passwordChangeSchema,
  recoveryCodesSchema,
  secondFactorSchema,
  sessionParamsSchema,
  sessionStatusSchema,
  type SessionState,
  userSessionListSchema,
} from './identity.schema';
import * as repository from './identity.repository';
import * as service from './identity.service';

const tags = ['Identity'];
const noContent = { 204: z.undefined().describe('Done') };

function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/' });
}

export const identityRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = { db: context.database.db, config: context.config, demoMode: isDemoMode(context) };
    const { db } = deps;

    app.get(
      '/sessions/current',
      {
        config: { access: { public: true } },
        schema: { operationId: 'getCurrentSession', summary: 'Whether and how far you are logged in', tags, response: { 200: currentSessionSchema } },
      },
      async (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        if (request.pendingSession || !request.actor) request.noPersonalData = true;
        if (request.pendingSession) {
          const user = await repository.findUserSecrets(db, request.pendingSession.userId);
          const state: SessionState = user?.totp_enabled_at ? 'second-factor-required' : 'enrolment-required';
          return { state, csrfToken: request.pendingSession.csrfToken, demoMode: deps.demoMode };
        }
        const actor = request.actor;
        if (!actor || actor.via !== 'session') return { state: 'anonymous' as const, demoMode: deps.demoMode };
        const session = await db.selectFrom('user_session').select('csrf_token').where('id', '=', actor.sessionId!).executeTakeFirstOrThrow();
        const me = await readPersonalData(db, request, { recordType: 'user', purpose: 'own account' }, () => service.me(deps, actor), (m) => ({ recordId: m.id, subjects: [m.id] }));
        return { state: 'active' as const, csrfToken: session.csrf_token, demoMode: deps.demoMode, me };
      },
    );

    app.post(
      '/sessions',
      {
        config: { access: { public: true }, rateLimit: { max: context.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
        schema: { operationId: 'logIn', summary: 'Log in with e-mail address and password (first step)', tags, body: loginSchema, response: { 201: sessionStatusSchema } },
      },
      async (request, reply) => {
        const { token, csrfToken, state } = await service.logIn(deps, request, request.body);
        setSessionCookie(reply, request, token);
        return reply.status(201).send({ state, csrfToken, demoMode: deps.demoMode });
      },
    );

    app.post(
      '/sessions/current/second-factor',
      {
        config: { access: { roles: 'any', secondFactor: 'pending' }, rateLimit: { max: context.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
        schema: { operationId: 'verifySecondFactor', summary: 'Second step: a TOTP code or a recovery code', tags, body: secondFactorSchema, response: { 200: sessionStatusSchema } },
      },
      async (request, reply) => {
        const pending = request.pendingSession;
        if (!pending) throw new AppError('auth.second-factor-state');
        const { token } = await service.verifySecondFactor(deps, request, pending, request.body);
        setSessionCookie(reply, request, token);
        const session = await db.selectFrom('user_session').select('csrf_token').where('id', '=', pending.id).executeTakeFirstOrThrow();
        return { state: 'active' as const, csrfToken: session.csrf_token, demoMode: deps.demoMode };
      },
    );

    app.delete(
      '/sessions/current',
      { config: { access: { roles: 'any', secondFactor: 'pending' } }, schema: { operationId: 'logOut', summary: 'Log out', tags, response: noContent } },
      async (request, reply) => {
        const userId = request.actor?.userId ?? request.pendingSession!.userId;
        const sessionId = request.actor?.sessionId ?? request.pendingSession!.id;
        await endSession(db, userId, sessionId);
        await writeAccessLog(db, request, { action: 'logout', outcome: 'success', userId });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/sessions',
      {
        config: { access: { roles: 'any' } },
        schema: { operationId: 'listMySessions', summary: 'Your active sessions', tags, response: { 200: userSessionListSchema } },
      },
      async (request) => {
        const actor = request.actor!;
        const rows = await readPersonalData(db, request, { recordType: 'user-session', purpose: 'own sessions' }, () => repository.listSessions(db, actor.userId), () => ({ recordId: actor.userId, subjects: [actor.userId] }));
        const sessions = rows.map((s) => ({
          id: s.id,
          createdAt: new Date(s.created_at).toISOString(),
          lastSeenAt: new Date(s.last_seen_at).toISOString(),
          clientAddress: s.client_address,
          userAgent: s.user_agent,
          current: s.id === actor.sessionId,
        }));
        return pageOf(request, 'sessions', sessions, sessions.length, { page: 1, pageSize: Math.max(1, sessions.length) });
      },
    );

    app.delete(
      '/sessions/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { operationId: 'endMySession', summary: 'End one of your sessions', tags, params: sessionParamsSchema, response: noContent },
      },
      async (request, reply) => {
        if (!(await endSession(db, request.actor!.userId, request.params.id))) throw new AppError('route.not-found');
        await writeAccessLog(db, request, { action: 'session-ended', outcome: 'success', recordType: 'user-session', recordId: request.params.id });
        return reply.status(204).send();
      },
    );

    app.delete(
      '/sessions',
      { config: { access: { roles: 'any' } }, schema: { operationId: 'endAllMySessions', summary: 'End all your sessions, this one included', tags, response: noContent } },
      async (request, reply) => {
        const ended = await endAllSessions(db, request.actor!.userId);
        await writeAccessLog(db, request, { action: 'session-ended', outcome: 'success', recordType: 'user-session', reason: `all (${ended})` });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/me',
      { config: { access: { roles: 'any' } }, schema: { operationId: 'getMe', summary: 'Your account, roles and what you may use', tags, response: { 200: meSchema } } },
      async (request) => {
        const actor = request.actor!;
        return readPersonalData(db, request, { recordType: 'user', purpose: 'own account' }, () => service.me(deps, actor), (m) => ({ recordId: m.id, subjects: [m.id] }));
      },
    );

    app.post(
      '/me/password',
      {
        config: { access: { roles: 'any' }, rateLimit: { max: context.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
        schema: { operationId: 'changeMyPassword', summary: 'Change your password', tags, body: passwordChangeSchema, response: noContent },
      },
      async (request, reply) => {
        await service.changePassword(deps, request, request.actor!, request.body);
        return reply.status(204).send();
      },
    );

    app.post(
      '/me/second-factor/enrolment',
      {
        config: { access: { roles: 'any', secondFactor: 'pending' } },
        schema: { operationId: 'startSecondFactorEnrolment', summary: 'Start setting up the authenticator app (QR code)', tags, response: { 201: enrolmentSchema } },
      },
      async (request, reply) => {
        const userId = request.actor?.userId ?? request.pendingSession!.userId;
        return reply.status(201).send(await service.startEnrolment(deps, userId));
      },
    );

    app.post(
      '/me/second-factor',
      {
        config: { access: { roles: 'any', secondFactor: 'pending' }, rateLimit: { max: context.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
        schema: { operationId: 'confirmSecondFactor', summary: 'Confirm the authenticator app with a first code; returns recovery codes once', tags, body: enrolmentConfirmSchema, response: { 200: recoveryCodesSchema } },
      },
      async (request, reply) => {
        const userId = request.actor?.userId ?? request.pendingSession!.userId;
        const pendingId = request.actor ? undefined : request.pendingSession!.id;
        const { recoveryCodes, token } = await service.confirmEnrolment(deps, request, userId, request.body.code, pendingId);
        if (token) setSessionCookie(reply, request, token);
        reply.header('Cache-Control', 'no-store');
        return { recoveryCodes };
      },
    );
  };
