import { cardJson } from '../support/cards';
import { suiteHarness } from '../support/bot-harness';
import { alex, isaiah, lynne, megan, patti, type DemoUser } from '../support/demo-users';
import { cardOf } from '../support/fake-connector';
import { share } from '../dialogs/share/share-kit';

const teamsAppId = '7f1c2b1e-0000-4000-8000-00000000c5a1';

/** Invitations reach people who never opened the bot: the app is installed for them through Graph. */
describe('proactive installation for an invitation', () => {
  const bot = suiteHarness({ TEAMS_APP_ID: teamsAppId });

  const installCalls = () => bot.emulator.control.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/teamwork/installedApps'));
  const invitationChat = (user: DemoUser, catalogId: string) => `19:${user.aadObjectId}_${catalogId}@unq.gbl.spaces`;

  it('not in the catalog (404): the invitation goes by email, as before', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: lynne.email, role: 'read' });
    expect(bot.emulator.control.sentMail(lynne.email)).toHaveLength(1);
    expect(installCalls()).toEqual([]);
  });

  it('installed: the app is installed for Patti and the invitation card reaches her new 1:1 chat, no email', async () => {
    const catalogId = bot.emulator.teamwork.publish(teamsAppId);
    await share(bot, alex, { calendar: 'Team Offsite', people: patti.email, role: 'read' });
    expect(installCalls().map((call) => call.status)).toEqual([201]);
    const sent = await bot.deliverOutbox();
    const card = sent.filter((activity) => activity.conversationId === invitationChat(patti, catalogId)).map(cardOf)[0];
    expect(cardJson(card)).toContain('invitationAccept');
    expect(bot.emulator.control.sentMail(patti.email)).toEqual([]);
  });

  it('already installed (409): counts as installed, the card reaches the chat', async () => {
    const catalogId = bot.emulator.teamwork.publish(teamsAppId);
    bot.emulator.teamwork.install(megan.aadObjectId, catalogId);
    await share(bot, alex, { calendar: 'Calendar', people: megan.email, role: 'read' });
    expect(installCalls().map((call) => call.status)).toContain(409);
    const sent = await bot.deliverOutbox();
    expect(sent.some((activity) => activity.conversationId === invitationChat(megan, catalogId) && cardJson(cardOf(activity)).includes('invitation'))).toBe(true);
  });

  it('blocked by an app permission policy (403): email instead, nothing lost', async () => {
    bot.emulator.teamwork.publish(teamsAppId);
    bot.emulator.teamwork.block(isaiah.aadObjectId);
    const before = bot.emulator.control.sentMail(isaiah.email).length;
    await share(bot, alex, { calendar: 'Team Offsite', people: isaiah.email, role: 'read' });
    expect(installCalls().at(-1)?.status).toBe(403);
    expect(bot.emulator.control.sentMail(isaiah.email).length).toBe(before + 1);
  });
});
