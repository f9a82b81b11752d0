import type { BotHarness } from '../support/bot-harness';
import { cardText, invokeCard, type Card } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import type { DemoUser } from '../support/demo-users';

/** Publishes one of the user's calendars through the card, as Teams sends the click. */
export async function publish(bot: BotHarness, user: DemoUser, calendar = 'Calendar', level = 'freeBusyRead'): Promise<Card | undefined> {
  await bot.say(user, '/publish');
  return invokeCard(await bot.click(user, { verb: 'publishCreate', calendarId: calendarIdOf(bot, user, calendar), level }));
}

/** The https and webcal links a card shows. */
export function linksIn(card: Card | undefined): { https: string; webcal: string } {
  const text = cardText(card);
  const https = /https?:\/\/\S+\/feeds\/[0-9a-f]{64}\.ics/.exec(text)?.[0];
  const webcal = /webcal:\/\/\S+\/feeds\/[0-9a-f]{64}\.ics/.exec(text)?.[0];
  if (!https || !webcal) throw new Error(`No feed links in: ${text}`);
  return { https, webcal };
}

/** A published link made through the flow: its URL and token. */
export async function publishedLink(bot: BotHarness, user: DemoUser, calendar = 'Calendar', level = 'freeBusyRead'): Promise<{ url: string; token: string }> {
  const { https } = linksIn(await publish(bot, user, calendar, level));
  return { url: https, token: /\/feeds\/([^/]+)\.ics$/.exec(https)![1] };
}

/** The data of a button in the /permissions row whose title starts with `row` (each row is a ColumnSet). */
export function rowButton(card: Card | undefined, row: string, title: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const columns = record.columns as Array<{ items?: Array<{ text?: string; actions?: Array<{ title: string; data: Record<string, unknown> }> }> }> | undefined;
    if (record.type === 'ColumnSet' && columns?.[0]?.items?.[0]?.text?.startsWith(row)) {
      const actions = columns.flatMap((column) => column.items ?? []).flatMap((item) => item.actions ?? []);
      found ??= actions.find((action) => action.title === title)?.data;
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
  if (!found) throw new Error(`No "${title}" in the row "${row}"`);
  return found;
}
