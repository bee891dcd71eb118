import type { Me } from '@server/modules/identity/identity.schema';
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginPaths } from '@web/core/access';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import { useLogOut, useSession } from '@web/core/session';
import { loadMunicipalities } from '@web/modules/regions';
import { PasswordForm } from './PasswordForm';
import { SessionsSection } from './SessionsSection';

function Profile({ me }: { me: Me }) {
  const { t } = useTranslation();
  const municipalities = useResource(`municipalities:${me.region}`, (signal) => loadMunicipalities(me.region, signal));
  const names = new Map(municipalities.status === 'ready' ? municipalities.data.map((m) => [m.code, m.name]) : []);
  const scope = me.allMunicipalities
    ? t('identity.profile.wholeRegion')
    : me.municipalities.length === 0
      ? t('identity.profile.noMunicipalities')
      : me.municipalities.map((code) => names.get(code) ?? code).join(', ');
  return (
    <section className="schakel-section schakel-account-section" aria-labelledby="profile-heading">
      <Heading2 id="profile-heading">{t('identity.profile.heading')}</Heading2>
      <dl className="schakel-details" data-testid="profile">
        <div className="schakel-details__row">
          <dt>{t('identity.profile.name')}</dt>
          <dd>{me.displayName}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('identity.profile.email')}</dt>
          <dd>{me.email}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('identity.profile.organisation')}</dt>
          <dd>{me.organisation.name}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('identity.profile.roles')}</dt>
          <dd>{me.roles.length ? me.roles.map((role) => t(`roles.${role}`)).join(', ') : t('identity.profile.noRoles')}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('identity.profile.municipalities')}</dt>
          <dd>{scope}</dd>
        </div>
      </dl>
      <Paragraph className="schakel-hint">{t('identity.profile.changeHint')}</Paragraph>
    </section>
  );
}

function SecondFactorStatus({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <section className="schakel-section schakel-account-section" aria-labelledby="second-factor-status-heading">
      <Heading2 id="second-factor-status-heading">{t('identity.secondFactorStatus.heading')}</Heading2>
      {me.secondFactor.enabled ? (
        <>
          <Paragraph data-testid="second-factor-status">{t('identity.secondFactorStatus.enabled')}</Paragraph>
          <Paragraph>{t('identity.secondFactorStatus.codesLeft', { count: me.secondFactor.recoveryCodesLeft })}</Paragraph>
          {me.secondFactor.recoveryCodesLeft <= 3 ? <Paragraph>{t('identity.secondFactorStatus.fewLeft')}</Paragraph> : null}
        </>
      ) : (
        <>
          <Paragraph data-testid="second-factor-status">{t('identity.secondFactorStatus.disabled')}</Paragraph>
          <AppLink to={loginPaths.enrolment}>{t('identity.secondFactorStatus.setUp')}</AppLink>
        </>
      )}
    </section>
  );
}

export function MyAccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const logOut = useLogOut();
  const [leaving, setLeaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const { refresh } = session;
  // Fresh figures (recovery codes left) each visit; the shell loaded the session at start.
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);
  const me = session.me;
  if (!me) return null;

  const leave = async () => {
    setLeaving(true);
    setFailed(false);
    try {
      await logOut();
    } catch {
      setFailed(true);
      setLeaving(false);
    }
  };

  return (
    <>
      <PageHeading title={t('identity.account.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('identity.account.lead', { name: me.displayName })}
      </Paragraph>
      <Profile me={me} />
      <SecondFactorStatus me={me} />
      <PasswordForm />
      <SessionsSection />
      <section className="schakel-section schakel-account-section" aria-labelledby="logout-heading">
        <Heading2 id="logout-heading">{t('identity.account.logOutHeading')}</Heading2>
        <Paragraph>{t('identity.account.logOutText')}</Paragraph>
        {failed ? (
          <p role="alert" className="schakel-account__error">
            {t('header.logOutFailed')}
          </p>
        ) : null}
        <div className="schakel-account-section__actions">
          <Button appearance="primary-action-button" busy={leaving} onClick={() => void leave()} data-testid="account-logout">
            {t('header.logOut')}
          </Button>
        </div>
      </section>
    </>
  );
}
