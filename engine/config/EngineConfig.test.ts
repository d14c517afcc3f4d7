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

  it.each([
    [{ VP_FPS: '49' }, '--fps / VP_FPS: fps must be one of 23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60 (got "49")'],
    [{ VP_VERBOSE: 'yes' }, '--verbose / VP_VERBOSE: must be one of 1, 0, true, false, on, off (got "yes")'],
    [{ VP_TF_BACKEND: 'gpu' }, '--tf-backend / VP_TF_BACKEND: must be one of tensorflow, wasm, cpu (got "gpu")'],
    [{ VP_OSC_ALLOW: '10.0.0.0/33' }, '--osc-allow / VP_OSC_ALLOW: "10.0.0.0/33" is not an address or CIDR block'],
    [{ VP_ALLOWED_ORIGINS: 'console.example' }, '--allowed-origins / VP_ALLOWED_ORIGINS: "console.example" is not an origin'],
    [{ VP_COMMAND_RATE_HZ: '0' }, '--command-rate-hz / VP_COMMAND_RATE_HZ:'],
  ])('refuses %o with the allowed values and the bad one', (env, expected) => {
    expect(errorFor([], env)).toContain(expected);
  });

  it('takes allowlists and origins, normalised', () => {
    const c = loadEngineConfig([], { VP_OSC_ALLOW: ' 10.0.0.0/8, 192.168.1.20 ,fd00::/8', VP_ALLOWED_ORIGINS: 'https://console.example:8443' });
    expect(c.oscAllow).toEqual(['10.0.0.0/8', '192.168.1.20/32', 'fd00::/8']);
    expect(c.allowedOrigins).toEqual(['https://console.example:8443']);
    expect(c.freedAllow).toEqual([]);
  });

  it('refuses an unknown flag', () => {
    expect(errorFor(['--otio-groups', '1'])).toContain('--otio-groups');
  });
});
