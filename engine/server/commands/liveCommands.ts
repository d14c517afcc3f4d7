// `live.subscribe`: which walls' projections a /live client gets, and whether it gets the AI director's traffic.
import type { CommandHandlers } from '../../live/CommandRegistry.ts';

export function liveCommands(wallIds: () => readonly string[]): CommandHandlers<'live.subscribe'> {
  return {
    'live.subscribe': ({ walls, director }, { client }) => {
      if (walls !== undefined && walls !== '*') {
        const known = wallIds();
        const unknown = walls.filter((w) => !known.includes(w));
        if (unknown.length) throw new Error(`VP_ERR_UNKNOWN_WALL: ${unknown.join(', ')}`);
      }
      if (walls !== undefined) client.walls = walls === '*' ? '*' : new Set(walls);
      if (director !== undefined) client.receivesDirectorTraffic = director;
    },
  };
}
