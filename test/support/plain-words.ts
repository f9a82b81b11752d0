import type { Person } from '../../src/graph/calendar-gateway';
import type { Locale } from '../../src/i18n';
import { trainedClassifier } from '../../src/nlu';
import { commandOf, isFollowUp } from '../../src/nlu/intents';
import { MessageUnderstanding } from '../../src/nlu/understanding';
import type { CommandName } from '../../src/dialogs/commands';

/** A small directory for the people matcher: startswith on names, like Graph's $filter. */
const people: Person[] = [
  { id: '1', displayName: 'Megan Bowen', address: 'meganb@example.com', isInsideOrganization: true },
  { id: '2', displayName: 'Adele Vance', address: 'adelev@example.com', isInsideOrganization: true },
  { id: '3', displayName: 'Alex Wilber', address: 'alexw@example.com', isInsideOrganization: true },
  { id: '4', displayName: 'Patti Fernandez', address: 'pattif@example.com', isInsideOrganization: true },
];
const directory = {
  findPeople: (_caller: unknown, { query }: { query: string }) =>
    Promise.resolve(people.filter((person) => person.displayName.toLowerCase().split(' ').some((part) => part.startsWith(query.toLowerCase())))),
};

let understanding: Promise<MessageUnderstanding> | undefined;

/** The command a plain sentence runs, as the bot's classifier understands it (undefined for a follow-up). */
export async function commandForSentence(locale: Locale, text: string): Promise<CommandName | undefined> {
  understanding ??= trainedClassifier().then((classifier) => new MessageUnderstanding({ classifier, directory }));
  const understood = await (await understanding).understand({ userId: 'u', locale }, text);
  return isFollowUp(understood.intent) ? undefined : commandOf(understood.intent);
}
