// Who connects to the engine: every role a token can grant, and what each is for.

/**
 * - director: decides on suggestions and runs moves (the console's full controls);
 * - operator: tracking health, calibration, delays;
 * - designer: scenes and their points; preview without touching the walls;
 * - viewer: watches, changes nothing;
 * - render: a wall render node.
 */
export const ROLES = ['director', 'operator', 'designer', 'viewer', 'render'] as const;
export type RoleWire = (typeof ROLES)[number];

/** Who sent a command: the engine passes it to every handler and records it in the audit log. */
export interface Actor {
  role: RoleWire;
  clientId: string;
}
