import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  GraphError,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { emulatorToken } from '../../src/emulator';
import { policyDeniedMessage } from '../../src/emulator/sharing-rules';
import { alex, megan } from '../support/demo-users';
import { startEmu, type Emu } from './emulator-kit';

/** The client's own auth handler strips tokens from non-https hosts, so this one sets it for the emulator. */
class EmulatorAuth implements Middleware {
  private next?: Middleware;
  constructor(private readonly authorization: string) {}

  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string>), Authorization: this.authorization } };
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The official client reads the emulator's answers as it reads Graph's: bodies, errors and batches. */
describe('emulator: seen through @microsoft/microsoft-graph-client', () => {
  let emu: Emu;
  let client: Client;
  const authorization = `Bearer ${emulatorToken(alex.aadObjectId)}`;
  beforeAll(async () => {
    emu = await startEmu();
    client = Client.initWithMiddleware({
      baseUrl: `${emu.emulator.origin}/`,
      defaultVersion: 'v1.0',
      middleware: [new EmulatorAuth(authorization), new HTTPMessageHandler()],
    });
  });
  afterAll(() => emu.close());

  it('reads entities and creates permissions', async () => {
    const me = (await client.api('/me').select(['displayName']).get()) as { id: string; displayName: string };
    expect(me).toEqual({ '@odata.context': `${emu.emulator.baseUrl}/$metadata#users(displayName)/$entity`, displayName: 'Alex Wilber' });
    const created = (await client
      .api('/me/calendar/calendarPermissions')
      
      .post({ emailAddress: { address: megan.email }, role: 'read' })) as { role: string; emailAddress: { name: string } };
    expect(created).toMatchObject({ role: 'read', emailAddress: { name: 'Megan Bowen' } });
  });

  it('turns the error envelope into a GraphError with status, code and message', async () => {
    const refusal = client
      .api('/me/calendar/calendarPermissions')
      
      .post({ emailAddress: { address: 'sam@fabrikam.example.net' }, role: 'read' });
    await expect(refusal).rejects.toBeInstanceOf(GraphError);
    await expect(refusal).rejects.toMatchObject({ statusCode: 403, code: 'ErrorAccessDenied', message: policyDeniedMessage });
  });

  it('sends and reads a JSON batch', async () => {
    const batch = new BatchRequestContent([
      { id: '1', request: new Request(`${emu.emulator.baseUrl}/me/calendars?$select=name`, { method: 'GET', headers: { authorization } }) },
      { id: '2', request: new Request(`${emu.emulator.baseUrl}/users/${megan.email}/calendar`, { method: 'GET', headers: { authorization } }) },
    ]);
    const raw: unknown = await client.api('/$batch').post(await batch.getContent());
    const responses = new BatchResponseContent(raw as { responses: [] });
    expect(responses.getResponseById('1').status).toBe(200);
    expect(((await responses.getResponseById('1').json()) as { value: { name: string }[] }).value.map((calendar) => calendar.name)).toEqual([
      'Calendar',
      'Project Phoenix',
      'Team Offsite',
      'Jordan Lee',
    ]);
    expect(responses.getResponseById('2').status).toBe(403);
  });
});
