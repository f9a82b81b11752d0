import { Verb } from '../../cards/verbs';
import type { Feature } from '../feature';
import { cardReply } from '../reply';
import { AgendaFlow } from './agenda-flow';
import { AliasFlow } from './alias-flow';
import { CalendarListFlow } from './calendar-list-flow';
import { OutlookAddFlow } from './outlook-add-flow';
import type { SubscriptionFeatureDeps } from './feature-deps';
import { UnsubscribeFlow } from './unsubscribe-flow';

/** /calendars and /alias: the calendars I follow, their agenda, my names for them, adding them to Outlook, unsubscribing. */
export function createCalendarsFeature(deps: SubscriptionFeatureDeps, outlook: OutlookAddFlow = new OutlookAddFlow(deps)): Feature {
  const list = new CalendarListFlow(deps);
  const agenda = new AgendaFlow(deps);
  const alias = new AliasFlow(deps, outlook);
  const unsubscribe = new UnsubscribeFlow(deps);
  return {
    commands: {
      // "c'est fait" after the steps to add a calendar in Outlook: check again, else the list.
      calendars: async (caller, _args, understood) => (understood?.intent === 'done' && (await outlook.doneTyped(caller))) || [cardReply(await list.show(caller))],
      alias: (caller, args) => alias.start(caller, args),
    },
    actions: {
      [Verb.ShowCalendars]: async (caller) => ({ card: await list.show(caller) }),
      [Verb.ShowAgenda]: (caller, data) => agenda.show(caller, data),
      [Verb.AskAlias]: (caller, data) => alias.ask(caller, data),
      [Verb.SaveAlias]: (caller, data) => alias.save(caller, data),
      [Verb.CheckOutlookList]: (caller, data) => outlook.check(caller, data),
      [Verb.AskUnsubscribe]: (caller, data) => unsubscribe.ask(caller, data),
      [Verb.ConfirmUnsubscribe]: (caller, data) => unsubscribe.confirm(caller, data),
    },
  };
}
