import { loadResources, translatorFor } from '../../src/i18n';
import { elide } from '../../src/i18n/elision';
import { fillTreeText } from '../../src/dialogs/troubleshoot/case-text';
import frenchTree from '../../src/troubleshoot/tree.fr.json';
import { formatDate } from '../../src/i18n/dates';
import { dayTitle } from '../../src/snapshot/snapshot-mail';
import { shareNotices } from '../../src/dialogs/share/share-notices';
import type { Invitation } from '../../src/sharing/invitation';

/**
 * Every French string, rendered with its variables filled by names that start with a vowel or an h,
 * must read as French: elided articles, no English words left, nothing unresolved.
 */
const namesToTry = ['Adele', 'Isaiah', 'Hugo', 'Hélène', 'Megan'];
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as Record<string, unknown>, `${prefix}${key}.`),
  );
}

const fr = loadResources().fr as Record<string, Record<string, unknown>>;
const keys = Object.entries(fr).flatMap(([namespace, tree]) => keysOf(tree).map((key) => ({ namespace, key })));

/** Dates and numbers get values of their kind; every other variable gets the name. */
const dateVariables = new Set(['date', 'created', 'fetched', 'when', 'last', 'next', 'start', 'end', 'first']);
const numberVariables = new Set(['count', 'n', 'max', 'cap', 'minutes', 'seconds', 'limit', 'size', 'attempts', 'removed', 'added', 'changed', 'kept', 'missed', 'more', 'shown', 'steps', 'slots', 'toOutlook', 'toCaldav', 'tried']);
function sampleValue(variable: string, name: string): unknown {
  if (numberVariables.has(variable)) return 3;
  if (dateVariables.has(variable)) return '1er décembre 2026';
  return name;
}

/** The variables a string uses, each filled with the name (numbers stay numbers so plurals resolve). */
function varsFor(text: string, name: string, key: string): Record<string, unknown> {
  const names = [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]);
  const vars: Record<string, unknown> = Object.fromEntries(names.map((variable) => [variable, sampleValue(variable, name)]));
  const plural = pluralSuffix.exec(key);
  if (plural || 'count' in vars) vars.count = plural?.[1] === 'one' ? 1 : 3;
  return vars;
}

function render(namespace: string, key: string, name: string): string {
  const raw = keyValue(namespace, key);
  const base = key.replace(pluralSuffix, '');
  return translatorFor('fr')(`${namespace}:${base}`, varsFor(raw, name, key));
}

function keyValue(namespace: string, key: string): string {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], fr[namespace]) as string;
}

