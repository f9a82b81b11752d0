import { ICAL } from '../../src/ical/ical';
import type { BotHarness, TurnResult } from '../support/bot-harness';
import { invokeCard, type Card } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import type { DemoUser } from '../support/demo-users';

export interface SnapshotInputs {
  calendar?: string;
  range?: string;
  from?: string;
  to?: string;
  level?: string;
  workingHours?: 'true' | 'false';
  emails?: string;
  people?: string;
}

/** The form filled and "Preview" clicked, as Teams sends it (inputs merged into the button's data). */
export function previewTurn(bot: BotHarness, user: DemoUser, inputs: SnapshotInputs = {}): Promise<TurnResult> {
  const { calendar = 'Calendar', ...rest } = inputs;
  return bot.click(user, {
    verb: 'snapshotPreview',
    calendarId: calendarIdOf(bot, user, calendar),
    range: 'next7',
    level: 'limitedRead',
    workingHours: 'false',
    emails: 'meganb@example.com',
    ...rest,
  });
}

export async function previewCard(bot: BotHarness, user: DemoUser, inputs: SnapshotInputs = {}): Promise<Card> {
  const card = invokeCard(await previewTurn(bot, user, inputs));
  if (!card) throw new Error('No preview card');
  return card;
}

export interface SentSnapshot {
  subject: string;
  html: string;
  attachmentName: string;
  contentType: string;
  ics: string;
  vcalendar: ICAL.Component;
  vevents: ICAL.Component[];
  summaries: string[];
}

/** The last snapshot mailed to an address, its .ics parsed with ical.js. */
export function lastSnapshotTo(bot: BotHarness, address: string): SentSnapshot {
  const mail = bot.emulator.control.sentMail(address).at(-1);
  if (!mail) throw new Error(`No mail to ${address}`);
  const [attachment] = mail.attachments;
  if (!attachment) throw new Error('The mail has no attachment');
  const ics = Buffer.from(attachment.contentBytes, 'base64').toString('utf8');
  const vcalendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const vevents = vcalendar.getAllSubcomponents('vevent');
  return {
    subject: mail.subject,
    html: mail.body.content,
    attachmentName: attachment.name,
    contentType: attachment.contentType,
    ics,
    vcalendar,
    vevents,
    summaries: vevents.map((vevent) => String(vevent.getFirstPropertyValue('summary'))).sort(),
  };
}

/** The VEVENT whose SUMMARY is `summary`. */
export function veventNamed(snapshot: SentSnapshot, summary: string): ICAL.Component {
  const found = snapshot.vevents.find((vevent) => vevent.getFirstPropertyValue('summary') === summary);
  if (!found) throw new Error(`No event "${summary}" in: ${snapshot.summaries.join(', ')}`);
  return found;
}
