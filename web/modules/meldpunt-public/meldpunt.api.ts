import type { z } from 'zod';
import type {
  attachmentReceiptSchema,
  challengeResponseSchema,
  followUpStatusSchema,
  publicReceiptSchema,
  publicSignalInputSchema,
} from '@server/modules/signals/signals.schema';
import { ApiError, apiRequest, apiUrl, csrfHeaders, isProblem } from '@web/core/api/client';
import { currentLanguage } from '@web/core/i18n';
import { contentDisposition, uploadContentType } from './meldpunt.rules';

/** The request body as sent (fields with a server default may be left out). */
export type PublicSignalInputBody = z.input<typeof publicSignalInputSchema>;
export type PublicReceipt = z.infer<typeof publicReceiptSchema>;
export type Challenge = z.infer<typeof challengeResponseSchema>;
export type AttachmentReceipt = z.infer<typeof attachmentReceiptSchema>;
export type FollowUpStatus = z.infer<typeof followUpStatusSchema>;

export async function createChallenge(): Promise<Challenge> {
  return apiRequest<Challenge>(apiUrl('/public/challenges'), { method: 'POST' });
}

export async function submitPublicSignal(input: PublicSignalInputBody): Promise<PublicReceipt> {
  return apiRequest<PublicReceipt>(apiUrl('/public/signals'), { method: 'POST', body: input });
}

export async function lookUpFollowUp(reference: string, followUpCode: string): Promise<FollowUpStatus> {
  return apiRequest<FollowUpStatus>(apiUrl('/public/follow-ups'), { method: 'POST', body: { reference: reference.trim(), followUpCode } });
}

export async function addToReport(reference: string, followUpCode: string, text: string): Promise<FollowUpStatus> {
  return apiRequest<FollowUpStatus>(apiUrl('/public/follow-up-additions'), {
    method: 'POST',
    body: { reference: reference.trim(), followUpCode, text },
  });
}

/**
 * Uploads one file as the raw body, for the report `submissionId` is writing. XMLHttpRequest
 * rather than fetch, because only it tells how far the upload is.
 */
export function uploadAttachment(
  file: File,
  submissionId: string,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<AttachmentReceipt> {
  const language = currentLanguage();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl('/public/attachments'));
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': language,
      'Content-Type': uploadContentType(file.type),
      'Content-Disposition': contentDisposition(file.name),
      'Submission-Id': submissionId,
      ...csrfHeaders(),
    };
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    });
    request.addEventListener('load', () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status === 201 && body) {
        onProgress(100);
        resolve(body as AttachmentReceipt);
      } else reject(new ApiError(request.status, isProblem(body) ? body : undefined, language));
    });
    request.addEventListener('error', () => reject(new ApiError(0, undefined, language)));
    request.addEventListener('abort', () => reject(new DOMException('The upload was stopped', 'AbortError')));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
