// The built-in demo scene's identity and points of interest (its geometry is stage-ui/scene/DemoEnvironment.ts);
// real scene files replace it with issue 6.
import type { PointOfInterest } from '../director/DirectorInput.ts';
import type { SceneRefWire } from '../protocol/LiveMessages.ts';

export const DEMO_SCENE: SceneRefWire = { id: 'demo', name: 'Demo plaza' };

/** Positions match DemoEnvironment's objects, metres, stage frame. */
export const DEMO_SCENE_POIS: PointOfInterest[] = [
  { id: 'first-arch', name: 'First arch', position: [0, 8, -10], suggestedSubjectHeightFraction: 0.35 },
  { id: 'crates', name: 'Crates', position: [3.5, 0.8, -12], suggestedSubjectHeightFraction: 0.6 },
  { id: 'avenue', name: 'Column avenue', position: [0, 4, -40] },
  { id: 'monolith', name: 'Monolith', position: [0, 10, -110] },
  { id: 'west-hills', name: 'West hills', position: [-120, 12, 0] },
];
