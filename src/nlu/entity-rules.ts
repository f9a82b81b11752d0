/**
 * The words that name a card's choices, per entity and option, in both languages (people mix them).
 * Options are the ids the cards use: share roles, troubleshooting client and symptom ids.
 * nlp.js matches them with a small edit distance, so "iphne" is still the iPhone.
 */
/** Per entity, per option: the words that name it. */
export type EntityWords = Record<string, Record<string, string[]>>;

export const enumEntities: EntityWords = {
  level: {
    freeBusyRead: ['free/busy', 'free busy', 'freebusy', 'disponibilites', 'disponibilite', 'dispo', 'dispos', 'libre occupe', 'libre/occupe', 'availability only', 'busy only'],
    limitedRead: ['titres et lieux', 'titre et lieu', 'titres', 'titles and locations', 'titles and places', 'subject and location', 'sujet et lieu', 'limited details'],
    read: ['tous les details', 'tout les details', 'tous les détails', 'all details', 'all the details', 'full details', 'tout voir', 'lecture', 'read only', 'reviewer'],
    write: ['modifier', 'modification', 'ecriture', 'editer', 'can edit', 'edit', 'write', 'editor'],
    delegateWithoutPrivateEventAccess: ['delegue', 'delegation', 'delegate', 'delegated'],
  },
  client: {
    'outlook-2013-activesync': ['outlook 2013'],
    'outlook-2016-activesync': ['outlook 2016 activesync', 'outlook 2016 en activesync'],
    'outlook-mac': ['outlook mac', 'outlook pour mac', 'outlook for mac', 'macbook', 'mac os', 'macos'],
    'outlook-web': ['outlook web', 'owa', 'outlook sur le web', 'outlook on the web', 'navigateur', 'browser', 'outlook.office.com'],
    'outlook-mobile': ['outlook mobile', 'outlook android', 'android', 'outlook ios', 'appli outlook', 'outlook app', 'telephone android', 'samsung'],
    'iphone-mail': ['iphone', 'ipad', 'apple mail', 'mail de l iphone', 'calendrier iphone', 'iphone calendar', 'ios'],
    'booking-tool': ['calendly', 'doctolib', 'bookings', 'hubspot', 'zoom scheduler', 'prise de rendez vous', 'booking tool', 'outil de reservation', 'acuity'],
    'outlook-windows-mapi': ['outlook windows', 'outlook sur windows', 'outlook pc', 'outlook 2019', 'outlook 2021', 'outlook 365', 'nouvel outlook', 'new outlook', 'outlook classique', 'classic outlook'],
  },
  symptom: {
    'invitation-lost': ['invitation supprimee', 'supprime l invitation', 'supprime le mail', 'supprime l e mail', 'perdu l invitation', 'deleted the invitation', 'deleted the invite', 'lost the invitation', 'lost the invite', 'mail d invitation'],
    'alias-missing': ['alias', 'nom d affichage', 'display name', 'renommer', 'rename'],
    'cannot-connect': ['ews', 'serveur exchange', 'exchange server', 'adresse du serveur', 'server address', 'se connecter', 'connect', 'connexion', 'synchroniser exchange'],
    'external-refused': ['refuse', 'refused', 'not allowed', 'pas autorise', 'strategie de partage', 'sharing policy', 'policy'],
    'sign-in-mfa': ['mfa', 'authentification multifacteur', 'double authentification', '2fa', 'authenticator', 'mot de passe', 'password', 'sign in', 'me connecter a mon compte'],
    'snapshot-problem': ['instantane', 'snapshot', 'instantane pas recu', 'instantane jamais arrive', 'instantane n est pas arrive', 'snapshot not received', 'snapshot never arrived', 'snapshot did not arrive', 'agenda par mail pas arrive'],
    'publish-problem': ['lien publie', 'calendrier publie', 'published link', 'published calendar', 'lien webcal', 'webcal link'],
    'feed-problem': ['flux ics', 'flux ical', 'ics feed', 'ical feed', 'feed not updating', 'flux ne se met pas a jour', 'calendrier internet'],
    'sync-problem': ['synchro google', 'synchronisation google', 'synchro icloud', 'sync with google', 'google sync', 'icloud sync', 'doublons', 'duplicates', 'duplicate events', 'synchro caldav', 'caldav sync'],
    'calendar-missing': ['ne vois toujours pas', 'still can t see', 'still cannot see', 'ne vois pas', 'vois pas', 'voit pas', 'apparait pas', 's affiche pas', 'can t see', 'cannot see', 'not showing', 'doesn t show', 'missing', 'disparu', 'introuvable'],
  },
};

/** Addresses of feeds and published calendars: http(s) and webcal. Anchored on the scheme, one token. */
export const urlPattern = /\b(?:https?|webcal):\/\/[^\s<>"]{1,2000}/gi;

/**
 * The entity words with more words per symptom: the troubleshooting tree's own keywords (both languages),
 * so what the tree says about its symptoms is what the classifier recognises in a message.
 */
export function withSymptomKeywords(words: EntityWords, keywords: Array<{ id: string; keywords: string[] }>): EntityWords {
  const symptom: Record<string, string[]> = { ...words.symptom };
  for (const { id, keywords: extra } of keywords) symptom[id] = [...new Set([...(symptom[id] ?? []), ...extra])];
  return { ...words, symptom };
}
