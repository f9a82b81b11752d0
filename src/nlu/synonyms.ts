import type { Locale } from '../i18n';

/**
 * Words people use for the same thing, per language (folded: lower case, no accents). Training adds,
 * for each corpus sentence, variants with a word swapped for another of its group, so a sentence
 * with "planning" is understood like the one the corpus wrote with "agenda". Only plain synonyms:
 * swapping must never change what the sentence asks for.
 */
export const synonymGroups: Record<Locale, string[][]> = {
  fr: [
    ['agenda', 'calendrier', 'planning', 'cal', 'calendier', 'calandrier'],
    ['rdv', 'rendez-vous', 'reunions', 'evenements', 'reunion'],
    ['supprime', 'efface', 'vire', 'jete', 'perdu'],
    ['retirer', 'enlever', 'couper', 'revoquer', 'stopper', 'supprimer'],
    ['mail', 'email', 'e-mail', 'courriel', 'message'],
    ['invitation', 'invit', 'invite'],
    ['collegue', 'collaborateur', 'binome', 'coequipier'],
    ['chef', 'manager', 'responsable', 'boss'],
    ['voir', 'consulter', 'lire', 'afficher'],
    ['lien', 'url', 'adresse'],
    ['libre', 'dispo', 'disponible'],
    ['creneau', 'horaire', 'moment'],
    ['probleme', 'souci', 'bug', 'erreur'],
    ['renommer', 'rebaptiser', 'renomer'],
    ['synchroniser', 'synchro', 'sync', 'synchronisation'],
    ['envoyer', 'expedier', 'transmettre'],
  ],
  en: [
    ['calendar', 'agenda', 'schedule', 'cal', 'calender'],
    ['meetings', 'appointments', 'events'],
    ['deleted', 'removed', 'erased', 'trashed', 'lost'],
    ['remove', 'revoke', 'cut', 'delete', 'end'],
    ['email', 'mail', 'e-mail', 'message'],
    ['invitation', 'invite'],
    ['colleague', 'coworker', 'teammate'],
    ['boss', 'manager'],
    ['see', 'view', 'read', 'show'],
    ['link', 'url', 'address'],
    ['free', 'available'],
    ['slot', 'time'],
    ['problem', 'issue', 'bug', 'error', 'trouble'],
    ['rename', 'relabel', 'renam'],
    ['sync', 'synchronize', 'synchronise'],
    ['send', 'forward'],
  ],
};

/** The sentence with each word of a group swapped for the others, one swap per variant (at most `max`). */
export function synonymVariants(locale: Locale, folded: string, max = 6): string[] {
  const words = folded.split(' ');
  const variants: string[] = [];
  for (let index = 0; index < words.length && variants.length < max; index++) {
    const group = synonymGroups[locale].find((candidates) => candidates.includes(words[index]));
    if (!group) continue;
    for (const other of group) {
      if (other === words[index] || variants.length >= max) continue;
      variants.push([...words.slice(0, index), other, ...words.slice(index + 1)].join(' '));
    }
  }
  return variants;
}
