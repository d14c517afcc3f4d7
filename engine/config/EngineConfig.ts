// Engine settings from CLI flags and VP_* environment variables (flags win), validated with zod; the README's "Configuration" table lists them.
import { isIP, isIPv4 } from 'node:net';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MAX_SOURCE_NUMBER, MIN_SOURCE_NUMBER } from '../../camera-bridge/opentrackio/OpenTrackIoSample.ts';

export const ALLOWED_FPS = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60] as const;

const Port = z.coerce.number().int().min(0).max(65535);
/** `"1,2,7"` (from a flag or variable) or `[1, 2, 7]` (from code) → unique source numbers; `"none"` = join no group. */
const OtioSources = z.union([z.string(), z.array(z.number())]).transform((value, ctx) => {
  const items = typeof value === 'string' ? (value.trim() === 'none' ? [] : value.split(',').map((s) => s.trim())) : value;
  const out: number[] = [];
  for (const item of items) {
    const n = typeof item === 'number' ? item : /^\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!Number.isInteger(n) || n < MIN_SOURCE_NUMBER || n > MAX_SOURCE_NUMBER) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(item)} is not an OpenTrackIO source number (comma-separated integers ${MIN_SOURCE_NUMBER}..${MAX_SOURCE_NUMBER}, or none)` });
      return z.NEVER;
    }
    if (!out.includes(n)) out.push(n);
  }
  return out;
});
/** A comma-separated flag/variable or, from code, an array: trimmed, empties dropped. */
function listItems(value: string | string[]): string[] {
  return (typeof value === 'string' ? value.split(',') : value).map((s) => s.trim()).filter(Boolean);
}
/** `"10.0.0.0/8,192.168.1.20"` → CIDR blocks (a bare address is /32 or /128); empty/undefined = every sender. */
const CidrList = z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
  const out: string[] = [];
  for (const item of listItems(value)) {
    const [address, bits, extra] = item.split('/');
    const family = isIP(address ?? '');
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
    if (!family || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(item)} is not an address or CIDR block (e.g. 10.0.0.0/8, 192.168.1.20, fd00::/8)` });
      return z.NEVER;
    }
    out.push(`${address}/${prefix}`);
  }
  return out;
});
/** `"https://console.example:8443,http://10.0.0.5:8080"` → origins (scheme://host[:port]) a browser page may come from. */
const OriginList = z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
  const out: string[] = [];
  for (const item of listItems(value)) {
    let origin = '';
    try {
      origin = new URL(item).origin;
    } catch {
      // handled below
    }
    if (!origin || origin === 'null' || origin !== item.replace(/\/$/, '')) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(item)} is not an origin (scheme://host[:port], e.g. https://console.example:8443)` });
      return z.NEVER;
    }
    out.push(origin);
  }
  return out;
});
const Bool = z.union([z.boolean(), z.enum(['0', '1', 'true', 'false', 'on', 'off'])], { error: 'must be one of 1, 0, true, false, on, off' }).transform((v) => v === true || v === '1' || v === 'true' || v === 'on');

export const EngineConfigSchema = z.object({
  httpPort: Port.default(8080),
  oscPort: Port.default(9000),
  freedPort: Port.default(40000),
  otioPort: Port.default(55555),
  /** OpenTrackIO source numbers whose multicast groups (239.135.1.N) to join; whether they are joined: otioMulticast.ts. */
  otioSources: OtioSources.default(() => [1]),
  /** Local IPv4 address of the interface to join the OpenTrackIO groups on; undefined = see otioMulticast.ts. */
  otioMulticastIf: z.string().refine((v) => isIPv4(v), { message: 'must be an IPv4 address (the local address of the interface to join on)' }).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  /** Scene the walls open on (a `scenes/` id, or `demo` for the procedural plaza); undefined = the plaza. `npm start` opens the rooftop. */
  scene: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'scene must be a scene id such as city-rooftop-dusk or demo').optional(),
  /** Path to a stage JSON; undefined = built-in demo stage. */
  stage: z.string().min(1).optional(),
  fps: z.coerce
    .number()
    .refine((v) => ALLOWED_FPS.some((f) => Math.abs(f - v) < 1e-6), { message: `fps must be one of ${ALLOWED_FPS.join(', ')}` })
    .default(50),
  simulate: Bool.default(true),
  /** `role=token,…`; undefined = generate at start. */
  tokens: z.string().optional(),
  /** A source with no sample for this long is stale, ms. */
  staleTimeoutMs: z.coerce.number().positive().max(10_000).default(100),
  /** A subject (talent) with no position for this long is stale: reported so, and left out of the AI director's input, ms. */
  subjectStaleMs: z.coerce.number().positive().max(60_000).default(1000),
  verbose: Bool.default(false),
  /**
   * The frame clock polls the last this-many ms before each tick for sub-millisecond timing; it costs that share of
   * a core (2 ms of every 20 ms frame = 10 %). 0 = timers only (about 1 ms of jitter, no CPU).
   */
  clockSpinMs: z.coerce.number().min(0).max(10).default(2),
  /**
   * Frames are meant for the screen this long after their tick, ms: render nodes show each at the refresh that
   * reaches the screen then, so every wall shows it at the same instant. It must cover the fan-out to the slowest
   * node; more is more latency.
   */
  presentLeadMs: z.coerce.number().min(0).max(200).default(8),
  /** Where the AI director's model runs: its own worker thread (default), or the engine's main thread. */
  aiThread: z.enum(['worker', 'main']).default('worker'),
  /** What a running move does while its camera's tracking is stale: eases to a stop until it is fresh, or runs on. */
  moveOnStale: z.enum(['pause', 'continue']).default('pause'),
  /** Forces the AI's tf.js backend (read by the model loader from VP_TF_BACKEND); validated here so a typo stops the start. */
  tfBackend: z.enum(['tensorflow', 'wasm', 'cpu'], { error: 'must be one of tensorflow, wasm, cpu' }).optional(),
  /** Browser origins besides the engine's own whose pages may open /live and /ingest (cross-site WebSocket hijacking). */
  allowedOrigins: OriginList.default(() => []),
  /** Senders each UDP receiver takes datagrams from (CIDR blocks); empty = any. Others are counted and dropped. */
  oscAllow: CidrList.default(() => []),
  freedAllow: CidrList.default(() => []),
  otioAllow: CidrList.default(() => []),
  /** PEM certificate and key files: both set = https and wss on the same port, with the same tokens. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** A request's headers must arrive within this, ms (slow-loris). */
  httpHeadersTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Commands one /live client may send per second, sustained (twice that in a burst); more are refused. */
  commandRateHz: z.coerce.number().positive().max(10_000).default(50),
});
export type EngineConfig = z.infer<typeof EngineConfigSchema>;

