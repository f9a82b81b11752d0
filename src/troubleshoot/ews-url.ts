/**
 * Builds and checks the EWS (Exchange Web Services) address booking tools ask for, from what a person
 * has at hand: their email address, the server name their mail app shows, or a URL they were given.
 * A mailbox in Microsoft 365 has one address, Exchange Online's; only a domain that is not on Exchange
 * Online gets an on-premises address, in the form https://mail.example.com/ews/exchange.asmx.
 * Pure: nothing typed here is stored or logged, and a password slipped into a URL is dropped, never repeated back.
 */

export const ewsPath = '/ews/exchange.asmx';
/** Exchange Online's EWS address, the same for every Microsoft 365 mailbox. */
export const exchangeOnlineEwsUrl = 'https://outlook.office365.com/EWS/Exchange.asmx';
const exchangeOnlineServers = ['outlook.office365.com', 'outlook.office.com'];

/** What the helper knows of the organisation: the domains whose mailboxes are in Exchange Online. */
export interface EwsContext {
  exchangeOnlineDomains: readonly string[];
}

export type EwsProblem =
  | 'empty'
  | 'tooLong'
  | 'credentials'
  | 'notHttps'
  | 'unsupportedScheme'
  | 'badServer'
  | 'webmailAddress'
  | 'wrongPath'
  | 'queryOrFragment'
  /** A server at a domain on Exchange Online: its mailboxes answer at Exchange Online's address. */
  | 'onExchangeOnline';

export interface EwsUrlCheck {
  /** What the person typed, as understood. */
  input: 'email' | 'server' | 'url' | 'unreadable';
  /** The EWS URL to give the app, when one could be built. */
  url?: string;
  /** The server name in it. */
  server?: string;
  /** Built from an email domain: the usual `mail.` server name, a guess to confirm in a mail app. */
  guessed: boolean;
  /** The address is Exchange Online's (Microsoft 365). */
  exchangeOnline: boolean;
  /** The input was already a correct EWS URL. */
  alreadyCorrect: boolean;
  /** What was wrong with the input, in the order to explain it. Problems with a `url` were repaired. */
  problems: EwsProblem[];
}

const maxLength = 300;
const emailPattern = /^[^\s@/:]+@([^\s@/:]+)$/;
const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const serverPattern = new RegExp(`^(?=.{1,253}$)${label}(?:\\.${label})+$`);
const webmailPaths = ['/owa', '/mail', '/webmail', '/hpronto', '/mapi'];

/** Whether a domain, or a server in it, is one of the organisation's Exchange Online domains. */
function onExchangeOnline(host: string, context: EwsContext): boolean {
  return context.exchangeOnlineDomains.some((domain) => host === domain.toLowerCase() || host.endsWith(`.${domain.toLowerCase()}`));
}

/** Reads what the person typed and returns the EWS URL to use, or why none can be built. */
export function checkEwsInput(raw: string, context: EwsContext = { exchangeOnlineDomains: [] }): EwsUrlCheck {
  const text = raw.trim();
  if (text === '') return unreadable(['empty']);
  if (text.length > maxLength) return unreadable(['tooLong']);

  const email = emailPattern.exec(text);
  if (email) {
    const domain = email[1].toLowerCase();
    if (!serverPattern.test(domain)) return { ...unreadable(['badServer']), input: 'email' };
    if (onExchangeOnline(domain, context)) return exchangeOnlineResult('email', []);
    const server = `mail.${domain}`;
    return { input: 'email', url: ewsUrlFor(server), server, guessed: true, exchangeOnline: false, alreadyCorrect: false, problems: [] };
  }

  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return { ...unreadable(['badServer']), input: hasScheme ? 'url' : 'server' };
  }
  const problems: EwsProblem[] = [];
  if (url.username || url.password) problems.push('credentials');
  if (url.protocol === 'http:') problems.push('notHttps');
  else if (url.protocol !== 'https:') return { ...unreadable([...problems, 'unsupportedScheme']), input: 'url' };

  const server = url.hostname.toLowerCase();
  if (!serverPattern.test(server)) return { ...unreadable([...problems, 'badServer']), input: hasScheme ? 'url' : 'server' };

  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  if (path !== '' && path !== ewsPath) {
    problems.push(webmailPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) ? 'webmailAddress' : 'wrongPath');
  }
  if (url.search || url.hash) problems.push('queryOrFragment');
  const port = url.port ? `:${url.port}` : '';
  const input = hasScheme || path !== '' ? 'url' : 'server';
  const alreadyCorrect = input === 'url' && path === ewsPath && problems.length === 0;
  if (exchangeOnlineServers.includes(server)) return { ...exchangeOnlineResult(input, problems), alreadyCorrect };
  if (onExchangeOnline(server, context)) return exchangeOnlineResult(input, [...problems, 'onExchangeOnline']);
  return { input, url: ewsUrlFor(`${server}${port}`), server, guessed: false, exchangeOnline: false, alreadyCorrect, problems };
}

/** The EWS URL of a server (a host name, with a port when it has one). */
export function ewsUrlFor(server: string): string {
  return `https://${server}${ewsPath}`;
}

function exchangeOnlineResult(input: EwsUrlCheck['input'], problems: EwsProblem[]): EwsUrlCheck {
  return { input, url: exchangeOnlineEwsUrl, server: 'outlook.office365.com', guessed: false, exchangeOnline: true, alreadyCorrect: false, problems };
}

function unreadable(problems: EwsProblem[]): EwsUrlCheck {
  return { input: 'unreadable', guessed: false, exchangeOnline: false, alreadyCorrect: false, problems };
}
