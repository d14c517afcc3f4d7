// VP_TLS_CERT / VP_TLS_KEY: both or neither; read once at start, with an error that names the file.
import { readFileSync } from 'node:fs';
import type { EngineConfig } from './EngineConfig.ts';
import { ConfigError } from './EngineConfig.ts';

export function readTls(config: Pick<EngineConfig, 'tlsCert' | 'tlsKey'>): { cert: Buffer; key: Buffer } | undefined {
  const { tlsCert, tlsKey } = config;
  if (tlsCert === undefined && tlsKey === undefined) return undefined;
  if (tlsCert === undefined || tlsKey === undefined) throw new ConfigError('VP_TLS_CERT and VP_TLS_KEY: set both (PEM certificate and its private key) or neither');
  const read = (file: string, name: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError(`${name}: cannot read ${file}: ${(err as Error).message}`);
    }
  };
  return { cert: read(tlsCert, 'VP_TLS_CERT'), key: read(tlsKey, 'VP_TLS_KEY') };
}
