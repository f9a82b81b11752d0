import { ManualClock } from '../../src/clock';
import type { Publication } from '../../src/publishing/publication-store';
import { PersonalShareLinks, recipientLocale } from '../../src/publishing/share-links';
import { snapshotMailHtml } from '../../src/snapshot/snapshot-mail';
import { busyLabels } from '../../src/snapshot/snapshot-builder';
import { translatorFor } from '../../src/i18n';

const publication: Publication = {
  id: 'p-1',
  owner: { userId: 'u-1', name: 'Zoë <O\'Neil> & Co', locale: 'en', zone: 'Europe/Paris' },
  calendar: { id: 'c-1', name: '"Board" <b>room</b>' },
  level: 'limitedRead',
  status: 'active',
  recipient: { address: 'jo@partner.example.org', name: '<img src=x onerror=alert(1)>' },
  createdAt: new ManualClock(new Date('2026-11-23T09:00:00Z')).now().toISOString(),
};

describe('mails written from people\'s names', () => {
  it('escapes names in the personal link mail, and links only to our feed', () => {
    const links = new PersonalShareLinks({ publications: {} as never, gateway: {} as never, policy: { defaultExternal: 'freeBusyRead', domains: {} }, linkBase: () => 'https://bot.contoso.com' });
    const { html, subject } = links.mailFor(publication, 'a'.repeat(64));
    expect(html).not.toMatch(/<img|<b>|<O'Neil>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Zoë &lt;O&#39;Neil&gt; &amp; Co');
    expect(html.match(/href="([^"]+)"/g)).toEqual([`href="webcal://bot.contoso.com/feeds/${'a'.repeat(64)}.ics"`, `href="https://bot.contoso.com/feeds/${'a'.repeat(64)}.ics"`]);
    // The subject is plain text: Graph does not read it as HTML.
    expect(subject).toBe('Zoë <O\'Neil> & Co shared the calendar «"Board" <b>room</b>» with you');
  });

  it('escapes subjects and places in the snapshot agenda', () => {
    const t = translatorFor('en');
    const html = snapshotMailHtml({
      t, locale: 'en', ownerName: '<script>x</script>', calendarName: 'Cal', zone: 'Europe/Paris', level: 'limitedRead', labels: busyLabels(t),
      window: { firstDay: '2026-11-23', lastDay: '2026-11-23', start: new Date('2026-11-22T23:00:00Z'), end: new Date('2026-11-23T23:00:00Z') },
      events: [{ id: 'e', start: '2026-11-23T09:00:00.0000000', end: '2026-11-23T10:00:00.0000000', timeZone: 'Europe/Paris', isAllDay: false, showAs: 'busy', isPrivate: false, categories: [], subject: '<b>Plan</b>', location: 'Room "A" & B' }],
    });
    expect(html).not.toMatch(/<script>|<b>Plan/);
    expect(html).toContain('&lt;b&gt;Plan&lt;/b&gt;');
    expect(html).toContain('Room &quot;A&quot; &amp; B');
  });

  it('guesses French for French-speaking domains only', () => {
    expect(recipientLocale('a@exemple.fr', 'en')).toBe('fr');
    expect(recipientLocale('a@partner.example.org', 'fr')).toBe('fr');
    expect(recipientLocale('a@partner.example.org', 'en')).toBe('en');
  });
});
