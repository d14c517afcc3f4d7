// zod schemas for everything a /live client may send; anything else is answered with an error and dropped.
import { z } from 'zod';

export const MAX_LIVE_MESSAGE_BYTES = 64 * 1024;

export const CommandMessageSchema = z.strictObject({
  type: z.literal('command'),
  id: z.string().min(1).max(64),
  name: z.string().max(64).regex(/^[a-z]+(\.[a-z][a-zA-Z]*)+$/, 'command names look like "move.pause" or "scene.savePoints"'),
  args: z.unknown().optional(),
});

export const PresentedMessageSchema = z.strictObject({
  type: z.literal('presented'),
  frame: z.number().int().min(0),
});

export const ClientMessageSchema = z.discriminatedUnion('type', [CommandMessageSchema, PresentedMessageSchema]);
