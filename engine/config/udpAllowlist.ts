// A receiver's sender allowlist (VP_OSC_ALLOW and friends) as node's BlockList, which matches IPv4 and IPv6 blocks.
import { BlockList, isIP } from 'node:net';

/** CIDR blocks (validated by EngineConfigSchema) → a BlockList; none = undefined, every sender is taken. */
export function udpAllowlist(cidrs: readonly string[]): BlockList | undefined {
  if (cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}
