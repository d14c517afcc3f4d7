// Every /live command in one table: name → roles → zod args schema → result type → one line for the README.
// The engine registers one handler per entry (a missing one fails at start) and the console's `command()` is typed
// from it, so a wrong command or argument name is a compile error at both ends.
import { z } from 'zod';
import { MOVE_SPEED_RANGE, MoveSpecSchema } from './MoveSpec.ts';
import type { PoseFilterWire } from './health.ts';
import { ROLES, type RoleWire } from './roles.ts';
import type { InnerFrustumSettingsWire, SceneRefWire, SuggestionWire } from './LiveMessages.ts';
import type { TakeManifestWire, TakePlaybackWire } from './takes.ts';

const ALL: readonly RoleWire[] = ['director', 'operator', 'designer', 'viewer', 'render'];
const DIRECTOR: readonly RoleWire[] = ['director'];
const TRACKING: readonly RoleWire[] = ['operator', 'director'];

const finite = z.number().finite();
const Vec3Arg = z.tuple([finite, finite, finite]);
const Id = (max: number) => z.string().min(1).max(max);
const NoArgs = z.strictObject({});
/** Fields of a move to change (the kind stays). */
export const MoveChangesSchema = MoveSpecSchema.partial().omit({ kind: true }).strict();
const OneEuroArg = z.strictObject({ minCutoffHz: finite, beta: finite, dCutoffHz: finite });
/** What an operator may change on a tracking source; the hub checks ranges again (camera-bridge SourceConfig). */
export const SourcePatchSchema = z.strictObject({
  latencyOffsetMs: finite.optional(),
  axisMapping: z.tuple([z.string(), z.string(), z.string()]).optional(),
  filter: z.strictObject({ enabled: z.boolean(), position: OneEuroArg, rotation: OneEuroArg }).optional(),
});

/** A tracking source's settings after a change (the ack of `camera.offset` and `source.configure`). */
export interface SourceConfigWire {
  latencyOffsetMs: number;
  axisMapping: [string, string, string];
  filter: PoseFilterWire;
}

interface CommandDef {
  roles: readonly RoleWire[];
  args: z.ZodType;
  /** Arguments and effect, one line (the README's commands table is checked against it). */
  doc: string;
}

