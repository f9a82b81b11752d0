import { Verb } from '../../cards/verbs';
import type { SubscriptionFeatureDeps } from '../calendars/feature-deps';
import type { Feature } from '../feature';
import { AccessRequestFlow } from './access-request-flow';
import { SubscribeFlow } from './subscribe-flow';

/** /subscribe: follow a calendar someone already shared (lost invitation), or ask them for one. */
export function createSubscribeFeature(deps: SubscriptionFeatureDeps): Feature {
  const subscribe = new SubscribeFlow(deps);
  const requests = new AccessRequestFlow(deps);
  return {
    commands: { subscribe: (caller, args) => subscribe.start(caller, args) },
    actions: {
      [Verb.SubscribeOwner]: (caller, data) => subscribe.chooseOwner(caller, data),
      [Verb.SubscribeSave]: (caller, data) => subscribe.save(caller, data),
      [Verb.RequestAccess]: (caller, data) => requests.request(caller, data),
      [Verb.DeclineAccessRequest]: (caller, data) => requests.decline(caller, data),
    },
  };
}
