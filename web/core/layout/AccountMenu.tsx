import { Button } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { loginPaths, myAccountPath } from '@web/core/access';
import { useLogOut, useSession } from '@web/core/session';

/** The header's account corner: who is logged in and "Uitloggen", or a link to log in. */
export function AccountMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const logOut = useLogOut();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  if (!session.current) return null;

  if (!session.me) {
    const onLoginPage = location.pathname.startsWith(loginPaths.password);
    if (onLoginPage) return null;
    return (
      <div className="schakel-account">
        <Link
          to={loginPaths.password}
          state={{ from: `${location.pathname}${location.search}` }}
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action schakel-account__login"
        >
          {t('header.logIn')}
        </Link>
      </div>
    );
  }

  const leave = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      await logOut();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="schakel-account">
      <Link to={myAccountPath} className="schakel-account__name" data-testid="account-name">
        <span className="schakel-visually-hidden">{t('header.loggedInAs')} </span>
        {session.me.displayName}
      </Link>
      <Button appearance="secondary-action-button" className="schakel-account__logout" busy={busy} onClick={() => void leave()}>
        {t('header.logOut')}
      </Button>
      {failed ? (
        <span role="alert" className="schakel-account__error">
          {t('header.logOutFailed')}
        </span>
      ) : null}
    </div>
  );
}
