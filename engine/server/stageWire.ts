// The stage as `hello` sends it: walls, sections and each section's static outer-frustum matrices.
import { createOffAxisResult, FAR_M, NEAR_M, offAxisProjection } from '../projection/offAxisProjection.ts';
import type { StageWire } from '../protocol/LiveMessages.ts';
import type { Stage } from '../stage/Stage.ts';

export function toStageWire(stage: Stage): StageWire {
  const off = createOffAxisResult();
  return {
    name: stage.name,
    outerViewpoint: [...stage.outerViewpoint],
    ...(stage.safeVolume && { safeVolume: { min: [...stage.safeVolume.min], max: [...stage.safeVolume.max] } }),
    cameras: stage.cameras.map((c) => ({ id: c.id, sensorWidthMm: c.sensorWidthMm, sensorHeightMm: c.sensorHeightMm, ...(c.label !== undefined && { label: c.label }), color: c.color })),
    walls: stage.walls.map((w) => ({
      id: w.id,
      type: w.type,
      resolutionPx: [...w.resolutionPx],
      sections: w.sections.map((s) => {
        const outer = offAxisProjection(s.pa, s.pb, s.pc, stage.outerViewpoint, NEAR_M, FAR_M, off);
        return {
          index: s.index,
          pa: [...s.pa],
          pb: [...s.pb],
          pc: [...s.pc],
          widthM: s.widthM,
          heightM: s.heightM,
          viewportPx: [...s.viewportPx],
          outer: outer ? { projection: [...outer.projection], view: [...outer.view] } : null,
        };
      }),
    })),
  };
}
