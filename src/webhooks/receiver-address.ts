import {
  lookup as dnsLookup,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOneOptions,
} from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Whether an address is on the public internet: not private, loopback, link-local, unique-local,
 * carrier-grade NAT, multicast, reserved or any other special range (IPv4-mapped IPv6 addresses
 * are judged as the IPv4 address they carry). A receiver there cannot reach into our network.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The hostname of a URL as an address, without IPv6 brackets, when it is one. */
function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : null;
}

/**
 * Why a receiver URL is refused, or null: only http(s), no credentials in it, and (unless
 * `allowPrivate`) no host that is or resolves to a non-public address. A name that does not
 * resolve now is accepted (it may later); the address is checked again at every connection.
 */
export async function receiverUrlProblem(
  raw: string,
  allowPrivate: boolean,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http or https URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'url must be an http or https URL';
  }
  if (url.username || url.password) return 'url must not carry credentials';
  if (allowPrivate) return null;
  const literal = literalAddress(url);
  const addresses = literal ? [literal] : await resolveAll(url.hostname);
  const refused = addresses.find((address) => !isPublicAddress(address));
  return refused
    ? `url resolves to a private, loopback or link-local address (${refused}); set WEBHOOKS_ALLOW_PRIVATE=true for development`
    : null;
}

/** Every address of a name; none when it does not resolve. */
function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve) => {
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      resolve(error ? [] : addresses.map((a) => a.address)),
    );
  });
}

/** An error a connection is refused with, so that the attempt's log says why. */
export class PrivateAddressError extends Error {
  constructor(address: string) {
    super(
      `refused to connect to ${address}: a private, loopback or link-local address (WEBHOOKS_ALLOW_PRIVATE is off)`,
    );
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for the sockets of webhook requests: resolves as usual, then refuses a non-public
 * address. Checked at every connection (not only when the endpoint was saved), so a name that
 * resolves to a public address then to an internal one (DNS rebinding) still cannot reach in.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '');
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new PrivateAddressError(refused.address), '');
    if ((options as LookupAllOptions).all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

/** For a URL whose host is an address literal (no lookup happens): the same refusal. */
export function assertPublicLiteral(url: URL): void {
  const literal = literalAddress(url);
  if (literal && !isPublicAddress(literal)) throw new PrivateAddressError(literal);
}
