// `live.subscribe`: which walls' frusta a /live client gets (with or without their matrices), and whether it gets the
// AI director's traffic.
import type { CommandHandlers } from '../../live/CommandRegistry.ts';

export function liveCommands(wallIds: () => readonly string[]): CommandHandlers<'live.subscribe'> {
  return {
    'live.subscribe': ({ walls, director, projections }, { client }) => {
      if (walls !== undefined && walls !== '*') {
        const known = wallIds();
        const unknown = walls.filter((w) => !known.includes(w));
        if (unknown.length) throw new Error(`VP_ERR_UNKNOWN_WALL: ${unknown.join(', ')}`);
      }
      if (walls !== undefined) client.walls = walls === '*' ? '*' : new Set(walls);
      if (director !== undefined) client.receivesDirectorTraffic = director;
      if (projections !== undefined) client.projections = projections;
    },
  };
}
