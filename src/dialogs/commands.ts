/** The commands the bot understands, typed as `/name args` or said in plain words. */
export const commandNames = [
  'help', 'share', 'subscribe', 'calendars', 'alias', 'permissions', 'troubleshoot', 'accept', 'diagnose',
  // Added by other issues; the classifier knows them already, their features bring the handlers.
  'snapshot', 'publish', 'addfeed', 'feeds', 'sync', 'freebusy',
] as const;
export type CommandName = (typeof commandNames)[number];

export interface ParsedCommand {
  name: CommandName;
  /** Whatever followed the command word, trimmed (for example the code of `/accept CODE`). */
  args: string;
}

/** Command words in both languages; the key is what the user types after `/` (or alone). */
const aliases: Record<string, CommandName> = {
  help: 'help', aide: 'help', '?': 'help', menu: 'help',
  share: 'share', partager: 'share', partage: 'share',
  subscribe: 'subscribe', abonner: 'subscribe', souscrire: 'subscribe', abonnement: 'subscribe',
  calendars: 'calendars', calendriers: 'calendars',
  alias: 'alias', renommer: 'alias', rename: 'alias',
  permissions: 'permissions', autorisations: 'permissions', droits: 'permissions', acces: 'permissions',
  troubleshoot: 'troubleshoot', depanner: 'troubleshoot', diagnostic: 'troubleshoot', probleme: 'troubleshoot',
  accept: 'accept', accepter: 'accept',
  diagnose: 'diagnose', diagnostiquer: 'diagnose',
  freebusy: 'freebusy', disponibilites: 'freebusy', disponibilite: 'freebusy', dispo: 'freebusy', availability: 'freebusy',
  snapshot: 'snapshot', instantane: 'snapshot',
  publish: 'publish', publier: 'publish',
  addfeed: 'addfeed', ajouterflux: 'addfeed', ical: 'addfeed',
  feeds: 'feeds', flux: 'feeds',
  sync: 'sync', synchroniser: 'sync', synchronisation: 'sync', caldav: 'sync',
};

/** Plain-word intents, FR and EN, checked in order. Accents are folded before matching. */
const phrases: Array<[RegExp, CommandName]> = [
  // Before "subscribe": "subscribe to https://…/holidays.ics" is about a feed.
  [/\b(my (ical |ics )?feeds|mes flux)\b/, 'feeds'],
  [/(webcal:\/\/|\.ics\b|\bical\b|\bicalendar\b|\bics (feed|link|url)\b|flux ics)/, 'addfeed'],
  [/\b(synchronis\w*|sync(hroni[sz]e)?|caldav)\b.*\b(agenda|calendar|calendrier|outlook|google|icloud|nextcloud|fastmail)\b|\b(google|icloud|nextcloud|fastmail) (agenda|calendar|calendrier)\b.*\b(sync\w*|synchronis\w*)/, 'sync'],
  [/\b(help|what can you do|aide|que sais[- ]tu faire|bonjour|hello|hi|salut)\b/, 'help'],
  [/\b(can(no|')?t see|do(es)? ?n[o']t (show|appear|see)|not showing|missing|ne (vois|voit|s'affiche|apparait) pas|n'apparait pas|probleme|problem|issue|bug|connect|connexion|ews|mfa)\b/, 'troubleshoot'],
  [/\b(who (can )?sees?|who has access|permissions?|revoke|stop sharing|qui (voit|a acces)|retirer|revoquer|arreter (le|de) partag)/, 'permissions'],
  [/\b(snapshot|instantane)\b|\b(e-?mail|courriel)\b.*\b(calendar|calendrier|agenda)\b|\b(calendar|calendrier|agenda)\b.*\b(par|by) (e-?)?mail\b/, 'snapshot'],
  [/\b(publish|publier|publie|webcal)\b|\b(ics|ical|icalendar) (link|feed|lien)\b|\blien (ics|ical|icalendar|webcal)\b/, 'publish'],
  [/\b(alias|rename|renommer|display name|nom d'affichage)\b/, 'alias'],
  [/\b(subscribe|add (a |the )?shared calendar|lost (the )?invitation|abonner|ajouter (un |le )?calendrier partage|invitation perdue|s'abonner)/, 'subscribe'],
  [/\b(my (shared )?calendars|shared with me|mes calendriers|partages avec moi|agenda of|agenda de)\b/, 'calendars'],
  [/\b(share|partager|partage)\b/, 'share'],
  [/\b(free|busy|availability|available|slot|libres?|disponibles?|disponibilites?|creneaux?|quand est-ce qu)\b/, 'freebusy'],
  [/\b(accept|accepter)\b/, 'accept'],
];

export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .trim();
}

/**
 * A command typed as such: `/name args`, or a command word alone ("aide"). Plain sentences are left
 * to the intent classifier (src/nlu).
 */
export function parseTypedCommand(text: string): ParsedCommand | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  const slash = /^\/?([a-z?]+)(?:\s+(.*))?$/s.exec(folded);
  if (slash && aliases[slash[1]] && (folded.startsWith('/') || !slash[2])) {
    const original = text.trim().replace(/^\/?\S+\s*/, '');
    return { name: aliases[slash[1]], args: original.trim() };
  }
  return undefined;
}

/** Finds the command in a message, or undefined when the text matches nothing we know. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  const slash = /^\/?([a-z?]+)(?:\s+(.*))?$/s.exec(folded);
  if (slash && aliases[slash[1]] && (folded.startsWith('/') || !slash[2])) {
    const original = text.trim().replace(/^\/?\S+\s*/, '');
    return { name: aliases[slash[1]], args: original.trim() };
  }
  if (folded.startsWith('/')) return undefined;
  const match = phrases.find(([pattern]) => pattern.test(folded));
  return match ? { name: match[1], args: text.trim() } : undefined;
}
