import { shareFailureReason } from '../../../src/sharing/share-refusal';
import { GraphError } from '../../../src/graph/graph-error';
import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench, megan } from '../../support/demo-users';
import { buttonData, cardJson, invokeCard } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { review } from './share-kit';

/**
 * Exchange refuses a share with a plain 403 whose wording is its own: the owner is told why from what the
 * assistant knows (who the person is, the level, the configured policy), never from the message's words.
 */
describe('a share Exchange refuses', () => {
  const bot = suiteHarness();
  beforeEach(() => {
    bot.emulator.control.reset();
    bot.emulator.control.clearFaults();
  });

  const permissionOf = (address: string) => bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, 'Calendar')).find((p) => p.address === address);

  async function shareAndRead(owner: typeof alex, people: string, role: string): Promise<string> {
    const reviewed = invokeCard(await review(bot, owner, { calendar: 'Calendar', people, role }));
    return cardJson(invokeCard(await bot.click(owner, buttonData(reviewed, /^(Share|Partager)$/))));
  }

  it("outside, within the configured cap, refused by Exchange's own stricter policy: says the policy may be stricter (EN)", async () => {
    // The assistant is told partner.example.org may see titles and places; Exchange allows free/busy only.
    bot.emulator.control.setPolicy('partner.example.org', 'freeBusyRead');
    const text = await shareAndRead(alex, 'jordan@partner.example.org', 'limitedRead');
    expect(text).toContain('Not shared: Microsoft 365 refused to share at this level with someone outside your organisation, without saying why.');
    expect(text).toContain('may be stricter than this assistant knows');
    expect(text).not.toContain('only the owner');
    expect(permissionOf('jordan@partner.example.org')).toBeUndefined();
  });

  it.each([
    ['the words Exchange uses for the policy', 'ErrorAccessDenied', 'The sharing policy of your organization does not allow granting permissions at this level to one or more recipients.'],
    ['other words', 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
    ['another code', 'ErrorSharingNotAllowed', 'Operation not permitted.'],
  ])('inside the organisation, on my own calendar, with %s: a refusal we cannot explain, said so (FR)', async (_case, code, message) => {
    bot.emulator.control.injectFault({ method: 'POST', path: 'calendarPermissions$', status: 403, code, message });
    const text = await shareAndRead(inFrench(alex), megan.email, 'read');
    expect(text).toContain('Non partagé : Microsoft 365 a refusé le partage sans dire pourquoi.');
    expect(text).not.toMatch(/stratégie de partage de votre organisation n'autorise pas|seul le propriétaire/);
    expect(permissionOf(megan.email)).toBeUndefined();
  });

  it('outside, refused in words that do not mention a policy: still told it is about someone outside', async () => {
    bot.emulator.control.injectFault({ method: 'POST', path: 'calendarPermissions$', status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' });
    const text = await shareAndRead(alex, 'jordan@partner.example.org', 'freeBusyRead');
    expect(text).toContain('refused to share at this level with someone outside your organisation');
  });
});

describe('shareFailureReason', () => {
  const policy = { defaultExternal: 'freeBusyRead' as const, domains: { 'partner.example.org': 'limitedRead' as const } };
  const refused = new GraphError('forbidden', 'x', { status: 403, code: 'ErrorAccessDenied' });
  const outside = { address: 'sam@fabrikam.example.net', isInsideOrganization: false };

  it.each([
    ['outside, above the configured cap', refused, { recipient: outside, role: 'read' as const }, 'policyForbids'],
    ['outside, within the configured cap', refused, { recipient: outside, role: 'freeBusyRead' as const }, 'externalRefused'],
    ['a guest of the directory, above the cap of their domain', refused, { recipient: { address: 'kim@guest.example.net', isInsideOrganization: false }, role: 'limitedRead' as const }, 'policyForbids'],
    ['inside', refused, { recipient: { address: megan.email, isInsideOrganization: true }, role: 'write' as const }, 'refusedUnexplained'],
    ['not a refusal', new GraphError('throttled', 'x', { status: 429 }), { recipient: outside, role: 'read' as const }, 'throttled'],
  ])('%s', (_case, error, share, reason) => {
    expect(shareFailureReason(error, share, policy)).toBe(reason);
  });
});