export const COMMANDS = {
  'live.subscribe': {
    roles: ALL,
    args: z.strictObject({ walls: z.union([z.literal('*'), z.array(z.string()).max(64)]).optional(), director: z.boolean().optional(), projections: z.boolean().optional() }),
    doc: '`{walls?: "*" | [ids], director?: boolean, projections?: boolean}`: which walls\' frusta this client gets, whether it gets `suggestions` and `audit` events (consoles do by default, render nodes connected with `?wall=` do not), and whether each frustum carries its off-axis `projection` and `view` matrices (off by default; also `&projections=1` on connect)',
  },
  'auth.rotate': {
    roles: ['director'],
    args: z.strictObject({ role: z.enum(ROLES) }),
    doc: '`{role}`: a new token for that role (in the ack\'s result); the old one stops working and every connection that used it is closed (code 4401), the director\'s own after its ack',
  },
  'camera.select': { roles: ['director', 'operator'], args: z.strictObject({ cameraId: Id(64) }), doc: '`{cameraId}`: the hero camera, which the console\'s camera view and the AI director follow (the walls show every enabled camera\'s frustum)' },
  'camera.frustum': {
    roles: TRACKING,
    args: z.strictObject({
      cameraId: Id(64),
      enabled: z.boolean().optional(),
      priority: z.number().int().min(0).max(1000).optional(),
      overscanPct: z.number().min(0).max(100).optional(),
    }),
    doc: '`{cameraId, enabled?, priority?, overscanPct?}`: whether the camera\'s inner frustum is on the walls, its place where frusta overlap (lower on top) and its margin, %',
  },
  'walls.calibration': {
    roles: TRACKING,
    args: z.strictObject({ grid: z.boolean() }),
    doc: '`{grid}`: the pan-stop test: every inner frustum shows a high-contrast grid fixed in the virtual world, so an operator can pan, stop and tune the delay until it stops slipping',
  },
  'camera.offset': {
    roles: TRACKING,
    args: z.strictObject({ sourceId: Id(140), latencyOffsetMs: finite }),
    doc: '`{sourceId, latencyOffsetMs}`: a source\'s latency offset, ms (positive = the pose describes an earlier moment)',
  },
  'source.configure': { roles: TRACKING, args: z.strictObject({ sourceId: Id(140), patch: SourcePatchSchema }), doc: '`{sourceId, patch}`: latency offset, axis mapping, One Euro filter' },
  'source.remove': {
    roles: TRACKING,
    args: z.strictObject({ sourceId: Id(140) }),
    doc: "`{sourceId}`: forgets a stale source; with its camera's last source the camera leaves the frames until it reports again (refused while it delivers or its camera has a move under way)",
  },
  'suggestion.accept': { roles: DIRECTOR, args: z.strictObject({ suggestionId: Id(64) }), doc: '`{suggestionId}`: runs the suggested move (ai-approved)' },
  'suggestion.reject': {
    roles: DIRECTOR,
    args: z.strictObject({ suggestionId: Id(64), reason: z.string().max(500).optional() }),
    doc: '`{suggestionId, reason?}`: drops it (ai-rejected); the AI learns from it',
  },
  'suggestion.adjust': {
    roles: DIRECTOR,
    args: z.strictObject({ suggestionId: Id(64), changes: MoveChangesSchema, start: z.boolean().default(false) }),
    doc: '`{suggestionId, changes, start?}`: re-plans it with the changes (new ghost path); with `start` runs it (ai-modified)',
  },
  'suggestion.refresh': { roles: ['director', 'designer'], args: NoArgs, doc: 'fresh suggestions at the next opportunity' },
  'suggestion.hold': {
    roles: DIRECTOR,
    args: z.strictObject({ suggestionId: Id(64).nullable() }),
    doc: '`{suggestionId}`: refreshes leave that card as it is while this console looks at it or adjusts it (`null` lets go; so does disconnecting)',
  },
  'move.start': { roles: DIRECTOR, args: z.strictObject({ spec: MoveSpecSchema }), doc: '`{spec}`: a move the director made up (human-only)' },
  'move.pause': { roles: DIRECTOR, args: NoArgs, doc: 'eases the running move to a stop' },
  'move.resume': { roles: DIRECTOR, args: NoArgs, doc: 'eases it back to speed' },
  'move.abort': { roles: DIRECTOR, args: NoArgs, doc: 'eases to a stop and ends the move where it is' },
  'move.reset': { roles: DIRECTOR, args: NoArgs, doc: 'eases the camera back to the tracked pose (no offset)' },
  'move.scrub': { roles: DIRECTOR, args: z.strictObject({ progress: z.number().min(0).max(1) }), doc: '`{progress}`: travels along the path to 0..1' },
  'move.speed': {
    roles: DIRECTOR,
    args: z.strictObject({ speed: z.number().min(MOVE_SPEED_RANGE.min).max(MOVE_SPEED_RANGE.max) }),
    doc: `\`{speed}\`: playback rate ${MOVE_SPEED_RANGE.min}–${MOVE_SPEED_RANGE.max} (capped by the move limits)`,
  },
  'move.adjust': { roles: DIRECTOR, args: z.strictObject({ changes: MoveChangesSchema }), doc: '`{changes}`: re-plans the running move from where it is (ai-modified)' },
  'take.start': {
    roles: DIRECTOR,
    args: z.strictObject({ slate: z.string().min(1).max(64).optional(), takeNumber: z.number().int().min(1).max(9999).optional(), description: z.string().max(2000).optional() }),
    doc: '`{slate?, takeNumber?, description?}`: records every frame and decision into a new take (take number: next for the slate)',
  },
  'take.stop': { roles: DIRECTOR, args: NoArgs, doc: 'ends the recording take' },
  'take.play': {
    roles: DIRECTOR,
    args: z.strictObject({ takeId: Id(128), fromFrame: z.number().int().optional(), speed: z.number().min(0.1).max(4).optional(), loop: z.boolean().optional() }),
    doc: '`{takeId, fromFrame?, speed?, loop?}`: plays a take on the walls as tracking source `take:<id>`',
  },
  'take.pause': { roles: DIRECTOR, args: NoArgs, doc: 'holds the playing take on its frame' },
  'take.resume': { roles: DIRECTOR, args: NoArgs, doc: 'plays on from there' },
  'take.seek': { roles: DIRECTOR, args: z.strictObject({ frame: z.number().int() }), doc: '`{frame}`: jumps the playing take to a recorded frame number' },
  'take.stopPlayback': { roles: DIRECTOR, args: NoArgs, doc: 'ends playback: live tracking drives the walls again' },
  'scene.load': {
    roles: ['designer', 'director'],
    args: z.strictObject({ sceneId: Id(40) }),
    doc: '`{sceneId}`: every wall preloads it and swaps on the same frame, 1 s ahead',
  },
  'scene.savePoints': {
    roles: ['designer'],
    args: z.strictObject({
      sceneId: Id(40),
      pointsOfInterest: z.array(z.strictObject({ id: z.string(), name: z.string(), position: Vec3Arg, suggestedSubjectHeightFraction: z.number().optional() })).max(64),
      cameraMarks: z.array(z.strictObject({ id: z.string(), name: z.string(), position: Vec3Arg, lookAt: Vec3Arg, focalLengthMm: z.number().optional() })).max(64),
    }),
    doc: '`{sceneId, pointsOfInterest, cameraMarks}`: writes the scene file atomically, keeping a `.bak`',
  },
} as const satisfies Record<string, CommandDef>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** What a client sends (defaults may be left out). */
export type CommandArgs<N extends CommandName> = z.input<(typeof COMMANDS)[N]['args']>;
/** What a handler receives, validated, defaults filled in. */
export type ParsedCommandArgs<N extends CommandName> = z.output<(typeof COMMANDS)[N]['args']>;