/** flag name → [config key, env var] */
const FLAGS = {
  'http-port': ['httpPort', 'VP_HTTP_PORT'],
  'osc-port': ['oscPort', 'VP_OSC_PORT'],
  'freed-port': ['freedPort', 'VP_FREED_PORT'],
  'otio-port': ['otioPort', 'VP_OTIO_PORT'],
  'otio-sources': ['otioSources', 'VP_OTIO_SOURCES'],
  'otio-multicast-if': ['otioMulticastIf', 'VP_OTIO_MULTICAST_IF'],
  host: ['host', 'VP_HOST'],
  'data-dir': ['dataDir', 'VP_DATA_DIR'],
  stage: ['stage', 'VP_STAGE'],
  scene: ['scene', 'VP_SCENE'],
  fps: ['fps', 'VP_FPS'],
  simulate: ['simulate', 'VP_SIMULATE'],
  tokens: ['tokens', 'VP_TOKENS'],
  'stale-timeout-ms': ['staleTimeoutMs', 'VP_STALE_TIMEOUT_MS'],
  'subject-stale-ms': ['subjectStaleMs', 'VP_SUBJECT_STALE_MS'],
  verbose: ['verbose', 'VP_VERBOSE'],
  'clock-spin-ms': ['clockSpinMs', 'VP_CLOCK_SPIN_MS'],
  'ai-thread': ['aiThread', 'VP_AI_THREAD'],
  'move-on-stale': ['moveOnStale', 'VP_MOVE_ON_STALE'],
  'present-lead-ms': ['presentLeadMs', 'VP_PRESENT_LEAD_MS'],
  'tf-backend': ['tfBackend', 'VP_TF_BACKEND'],
  'allowed-origins': ['allowedOrigins', 'VP_ALLOWED_ORIGINS'],
  'osc-allow': ['oscAllow', 'VP_OSC_ALLOW'],
  'freed-allow': ['freedAllow', 'VP_FREED_ALLOW'],
  'otio-allow': ['otioAllow', 'VP_OTIO_ALLOW'],
  'tls-cert': ['tlsCert', 'VP_TLS_CERT'],
  'tls-key': ['tlsKey', 'VP_TLS_KEY'],
  'http-headers-timeout-ms': ['httpHeadersTimeoutMs', 'VP_HTTP_HEADERS_TIMEOUT_MS'],
  'command-rate-hz': ['commandRateHz', 'VP_COMMAND_RATE_HZ'],
} as const;

/** Never echoed back in an error: they may be pasted into logs and tickets. */
const SECRET_KEYS: ReadonlySet<string> = new Set(['tokens']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads argv (without node/script) and env; throws ConfigError naming the flag/variable, the bad value and why. */
export function loadEngineConfig(argv: string[], env: NodeJS.ProcessEnv): EngineConfig {
  let flags: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: name === 'verbose' ? ('boolean' as const) : ('string' as const) }]));
    flags = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const raw: Record<string, unknown> = {};
  for (const [flag, [key, envName]] of Object.entries(FLAGS)) {
    const value = flags[flag] ?? env[envName];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = EngineConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    const entry = Object.entries(FLAGS).find(([, [k]]) => k === key);
    const where = entry ? `--${entry[0]} / ${entry[1][1]}` : key;
    const got = key in raw && !SECRET_KEYS.has(key) ? ` (got ${JSON.stringify(raw[key])})` : '';
    throw new ConfigError(`${where}: ${issue.message}${got}`);
  }
  return parsed.data;
}

/** `--help`: every flag with its variable, from the same table the parser uses. */
export function engineUsage(): string {
  const rows = Object.entries(FLAGS).map(([flag, [, env]]) => `  --${flag.padEnd(26)} ${env}`);
  return [
    'Usage: npm start -- [flags]   (or: npx vantage [flags])',
    '',
    'Every flag can also be set with its environment variable (a flag wins). See the README\'s Configuration table.',
    '',
    ...rows,
    '  --help                     this text',
    '',
  ].join('\n');
}
