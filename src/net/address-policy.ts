import ipaddr from 'ipaddr.js';

/**
 * Decides which IP addresses audio and webhook URLs may reach. Only public unicast addresses are
 * allowed, so a URL cannot make Hark probe its own network (loopback, private ranges, link-local
 * cloud metadata at 169.254.169.254, …) — unless the operator allow-lists a range.
 */
export class AddressPolicy {
  readonly #allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(allowedCidrs: readonly string[]) {
    this.#allowed = allowedCidrs.map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr);
      } catch {
        throw new Error(`not a CIDR range: '${cidr}'`);
      }
    });
  }

  /** Null when `address` may be contacted, otherwise the name of the range that forbids it. */
  forbiddenRange(address: string): string | null {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      // process() unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1) so it is judged as the IPv4 it is.
      parsed = ipaddr.process(address);
    } catch {
      return 'invalid';
    }
    if (this.#allowed.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) {
      return null;
    }
    const range = parsed.range();
    return range === 'unicast' ? null : range;
  }
}
