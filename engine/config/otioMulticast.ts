// Which OpenTrackIO multicast groups the engine joins, and on which interface: a pure policy over the config.
import { isIPv4 } from 'node:net';
import { openTrackIoGroupFor } from '../../camera-bridge/opentrackio/multicastGroups.ts';
import type { EngineConfig } from './EngineConfig.ts';

export interface OtioMulticastPlan {
  /** `239.135.1.<sourceNumber>` for each configured source. */
  groups: string[];
  /** Local address of the interface to join on; undefined = the kernel's choice (the default route's interface). */
  interfaceAddress?: string;
}

/**
 * Join the configured sources' groups when there are any and either an interface is named (`VP_OTIO_MULTICAST_IF`)
 * or the engine already listens beyond this machine (a non-loopback host: join on that address's interface, or on
 * the kernel's default one for 0.0.0.0).
 *
 * Why a loopback host with no interface joins nothing: the default 127.0.0.1 promises that the engine takes no
 * traffic from the network, and a join on the kernel's default interface would break that promise for every
 * multicast sender on the LAN. Joining on loopback needs the sender to send on loopback too, so that is opt-in:
 * `VP_OTIO_MULTICAST_IF=127.0.0.1`.
 */
export function otioMulticastPlan(config: Pick<EngineConfig, 'host' | 'otioSources' | 'otioMulticastIf'>): OtioMulticastPlan | undefined {
  if (config.otioSources.length === 0) return undefined;
  const groups = config.otioSources.map(openTrackIoGroupFor);
  if (config.otioMulticastIf !== undefined) return { groups, interfaceAddress: config.otioMulticastIf };
  if (isLoopbackHost(config.host)) return undefined;
  // 0.0.0.0 names no interface; nor does a host name (addMembership takes an address): the kernel picks.
  if (config.host === '0.0.0.0' || !isIPv4(config.host)) return { groups };
  return { groups, interfaceAddress: config.host };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}
