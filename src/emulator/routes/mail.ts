import { mailboxUser } from '../calendar-access';
import { accessDenied, GraphApiError, invalidParameter, noContent, objectBody } from '../graph-http';
import type { Route, RouteContext } from '../router';
import { displayNameOf } from '../seed';
import { exchangeId, type CapturedMessage } from '../state';

type Recipient = CapturedMessage['toRecipients'][number];
type Attachment = CapturedMessage['attachments'][number];

function recipients(value: unknown, field: string): Recipient[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter(`The property '${field}' must be a collection of recipients.`);
  return value.map((item: unknown) => {
    const email = (item as { emailAddress?: { address?: unknown; name?: unknown } } | null)?.emailAddress;
    if (typeof email?.address !== 'string' || !email.address.includes('@')) {
      throw new GraphApiError(400, 'ErrorInvalidRecipients', `A recipient in '${field}' has no valid email address.`);
    }
    return { emailAddress: { address: email.address.trim(), ...(typeof email.name === 'string' ? { name: email.name } : {}) } };
  });
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

function attachments(value: unknown): Attachment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter("The property 'attachments' must be a collection.");
  return value.map((item: unknown) => {
    const file = (item ?? {}) as Record<string, unknown>;
    const type = file['@odata.type'];
    if (type !== undefined && type !== '#microsoft.graph.fileAttachment') {
      throw invalidParameter(`Only file attachments are supported here, not ${JSON.stringify(type)}.`);
    }
    if (typeof file.name !== 'string' || typeof file.contentBytes !== 'string' || !base64.test(file.contentBytes.replace(/\s/g, ''))) {
      throw invalidParameter('A file attachment needs a name and base64 contentBytes.');
    }
    const contentBytes = file.contentBytes.replace(/\s/g, '');
    return {
      name: file.name,
      contentType: typeof file.contentType === 'string' ? file.contentType : 'application/octet-stream',
      size: Buffer.from(contentBytes, 'base64').length,
      contentBytes,
    };
  });
}

/** Captures the message instead of delivering it; /_emulator/mail and the inbox page show it. */
function sendMail({ request, params, caller, store }: RouteContext) {
  if (mailboxUser(store, params.user).id !== caller.id) throw accessDenied();
  const message = objectBody(request).message as Record<string, unknown> | undefined;
  if (typeof message !== 'object' || message === null) throw invalidParameter("The property 'message' is required.");
  const body = (message.body ?? {}) as { contentType?: unknown; content?: unknown };
  const captured: Omit<CapturedMessage, 'id'> = {
    from: { name: caller.displayName, address: caller.mail },
    sentDateTime: store.clock.now().toISOString(),
    subject: typeof message.subject === 'string' ? message.subject : '',
    body: {
      contentType: typeof body.contentType === 'string' && body.contentType.toLowerCase() === 'html' ? 'html' : 'text',
      content: typeof body.content === 'string' ? body.content : '',
    },
    toRecipients: recipients(message.toRecipients, 'toRecipients'),
    ccRecipients: recipients(message.ccRecipients, 'ccRecipients'),
    bccRecipients: recipients(message.bccRecipients, 'bccRecipients'),
    attachments: attachments(message.attachments),
  };
  if (captured.toRecipients.length + captured.ccRecipients.length + captured.bccRecipients.length === 0) {
    throw new GraphApiError(400, 'ErrorInvalidRecipients', 'At least one recipient is required, but none were found.');
  }
  for (const list of [captured.toRecipients, captured.ccRecipients, captured.bccRecipients]) {
    for (const recipient of list) recipient.emailAddress.name ??= displayNameOf(store.org, recipient.emailAddress.address);
  }
  store.change((state) => {
    state.mail.push({ id: exchangeId('message', String(state.sequence)), ...captured });
    state.sequence += 1;
  });
  return noContent(202);
}

export const mailRoutes: Route[] = [{ method: 'POST', pattern: '/users/:user/sendMail', handler: sendMail }];
