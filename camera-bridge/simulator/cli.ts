// `npm run simulate -- --protocol osc|freed|opentrackio|ws --rate 120 --cameras 2`: a fake tracked rig for a running engine.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createSimSender, type SimProtocol } from './SimSender.ts';
import { Simulator } from './Simulator.ts';

const DEFAULT_PORTS: Record<SimProtocol, number> = { osc: 9000, freed: 40000, opentrackio: 55555, ws: 8080 };
/** The engine's own port variables, so one environment drives both (a `--port` still wins). */
const PORT_VARIABLES: Record<SimProtocol, string> = { osc: 'VP_OSC_PORT', freed: 'VP_FREED_PORT', opentrackio: 'VP_OTIO_PORT', ws: 'VP_HTTP_PORT' };

/** `--port`, else the protocol's VP_*_PORT (0 means "any" to the engine, not a port to send to), else the default. */
function targetPort(protocol: SimProtocol, port: number | undefined, env: NodeJS.ProcessEnv): number {
  if (port !== undefined) return port;
  const fromEnv = Number(env[PORT_VARIABLES[protocol]]);
  return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv <= 65535 ? fromEnv : DEFAULT_PORTS[protocol];
}

const ArgsSchema = z.object({
  protocol: z.enum(['osc', 'freed', 'opentrackio', 'ws']).default('osc'),
  rate: z.coerce.number().positive().max(2000).default(120),
  cameras: z.coerce.number().int().min(1).max(64).default(1),
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  token: z.string().optional(),
  style: z.enum(['dolly', 'handheld']).default('handheld'),
  noise: z.coerce.number().min(0).max(1).default(0),
  dropouts: z.coerce.number().min(0).max(10).default(0),
  duration: z.coerce.number().positive().optional(),
});

const HELP = `usage: npm run simulate -- [--protocol osc|freed|opentrackio|ws] [--rate Hz] [--cameras N]
       [--host 127.0.0.1] [--port P] [--token OPERATOR_TOKEN (ws)] [--style dolly|handheld]
       [--noise metres] [--dropouts per-second] [--duration seconds]`;

async function main(): Promise<void> {
  let args: z.infer<typeof ArgsSchema>;
  try {
    const str = { type: 'string' } as const;
    const { values } = parseArgs({
      options: { protocol: str, rate: str, cameras: str, host: str, port: str, token: str, style: str, noise: str, dropouts: str, duration: str, help: { type: 'boolean' } },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return;
    }
    args = ArgsSchema.parse({ ...values, token: values.token ?? process.env.VP_OPERATOR_TOKEN });
  } catch (err) {
    process.stderr.write(`simulate: ${err instanceof z.ZodError ? err.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message}\n${HELP}\n`);
    process.exit(2);
  }
  const port = targetPort(args.protocol, args.port, process.env);
  let sender;
  try {
    sender = await createSimSender(args.protocol, { host: args.host, port, token: args.token });
  } catch (err) {
    // A refused token or an engine that is not there: the reason, not a stack trace.
    process.stderr.write(`simulate: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const sim = new Simulator({ cameras: args.cameras, rateHz: args.rate, style: args.style, noiseM: args.noise, dropoutPerS: args.dropouts, send: (f) => sender.send(f) });
  sim.start();
  process.stdout.write(`simulating ${args.cameras} camera(s) at ${args.rate} Hz over ${args.protocol} to ${args.host}:${port}; Ctrl-C stops\n`);
  const stop = async () => {
    sim.stop();
    await sender.close();
    process.stdout.write(`sent ${sim.sent} samples, ${sender.errors} send errors\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (args.duration) setTimeout(() => void stop(), args.duration * 1000);
}

void main();
