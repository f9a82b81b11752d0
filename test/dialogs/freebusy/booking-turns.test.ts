import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench, megan, patti } from '../../support/demo-users';
import { buttonData, cardFrom, cardText, textFrom } from '../../support/cards';

describe('creating the meeting of a proposed slot, after a confirmation', () => {
  const bot = suiteHarness();

  async function firstSlot(user = alex, text = 'find a 30 minute slot with Megan and Patti tomorrow'): Promise<Record<string, unknown>> {
    return buttonData(cardFrom(await bot.say(user, text)), /^(Create the meeting|Créer la réunion)$/);
  }

  it('asks first, then creates it in my calendar and invites everyone, once however often it is clicked', async () => {
    const book = await firstSlot();
    const confirm = cardFrom(await bot.click(alex, book));
    expect(cardText(confirm)).toMatch(/Create this meeting\?\nWhen\nTuesday 24 November, 10:00 – 10:30\nInvited\nMegan Bowen, Patti Fernandez/);
    const before = bot.emulator.control.requests().length;
    const confirmData = { ...buttonData(confirm, 'Create and invite'), subject: 'Campaign sync' };
    const done = cardFrom(await bot.click(alex, confirmData));
    expect(cardText(done)).toContain('Meeting created, invitations sent');
    const created = bot.emulator.control.requests().slice(before).filter((entry) => entry.method === 'POST' && entry.path === '/me/calendar/events');
    expect(created).toHaveLength(1);

    // The new meeting is busy time now: Megan sees herself tentative and Alex busy at 10:00 on Tuesday.
    const again = cardText(cardFrom(await bot.say(megan, 'find a 30 minute slot with Alex tomorrow')));
    expect(again).not.toContain('Tuesday 24 November, 10:00 – 10:30');

    const twice = cardFrom(await bot.click(alex, confirmData));
    expect(cardText(twice)).toContain('This meeting was already created');
    expect(bot.emulator.control.requests().filter((entry) => entry.method === 'POST' && entry.path === '/me/calendar/events')).toHaveLength(1);
    expect(cardText(cardFrom(await bot.click(alex, book)))).toContain('This meeting was already created');
  });

  it('a card clicked by someone else books nothing', async () => {
    const book = await firstSlot();
    expect(textFrom(await bot.click(patti, book))).toBe('These slots were proposed to someone else. Type /freebusy to search for your own meeting.');
    expect(textFrom(await bot.click(inFrench(patti), { ...book, verb: 'freeBusyBookConfirm' }))).toContain('proposés à quelqu');
  });

  it('cancel, a forged slot number and an unknown proposal', async () => {
    const book = await firstSlot(inFrench(alex), 'un créneau de 30 minutes avec Megan demain');
    const confirm = cardFrom(await bot.click(inFrench(alex), book));
    expect(cardText(confirm)).toContain('Créer cette réunion ?');
    expect(cardText(cardFrom(await bot.click(inFrench(alex), buttonData(confirm, 'Annuler'))))).toContain("Rien n'a été créé.");
    expect(textFrom(await bot.click(alex, { ...book, slot: 19 }))).toBe('This slot is no longer available. Type /freebusy to search again.');
    expect(textFrom(await bot.click(alex, { ...book, proposalId: 'nope' }))).toBe('This slot is no longer available. Type /freebusy to search again.');
    expect(textFrom(await bot.click(alex, { verb: 'freeBusyBook' }))).toBe('This slot is no longer available. Type /freebusy to search again.');
  });

  it('Graph failing on the create: the confirmation stays, with the reason, and nothing is recorded', async () => {
    const book = await firstSlot();
    const confirm = cardFrom(await bot.click(alex, book));
    bot.emulator.control.injectFault({ method: 'POST', path: '^/me/calendar/events', status: 503, retryAfter: '120' });
    const failed = cardFrom(await bot.click(alex, buttonData(confirm, 'Create and invite')));
    bot.emulator.control.clearFaults();
    expect(cardText(failed)).toMatch(/Create this meeting\?[\s\S]*Microsoft 365 is not answering right now/);
    expect(cardText(cardFrom(await bot.click(alex, buttonData(failed, 'Create and invite'))))).toContain('Meeting created, invitations sent');
  });
});