/** Words that keep "de"/"le"/"la" before them (aspirated h), as French writes them. */
const aspiratedH = ['haut', 'hauts', 'haute', 'hausse', 'hors', 'hasard', 'hâte', 'hâter', 'hiérarchie', 'héros', 'hibou', 'hockey', 'huit'];
const unelided = /(?<![\p{L}'’-])(de|que|le|la|je|ne|me|te|se|lorsque|puisque|jusque) (?=[aeiouyhàâéèêëîïôûAEIOUYHÀÂÉÈÊÎÔÛ])([\p{L}-]+)/giu;

function unelidedIn(text: string): string[] {
  const plain = text.replace(/<[^>]+>/g, ' ');
  return [...plain.matchAll(unelided)]
    .filter(([, , word]) => !aspiratedH.includes(word.toLowerCase()) && !/^y[aeiou]/i.test(word) && !/^(ui|y)$/i.test(word))
    .map((match) => match[0]);
}

/** English left in French texts (whole words, case-blind). Product names such as Outlook are fine. */
const englishWords = ['pending', 'please', 'click', 'the', 'and', 'your', 'you', 'with', 'settings', 'sorry', 'mfa', 'calendar', 'share', 'shared', 'sharing', 'feed', 'feeds', 'sync', 'free/busy', 'owner', 'request', 'cancel', 'retry', 'submit', 'loading', 'error'];
const englishPattern = new RegExp(`(?<![\\p{L}/\\-.@])(${englishWords.map((word) => word.replace('/', '\\/')).join('|')})(?![\\p{L}/\\-.@])`, 'giu');

/** English words that are also French or product text in these strings. */
function englishIn(text: string): string[] {
  const plain = text.replace(/<[^>]+>/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/\/[a-z]+/g, ' ');
  return [...plain.matchAll(englishPattern)].map((match) => match[0]);
}

/** Every text of the French troubleshooting tree a person reads (keywords are for matching only). */
function treeTexts(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return key === 'id' || key === 'start' || key === 'next' || key === 'kind' || /^[a-z0-9-]+$/.test(node) ? [] : [node];
  if (Array.isArray(node)) return key === 'keywords' ? [] : node.flatMap((item) => treeTexts(item, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([child, value]) => treeTexts(value, child));
  return [];
}

function renderTree(name: string): string[] {
  const vars = { person: name, address: 'adele@example.com', domain: 'example.com', capRole: 'read', triedRole: 'write', alias: name, calendars: name };
  return treeTexts(frenchTree).map((text) => fillTreeText(translatorFor('fr'), text, vars));
}

describe('French strings', () => {
  it('renders some strings at all (the walk found the locale files)', () => {
    expect(keys.length).toBeGreaterThan(300);
  });

  it('joins "de"/"que" with a name the French way', () => {
    expect(elide('de', 'Adele')).toBe("d'Adele");
    expect(elide('de', 'Hélène')).toBe("d'Hélène");
    expect(elide('que', 'Isaiah')).toBe("qu'Isaiah");
    expect(elide('de', 'Megan')).toBe('de Megan');
    expect(elide('de', 'Yann')).toBe('de Yann');
    expect(elide('de', '11 minutes')).toBe('de 11 minutes');
  });

  it.each(namesToTry)('elides before %s in every French string', (name) => {
    const bad = keys.flatMap(({ namespace, key }) => unelidedIn(render(namespace, key, name)).map((found) => `${namespace}:${key} → "${found}"`));
    const inTree = renderTree(name).flatMap((text) => unelidedIn(text).map((found) => `tree → "${found}" in "${text.slice(0, 60)}"`));
    expect([...bad, ...inTree]).toEqual([]);
  });

  it('leaves no English word and nothing unresolved in French strings', () => {
    const bad = keys.flatMap(({ namespace, key }) => {
      const text = render(namespace, key, 'Adele');
      const problems = [...englishIn(text), ...(/\{\{|\$t\(/.test(text) ? ['unresolved'] : []), ...(text === `${namespace}:${key}` ? ['missing'] : [])];
      return problems.map((found) => `${namespace}:${key} → "${found}"`);
    });
    const inTree = renderTree('Adele').flatMap((text) => [...englishIn(text), ...(/\{\{/.test(text) ? ['unresolved'] : [])].map((found) => `tree → "${found}" in "${text.slice(0, 60)}"`));
    expect([...bad, ...inTree]).toEqual([]);
  });

  it('says "authentification multifacteur", not MFA', () => {
    const texts = [...keys.map(({ namespace, key }) => keyValue(namespace, key)), ...treeTexts(frenchTree)];
    expect(texts.filter((text) => /\bMFA\b/.test(text))).toEqual([]);
  });
});

describe('French dates', () => {
  it('writes the first of the month as an ordinal, as French does', () => {
    expect(dayTitle('fr', '2026-12-01')).toBe('mardi 1er décembre 2026');
    expect(formatDate('fr', new Date('2026-12-01T10:00:00Z'), { dateStyle: 'medium', timeZone: 'UTC' })).toBe('1er déc. 2026');
    expect(formatDate('fr', new Date('2026-12-02T10:00:00Z'), { dateStyle: 'medium', timeZone: 'UTC' })).toBe('2 déc. 2026');
    expect(formatDate('fr', new Date('2026-12-01T10:00:00Z'), { dateStyle: 'short', timeZone: 'UTC' })).toBe('01/12/2026');
    expect(dayTitle('en', '2026-12-01')).toMatch(/^Tuesday,? 1 December 2026$/);
  });
});

describe('Level names', () => {
  const roles = ['none', 'freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess', 'delegateWithPrivateEventAccess', 'custom'];
  it.each(['en', 'fr'] as const)('uses one name per level in every feature (%s)', (locale) => {
    const t = translatorFor(locale);
    for (const role of roles) {
      const name = t(`share:roles.${role}.label`);
      expect([t(`calendars:levels.${role}`, { defaultValue: name }), t(`troubleshoot:levels.${role}`)]).toEqual([name, name]);
      if (['freeBusyRead', 'limitedRead', 'read'].includes(role)) expect(t(`snapshot:levels.${role}.label`)).toBe(name);
    }
  });
});

describe("The recipient's point of view", () => {
  it.each(['en', 'fr'] as const)('speaks of the owner\'s events, never "your events", to the recipient (%s)', (locale) => {
    const t = translatorFor(locale);
    const texts = ['none', 'freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess', 'delegateWithPrivateEventAccess', 'custom'].map((role) => t(`share:recipientRoles.${role}`, { owner: 'Adele' }));
    expect(texts.filter((text) => /\b(your|vos|votre)\b/i.test(text) || !text.includes('Adele'))).toEqual([]);
  });
});

describe('The invitation email, in French', () => {
  it("uses the French command and speaks of the owner's events", () => {
    const invitation = {
      id: 'i1',
      owner: { userId: 'o', name: 'Adele Vance', address: 'adelev@example.com' },
      calendar: { id: 'c', name: 'Agenda' },
      recipient: { address: 'hugo@example.com', name: 'Hugo', userId: 'h', isInsideOrganization: true },
      role: 'read',
      status: 'pending',
      createdAt: '2026-12-01T10:00:00Z',
      updatedAt: '2026-12-01T10:00:00Z',
    } as unknown as Invitation;
    const mail = shareNotices.invitationMail(invitation, 'AB12-CD34', { t: translatorFor('fr'), locale: 'fr' });
    expect(mail.html).toContain('<b>/accepter AB12-CD34</b>');
    expect(mail.html).toContain("Vous voyez tous les détails des événements d&#39;Adele Vance, sauf les privés.");
    expect(mail.html).not.toMatch(/\bvos événements\b|\/accept /);
  });
});
