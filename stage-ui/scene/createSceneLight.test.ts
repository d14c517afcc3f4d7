import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { createSceneLight, lightTarget } from './createSceneLight.ts';

describe('createSceneLight', () => {
  it('directional: lux as intensity, aimed from position at target, sRGB hex converted to linear', () => {
    const light = createSceneLight({ type: 'directional', id: 'sun', color: '#ff8000', intensityLux: 3.5, position: [10, 20, -30], target: [1, 0, -2], castShadow: false });
    expect(light).toBeInstanceOf(THREE.DirectionalLight);
    expect(light.name).toBe('sun');
    expect(light.intensity).toBe(3.5);
    expect(light.position.toArray()).toEqual([10, 20, -30]);
    expect(lightTarget(light)?.position.toArray()).toEqual([1, 0, -2]);
    expect(light.color.r).toBeCloseTo(1, 6);
    expect(light.color.g).toBeCloseTo(0.2158605, 5); // sRGB 128/255 → linear
    expect(light.color.b).toBe(0);
    expect(light.castShadow).toBe(false);
  });

  it('point: candela, range and inverse-square decay', () => {
    const light = createSceneLight({ type: 'point', color: '#ffffff', intensityCd: 40, position: [1, 2.5, -4], distanceM: 12, decay: 2, castShadow: false }) as THREE.PointLight;
    expect(light).toBeInstanceOf(THREE.PointLight);
    expect([light.intensity, light.distance, light.decay]).toEqual([40, 12, 2]);
    expect(lightTarget(light)).toBeUndefined();
  });

  it('spot: candela, half-angle from degrees to radians, penumbra, target', () => {
    const light = createSceneLight({
      type: 'spot',
      color: '#ffffff',
      intensityCd: 300,
      position: [2, 6, 0],
      target: [0, 1, -5],
      distanceM: 0,
      decay: 2,
      angleDeg: 30,
      penumbra: 0.4,
      castShadow: true,
    }) as THREE.SpotLight;
    expect(light.intensity).toBe(300);
    expect(light.angle).toBeCloseTo(Math.PI / 6, 12);
    expect(light.penumbra).toBe(0.4);
    expect(light.target.position.toArray()).toEqual([0, 1, -5]);
    expect(light.castShadow).toBe(true);
    expect(light.shadow.mapSize.x).toBe(2048);
  });

  it('hemisphere: sky and ground colours, lux', () => {
    const light = createSceneLight({ type: 'hemisphere', color: '#ffffff', groundColor: '#000000', intensityLux: 0.8 }) as THREE.HemisphereLight;
    expect(light).toBeInstanceOf(THREE.HemisphereLight);
    expect(light.intensity).toBe(0.8);
    expect(light.groundColor.getHex()).toBe(0x000000);
  });
});
