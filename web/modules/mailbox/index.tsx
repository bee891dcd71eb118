import './mailbox.css';
import type { WebModule } from '@web/core/module';
import { MailboxPage } from './MailboxPage';
import { canUseMailbox, mailboxPath } from './mailbox.rules';

/** The regional mailbox: the ketenregisseur only (the server checks every request). */
export const mailboxModule: WebModule = {
  name: 'mailbox',
  routes: [{ path: mailboxPath.slice(1), element: <MailboxPage />, access: canUseMailbox }],
  navigation: [{ to: mailboxPath, labelKey: 'nav.mailbox', descriptionKey: 'mailbox.summary', visible: canUseMailbox }],
};
