import type { User } from '@server/modules/users/users.schema';
import { Alert, Button, Heading2, LinkButton, Paragraph } from '@utrecht/component-library-react';
import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { userPath, usersPath } from './users.rules';

interface InitialPasswordProps {
  user: User;
  password: string;
  onAnother(): void;
  ref?: Ref<HTMLDivElement>;
}

/** The new account's first password, shown this once: the server keeps only its hash. */
export function InitialPassword({ user, password, onAnother, ref }: InitialPasswordProps) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copyPassword = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div ref={ref} tabIndex={-1} className="schakel-created" data-testid="user-created">
      <Alert type="ok" role="status">
        <Heading2 className="schakel-created__heading">{t('users.created.heading', { name: user.displayName })}</Heading2>
        <Paragraph>{t('users.created.intro', { email: user.email })}</Paragraph>
      </Alert>
      <Paragraph className="schakel-created__label">{t('users.created.password')}</Paragraph>
      <p className="schakel-created__password">
        <code className="schakel-code" data-testid="initial-password">
          {password}
        </code>
      </p>
      <Paragraph>{t('users.created.once')}</Paragraph>
      <Button appearance="secondary-action-button" onClick={() => void copyPassword()}>
        {t('users.created.copy')}
      </Button>
      <p className="schakel-copy-status" role="status">
        {copy === 'copied' ? t('users.created.copied') : copy === 'failed' ? t('users.created.copyFailed') : ''}
      </p>
      <ul className="schakel-link-list">
        <li>
          <AppLink to={userPath(user.id)}>{t('users.created.toUser')}</AppLink>
        </li>
        <li>
          <AppLink to={usersPath}>{t('users.created.toList')}</AppLink>
        </li>
        <li>
          <LinkButton inline className="schakel-link-button" onClick={onAnother}>
            {t('users.created.another')}
          </LinkButton>
        </li>
      </ul>
    </div>
  );
}
