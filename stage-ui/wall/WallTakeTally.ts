// The wall's take tally, beside its debug overlay: a red `● REC` while a take records, `▶ TAKE` while one plays back
// (the wall then shows recorded poses, not live tracking). Touches the DOM only when the tally changes.
import type { TakeFrameWire } from '../../engine/protocol/LiveMessages.ts';

export class WallTakeTally {
  private shown = '';

  constructor(private readonly el: HTMLElement) {
    el.hidden = true;
  }

  /** What the latest frame says (`take` is absent while nothing records or plays). */
  update(take: TakeFrameWire | undefined): void {
    const text = [take?.recording ? '● REC' : '', take?.playback ? '▶ TAKE' : ''].filter(Boolean).join('  ');
    if (text === this.shown) return;
    this.shown = text;
    this.el.textContent = text;
    this.el.hidden = text === '';
    this.el.classList.toggle('rec', !!take?.recording);
  }
}
