import type { mailboxMessageListSchema, mailboxReceiptSchema, mailboxStatusReportSchema, MailboxMessage } from '@server/modules/mailbox/mailbox.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';
import type { MailboxFilter } from './mailbox.rules';

export type MailboxMessageList = z.infer<typeof mailboxMessageListSchema>;
export type MailboxReceipt = z.infer<typeof mailboxReceiptSchema>;
export type MailboxStatusReport = z.infer<typeof mailboxStatusReportSchema>;
export type { MailboxMessage };

export const MAILBOX_PAGE_SIZE = 25;

export function messagesUrl(filter: MailboxFilter, page: number): string {
  return apiUrl('/mailbox/messages', { status: filter === 'all' ? undefined : filter, page, pageSize: MAILBOX_PAGE_SIZE });
}

export function loadMessages(url: string, signal: AbortSignal): Promise<MailboxMessageList> {
  return apiRequest<MailboxMessageList>(url, { signal });
}

export function loadMailboxStatus(signal: AbortSignal): Promise<MailboxStatusReport> {
  return apiRequest<MailboxStatusReport>(apiUrl('/mailbox/status'), { signal });
}

/** The raw message as a download; a plain link, so the browser saves it with the session cookie. */
export function rawMessageUrl(id: string): string {
  return apiUrl(`/mailbox/messages/${encodeURIComponent(id)}/raw`);
}

export function retryMessage(id: string): Promise<MailboxMessage> {
  return apiRequest<MailboxMessage>(apiUrl(`/mailbox/messages/${encodeURIComponent(id)}/parse`), { method: 'POST' });
}

/** Sends an .eml as it is; the server stores it before it parses it. */
export function uploadMessage(file: File): Promise<MailboxReceipt> {
  return apiRequest<MailboxReceipt>(apiUrl('/mailbox/messages'), { method: 'POST', body: file, headers: { 'Content-Type': 'message/rfc822' } });
}
