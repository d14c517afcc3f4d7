// One scene file light as a three.js light, in three's physically based units (r155+: lux and candela, decay 2).
import * as THREE from 'three';
import type { SceneLight } from '../../engine/protocol/SceneManifest.ts';

/** Shadow map side for lights that cast shadows, px: enough for a set seen through an LED wall. */
export const SHADOW_MAP_PX = 2048;

/**
 * The light, and for directional and spot lights their target object (already placed): add both to the scene,
 * three aims at the target's world position.
 */
export function createSceneLight(spec: SceneLight): THREE.Light {
  const color = new THREE.Color(spec.color); // sRGB hex → linear working space
  switch (spec.type) {
    case 'directional': {
      const light = new THREE.DirectionalLight(color, spec.intensityLux);
      light.position.fromArray(spec.position);
      light.target.position.fromArray(spec.target);
      configureShadow(light, spec.castShadow);
      if (spec.castShadow) fitDirectionalShadow(light);
      return named(light, spec.id);
    }
    case 'point': {
      const light = new THREE.PointLight(color, spec.intensityCd, spec.distanceM, spec.decay);
      light.position.fromArray(spec.position);
      configureShadow(light, spec.castShadow);
      return named(light, spec.id);
    }
    case 'spot': {
      const light = new THREE.SpotLight(color, spec.intensityCd, spec.distanceM, THREE.MathUtils.degToRad(spec.angleDeg), spec.penumbra, spec.decay);
      light.position.fromArray(spec.position);
      light.target.position.fromArray(spec.target);
      configureShadow(light, spec.castShadow);
      return named(light, spec.id);
    }
    case 'hemisphere': {
      return named(new THREE.HemisphereLight(color, new THREE.Color(spec.groundColor), spec.intensityLux), spec.id);
    }
  }
}

/** The object a directional or spot light aims at, which must be in the scene too; undefined for the others. */
export function lightTarget(light: THREE.Light): THREE.Object3D | undefined {
  return light instanceof THREE.DirectionalLight || light instanceof THREE.SpotLight ? light.target : undefined;
}

function named<T extends THREE.Light>(light: T, id: string | undefined): T {
  if (id !== undefined) light.name = id;
  return light;
}

function configureShadow(light: THREE.DirectionalLight | THREE.PointLight | THREE.SpotLight, castShadow: boolean): void {
  light.castShadow = castShadow;
  if (!castShadow) return;
  light.shadow.mapSize.set(SHADOW_MAP_PX, SHADOW_MAP_PX);
  light.shadow.bias = -0.0005;
  light.shadow.normalBias = 0.02;
}

/** A directional shadow covers the playing area around the target (±30 m), not the whole set. */
function fitDirectionalShadow(light: THREE.DirectionalLight): void {
  const cam = light.shadow.camera;
  cam.left = cam.bottom = -30;
  cam.right = cam.top = 30;
  cam.near = 0.5;
  cam.far = light.position.distanceTo(light.target.position) + 60;
  cam.updateProjectionMatrix();
}
