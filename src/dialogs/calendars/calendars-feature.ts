import { Verb } from '../../cards/verbs';
import type { Feature } from '../feature';
import { cardReply } from '../reply';
import { AgendaFlow } from './agenda-flow';
import { AliasFlow } from './alias-flow';
import { CalendarListFlow } from './calendar-list-flow';
import type { SubscriptionFeatureDeps } from './feature-deps';
import { UnsubscribeFlow } from './unsubscribe-flow';

/** /calendars and /alias: the calendars I follow, their agenda, my names for them, unsubscribing. */
export function createCalendarsFeature(deps: SubscriptionFeatureDeps): Feature {
  const list = new CalendarListFlow(deps);
  const agenda = new AgendaFlow(deps);
  const alias = new AliasFlow(deps);
  const unsubscribe = new UnsubscribeFlow(deps);
  return {
    commands: {
      calendars: async (caller) => [cardReply(await list.show(caller))],
      alias: (caller, args) => alias.start(caller, args),
    },
    actions: {
      [Verb.ShowCalendars]: async (caller) => ({ card: await list.show(caller) }),
      [Verb.ShowAgenda]: (caller, data) => agenda.show(caller, data),
      [Verb.AskAlias]: (caller, data) => alias.ask(caller, data),
      [Verb.SaveAlias]: (caller, data) => alias.save(caller, data),
      [Verb.AskUnsubscribe]: (caller, data) => unsubscribe.ask(caller, data),
      [Verb.ConfirmUnsubscribe]: (caller, data) => unsubscribe.confirm(caller, data),
    },
  };
}
