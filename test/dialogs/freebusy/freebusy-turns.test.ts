import { suiteHarness } from '../../support/bot-harness';
import { adele, alex, inFrench, isaiah, megan, patti } from '../../support/demo-users';
import { buttonData, cardFrom, cardJson, cardText, choicesOf, inputValue, textFrom } from '../../support/cards';
import { outlookLinks } from './freebusy-kit';

describe('/freebusy in plain words, French and English', () => {
  const bot = suiteHarness();
  beforeEach(() => bot.emulator.control.clearFaults());

  it('FR: "quand est-ce que Megan et Adele sont libres cette semaine ?"', async () => {
    const card = cardFrom(await bot.say(inFrench(alex), 'quand est-ce que Megan et Adele sont libres cette semaine ?'));
    const text = cardText(card);
    expect(text).toContain('Disponibilités : Megan Bowen, Adele Vance');
    expect(text).toContain('lun. 23 nov. – dim. 29 nov. · réunion de 30 minutes');
    expect(text).toContain('Meilleurs créneaux communs (5)');
    // Monday: Alex and Megan have the stand-up until 10:00, Adele her sync at 11:00; it is 10:00 now.
    expect(text).toMatch(/Lundi 23 novembre, 10:00 – 10:30\nOuvrir dans Outlook\nCréer la réunion/);
    // One slot per day first, so the week is covered.
    expect(text).toContain('Mardi 24 novembre, 08:00 – 08:30');
    expect(text).toContain('Heures en Europe/Paris.');
    const [first] = outlookLinks(card);
    expect(first.origin + first.pathname).toBe('https://outlook.office.com/calendar/deeplink/compose');
    expect(Object.fromEntries(first.searchParams)).toMatchObject({
      startdt: '2026-11-23T09:00:00Z',
      enddt: '2026-11-23T09:30:00Z',
      to: 'meganb@example.com,adelev@example.com',
      subject: 'Réunion',
      rru: 'addevent',
    });
  });

  it('shows what each calendar may show: details shared versus free/busy only, never a title', async () => {
    const card = cardFrom(await bot.say(inFrench(alex), 'quand est-ce que Megan et Adele sont libres cette semaine ?'));
    const text = cardText(card);
    // Adele shares her calendar with Alex at "titles and places"; Megan shares nothing: free/busy only.
    expect(text).toMatch(/Adele Vance\nPartage les détails avec vous/);
    expect(text).toMatch(/Megan Bowen\nDisponibilités seulement/);
    expect(cardJson(card)).not.toMatch(/Agency call|School pick-up|Store managers|Contract negotiation|Job interview/);
  });

  it('EN: "find a 30 minute slot with Patti tomorrow", inside both working hours and zones', async () => {
    const card = cardFrom(await bot.say(alex, 'find a 30 minute slot with Patti tomorrow'));
    const text = cardText(card);
    expect(text).toContain('Availability: Patti Fernandez');
    // Patti works 09:00-17:30 in London (10:00-18:30 in Paris), Alex 08:00-17:00 in Paris.
    expect(text).toMatch(/Patti Fernandez\nFree\/busy only · works 09:00–17:30 \(Europe\/London\)/);
    expect(text).toMatch(/Best common slots \(\d\)\nTuesday 24 November, 10:00 – 10:30/);
    expect(text).not.toMatch(/Tuesday 24 November, (08|09):/);
    expect(text).not.toMatch(/Tuesday 24 November, 12:00/); // Alex's lunch
  });

  it('FR: "est-ce que Megan est disponible jeudi après-midi ?"', async () => {
    const text = cardText(cardFrom(await bot.say(inFrench(alex), 'est-ce que Megan est disponible jeudi après-midi ?')));
    expect(text).toContain('jeu. 26 nov.');
    // Alex works elsewhere that day (the trade show): still available; the afternoon starts at 12:00.
    expect(text).toMatch(/Meilleurs créneaux communs \(\d\)\nJeudi 26 novembre, 12:00 – 12:30/);
    expect(text).not.toMatch(/Jeudi 26 novembre, (08|09|10|11):/);
  });

  it('EN: a colleague in New York: only the hours both work', async () => {
    const text = cardText(cardFrom(await bot.say(alex, 'find a 1 hour slot with Isaiah tomorrow')));
    // Isaiah works 09:00-17:00 in New York, 15:00-23:00 in Paris; Alex stops at 17:00.
    expect(text).toMatch(/Isaiah Langer\nFree\/busy only · works 09:00–17:00 \(America\/New_York\)/);
    expect(text).toMatch(/Best common slots \(2\)\nTuesday 24 November, 15:00 – 16:00\n/);
    expect(text).toContain('Tuesday 24 November, 16:00 – 17:00');
  });

  it('EN and FR: no common slot: says so and proposes the nearest, with who cannot come', async () => {
    const english = cardText(cardFrom(await bot.say(alex, 'when are Patti and Isaiah free tomorrow morning?')));
    expect(english).toContain('No time suits everyone in this period. The nearest slots, with who cannot come:');
    expect(english).toMatch(/Tuesday 24 November, 10:00 – 10:30\nCannot come: Isaiah Langer/);
    const french = cardText(cardFrom(await bot.say(inFrench(alex), 'Patti et Isaiah sont-ils libres demain matin ?')));
    expect(french).toContain('Aucun horaire ne convient à tous sur cette période.');
    expect(french).toMatch(/Mardi 24 novembre, 10:00 – 10:30\nNe peut pas venir : Isaiah Langer/);
  });

  it('out of office: Alex\'s day off, as Megan sees it', async () => {
    const text = cardText(cardFrom(await bot.say(megan, 'is Alex free on 2026-12-02?')));
    expect(text).toContain('No time suits everyone in this period.');
    expect(text).toContain('Cannot come: Alex Wilber');
  });

  it('an external person is unknown and left out of the search, in both languages', async () => {
    const card = cardFrom(await bot.say(alex, 'when are Megan and jordan@partner.example.org free tomorrow?'));
    const text = cardText(card);
    expect(text).toMatch(/jordan@partner\.example\.org\nOutside your organisation: unknown, nothing shared with you/);
    expect(text).toContain('Not counted in the slots, their calendar being unknown to you: jordan@partner.example.org.');
    expect(text).toMatch(/Best common slots/);
    expect(outlookLinks(card)[0].searchParams.get('to')).toBe('meganb@example.com,jordan@partner.example.org');
    const french = cardText(cardFrom(await bot.say(inFrench(alex), 'Megan et jordan@partner.example.org sont-ils libres demain ?')));
    expect(french).toMatch(/jordan@partner\.example\.org\nHors de votre organisation : inconnu, rien n'est partagé avec vous/);
  });

  it('a name the directory does not know, or a typo at our domain: the form explains', async () => {
    const card = cardFrom(await bot.say(alex, 'find a slot with Zorro and nobody@example.com tomorrow'));
    const text = cardText(card);
    expect(text).toContain('I could not find "Zorro" in your organisation.');
    expect(text).toContain('I could not find "nobody@example.com" in your organisation.');
    expect(text).toContain('When are they free?');
    const french = cardText(cardFrom(await bot.say(inFrench(alex), 'un créneau avec Zorro demain')));
    expect(french).toContain('Je ne trouve pas « Zorro » dans votre organisation.');
  });

  it('a sentence without people opens the form with what it said', async () => {
    const form = cardFrom(await bot.say(inFrench(alex), 'un créneau de 45 minutes jeudi après-midi'));
    expect(cardText(form)).toContain('Quand sont-ils libres ?');
    expect([inputValue(form, 'window'), inputValue(form, 'date'), inputValue(form, 'part'), inputValue(form, 'duration')]).toEqual(['date', '2026-11-26', 'afternoon', '45']);
  });

  it('/freebusy and /disponibilites alone open the form with my other calendars to tick', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    expect(cardText(form)).toContain('When are they free?');
    expect(choicesOf(form, 'calendars').map((choice) => choice.title)).toEqual(['Project Phoenix', 'Team Offsite']);
    const french = cardFrom(await bot.say(inFrench(alex), '/disponibilites'));
    expect(cardText(french)).toContain('Quand sont-ils libres ?');
    expect(cardText(french)).toContain('Mes calendriers qui comptent comme occupé (le principal compte toujours)');
  });

  it('Graph 429: retried when Graph says when, else told in the user\'s language', async () => {
    bot.emulator.control.injectFault({ path: '^/me/calendar/getSchedule', status: 429, retryAfter: '0', times: 1 });
    expect(cardText(cardFrom(await bot.say(alex, 'find a slot with Megan tomorrow')))).toContain('Best common slots');
    bot.emulator.control.injectFault({ path: '^/me/calendar/getSchedule', status: 429, retryAfter: '120' });
    expect(textFrom(await bot.say(alex, 'find a slot with Megan tomorrow'))).toBe('Microsoft 365 is busy right now. Please try again in 120 seconds.');
    expect(textFrom(await bot.say(inFrench(alex), 'un créneau avec Megan demain'))).toContain('120');
  });

  it('Graph 403 on getSchedule: a clear refusal, no stack', async () => {
    bot.emulator.control.injectFault({ path: '^/me/calendar/getSchedule', status: 403, code: 'ErrorAccessDenied' });
    const english = textFrom(await bot.say(alex, 'find a slot with Megan tomorrow'));
    expect(english).toContain('Microsoft 365 refused this request');
    expect(english).not.toMatch(/at .*\.ts|Error:/);
    expect(textFrom(await bot.say(inFrench(alex), 'un créneau avec Megan demain'))).toMatch(/Microsoft 365 a refusé|refus/);
  });
});

