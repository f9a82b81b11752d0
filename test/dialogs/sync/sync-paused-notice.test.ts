import { suiteHarness } from '../../support/bot-harness';
import { cardFrom, cardText, choicesOf, press } from '../../support/cards';
import { alex, inFrench, type DemoUser } from '../../support/demo-users';
import { startRadicale, type RadicaleServer } from '../../caldav/radicale-server';

const password = 'radicale-app-pass-7';

/** The words a French and an English owner see on the sync cards and in the pause notice. */
const words = {
  fr: {
    user: inFrench(alex),
    connect: 'Se connecter',
    next: 'Voir ce qui va se passer',
    start: 'Lancer la synchronisation',
    syncNow: 'Synchroniser maintenant',
    remove: 'Supprimer',
    keepAll: 'Les garder des deux côtés',
    paused: 'est en pause',
    resume: 'Tapez /synchroniser pour la voir et la reprendre.',
    unreachable: "le serveur est injoignable (vérifiez l'adresse, ou réessayez plus tard)",
    credentialsRefused: "le serveur a refusé le nom d'utilisateur ou le mot de passe d'application",
    calendarGone: 'le calendrier a été supprimé sur le serveur',
  },
  en: {
    user: alex,
    connect: 'Connect',
    next: 'See what will happen',
    start: 'Start syncing',
    syncNow: 'Sync now',
    remove: 'Remove',
    keepAll: 'Keep them on both sides',
    paused: 'is paused',
    resume: 'Type /sync to see it and resume.',
    unreachable: 'the server cannot be reached (check the address, or try again later)',
    credentialsRefused: 'the server refused the user name or app password',
    calendarGone: 'the calendar was deleted on the server',
  },
} as const;

describe('/sync: the pause notice after repeated failures, in French and in English', () => {
  const bot = suiteHarness();
  let radicale: RadicaleServer;
  /** The CalDAV calendar of the last pair started. */
  let calendar = '';
  beforeAll(async () => {
    radicale = await startRadicale({ alex: password });
  });
  afterAll(() => radicale.close());

  /** A running pair of a new CalDAV calendar, through the cards; the status card it ends on. */
  async function runningPair(user: DemoUser, say: (typeof words)['fr' | 'en'], name: string) {
    calendar = await radicale.makeCalendar('alex', password, name);
    const previous = cardFrom(await bot.say(user, '/sync'));
    if (!cardText(previous).includes(say.connect)) await press(bot, user, cardFrom(await press(bot, user, previous, say.remove)), say.keepAll);
    const connect = cardFrom(await bot.say(user, '/sync'));
    const pick = cardFrom(await press(bot, user, connect, say.connect, { serverUrl: radicale.url, userName: 'alex', password }));
    const outlookCalendar = String(choicesOf(pick, 'outlookCalendar')[0].value);
    const preview = cardFrom(await press(bot, user, pick, say.next, { caldavCalendar: calendar, outlookCalendar, direction: 'both', policy: 'newer' }));
    const status = cardFrom(await press(bot, user, preview, say.start));
    await bot.deliverOutbox();
    return status;
  }

  /** Presses "sync now" until the pair pauses; returns the notices the owner was sent. */
  async function failUntilPaused(user: DemoUser, say: (typeof words)['fr' | 'en'], status: ReturnType<typeof cardFrom>, reason: string): Promise<string[]> {
    let card = status;
    for (let attempt = 0; attempt < 12 && cardText(card).includes(say.syncNow); attempt += 1) {
      card = cardFrom(await press(bot, user, card, say.syncNow));
      expect(cardText(card)).toContain(reason);
    }
    expect(cardText(card)).not.toContain(say.syncNow);
    return (await bot.deliverOutbox()).map((activity) => activity.text ?? '').filter((text) => text.includes(say.paused));
  }

  it.each(['fr', 'en'] as const)('server unreachable (%s): paused after repeated failures, the owner told once in their language', async (language) => {
    const say = words[language];
    const status = await runningPair(say.user, say, `Injoignable-${language}`);
    await radicale.stop();
    try {
      const notices = await failUntilPaused(say.user, say, status, say.unreachable);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(say.unreachable);
      expect(notices[0]).toContain(say.resume);
      expect(await bot.deliverOutbox()).toHaveLength(0);
    } finally {
      await radicale.start();
    }
  });

  it.each(['fr', 'en'] as const)('credentials refused (%s): the app password was revoked; paused, the owner told once in their language', async (language) => {
    const say = words[language];
    const status = await runningPair(say.user, say, `Refus-${language}`);
    radicale.setUsers({ alex: 'revoked-app-password' });
    try {
      const notices = await failUntilPaused(say.user, say, status, say.credentialsRefused);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(say.credentialsRefused);
      expect(notices[0]).toContain(say.resume);
    } finally {
      radicale.setUsers({ alex: password });
    }
  });

  it.each(['fr', 'en'] as const)('calendar deleted on the server (%s): paused, the owner told once in their language', async (language) => {
    const say = words[language];
    const status = await runningPair(say.user, say, `Supprime-${language}`);
    await fetch(calendar, { method: 'DELETE', headers: { authorization: `Basic ${Buffer.from(`alex:${password}`).toString('base64')}` } });
    const notices = await failUntilPaused(say.user, say, status, say.calendarGone);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(say.calendarGone);
    expect(notices[0]).toContain(say.resume);
  });
});
