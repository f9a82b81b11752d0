import { cardJson } from '../support/cards';
import { alex, inFrench, megan, patti } from '../support/demo-users';
import { cardOf } from '../support/fake-connector';
import { prodClientId, ProductionHarness, signInCardOf, ssoAudience } from '../support/production-harness';

/**
 * The production sign-in path with nothing faked but the Teams client: a JWT-signed activity, the
 * sign-in card, the SSO token exchange invoke, on-behalf-of through teams-ai and MSAL against the
 * local Entra emulator, and Graph calls the Graph emulator checks (signature, audience, tenant, scopes).
 */
describe('production path, end to end on this machine', () => {
  const bot = new ProductionHarness();
  beforeAll(() => bot.start());
  afterAll(() => bot.stop());

  const oboRequests = () => bot.entra.directory.tokenRequests.filter((request) => request.grant === 'on_behalf_of');
  const graphCallsBy = (path: string) => bot.emulator.control.requests().filter((request) => request.path === path);

  it('signs Alex in with Teams SSO, answers his first message, then reuses the token', async () => {
    bot.consent(alex);
    const first = await bot.say(alex, '/calendars');
    expect(first.status).toBe(200);
    const card = signInCardOf(first.messages);
    expect(card?.attachments?.[0]?.content).toMatchObject({ text: 'Sign in once so that I can read and share your calendars for you.', buttons: [{ title: 'Sign in', type: 'signin' }] });
    expect(graphCallsBy('/me/calendars')).toHaveLength(0);

    const exchanged = await bot.exchange(alex, card);
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ failureDetail: '' });
    // The message that started the sign-in is answered with a Graph call made with Alex's delegated token.
    expect(cardJson(cardOf(exchanged.messages[0]))).toContain('Calendars shared with you');
    expect(graphCallsBy('/me/calendars').map((call) => call.status)).toEqual([200]);
    expect(oboRequests()).toEqual([{ grant: 'on_behalf_of', clientId: prodClientId, outcome: 200 }]);

    const second = await bot.say(alex, '/calendars');
    expect(signInCardOf(second.messages)).toBeUndefined();
    expect(cardJson(cardOf(second.messages[0]))).toContain('Calendars shared with you');
    expect(oboRequests()).toHaveLength(1);
    // Every token held for a turn was released when the turn ended.
    expect(bot.app.turnTokens?.heldUsers).toBe(0);
  });

  it('writes the sign-in card in French for a French speaker', async () => {
    const first = await bot.say(inFrench(patti), 'aide');
    expect(signInCardOf(first.messages)?.attachments?.[0]?.content).toMatchObject({ buttons: [{ title: 'Se connecter' }] });
  });

  it('consent required: the sign-in card, a refused exchange (412), then the answer once Megan consents', async () => {
    const answered = () => bot.emulator.control.requests().filter((request) => request.status === 200 && request.path === '/me/calendars').length;
    const before = answered();
    const first = await bot.say(megan, '/calendars');
    const card = signInCardOf(first.messages);
    expect(card).toBeDefined();
    const refused = await bot.exchange(megan, card);
    // Teams answers a 412 by showing the card's sign-in button (the consent page).
    expect(refused.status).toBe(412);
    expect(refused.messages).toEqual([]);
    expect(answered()).toBe(before);

    bot.consent(megan);
    const accepted = await bot.exchange(megan, card);
    expect(accepted.status).toBe(200);
    expect(cardJson(cardOf(accepted.messages[0]))).toContain('Calendars shared with you');
  });

  it.each([
    ['a token signed by someone else', () => bot.entra.ssoTokenFor({ id: patti.aadObjectId, name: patti.name, upn: patti.email }, 'api://someone-else')],
    ['an expired SSO token', () => bot.entra.ssoTokenFor({ id: patti.aadObjectId, name: patti.name, upn: patti.email }, ssoAudience, -60)],
    [
      // A 400, not a 503: MSAL itself then holds back the same request for a minute (its throttling), which later tests would hit.
      'Entra refusing the grant',
      () => {
        bot.entra.directory.failNext({ grant: 'on_behalf_of', status: 400, error: 'invalid_grant', description: 'AADSTS50173: The provided grant has expired due to it being revoked.' });
        return undefined;
      },
    ],
  ])('a token exchange that fails (%s) answers 412 and calls no Graph', async (_case, token) => {
    bot.consent(patti);
    const before = bot.emulator.control.requests().length;
    const first = await bot.say(patti, '/calendars');
    const failed = await bot.exchange(patti, signInCardOf(first.messages), token());
    expect(failed.status).toBe(412);
    expect(bot.emulator.control.requests().length).toBe(before);
    expect(bot.app.turnTokens?.heldUsers).toBe(0);
  });

  it('an expired user token: Graph says 401, Alex is told in plain words and signed in again at his next message', async () => {
    const before = oboRequests().length;
    // MSAL still holds the token (its own clock), but Graph's clock says it has expired.
    bot.clock.advance(2 * 3600_000);
    const expired = await bot.say(alex, '/share');
    expect(expired.messages.map((message) => message.text)).toContain('Your sign-in has expired. Please sign in again.');
    expect(graphCallsBy('/me/calendars').at(-1)?.status).toBe(401);
    expect(bot.app.turnTokens?.heldUsers).toBe(0);

    const next = await bot.say(alex, '/calendars');
    const card = signInCardOf(next.messages);
    expect(card).toBeDefined();
    const exchanged = await bot.exchange(alex, card);
    expect(cardJson(cardOf(exchanged.messages[0]))).toContain('Calendars shared with you');
    expect(oboRequests().length).toBe(before + 1);
  });

  it('never logs a token: SSO, Graph, bot connector', () => {
    const text = bot.logText();
    expect(text).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(text).not.toContain('sso-client-secret-value');
  });
});