describe('a colleague who shows nothing, not even free/busy', () => {
  const bot = suiteHarness();

  it('is unknown to the viewer and left out of the slots, in both languages', async () => {
    // Alex sets "My Organization" to none: colleagues get an error entry from getSchedule for him.
    const primary = bot.emulator.control.calendarsOf(alex.email).find((calendar) => calendar.isDefault)?.id ?? '';
    await bot.app.gateway.updatePermission({ userId: alex.aadObjectId }, { calendarId: primary, permissionId: 'RGVmYXVsdA==', role: 'none' });
    const text = cardText(cardFrom(await bot.say(megan, 'when are Alex and Adele free tomorrow?')));
    expect(text).toMatch(/Alex Wilber\nUnknown: you cannot see this calendar/);
    expect(text).toContain('Not counted in the slots, their calendar being unknown to you: Alex Wilber.');
    const french = cardText(cardFrom(await bot.say(inFrench(megan), 'Alex et Adele sont-ils libres demain ?')));
    expect(french).toMatch(/Alex Wilber\nInconnu : vous ne pouvez pas voir ce calendrier/);
  });
});

describe('the form: my other calendars and calendars shared with me count when ticked', () => {
  const bot = suiteHarness();

  it('Project Phoenix ticked: its design review blocks Thursday afternoon', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    const phoenix = choicesOf(form, 'calendars').find((choice) => choice.title === 'Project Phoenix')?.value ?? '';
    const inputs = { names: 'Megan', window: 'date', date: '2026-11-26', part: 'afternoon', duration: '60' };
    const without = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), ...inputs })));
    expect(without).toMatch(/Thursday 26 November, 14:00 – 15:00/);
    const withPhoenix = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), ...inputs, calendars: phoenix })));
    expect(withPhoenix).toContain('Also counted as your busy time: Project Phoenix.');
    expect(withPhoenix).toMatch(/You: your main calendar and 1 more of your calendars/);
    // The tentative review runs 14:00-15:30.
    expect(withPhoenix).not.toMatch(/Thursday 26 November, (14:\d\d|15:00) –/);
    expect(withPhoenix).toContain('Thursday 26 November, 15:30 – 16:30');
  });

  it('a calendar shared with me (Adele\'s, added to my list) ticked: her events count as my busy time', async () => {
    const entry = bot.emulator.control.addToCalendarList({ userId: alex.email, ownerId: adele.email });
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    expect(choicesOf(form, 'calendars').find((choice) => choice.value === entry)?.title).toBe('Adele Vance (shared by Adele Vance)');
    // Patti on Monday 23 afternoon: Adele's store sync is 11:00-12:00, Patti free; with Adele's calendar, Alex is busy then.
    const inputs = { names: 'patti', window: 'today', part: 'morning', duration: '60', calendars: entry };
    const text = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), ...inputs })));
    expect(text).toContain('Also counted as your busy time: Adele Vance.');
    expect(text).not.toContain('Monday 23 November, 11:00 – 12:00');
  });

  it('an id that is not one of my calendars is ignored, and a missing date is asked for', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    const forged = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), names: 'Megan', window: 'tomorrow', calendars: 'AAMkA-not-mine' })));
    expect(forged).not.toContain('Also counted');
    const noDate = cardText(cardFrom(await bot.click(inFrench(alex), { ...buttonData(form, 'Find times'), names: 'Megan', window: 'date' })));
    expect(noDate).toContain('Choisissez un jour pour « À une date ».');
    const nobody = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), names: '', window: 'today' })));
    expect(nobody).toContain('Name at least one person, or pick them.');
  });

  it('a calendar I cannot read any more is named, not silently dropped', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    const phoenix = choicesOf(form, 'calendars').find((choice) => choice.title === 'Project Phoenix')?.value ?? '';
    bot.emulator.control.injectFault({ path: '/calendarView$', status: 403, code: 'ErrorAccessDenied' });
    const text = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), names: 'Megan', window: 'tomorrow', calendars: phoenix })));
    bot.emulator.control.clearFaults();
    expect(text).toContain('I could not read these calendars, so they are not counted: Project Phoenix.');
  });

  it('a forged choice is refused with a clear message, and "Change the search" reopens the form as it was', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    const forged = cardText(cardFrom(await bot.click(inFrench(alex), { ...buttonData(form, 'Find times'), names: 'Megan', window: 'someday', duration: '100000' })));
    expect(forged).toContain("Un champ du formulaire n'est pas valide.");
    const result = cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), names: 'Megan', window: 'nextWeek', part: 'morning', duration: '45' }));
    const again = cardFrom(await bot.click(alex, buttonData(result, 'Change the search')));
    expect(inputValue(again, 'names')).toBe('Megan');
    expect(inputValue(again, 'window')).toBe('nextWeek');
    expect(inputValue(again, 'part')).toBe('morning');
    expect(inputValue(again, 'duration')).toBe('45');
  });

  it('people picked in the Teams picker are used by id', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    const text = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), people: `${megan.aadObjectId},${isaiah.aadObjectId}`, window: 'tomorrow' })));
    expect(text).toContain('Availability: Megan Bowen, Isaiah Langer');
    void patti;
  });
});
