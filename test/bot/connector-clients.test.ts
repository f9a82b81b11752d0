import { ClaimsIdentity, ConnectorClient, ConnectorFactory, type AuthenticateRequestResult } from 'botframework-connector';
import { ConnectorClients } from '../../src/bot/connector-clients';

/** A request's factory that builds real connector clients, counting them; `failFirst` refuses the first. */
class CountingFactory extends ConnectorFactory {
  created = 0;
  constructor(private failFirst = false) {
    super();
  }
  create(serviceUrl: string): Promise<ConnectorClient> {
    this.created += 1;
    if (this.failFirst && this.created === 1) return Promise.reject(new Error('credentials unavailable'));
    return Promise.resolve(new ConnectorClient({ signRequest: (request: unknown) => Promise.resolve(request) } as never, { baseUri: serviceUrl }));
  }
}

function request(factory: ConnectorFactory, appId: string): AuthenticateRequestResult {
  return { audience: 'https://api.botframework.com', callerId: '', claimsIdentity: new ClaimsIdentity([{ type: 'aud', value: appId }], true), connectorFactory: factory };
}

describe('connector clients kept between turns', () => {
  it('reuses the client for the same bot identity, service URL and audience, and only then', async () => {
    const clients = new ConnectorClients();
    const factory = new CountingFactory();
    const first = await clients.reusing(request(factory, 'bot-a')).connectorFactory!.create('https://smba.example/emea/', 'aud');
    const again = await clients.reusing(request(new CountingFactory(), 'bot-a')).connectorFactory!.create('https://smba.example/emea/', 'aud');
    expect(again).toBe(first);
    const otherUrl = await clients.reusing(request(factory, 'bot-a')).connectorFactory!.create('https://smba.example/amer/', 'aud');
    const otherBot = await clients.reusing(request(factory, 'bot-b')).connectorFactory!.create('https://smba.example/emea/', 'aud');
    expect(new Set([first, otherUrl, otherBot]).size).toBe(3);
    expect(factory.created).toBe(3);
  });

  it('does not keep a failed creation', async () => {
    const clients = new ConnectorClients();
    const factory = new CountingFactory(true);
    const auth = clients.reusing(request(factory, 'bot-a'));
    await expect(auth.connectorFactory!.create('https://smba.example/emea/')).rejects.toThrow('credentials unavailable');
    await expect(clients.reusing(request(factory, 'bot-a')).connectorFactory!.create('https://smba.example/emea/')).resolves.toBeInstanceOf(ConnectorClient);
    expect(factory.created).toBe(2);
  });
});
