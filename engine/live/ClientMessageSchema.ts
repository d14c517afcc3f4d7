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
  presentedAtS: z.number().finite().optional(),
  clockErrorMs: z.number().finite().min(0).optional(),
});

export const PingMessageSchema = z.strictObject({
  type: z.literal('ping'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  clientSendMs: z.number().finite(),
});

export const ClientMessageSchema = z.discriminatedUnion('type', [CommandMessageSchema, PresentedMessageSchema, PingMessageSchema]);
