import type { SchakelModule } from '@server/core/module';
import { mailboxDemo } from './mailbox.demo';
import { mailboxRoutes } from './mailbox.routes';

export { checkMailboxRegion, mailboxEnabled, mailboxSettings, receiveMessage } from './mailbox.service';
export type { MailboxSettings } from './mailbox.service';
export { startMailboxPoller, pollImap, ImapSession } from './mailbox.poller';
export type { MailboxPoller, PollResult } from './mailbox.poller';
export { processDropDir } from './mailbox.drop';

/** The regional mailbox: IMAP, .eml upload and drop folder into signals (issue 5). */
export const mailboxModule: SchakelModule = {
  name: 'mailbox',
  routes: mailboxRoutes,
  demo: { sizes: { mailboxMessages: { default: 10, description: 'fictional e-mails in the regional mailbox per region (plus two that cannot be read)' } }, run: mailboxDemo },
};
