// The built-in demo stage (used when VP_STAGE is unset): a horseshoe main wall with a flat ceiling, like common ICVFX volumes.
import type { Stage } from './Stage.ts';
import { parseStageConfig } from './parseStageConfig.ts';
import type { StageConfigInput } from './StageConfig.ts';

/**
 * Main wall: half a cylinder, radius 7 m centred on (x, z) = (0, 3), from -90° (the left end at
 * (-7, 3)) through 0° (straight ahead at z = -4) to +90° (the right end at (7, 3)); 5 m tall from
 * the floor, 12 chords of 15° (1.827 m each, 21.9 m in all). 7680 × 1760 px ≈ 2.86 mm pitch,
 * 640 px per chord. The simulated cameras (camera-bridge/simulator/CameraPath.ts: x ∈ [-1.5, 1.5],
 * z ≈ 3.1–4.7 for A and 3.9–4.7 for B, y ≈ 1.5, looking at (0, 1.4, -2.5)) stand in the open side of the horseshoe, at
 * most 2.3 m from the axis, so in front of every chord (each chord's plane is 6.94 m from it).
 *
 * Ceiling: 8 m × 6 m, level at 5.5 m, over x ∈ [-4, 4], z ∈ [-3.5, 2.5], seen from below with
 * its bottom edge towards the main wall; 1536 × 1152 px (5.2 mm pitch, typical for ceilings).
 */
export const DEMO_STAGE_CONFIG = {
  name: 'Demo volume (horseshoe + ceiling)',
  walls: [
    {
      id: 'main',
      type: 'curved',
      center: [0, 3],
      radiusM: 7,
      startAngleDeg: -90,
      endAngleDeg: 90,
      bottomM: 0,
      heightM: 5,
      segments: 12,
      resolutionPx: [7680, 1760],
      facing: 'inward',
    },
    {
      id: 'ceiling',
      type: 'ceiling',
      corners: {
        bottomLeft: [-4, 5.5, -3.5],
        bottomRight: [4, 5.5, -3.5],
        topLeft: [-4, 5.5, 2.5],
      },
      resolutionPx: [1536, 1152],
    },
  ],
  // Two operators, as on most shoots: A on a dolly (on top where the frusta overlap), B handheld.
  cameras: [
    { id: 'sim-cam1', sensorWidthMm: 24.89, sensorHeightMm: 18.66, label: 'A camera: dolly (simulated, Super 35)', color: '#ffb020' },
    { id: 'sim-cam2', sensorWidthMm: 24.89, sensorHeightMm: 18.66, label: 'B camera: handheld (simulated, Super 35)', color: '#36cfc9' },
  ],
  lockCameras: false,
  outerViewpoint: [0, 1.7, 0],
  safeVolume: { min: [-4, 0.3, -2], max: [4, 3.5, 6] },
} satisfies StageConfigInput;

/** The demo stage, validated and resolved (a fresh copy each call). */
export function demoStage(): Stage {
  return parseStageConfig(DEMO_STAGE_CONFIG, 'built-in demo stage');
}
