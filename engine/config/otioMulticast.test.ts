// Tests for the OpenTrackIO multicast policy: when the engine joins groups, and on which interface.
import { describe, expect, it } from 'vitest';
import { otioMulticastPlan } from './otioMulticast.ts';

const plan = (host: string, otioSources: number[], otioMulticastIf?: string) => otioMulticastPlan({ host, otioSources, otioMulticastIf });

describe('otioMulticastPlan', () => {
  it('joins nothing on the default loopback host with no interface named: the engine stays on this machine', () => {
    expect(plan('127.0.0.1', [1])).toBeUndefined();
    expect(plan('127.0.0.2', [1, 2])).toBeUndefined();
    expect(plan('localhost', [1])).toBeUndefined();
  });

  it('joins on the named interface, loopback included', () => {
    expect(plan('127.0.0.1', [1, 2], '127.0.0.1')).toEqual({ groups: ['239.135.1.1', '239.135.1.2'], interfaceAddress: '127.0.0.1' });
    expect(plan('0.0.0.0', [7], '192.168.1.20')).toEqual({ groups: ['239.135.1.7'], interfaceAddress: '192.168.1.20' });
  });

  it('joins on the host address when bound to one interface', () => {
    expect(plan('192.168.1.20', [3])).toEqual({ groups: ['239.135.1.3'], interfaceAddress: '192.168.1.20' });
  });

  it('leaves the interface to the kernel on the wildcard host or a host name', () => {
    expect(plan('0.0.0.0', [1])).toEqual({ groups: ['239.135.1.1'] });
    expect(plan('stage-pc.local', [1])).toEqual({ groups: ['239.135.1.1'] });
  });

  it('joins nothing when no sources are listed, whatever the interface', () => {
    expect(plan('0.0.0.0', [])).toBeUndefined();
    expect(plan('127.0.0.1', [], '127.0.0.1')).toBeUndefined();
  });
});
