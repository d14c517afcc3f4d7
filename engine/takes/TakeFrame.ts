// The take types live in the wire contract (engine/protocol/takes.ts): consoles read manifests, exports read frames.
export type { TakeCameraFrame, TakeFrame, TakeManifest, TakeMoveFrame, TakeState, TakeSubjectFrame } from '../protocol/takes.ts';
