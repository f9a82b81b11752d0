import { buttonData, cardFrom, choicesOf } from '../test/support/cards';
import { adele, alex, isaiah, lynne, megan, patti, tenantId, type DemoUser } from '../test/support/demo-users';
import type { RemoteBot } from './remote-bot';

/** One load of the comparison: the activity of request n, posted to both bots alike. */
export interface Scenario {
  name: string;
  activityFor: (n: number) => object;
}

/** How many conversations a load spreads over. */
export const conversations = 200;

type Delivery = 'expectReplies' | 'connector';

function activities(remote: RemoteBot, users: DemoUser[], delivery: Delivery, fields: (user: DemoUser) => Record<string, unknown>) {
  return (n: number): object => {
    const conversation = n % conversations;
    const user = users[conversation % users.length];
    return {
      ...remote.activity(user, fields(user)),
      id: `load-${n}`,
      conversation: { id: `bench-${conversation}-${user.aadObjectId}`, conversationType: 'personal', tenantId },
      ...(delivery === 'expectReplies' ? { deliveryMode: 'expectReplies' } : {}),
    };
  };
}

const message = (text: string) => () => ({ type: 'message', text });
const click = (dataOf: (user: DemoUser) => Record<string, unknown>) => (user: DemoUser) => {
  const data = dataOf(user);
  return { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: data.verb, data } } };
};

async function primaryCalendarId(graphBaseUrl: string, user: DemoUser): Promise<string> {
  const response = await fetch(`${graphBaseUrl}/me/calendars`, { headers: { authorization: `Bearer emu.${user.aadObjectId}` } });
  const body = (await response.json()) as { value: Array<{ id: string; isDefaultCalendar?: boolean }> };
  const primary = body.value.find((calendar) => calendar.isDefaultCalendar) ?? body.value[0];
  return primary.id;
}

/** Follows `owner`'s calendars through /subscribe and returns the done card's agenda button data. */
async function agendaButton(remote: RemoteBot, user: DemoUser, owner: DemoUser): Promise<Record<string, unknown>> {
  const pick = cardFrom(await remote.say(user, `/subscribe ${owner.email}`));
  const calendarIds = choicesOf(pick, 'calendarIds').map((choice) => choice.value).join(',');
  const done = cardFrom(await remote.click(user, { ...buttonData(pick, /^(Save|Enregistrer)$/), calendarIds }));
  return { ...buttonData(done, /^(Open the agenda|Ouvrir l'agenda)$/), range: 'week' };
}

/**
 * One person per conversation, for the turns that need no Graph: in Teams a person has one 1:1 chat
 * with the bot, so their conversation reference stays the same from turn to turn.
 */
const people: DemoUser[] = Array.from({ length: conversations }, (_, i) => ({
  aadObjectId: `00000000-0000-0000-0000-b${String(i).padStart(11, '0')}`,
  name: `Bench Person ${i}`,
  email: `bench${i}@example.com`,
  locale: i % 2 ? 'fr-FR' : 'en-US',
}));

/**
 * The scenarios of the issue, their data prepared through our bot's own turns. Those that read
 * Graph need the emulator's people, so their 200 conversations share six of them.
 */
export async function prepareScenarios(remote: RemoteBot, graphBaseUrl: string): Promise<Scenario[]> {
  const everyone = [alex, megan, adele, isaiah, patti, lynne];
  const owners = [alex, megan, isaiah, patti];
  const calendars = new Map(await Promise.all(owners.map(async (owner) => [owner.aadObjectId, await primaryCalendarId(graphBaseUrl, owner)] as const)));
  // Someone none of them shares with yet, so each review proposes a new share.
  const reviewData = (user: DemoUser) => ({ verb: 'shareReview', calendarId: calendars.get(user.aadObjectId), emails: user === lynne ? adele.email : lynne.email, role: 'read', endDate: '' });
  const agendas = new Map([
    [alex.aadObjectId, await agendaButton(remote, alex, adele)],
    [megan.aadObjectId, await agendaButton(remote, megan, patti)],
  ]);
  const expect = (users: DemoUser[], fields: (user: DemoUser) => Record<string, unknown>) => activities(remote, users, 'expectReplies', fields);
  return [
    { name: '/help', activityFor: expect(people, message('/help')) },
    { name: '/share (form)', activityFor: expect(everyone, message('/share')) },
    { name: 'share review click', activityFor: expect(owners, click(reviewData)) },
    { name: '/permissions', activityFor: expect(everyone, message('/permissions')) },
    { name: 'agenda click', activityFor: expect([alex, megan], click((user) => agendas.get(user.aadObjectId) ?? {})) },
    { name: '/help (replies through the connector)', activityFor: activities(remote, people, 'connector', message('/help')) },
  ];
}
