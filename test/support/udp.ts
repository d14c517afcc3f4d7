// A real UDP client socket for tests: send datagrams to the engine on loopback and wait until they are out.
import dgram from 'node:dgram';

export interface UdpClient {
  send(buf: Uint8Array, port: number): Promise<void>;
  close(): Promise<void>;
}

export function createUdpClient(): UdpClient {
  const socket = dgram.createSocket('udp4');
  return {
    send: (buf, port) => new Promise((resolve, reject) => socket.send(buf, port, '127.0.0.1', (err) => (err ? reject(err) : resolve()))),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
