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
  troubleshoot: 'troubleshoot', depanner: 'troubleshoot', depannage: 'troubleshoot', diagnostic: 'troubleshoot', probleme: 'troubleshoot',
  accept: 'accept', accepter: 'accept',
  diagnose: 'diagnose', diagnostiquer: 'diagnose', diagnostique: 'diagnose',
  freebusy: 'freebusy', disponibilites: 'freebusy', disponibilite: 'freebusy', dispo: 'freebusy', availability: 'freebusy',
  snapshot: 'snapshot', instantane: 'snapshot',
  publish: 'publish', publier: 'publish',
  addfeed: 'addfeed', ajouterflux: 'addfeed', ical: 'addfeed',
  feeds: 'feeds', flux: 'feeds',
  sync: 'sync', synchroniser: 'sync', synchronisation: 'sync', caldav: 'sync',
};

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
