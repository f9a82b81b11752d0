import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import demoOrg from '../../../src/emulator/demo-org.json';
import { suiteHarness } from '../../support/bot-harness';
import { cardFrom, cardJson, cardText } from '../../support/cards';
import { alex, inFrench } from '../../support/demo-users';
import { outlookLinks } from './freebusy-kit';

const jordan = 'jordan@partner.example.org';

/** The demo organisation with Jordan's share to Alex at another level. */
function orgWithJordanAt(role: string): string {
  const shares = demoOrg.shares.map((share) => (share.owner === jordan ? { ...share, role } : share));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'csa-org-')), 'org.json');
  writeFileSync(file, JSON.stringify({ ...demoOrg, shares }));
  return file;
}

describe('/freebusy with someone outside who shared their calendar with the viewer', () => {
  const bot = suiteHarness();
  beforeEach(() => bot.emulator.control.clearFaults());

  it('EN: Jordan (partner, shared at "titles and places") is read from his shared calendar and counted in the slots', async () => {
    const card = cardFrom(await bot.say(alex, `when is ${jordan} free this week?`));
    const text = cardText(card);
    expect(text).toMatch(/Jordan Lee\nOutside your organisation, shared their calendar with you: busy times and titles/);
    expect(text).not.toContain('Not counted in the slots');
    // It is Monday 10:00 in Paris; Jordan's pipeline review fills 10:00-11:00, so the first slot that day is at 11:00.
    expect(text).toContain('Monday 23 November, 11:00 – 11:30');
    expect(text).not.toMatch(/Monday 23 November, 10:(00|30) –/);
    // His private appointment stays a busy block without its title.
    expect(cardJson(card)).not.toContain('Physiotherapy');
    expect(outlookLinks(card)[0].searchParams.get('to')).toBe(jordan);
  });

  it('FR: the same, and someone outside who shared nothing stays unknown and left out', async () => {
    const card = cardFrom(await bot.say(inFrench(alex), `quand est-ce que ${jordan} et sam@fabrikam.example.net sont libres cette semaine ?`));
    const text = cardText(card);
    expect(text).toMatch(/Jordan Lee\nHors de votre organisation, vous a partagé son calendrier : créneaux occupés et titres/);
    expect(text).toMatch(/sam@fabrikam\.example\.net\nHors de votre organisation : inconnu, rien n'est partagé avec vous/);
    expect(text).toContain('Non comptés dans les créneaux, leur calendrier vous étant inconnu : sam@fabrikam.example.net.');
    expect(text).not.toMatch(/Lundi 23 novembre, 10:(00|30) –/);
    expect(text).toContain('Lundi 23 novembre, 11:00 – 11:30');
  });

  it('a shared calendar that can no longer be read (share removed: 403) leaves the person unknown, the rest answered', async () => {
    bot.emulator.control.injectFault({ path: '^/me/calendars/[^/]+/calendarView', status: 403, code: 'ErrorAccessDenied' });
    const text = cardText(cardFrom(await bot.say(alex, `when is ${jordan} free this week?`)));
    expect(text).toMatch(/Jordan Lee\nOutside your organisation: unknown, the calendar they shared with you cannot be read any more/);
    expect(text).toContain('Not counted in the slots, their calendar being unknown to you: Jordan Lee.');
    expect(text).toContain('Monday 23 November, 10:00 – 10:30');
    const french = cardText(cardFrom(await bot.say(inFrench(alex), `${jordan} est-il libre cette semaine ?`)));
    expect(french).toMatch(/Jordan Lee\nHors de votre organisation : inconnu, le calendrier partagé avec vous n'est plus lisible/);
  });

  it("reads Jordan's shared calendar inside the one $batch of the availability", async () => {
    bot.emulator.control.clearRequests();
    await bot.say(alex, `when is ${jordan} free this week?`);
    const requests = bot.emulator.control.requests();
    const first = requests.findIndex((entry) => entry.path === '/me/calendar/getSchedule');
    const after = requests.slice(first);
    expect(after.filter((entry) => !entry.inBatch)).toHaveLength(1);
    expect(after.filter((entry) => entry.inBatch && /^\/me\/calendars\/[^/]+\/calendarView$/.test(entry.path))).toHaveLength(1);
  });
});

describe('/freebusy with an outside share at free/busy only', () => {
  const bot = suiteHarness({}, {}, { orgFile: orgWithJordanAt('freeBusyRead') });

  it('EN and FR: busy times counted, no titles', async () => {
    const card = cardFrom(await bot.say(alex, `when is ${jordan} free this week?`));
    const text = cardText(card);
    expect(text).toMatch(/Jordan Lee\nOutside your organisation, shared their calendar with you: busy times only/);
    expect(text).toContain('Monday 23 November, 11:00 – 11:30');
    expect(cardJson(card)).not.toMatch(/Partner pipeline review|Webinar rehearsal|Physiotherapy/);
    const french = cardText(cardFrom(await bot.say(inFrench(alex), `${jordan} est-il libre cette semaine ?`)));
    expect(french).toMatch(/Jordan Lee\nHors de votre organisation, vous a partagé son calendrier : créneaux occupés seulement/);
  });
});
