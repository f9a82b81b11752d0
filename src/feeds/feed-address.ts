import ipaddr from 'ipaddr.js';

/**
 * Which feed addresses may be fetched at all, before any connection: https (webcal read as https),
 * plain http only for hosts an administrator allows, and never an address literal outside public
 * unicast. WHATWG URL parsing already turns decimal, octal and hex forms (`2130706433`, `0177.0.0.1`,
 * `0x7f.1`) into dotted IPv4, so they are checked like any literal. Names are checked after DNS, at
 * connection time (see feed-fetcher.ts).
 */
export type AddressProblem = 'badAddress' | 'insecure' | 'forbiddenAddress';

export class FeedAddressError extends Error {
  constructor(
    readonly problem: AddressProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FeedAddressError';
  }
}

export interface AddressPolicy {
  httpAllowedHosts: string[];
  /** Tests only (production config refuses it): loopback addresses count as public. */
  allowLoopbackForTests: boolean;
}

/** `webcal://` and `webcals://` are https feeds by convention (Apple, Outlook). */
export function normaliseFeedUrl(input: string): URL {
  const text = input.trim().replace(/^webcals?:\/\//i, 'https://');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FeedAddressError('badAddress', 'Not a web address');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FeedAddressError('badAddress', `Scheme ${url.protocol} is not allowed`);
  if (!url.hostname) throw new FeedAddressError('badAddress', 'The address has no host');
  url.hash = '';
  return url;
}

/** The host without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

const loopbacks = ['127.0.0.1', '::1'];

/** Whether an IP address is one a feed may live at: public unicast (IPv4-mapped IPv6 judged as mapped, so refused). */
export function isPublicAddress(address: string, policy: Pick<AddressPolicy, 'allowLoopbackForTests'>): boolean {
  if (!ipaddr.isValid(address)) return false;
  if (policy.allowLoopbackForTests && loopbacks.includes(address)) return true;
  return ipaddr.parse(address).range() === 'unicast';
}

/** Checks one hop's URL against the policy (every redirect goes through here again). */
export function checkFeedUrl(url: URL, policy: AddressPolicy): void {
  const host = bareHost(url).toLowerCase();
  if (url.protocol === 'http:' && !policy.httpAllowedHosts.includes(host)) {
    throw new FeedAddressError('insecure', `Plain http is not allowed for ${host}`);
  }
  if (ipaddr.isValid(host) && !isPublicAddress(host, policy)) throw new FeedAddressError('forbiddenAddress', 'The address is not a public one');
  if (host === 'localhost' || host.endsWith('.localhost')) {
    if (!policy.allowLoopbackForTests) throw new FeedAddressError('forbiddenAddress', 'The address is not a public one');
  }
}

/** The IP ranges request-filtering-agent lets through beyond public unicast: loopback, in tests only. */
export function allowedPrivateList(policy: Pick<AddressPolicy, 'allowLoopbackForTests'>): string[] {
  return policy.allowLoopbackForTests ? ['127.0.0.1', '::1'] : [];
}
