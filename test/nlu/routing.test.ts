import { argsFor } from '../../src/dialogs/plain-words';
import type { Person } from '../../src/graph/calendar-gateway';
import { trainedClassifier } from '../../src/nlu';
import { commandOf, isFollowUp } from '../../src/nlu/intents';
import { MessageUnderstanding } from '../../src/nlu/understanding';

/** The directory the people matcher asks: startswith on names, like Graph's $filter. */
const people: Person[] = [
  { id: '1', displayName: 'Megan Bowen', address: 'meganb@example.com', isInsideOrganization: true },
  { id: '2', displayName: 'Adele Vance', address: 'adelev@example.com', isInsideOrganization: true },
];
const directory = {
  findPeople: (_caller: unknown, { query }: { query: string }) =>
    Promise.resolve(people.filter((person) => person.displayName.toLowerCase().split(' ').some((part) => part.startsWith(query.toLowerCase())))),
};

/**
 * Sentences for the commands other features add (snapshot, publish, feeds, sync, free/busy) reach
 * their command names with only recognised entities as arguments, through the same mechanism as
 * typed commands: once their feature registers the handler, the sentence runs it.
 */
describe('routing plain words to command names', () => {
  let understanding: MessageUnderstanding;
  beforeAll(async () => {
    understanding = new MessageUnderstanding({ classifier: await trainedClassifier(), directory });
  });

  it.each([
    ['fr', 'publier mon calendrier', 'publish', ''],
    ['fr', 'ajouter le flux https://exemple.org/Cal.ics', 'addfeed', 'https://exemple.org/Cal.ics'],
    ['en', 'add this feed webcal://example.org/agenda.ics', 'addfeed', 'webcal://example.org/agenda.ics'],
    ['fr', 'mes flux ics', 'feeds', ''],
    ['fr', 'synchroniser mon agenda avec google', 'sync', ''],
    ['fr', 'envoyer mon agenda des 7 prochains jours par mail a Megan', 'snapshot', 'meganb@example.com'],
    ['en', 'when is adele free', 'freebusy', 'adelev@example.com'],
    ['en', "remove Megan's access", 'permissions', 'meganb@example.com'],
    ['fr', "je veux partager mon agenda avec un partenaire externe, tous les détails", 'share', ''],
  ] as const)('%s "%s" runs /%s with "%s"', async (locale, text, command, args) => {
    const understood = await understanding.understand({ userId: 'u', locale }, text);
    expect(isFollowUp(understood.intent)).toBe(false);
    if (isFollowUp(understood.intent)) return;
    expect(commandOf(understood.intent)).toBe(command);
    expect(argsFor(understood.intent, understood)).toBe(args);
  });

  it('reads the date range and the level', async () => {
    const understood = await understanding.understand({ userId: 'u', locale: 'fr' }, 'envoyer mon agenda des 7 prochains jours a Megan, juste les dispos');
    expect(understood.dateRange).toEqual({ startInDays: 0, days: 7 });
    expect(understood.level).toBe('freeBusyRead');
  });
});
