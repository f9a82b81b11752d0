import { z, ZodError } from 'zod';
import { ControlError, type EmulatorControl } from '../control';
import { faultSpecSchema } from '../faults';
import { indexPage, inboxPage } from '../inbox-page';
import { calendarRoles } from '../sharing-rules';
import type { EmulatorStore } from '../state-store';

export interface ControlResponse {
  status: number;
  contentType?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

const jsonResponse = (status: number, body: unknown): ControlResponse => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
const htmlResponse = (body: string): ControlResponse => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
const done: ControlResponse = { status: 204 };

const calendarListSchema = z.object({ userId: z.string(), ownerId: z.string(), calendarId: z.string().optional() });
const policySchema = z.object({ domain: z.string().min(1), maxRole: z.enum(calendarRoles) });

/**
 * The /_emulator routes (loopback only, no auth): the same operations as `control`, plus the inbox
 * pages people open in a browser.
 */
export function handleControl(
  method: string,
  url: URL,
  body: unknown,
  control: EmulatorControl,
  store: EmulatorStore,
): ControlResponse {
  const segments = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const route = `${method} /${segments[0] ?? ''}`;
  try {
    switch (route) {
      case 'GET /':
        return htmlResponse(indexPage(store.org.users, store.org.externalPeople));
      case 'POST /reset':
        control.reset();
        return done;
      case 'GET /faults':
        return jsonResponse(200, { value: control.faults() });
      case 'POST /faults':
        control.injectFault(faultSpecSchema.parse(body));
        return { status: 201 };
      case 'DELETE /faults':
        control.clearFaults();
        return done;
      case 'POST /calendar-list':
        return jsonResponse(201, { id: control.addToCalendarList(calendarListSchema.parse(body)) });
      case 'GET /mail':
        return mailRoute(segments, url, control);
      case 'GET /inbox': {
        const address = segments[1] ?? '';
        return htmlResponse(inboxPage(address, control.sentMail(address)));
      }
      case 'GET /requests':
        return jsonResponse(200, { value: control.requests() });
      case 'DELETE /requests':
        control.clearRequests();
        return done;
      case 'POST /policy': {
        const policy = policySchema.parse(body);
        control.setPolicy(policy.domain, policy.maxRole);
        return done;
      }
      case 'GET /users': {
        const user = control.getUser(segments[1] ?? '');
        return user ? jsonResponse(200, user) : jsonResponse(404, { error: 'No such user' });
      }
      default:
        return jsonResponse(404, { error: `No emulator control route ${method} ${url.pathname}` });
    }
  } catch (error) {
    if (error instanceof ControlError) return jsonResponse(error.status, { error: error.message });
    if (error instanceof ZodError) return jsonResponse(400, { error: error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
    throw error;
  }
}

function mailRoute(segments: string[], url: URL, control: EmulatorControl): ControlResponse {
  if (segments.length === 1) return jsonResponse(200, { value: control.sentMail(url.searchParams.get('to') ?? undefined) });
  // /mail/{id}/attachments/{index}: the attachment's bytes, so a snapshot .ics can be opened.
  const message = control.sentMail().find((candidate) => candidate.id === segments[1]);
  const attachment = segments[2] === 'attachments' ? message?.attachments[Number(segments[3])] : undefined;
  if (!attachment) return jsonResponse(404, { error: 'No such attachment' });
  return {
    status: 200,
    contentType: attachment.contentType,
    body: Buffer.from(attachment.contentBytes, 'base64'),
    headers: { 'Content-Disposition': `attachment; filename="${attachment.name.replace(/["\\\r\n]/g, '_')}"` },
  };
}