/** The ack's `result` of each command; `void` = no result. */
export interface CommandResults {
  'live.subscribe': void;
  'auth.rotate': { role: RoleWire; token: string; closedConnections: number };
  'camera.select': void;
  'camera.frustum': InnerFrustumSettingsWire & { cameraId: string };
  'walls.calibration': { grid: boolean };
  'camera.offset': SourceConfigWire;
  'source.configure': SourceConfigWire;
  'source.remove': { sourceId: string; cameraId: string; cameraRemoved: boolean };
  'suggestion.accept': { moveId: string };
  'suggestion.reject': void;
  'suggestion.adjust': { suggestion: SuggestionWire; moveId?: string };
  'suggestion.refresh': void;
  'suggestion.hold': void;
  'move.start': { moveId: string };
  'move.pause': void;
  'move.resume': void;
  'move.abort': void;
  'move.reset': void;
  'move.scrub': void;
  'move.speed': void;
  'move.adjust': void;
  'take.start': TakeManifestWire;
  'take.stop': TakeManifestWire;
  'take.play': TakePlaybackWire;
  'take.pause': TakePlaybackWire;
  'take.resume': TakePlaybackWire;
  'take.seek': TakePlaybackWire;
  'take.stopPlayback': void;
  'scene.load': SceneRefWire;
  'scene.savePoints': { sceneId: string; pointsOfInterest: number; cameraMarks: number };
}
export type CommandResult<N extends CommandName> = CommandResults[N];

// Every command has a result type and every result type a command (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const resultsCoverCommands: Same<keyof CommandResults, CommandName> = true;
void resultsCoverCommands;

/** Commands a role may send (the console shows only these). */
export function commandsAllowedFor(role: RoleWire): CommandName[] {
  return COMMAND_NAMES.filter((name) => (COMMANDS[name].roles as readonly RoleWire[]).includes(role));
}
