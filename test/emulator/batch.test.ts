import { adele, alex, megan } from '../support/demo-users';
import { graphAs, items, startEmu, withoutContext, type Emu } from './emulator-kit';

describe('emulator: JSON batching', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.emulator.control.reset();
    emu.emulator.control.clearFaults();
    emu.emulator.control.clearRequests();
  });

  it('runs each request through the same routing and auth, answering them by id', async () => {
    const reply = await graphAs(emu.emulator, alex).post('/$batch', {
      requests: [
        { id: '1', method: 'GET', url: '/me?$select=displayName' },
        { id: '2', method: 'GET', url: `/users/${megan.email}/calendar` },
        { id: '3', method: 'POST', url: '/me/calendar/calendarPermissions', headers: { 'Content-Type': 'application/json' }, body: { emailAddress: { address: adele.email }, role: 'read' } },
        { id: '4', method: 'GET', url: '/v1.0/me/calendar/calendarPermissions' },
      ],
    });
    expect(reply.status).toBe(200);
    const responses = items(reply.body.responses);
    expect(responses.map((response) => [response.id, response.status])).toEqual([['1', 200], ['2', 403], ['3', 201], ['4', 200]]);
    expect(withoutContext(responses[0].body)).toEqual({ displayName: 'Alex Wilber' });
    expect(responses[0].headers['Content-Type']).toBe('application/json');
    expect(responses[1].body.error.code).toBe('ErrorAccessDenied');
    expect(items(responses[3].body.value)).toHaveLength(2);
    const log = emu.emulator.control.requests();
    expect(log.map((entry) => [entry.path, entry.inBatch])).toEqual([
      ['/me', true],
      [`/users/${megan.email}/calendar`, true],
      ['/me/calendar/calendarPermissions', true],
      ['/me/calendar/calendarPermissions', true],
      ['/$batch', false],
    ]);
    expect(log[0].query).toBe('$select=displayName');
  });

  it('lets a fault hit one inner request with its own 429 and Retry-After', async () => {
    emu.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '7', times: 1 });
    const reply = await graphAs(emu.emulator, alex).post('/$batch', {
      requests: [
        { id: 'a', method: 'GET', url: '/me/calendars' },
        { id: 'b', method: 'GET', url: '/me/calendars' },
      ],
    });
    const [first, second] = items(reply.body.responses);
    expect(first).toMatchObject({ status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'ApplicationThrottled' } } });
    expect(second.status).toBe(200);
  });

  it('answers 424 for a request whose dependency failed', async () => {
    const reply = await graphAs(emu.emulator, alex).post('/$batch', {
      requests: [
        { id: '1', method: 'GET', url: '/me/calendars/AAMkAnope' },
        { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] },
      ],
    });
    expect(items(reply.body.responses).map((response) => response.status)).toEqual([404, 424]);
  });

  it('refuses more than 20 requests with 400, and accepts 20', async () => {
    const requests = (count: number): unknown[] => Array.from({ length: count }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me' }));
    const tooMany = await graphAs(emu.emulator, alex).post('/$batch', { requests: requests(21) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('BadRequest');
    expect(emu.emulator.control.requests().filter((entry) => entry.inBatch)).toHaveLength(0);
    const twenty = await graphAs(emu.emulator, alex).post('/$batch', { requests: requests(20) });
    expect(items(twenty.body.responses)).toHaveLength(20);
  });

  it('refuses a batch without the caller\'s token with 401', async () => {
    const reply = await graphAs(emu.emulator, {}).post('/$batch', { requests: [{ id: '1', method: 'GET', url: '/me' }] });
    expect(reply.status).toBe(401);
  });
});
