// Every tracked camera in the latest frame, as a rig; the list itself changes at human speed.
import { useConsole } from '../state/ConsoleContext.ts';
import { CameraRig } from './CameraRig.tsx';

export function CameraRigs() {
  const idsKey = useConsole((s) => s.frame?.cameras.map((c) => c.id).join('\n') ?? '');
  if (!idsKey) return null;
  return (
    <>
      {idsKey.split('\n').map((id) => (
        <CameraRig key={id} id={id} />
      ))}
    </>
  );
}
