import { suiteHarness } from '../support/bot-harness';
import { buttonData, buttonTitles, cardFrom, cardText, choiceValues, inputValue, invokeCard, textFrom } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, inFrench, megan } from '../support/demo-users';
import { lastSnapshotTo, previewCard, previewTurn, veventNamed } from './snapshot-kit';

/** Alex's primary calendar in the demo organisation, week of Monday 23 November 2026 (Europe/Paris). */
describe('emailing a snapshot of a calendar', () => {
  const bot = suiteHarness();

  it('opens the form with my own calendars, the ranges, the levels and the policy for people outside', async () => {
    const form = cardFrom(await bot.say(alex, '/snapshot'));
    expect(choiceValues(form, 'calendarId')).toEqual(['Calendar', 'Project Phoenix', 'Team Offsite'].map((name) => calendarIdOf(bot, alex, name)));
    expect(choiceValues(form, 'range')).toEqual(['today', 'tomorrow', 'next7', 'next30', 'dates']);
    expect(choiceValues(form, 'level')).toEqual(['freeBusyRead', 'limitedRead', 'read']);
    expect(cardText(form)).toContain('People outside the organisation receive at most: Free/busy only. Except partner.example.org: Titles and places.');
    expect(cardText(form)).toContain('Only my working hours');
  });

  it.each([
    [alex, 'email my calendar for tomorrow', 'tomorrow', 'Email a calendar'],
    [inFrench(alex), 'envoyer mon calendrier des 7 prochains jours par mail', 'next7', 'Envoyer un calendrier par e-mail'],
    [inFrench(alex), '/instantane', 'next7', "Les personnes extérieures à l'organisation reçoivent au plus : Disponibilités seulement."],
    [alex, 'email my calendar for the next 30 days to jordan@partner.example.org', 'next30', 'Email a calendar'],
  ])('understands %#, in its language', async (user, text, range, shown) => {
    const form = cardFrom(await bot.say(user, text));
    expect(inputValue(form, 'range')).toBe(range);
    expect(cardText(form)).toContain(shown);
    if (text.includes('jordan')) expect(inputValue(form, 'emails')).toBe('jordan@partner.example.org');
  });

  it.each([
    ['today', {}, ['Campaign brief review', 'Marketing stand-up']],
    ['tomorrow', {}, ['Lunch with Jordan (Partner)']],
    ['next7', {}, ['1:1 with Megan', 'Busy', 'Campaign brief review', 'Lunch with Jordan (Partner)', 'Marketing stand-up', 'Trade show setup']],
    ['next30', {}, ['1:1 with Megan', 'Busy', 'Busy', 'Campaign brief review', 'Day off', 'Lunch with Jordan (Partner)', 'Marketing stand-up', 'Quarterly planning', 'Trade show setup']],
    ['dates', { from: '2026-11-30', to: '2026-12-01' }, ['Quarterly planning']],
  ])('sends %s: preview, then the mail with the agenda and the .ics', async (range, dates, summaries) => {
    const preview = await previewCard(bot, alex, { range, ...dates, emails: 'meganb@example.com' });
    expect(cardText(preview)).toContain(String(summaries.length));
    expect(buttonTitles(preview)).toEqual(['Send', 'Cancel']);
    const sent = invokeCard(await bot.click(alex, buttonData(preview, 'Send')));
    expect(cardText(sent)).toContain(`${summaries.length} events of Calendar (Titles and places) sent to:`);
    const snapshot = lastSnapshotTo(bot, megan.email);
    expect(snapshot.summaries).toEqual(summaries);
    expect(snapshot.contentType).toMatch(/^text\/calendar/);
    expect(snapshot.attachmentName).toMatch(/^Alex-Wilber-Calendar-2026-1[12]-\d\d\.ics$/);
    expect(snapshot.vcalendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(snapshot.vcalendar.getFirstPropertyValue('x-wr-calname')).toBe('Alex Wilber - Calendar');
  });

  it('shows each level as it should: availability only, limited details, full details', async () => {
    const send = async (level: string) => {
      const preview = await previewCard(bot, alex, { range: 'today', level });
      await bot.click(alex, buttonData(preview, 'Send'));
      return lastSnapshotTo(bot, megan.email);
    };
    const availability = await send('freeBusyRead');
    expect(availability.summaries).toEqual(['Busy', 'Busy']);
    expect(availability.ics).not.toMatch(/Campaign|Hercules|budget/);
    expect(availability.html).not.toMatch(/Campaign|Hercules/);
    expect(availability.html).toContain('09:30–10:00');

    const limited = await send('limitedRead');
    expect(veventNamed(limited, 'Campaign brief review').getFirstPropertyValue('location')).toBe('Room 2.14 Hercules');
    expect(veventNamed(limited, 'Campaign brief review').getFirstPropertyValue('description')).toBeNull();

    const full = await send('read');
    const brief = veventNamed(full, 'Campaign brief review');
    expect(brief.getFirstPropertyValue('description')).toBe('Review the Q1 campaign brief and agree on the budget split.');
    expect(brief.getFirstProperty('categories')?.getValues()).toEqual(['Blue category']);
    expect(full.html).toContain('Review the Q1 campaign brief');
    expect(full.html).toMatch(/<h3>Monday,? 23 November 2026<\/h3>/);
  });

  it('keeps private events busy only, even at full details, and writes all-day events as dates', async () => {
    const preview = await previewCard(bot, alex, { range: 'next7', level: 'read' });
    await bot.click(alex, buttonData(preview, 'Send'));
    const snapshot = lastSnapshotTo(bot, megan.email);
    expect(snapshot.ics).not.toMatch(/Doctor|Clinique|insurance/);
    expect(snapshot.html).not.toMatch(/Doctor|Clinique|insurance/);
    const hidden = snapshot.vevents.find((vevent) => vevent.getFirstPropertyValue('class') === 'PRIVATE')!;
    expect(hidden.getFirstPropertyValue('summary')).toBe('Busy');
    expect(String(hidden.getFirstPropertyValue('dtstart'))).toBe('2026-11-25T08:30:00');
    const allDay = veventNamed(snapshot, 'Trade show setup').getFirstProperty('dtstart')!;
    expect(allDay.type).toBe('date');
    expect(String(allDay.getFirstValue())).toBe('2026-11-26');
    expect(snapshot.ics).toContain('DTSTART;VALUE=DATE:20261126');
  });

  it('writes the French mail in French, names escaped', async () => {
    const preview = await previewCard(bot, inFrench(alex), { range: 'today', level: 'freeBusyRead' });
    expect(cardText(preview)).toContain('Vérifiez avant d\'envoyer');
    await bot.click(inFrench(alex), buttonData(preview, 'Envoyer'));
    const snapshot = lastSnapshotTo(bot, megan.email);
    expect(snapshot.subject).toBe('Alex Wilber : calendrier, 23 nov. 2026');
    expect(snapshot.html).toContain('lundi 23 novembre 2026');
    expect(snapshot.summaries).toEqual(['Occupé', 'Occupé']);
  });

  it('keeps only events within my working hours when asked', async () => {
    bot.emulator.control.addEvents(alex.email, [
      { calendarId: calendarIdOf(bot, alex, 'Team Offsite'), subject: 'Evening rehearsal', start: '2026-11-24T19:00:00Z', end: '2026-11-24T20:00:00Z' },
      { calendarId: calendarIdOf(bot, alex, 'Team Offsite'), subject: 'Morning prep', start: '2026-11-24T08:00:00Z', end: '2026-11-24T09:00:00Z' },
    ]);
    const preview = await previewCard(bot, alex, { calendar: 'Team Offsite', range: 'tomorrow', workingHours: 'true' });
    await bot.click(alex, buttonData(preview, 'Send'));
    expect(lastSnapshotTo(bot, megan.email).summaries).toEqual(['Morning prep']);
  });

  it('holds people outside to the sharing policy and shows the cap before sending', async () => {
    const preview = await previewCard(bot, alex, { range: 'today', level: 'read', emails: 'sam@fabrikam.example.net, jordan@partner.example.org' });
    expect(cardText(preview)).toContain('sam@fabrikam.example.net is outside the organisation: the sharing policy allows at most Free/busy only.');
    expect(cardText(preview)).toContain('So the mail shows Free/busy only for everyone.');
    await bot.click(alex, buttonData(preview, 'Send'));
    const snapshot = lastSnapshotTo(bot, 'sam@fabrikam.example.net');
    expect(snapshot.summaries).toEqual(['Busy', 'Busy']);
    expect(bot.emulator.control.sentMail('jordan@partner.example.org').at(-1)?.attachments).toHaveLength(1);
  });

  it('takes people picked in the Teams people picker (directory ids), with typed addresses', async () => {
    const preview = await previewCard(bot, alex, { range: 'today', level: 'read', people: megan.aadObjectId, emails: 'jordan@partner.example.org' });
    expect(cardText(preview)).toContain('Megan Bowen (meganb@example.com), jordan@partner.example.org · outside the organisation');
    expect(cardText(preview)).toContain('jordan@partner.example.org is outside the organisation: the sharing policy allows at most Titles and places.');
  });

  it('sends once for a double click, and never for someone else clicking the preview', async () => {
    const preview = await previewCard(bot, alex, { range: 'today' });
    expect(textFrom(await bot.click(megan, buttonData(preview, 'Send')))).toBe('This preview belongs to someone else: only the person who made it can send it.');
    const before = bot.emulator.control.sentMail(megan.email).length;
    await bot.click(alex, buttonData(preview, 'Send'));
    expect(textFrom(await bot.click(alex, buttonData(preview, 'Send')))).toBe('This calendar was already sent.');
    expect(bot.emulator.control.sentMail(megan.email)).toHaveLength(before + 1);
  });

  it('answers a bad form clearly and keeps what was typed', async () => {
    const noOne = invokeCard(await previewTurn(bot, alex, { emails: '' }));
    expect(cardText(noOne)).toContain('Add at least one recipient.');
    const backwards = invokeCard(await previewTurn(bot, inFrench(alex), { range: 'dates', from: '2026-12-10', to: '2026-12-01' }));
    expect(cardText(backwards)).toContain('La date de fin est avant la date de début.');
    expect(inputValue(backwards, 'emails')).toBe('meganb@example.com');
    const notMine = invokeCard(await bot.click(alex, { verb: 'snapshotPreview', calendarId: calendarIdOf(bot, megan, 'Calendar'), range: 'today', level: 'read', emails: 'x@example.com' }));
    expect(cardText(notMine)).toContain('You can only send your own calendars.');
    expect(textFrom(await bot.click(alex, { verb: 'snapshotSend', draftId: 'not-a-uuid' }))).toBe('This button is no longer valid. Type /help to start again.');
  });
});
