import { buttonData, cardFrom, choicesOf } from '../test/support/cards';
import { tenantId, type DemoUser } from '../test/support/demo-users';
import { benchPeople, benchPeopleCount, sharerOf } from './bench-org';
import type { RemoteBot } from './remote-bot';

/** One load of the comparison: the activity of request n, posted to both bots alike. */
export interface Scenario {
  name: string;
  activityFor: (n: number) => object;
}

type Delivery = 'expectReplies' | 'connector';

/**
 * Request n comes from person n mod 200, in that person's own 1:1 chat with the bot: in Teams a person has
 * one, so their conversation reference stays the same from turn to turn.
 */
function activities(remote: RemoteBot, delivery: Delivery, fields: (user: DemoUser, index: number) => Record<string, unknown>) {
  return (n: number): object => {
    const index = n % benchPeopleCount;
    const user = benchPeople[index];
    return {
      ...remote.activity(user, fields(user, index)),
      id: `load-${n}`,
      conversation: { id: `bench-${user.aadObjectId}`, conversationType: 'personal', tenantId },
      ...(delivery === 'expectReplies' ? { deliveryMode: 'expectReplies' } : {}),
    };
  };
}

const message = (text: string) => () => ({ type: 'message', text });
const click = (dataOf: (user: DemoUser, index: number) => Record<string, unknown>) => (user: DemoUser, index: number) => {
  const data = dataOf(user, index);
  return { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: data.verb, data } } };
};

async function primaryCalendarId(graphBaseUrl: string, user: DemoUser): Promise<string> {
  const response = await fetch(`${graphBaseUrl}/me/calendars`, { headers: { authorization: `Bearer emu.${user.aadObjectId}` } });
  const body = (await response.json()) as { value: Array<{ id: string; isDefaultCalendar?: boolean }> };
  const primary = body.value.find((calendar) => calendar.isDefaultCalendar) ?? body.value[0];
  return primary.id;
}

/** Follows the calendar shared with `user` through /subscribe and returns the done card's agenda button data. */
async function agendaButton(remote: RemoteBot, user: DemoUser, owner: DemoUser): Promise<Record<string, unknown>> {
  const pick = cardFrom(await remote.say(user, `/subscribe ${owner.email}`));
  const calendarIds = choicesOf(pick, 'calendarIds').map((choice) => choice.value).join(',');
  const done = cardFrom(await remote.click(user, { ...buttonData(pick, /^(Save|Enregistrer)$/), calendarIds }));
  return { ...buttonData(done, /^(Open the agenda|Ouvrir l'agenda)$/), range: 'week' };
}

/** `work` for every bench person, one after the other (setting up through turns, as people would). */
async function forEveryone<T>(work: (user: DemoUser, index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const [index, user] of benchPeople.entries()) results.push(await work(user, index));
  return results;
}

/**
 * The scenarios of the issue over the bench's 200 people (bench/bench-org.ts), their data prepared
 * through our bot's own turns: each person follows the calendar the person before them shared.
 */
export async function prepareScenarios(remote: RemoteBot, graphBaseUrl: string): Promise<Scenario[]> {
  const calendars = await forEveryone((user) => primaryCalendarId(graphBaseUrl, user));
  // Someone they do not share with yet, so each review proposes a new share.
  const reviewData = (_user: DemoUser, index: number) => ({
    verb: 'shareReview',
    calendarId: calendars[index],
    emails: benchPeople[(index + 2) % benchPeopleCount].email,
    role: 'read',
    endDate: '',
  });
  const agendas = await forEveryone((user, index) => agendaButton(remote, user, sharerOf(index)));
  const expect = (fields: (user: DemoUser, index: number) => Record<string, unknown>) => activities(remote, 'expectReplies', fields);
  return [
    { name: '/help', activityFor: expect(message('/help')) },
    { name: '/share (form)', activityFor: expect(message('/share')) },
    { name: 'share review click', activityFor: expect(click(reviewData)) },
    { name: '/permissions', activityFor: expect(message('/permissions')) },
    { name: 'agenda click', activityFor: expect(click((_user, index) => agendas[index])) },
    { name: '/help (replies through the connector)', activityFor: activities(remote, 'connector', message('/help')) },
  ];
}
