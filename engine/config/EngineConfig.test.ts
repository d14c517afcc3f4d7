// Tests for the engine's flags and VP_* variables: defaults, precedence, and errors that name the setting and value.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEngineConfig } from './EngineConfig.ts';

/** The ConfigError message `loadEngineConfig` must throw for these flags and variables. */
function errorFor(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    loadEngineConfig(argv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadEngineConfig', () => {
  it('defaults to loopback, the standard ports and OpenTrackIO source 1 with no multicast interface', () => {
    const c = loadEngineConfig([], {});
    expect(c).toMatchObject({ host: '127.0.0.1', httpPort: 8080, otioPort: 55555, otioSources: [1] });
    expect(c.otioMulticastIf).toBeUndefined();
  });

  it('reads VP_OTIO_SOURCES and VP_OTIO_MULTICAST_IF, and the flags win over them', () => {
    const env = { VP_OTIO_SOURCES: '3, 1,3', VP_OTIO_MULTICAST_IF: '192.168.1.20' };
    expect(loadEngineConfig([], env)).toMatchObject({ otioSources: [3, 1], otioMulticastIf: '192.168.1.20' });
    expect(loadEngineConfig(['--otio-sources', '200', '--otio-multicast-if', '127.0.0.1'], env)).toMatchObject({ otioSources: [200], otioMulticastIf: '127.0.0.1' });
  });

  it('takes "none" as no OpenTrackIO groups at all', () => {
    expect(loadEngineConfig(['--otio-sources', 'none'], {}).otioSources).toEqual([]);
  });

  it.each(['0', '201', '1,x', '1.5', '-2', '1,,2'])('refuses VP_OTIO_SOURCES=%s, naming the flag, the variable and the value', (value) => {
    const message = errorFor([], { VP_OTIO_SOURCES: value });
    expect(message).toContain('--otio-sources / VP_OTIO_SOURCES');
    expect(message).toContain(`(got ${JSON.stringify(value)})`);
  });

  it.each(['eth0', '256.1.1.1', '::1', 'localhost'])('refuses --otio-multicast-if %s: an IPv4 address is needed', (value) => {
    const message = errorFor(['--otio-multicast-if', value]);
    expect(message).toMatch(/^--otio-multicast-if \/ VP_OTIO_MULTICAST_IF: must be an IPv4 address/);
    expect(message).toContain(`(got ${JSON.stringify(value)})`);
  });

  it('echoes a bad value for the other settings too', () => {
    expect(errorFor(['--http-port', '70000'])).toMatch(/^--http-port \/ VP_HTTP_PORT: .* \(got "70000"\)$/);
  });

  it('refuses an unknown flag', () => {
    expect(errorFor(['--otio-groups', '1'])).toContain('--otio-groups');
  });
});
