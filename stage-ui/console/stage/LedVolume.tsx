// The LED volume in the stage view: one quad per wall section painted with what the wall shows (environment, dimmed,
// with each camera's inner-frustum footprint bright and outlined in its colour), plus the section edges. Footprints
// follow frames via useFrame.
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { StageWire } from '../../../engine/protocol/LiveMessages.ts';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { useEnvironmentCube } from './useEnvironmentCube.ts';
import { createSectionGeometry, createWallSectionMaterial, MAX_SECTION_FOOTPRINTS } from './WallSectionMaterial.ts';

interface SectionMesh {
  wallId: string;
  index: number;
  geometry: THREE.BufferGeometry;
  material: ReturnType<typeof createWallSectionMaterial>;
}

export function LedVolume({ stage }: { stage: StageWire }) {
  const store = useStore();
  const envMap = useEnvironmentCube(stage.outerViewpoint, useConsole((s) => s.hello?.scene.id));

  const sections = useMemo<SectionMesh[]>(
    () =>
      stage.walls.flatMap((w) =>
        w.sections.map((s) => {
          const material = createWallSectionMaterial(s.widthM, s.heightM);
          material.uniforms.viewpoint.value.fromArray(stage.outerViewpoint);
          return { wallId: w.id, index: s.index, geometry: createSectionGeometry(s.pa, s.pb, s.pc), material };
        }),
      ),
    [stage],
  );
  // Every section's outline, in one draw call.
  const edges = useMemo(() => {
    const v: number[] = [];
    for (const w of stage.walls)
      for (const s of w.sections) {
        const pd = [s.pb[0] + s.pc[0] - s.pa[0], s.pb[1] + s.pc[1] - s.pa[1], s.pb[2] + s.pc[2] - s.pa[2]];
        v.push(...s.pa, ...s.pb, ...s.pb, ...pd, ...pd, ...s.pc, ...s.pc, ...s.pa);
      }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(v, 3));
    return g;
  }, [stage]);

  useEffect(
    () => () => {
      for (const s of sections) {
        s.geometry.dispose();
        s.material.dispose();
      }
      edges.dispose();
    },
    [sections, edges],
  );

  useEffect(() => {
    for (const s of sections) {
      s.material.uniforms.envMap.value = envMap;
      s.material.uniforms.hasEnv.value = envMap ? 1 : 0;
    }
  }, [sections, envMap]);

  useFrame(() => {
    const frame = store.live.frame;
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i]!;
      const frusta = frame?.walls[s.wallId]?.sections[s.index]?.frusta;
      const u = s.material.uniforms;
      const count = Math.min(frusta?.length ?? 0, MAX_SECTION_FOOTPRINTS);
      u.footprintCount.value = count;
      for (let f = 0; f < count; f++) {
        const { cameraId, footprint } = frusta![f]!;
        for (let k = 0; k < 4; k++) u.footprints.value[f * 4 + k]!.set(footprint[k * 2]!, footprint[k * 2 + 1]!);
        const color = frame!.cameras.find((c) => c.id === cameraId)?.color;
        if (color) u.outlineColors.value[f]!.set(color);
      }
    }
  });

  return (
    <group>
      {sections.map((s) => (
        <mesh key={`${s.wallId}:${s.index}`} geometry={s.geometry} material={s.material} />
      ))}
      <lineSegments geometry={edges}>
        <lineBasicMaterial color="#5a6a82" transparent opacity={0.8} />
      </lineSegments>
    </group>
  );
}
