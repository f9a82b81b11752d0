import { suiteHarness } from '../support/bot-harness';
import { buttonData, cardFrom, cardText, invokeCard, textFrom, type Card } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, inFrench, isaiah, lynne, megan, patti } from '../support/demo-users';
import { review, share } from '../dialogs/share/share-kit';

describe('inputs are typed and bounded at the edge', () => {
  const bot = suiteHarness();
  beforeAll(() => bot.say(megan, 'hello'));

  it.each([
    ['a locale that is an object', { locale: { toLowerCase: 1 } }],
    ['a text that is an array', { text: ['/help'] }],
    ['a sender name that is a number', { from: { id: '29:x', aadObjectId: alex.aadObjectId, name: 42 } }],
    ['a conversation id that is an object', { conversation: { id: { $ne: null } } }],
  ])('refuses %s with 400, running no turn', async (_label, fields) => {
    const turn = await bot.post(bot.activity(alex, { type: 'message', text: '/help', ...fields }));
    expect(turn.status).toBe(400);
    expect(turn.all).toHaveLength(0);
  });

  it.each([
    ['a list', ['write']],
    ['an object', { role: 'write' }],
    ['a very long text', 'w'.repeat(65)],
  ])('refuses a picked level that is %s as a tampered card, sharing nothing', async (_label, value) => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'isaiahl@example.com', role: 'read' })) as Card;
    const answer = invokeCard(await bot.click(alex, { ...buttonData(reviewed, 'Share'), role_0: value }));
    expect(cardText(answer)).toContain('This card is no longer valid');
    expect(bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, 'Team Offsite')).some((permission) => permission.address === isaiah.email)).toBe(false);
  });

  it('limits wrong /accept codes per person, in FR and EN, without locking out others', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect(textFrom(await bot.say(megan, '/accept ZZZZ-ZZZZ'))).not.toMatch(/Too many/);
    expect(textFrom(await bot.say(megan, '/accept ZZZZ-ZZZZ'))).toMatch(/^Too many invitation codes tried\. Please wait 15 minutes/);
    expect(textFrom(await bot.say(inFrench(megan), '/accepter ZZZZ-ZZZZ'))).toMatch(/^Trop de codes d'invitation essayés\. Attendez 15 minutes/);
    expect(textFrom(await bot.say(isaiah, '/accept ZZZZ-ZZZZ'))).not.toMatch(/Too many/);
  });

  it('lets the right code through after a few wrong ones', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' });
    const row = await bot.app.database.db.selectFrom('share_invitations').select('code').where('recipient_address', '=', 'pattif@example.com').executeTakeFirstOrThrow();
    for (let attempt = 0; attempt < 4; attempt++) await bot.say(patti, '/accept ZZZZ-ZZZZ');
    expect(cardText(cardFrom(await bot.say(patti, `/accept ${row.code ?? ''}`)))).toContain('You accepted this invitation.');
  });

  it('stores a bounded audit entry whatever the helpdesk typed', async () => {
    await bot.say(lynne, `/diagnose ${'x'.repeat(3_000)}@example.com`);
    const rows = await bot.app.database.db.selectFrom('helpdesk_audit').select(['target_address', 'outcome']).execute();
    const last = rows[rows.length - 1];
    expect(last.outcome).toBe('invalid');
    expect(last.target_address?.length).toBeLessThanOrEqual(320);
  });
});
