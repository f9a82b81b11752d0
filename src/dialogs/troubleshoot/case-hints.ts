import type { TreeIndex } from '../../troubleshoot/tree-index';
import type { Understanding } from '../../nlu/understanding';

/** What a typed message already says about a case: "je ne vois pas le calendrier de Megan". */
export interface CaseHints {
  symptomId?: string;
  /** The address of the person the message named (an address, or a name the directory knows). */
  personAddress?: string;
  /** Their display name. */
  personName?: string;
  /** The app, when the message named one the tree knows. */
  clientId?: string;
}

/**
 * The hints of a classified sentence: its recognised entities only. A person named with no problem
 * recognised is most often a calendar that does not show.
 */
export function hintsFrom(understood: Understanding, tree: TreeIndex): CaseHints {
  const [person] = understood.people;
  const symptomId = understood.symptom && tree.symptom(understood.symptom) ? understood.symptom : person ? 'calendar-missing' : undefined;
  const clientId = understood.client && tree.client(understood.client) ? understood.client : undefined;
  return {
    ...(symptomId && { symptomId }),
    ...(clientId && { clientId }),
    ...(person && { personAddress: person.address, personName: person.name }),
  };
}
