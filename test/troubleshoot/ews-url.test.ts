import { checkEwsInput } from '../../src/troubleshoot/ews-url';

describe('the EWS helper', () => {
  it.each([
    ['an email address: the usual mail. server, flagged as a guess', 'megan@contoso.com', 'https://mail.contoso.com/ews/exchange.asmx', 'email', true],
    ['a server name', 'mail.contoso.com', 'https://mail.contoso.com/ews/exchange.asmx', 'server', false],
    ['a server name in capitals with spaces around', '  Mail.Contoso.COM ', 'https://mail.contoso.com/ews/exchange.asmx', 'server', false],
    ['the hosted webmail server of the documentation', 'mails-ng.optimails.com', 'https://mails-ng.optimails.com/ews/exchange.asmx', 'server', false],
    ['a server with a port', 'https://mail.contoso.com:8443', 'https://mail.contoso.com:8443/ews/exchange.asmx', 'url', false],
  ])('builds the URL from %s', (_name, input, url, kind, guessed) => {
    const result = checkEwsInput(input);
    expect(result).toMatchObject({ url, input: kind, guessed, problems: [], alreadyCorrect: false });
  });

  it.each(['https://mail.contoso.com/ews/exchange.asmx', 'https://mail.contoso.com/EWS/Exchange.asmx', 'https://outlook.office365.com/EWS/Exchange.asmx/'])(
    'accepts a correct EWS URL as it is: %s',
    (input) => {
      const result = checkEwsInput(input);
      expect(result.alreadyCorrect).toBe(true);
      expect(result.problems).toEqual([]);
    },
  );

  it.each([
    ['the webmail address', 'https://mail.contoso.com/owa/', ['webmailAddress']],
    ['the hosted webmail address', 'mails.optimails.com/hpronto', ['webmailAddress']],
    ['plain http', 'http://mail.contoso.com/ews/exchange.asmx', ['notHttps']],
    ['another path', 'https://mail.contoso.com/exchange', ['wrongPath']],
    ['a query string', 'https://mail.contoso.com/ews/exchange.asmx?user=megan', ['queryOrFragment']],
  ])('repairs %s and says what was wrong', (_name, input, problems) => {
    const result = checkEwsInput(input);
    expect(result.problems).toEqual(problems);
    expect(result.alreadyCorrect).toBe(false);
    expect(result.url).toMatch(/^https:\/\/mail(s)?\.[a-z.]+\/ews\/exchange\.asmx$/);
  });

  it('drops a password typed into the URL and never repeats it', () => {
    const result = checkEwsInput('https://megan:Secret123!@mail.contoso.com/ews/exchange.asmx');
    expect(result.problems).toEqual(['credentials']);
    expect(result.url).toBe('https://mail.contoso.com/ews/exchange.asmx');
    expect(JSON.stringify(result)).not.toContain('Secret123');
    expect(JSON.stringify(result)).not.toContain('megan');
  });

  it.each([
    ['nothing', '   ', ['empty']],
    ['a single word', 'exchange', ['badServer']],
    ['localhost', 'localhost', ['badServer']],
    ['words with spaces', 'my exchange server', ['badServer']],
    ['an email at a bad domain', 'megan@contoso', ['badServer']],
    ['another scheme', 'ftp://mail.contoso.com', ['unsupportedScheme']],
    ['something very long', `mail.${'a'.repeat(400)}.com`, ['tooLong']],
  ])('refuses %s without building a URL', (_name, input, problems) => {
    const result = checkEwsInput(input);
    expect(result.url).toBeUndefined();
    expect(result.problems).toEqual(problems);
  });

  describe('in a Microsoft 365 organisation', () => {
    const context = { exchangeOnlineDomains: ['example.com', 'contoso.com'] };
    it.each(['megan@example.com', 'Megan@Contoso.com', 'mail.contoso.com', 'https://mail.example.com/owa/', 'outlook.office365.com', 'https://outlook.office.com/'])(
      'gives Exchange Online\'s address for %s',
      (input) => {
        const result = checkEwsInput(input, context);
        expect(result).toMatchObject({ url: 'https://outlook.office365.com/EWS/Exchange.asmx', exchangeOnline: true, guessed: false });
      },
    );

    it('says why a server at an Exchange Online domain is not the address to use', () => {
      expect(checkEwsInput('mail.example.com', context).problems).toEqual(['onExchangeOnline']);
    });

    it('builds an on-premises address only for a domain that is not on Exchange Online', () => {
      expect(checkEwsInput('sam@fabrikam.example.net', context)).toMatchObject({ url: 'https://mail.fabrikam.example.net/ews/exchange.asmx', exchangeOnline: false, guessed: true });
      expect(checkEwsInput('mail.fabrikam.example.net', context)).toMatchObject({ url: 'https://mail.fabrikam.example.net/ews/exchange.asmx', exchangeOnline: false, problems: [] });
    });
  });
});
