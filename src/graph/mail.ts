import type { Message } from '@microsoft/microsoft-graph-types';
import type { Caller, MailAttachment } from './calendar-gateway';
import type { GraphDeps } from './graph-deps';
import { GraphError } from './graph-error';
import { visibleName } from '../text/display-text';

/** Graph's limit for an inline fileAttachment (a larger one needs an upload session). */
const maxAttachmentBytes = 3 * 1024 * 1024;

/** Mail from the caller's mailbox: the fallback when a share invitation must reach someone by email. */
export class Mail {
  constructor(private readonly deps: GraphDeps) {}

  async sendMail(caller: Caller, params: { to: string[]; subject: string; html: string; attachment?: MailAttachment }): Promise<void> {
    if (params.to.length === 0) throw new GraphError('invalidRequest', 'A mail needs at least one recipient');
    if (params.attachment && decodedSize(params.attachment.base64) >= maxAttachmentBytes) {
      throw new GraphError('invalidRequest', 'The attachment is too large for an email (3 MB)');
    }
    const message: Message = {
      // A subject holds names; the body is escaped by its builder (htmlText).
      subject: visibleName(params.subject),
      body: { contentType: 'html', content: params.html },
      toRecipients: params.to.map((address) => ({ emailAddress: { address } })),
    };
    const attachments = params.attachment
      ? [{ '@odata.type': '#microsoft.graph.fileAttachment', name: params.attachment.name, contentType: params.attachment.contentType, contentBytes: params.attachment.base64 }]
      : undefined;
    await this.deps.api.post<unknown>(caller, '/me/sendMail', { message: { ...message, attachments }, saveToSentItems: true });
  }
}

function decodedSize(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
