import { Verb } from '../../cards/verbs';
import { foldText } from '../commands';
import type { Feature } from '../feature';
import { peopleIn } from '../share/share-form';
import { rangeInWords } from '../../snapshot/snapshot-range';
import type { SnapshotFeatureDeps } from './snapshot-deps';
import { openSnapshotForm } from './snapshot-form';
import { previewFromForm } from './snapshot-preview';
import { adjustSnapshot, cancelSnapshot, sendSnapshot } from './snapshot-send';

/** /snapshot (FR /instantane): email a calendar for a few days, as an agenda and an .ics file. */
export function createSnapshotFeature(deps: SnapshotFeatureDeps): Feature {
  return {
    commands: {
      // "email my calendar for tomorrow to jordan@partner.example.org": the range and addresses fill the form in.
      snapshot: (caller, args) => {
        const addresses = peopleIn(args);
        return openSnapshotForm(deps, caller, { range: rangeInWords(foldText(args)), people: addresses.includes('@') ? addresses : undefined });
      },
    },
    actions: {
      [Verb.SnapshotPreview]: (caller, data) => previewFromForm(deps, caller, data),
      [Verb.SnapshotSend]: (caller, data) => sendSnapshot(deps, caller, data),
      [Verb.SnapshotAdjust]: (caller, data) => adjustSnapshot(deps, caller, data),
      [Verb.SnapshotCancel]: (caller, data) => cancelSnapshot(deps, caller, data),
    },
  };
}
