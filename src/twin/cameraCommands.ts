/** Requests to move the camera, from anywhere in the app (alarm list, inspector, toolbar). */
import { createSignal } from '../state/store';

export type CameraCommand = { kind: 'fit'; seq: number } | { kind: 'focus'; id: string; seq: number };

export const cameraCommand = createSignal<CameraCommand>({ kind: 'fit', seq: 0 });

let seq = 0;
export const fitHall = () => cameraCommand.set({ kind: 'fit', seq: ++seq });
export const focusOn = (id: string) => cameraCommand.set({ kind: 'focus', id, seq: ++seq });
