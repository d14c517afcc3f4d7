// Scene commands: switch the walls to a scene live, and save a designer's points of interest and camera marks.
import type { CommandHandlers } from '../../live/CommandRegistry.ts';
import type { AuditEntry } from '../../protocol/audit.ts';
import { SceneManifestError } from '../../protocol/SceneManifest.ts';
import type { Logger } from '../../log/createLogger.ts';
import type { SceneControl } from '../SceneControl.ts';

/** `record`: the audit log and the consoles' audit feed (a scene switch is a decision on the record). */
export function sceneCommands(scenes: SceneControl, log: Logger, record: (entry: AuditEntry) => void): CommandHandlers<'scene.load' | 'scene.savePoints'> {
  return {
    'scene.load': ({ sceneId }, { actor }) => {
      const ref = scenes.load(sceneId);
      log.info({ sceneId, role: actor.role, clientId: actor.clientId }, 'scene switch');
      record({ type: 'scene.loaded', actor: { kind: 'human', role: actor.role, clientId: actor.clientId }, data: { sceneId: ref.id, name: ref.name, swapAtFrame: ref.swapAtFrame } });
      return ref;
    },
    'scene.savePoints': async ({ sceneId, pointsOfInterest, cameraMarks }) => {
      const library = scenes.library;
      if (!library?.get(sceneId)) throw new Error(`VP_ERR_UNKNOWN_SCENE: ${sceneId} cannot be saved`);
      // Validated again by the library against the full scene schema (its error acked with its code); written
      // atomically with a .bak.
      const saved = await library.savePoints(sceneId, pointsOfInterest, cameraMarks).catch((err: unknown) => {
        throw err instanceof SceneManifestError ? new Error(`${err.code}: ${err.message}`) : err;
      });
      return { sceneId, pointsOfInterest: saved.pointsOfInterest.length, cameraMarks: saved.cameraMarks.length };
    },
  };
}
