import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { gateFor, type RouteAccess } from '@web/core/access';
import { LoadingState } from '@web/core/components/States';
import { ForbiddenPage } from '@web/core/pages/ForbiddenPage';
import { useSession } from '@web/core/session';

/**
 * Shows a route only to whom it is for. Someone not (fully) logged in goes to the log-in step
 * they are at, and comes back here afterwards; someone without the role sees "no access".
 */
export function RouteGate({ access = 'public', children }: { access?: RouteAccess | undefined; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const gate = gateFor(access, session.current);
  if (gate.kind === 'wait') return <LoadingState />;
  if (gate.kind === 'log-in') {
    return <Navigate to={gate.to} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (gate.kind === 'forbidden') return <ForbiddenPage />;
  return children;
}
