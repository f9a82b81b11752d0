import { Verb } from '../../cards/verbs';
import { publishableLevels } from '../../publishing/publishing-policy';
import type { Feature } from '../feature';
import type { PublishFeatureDeps } from './publish-deps';
import { createPublication, openPublishForm } from './publish-flow';
import { askLevelChange, askRotate, askStop, confirmLevelChange, confirmRotate, confirmStop, type LevelsFor } from './published-links';

/** /publish (FR /publier): a calendar as a feed anyone with the link can subscribe to; managed in /permissions. */
export function createPublishFeature(deps: PublishFeatureDeps): Feature {
  const levelsFor: LevelsFor = () => publishableLevels(deps.policy);
  return {
    commands: { publish: (caller) => openPublishForm(deps, caller) },
    actions: {
      [Verb.PublishCreate]: (caller, data) => createPublication(deps, caller, data),
      [Verb.PublishChange]: (caller, data) => askLevelChange(deps, caller, data, levelsFor),
      [Verb.PublishChangeConfirm]: (caller, data) => confirmLevelChange(deps, caller, data, levelsFor),
      [Verb.PublishRotate]: (caller, data) => askRotate(deps, caller, data),
      [Verb.PublishRotateConfirm]: (caller, data) => confirmRotate(deps, caller, data, deps.personalLinks && ((publication, token) => deps.personalLinks!.resend(publication, token))),
      [Verb.PublishStop]: (caller, data) => askStop(deps, caller, data),
      [Verb.PublishStopConfirm]: (caller, data) => confirmStop(deps, caller, data),
    },
  };
}
