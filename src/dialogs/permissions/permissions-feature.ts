import { Verb } from '../../cards/verbs';
import type { Feature } from '../feature';
import { cardReply, textReply } from '../reply';
import type { ShareFeatureDeps } from '../share/feature-deps';
import { askChange, askRevoke, confirmChange, confirmRevoke, listWith } from './permission-change';
import { showHistory } from './permissions-history';
import { permissionsCard } from './permissions-list';
import { RecentListings } from './recent-listings';
import { revokeFor } from './revoke-for-person';

/** /permissions: who sees my calendars, change a level, revoke, each with a confirmation; the audit log. */
export function createPermissionsFeature(shareDeps: ShareFeatureDeps): Feature {
  const deps = { ...shareDeps, recent: new RecentListings(shareDeps.clock) };
  return {
    commands: {
      permissions: async (caller, _args, understood) => {
        const [person] = understood?.intent === 'revoke' ? understood.people : [];
        if (person) return revokeFor(deps, caller, person.address, person.name);
        const card = await permissionsCard(deps, caller);
        return card ? [cardReply(card)] : [textReply(caller.t('permissions:noCalendars'))];
      },
    },
    actions: {
      [Verb.PermissionsShow]: (caller) => listWith(deps, caller),
      [Verb.PermissionsChange]: (caller, data) => askChange(deps, caller, data),
      [Verb.PermissionsChangeConfirm]: (caller, data) => confirmChange(deps, caller, data),
      [Verb.PermissionsRevoke]: (caller, data) => askRevoke(deps, caller, data),
      [Verb.PermissionsRevokeConfirm]: (caller, data) => confirmRevoke(deps, caller, data),
      [Verb.PermissionsHistory]: (caller) => showHistory(deps, caller),
    },
  };
}
