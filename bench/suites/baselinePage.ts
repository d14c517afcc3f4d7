// The latency-to-pixel baseline: a bare page that draws a red quad where each bare `ws` message puts it, at the next
// animation frame, and logs when (the same estimate of "on screen" as the wall page: callback time + one refresh).
export const BASELINE_PAGE = `<!doctype html><html><body style="margin:0;background:#000;overflow:hidden">
<canvas width="640" height="360" style="display:block;width:100vw;height:100vh"></canvas>
<script>
const canvas = document.querySelector('canvas');
const gl = canvas.getContext('webgl2');
const log = { seq: [], atUnixMs: [], lastX: 0 };
let latest = null, shown = -1, refresh = 1000 / 60, last = 0;
window.baseline = { open: false, log: () => log, refreshMs: () => refresh };
const ws = new WebSocket('ws://' + location.host + '/');
ws.onopen = () => { window.baseline.open = true; };
ws.onmessage = (e) => { latest = JSON.parse(e.data); };
function tick(now) {
  requestAnimationFrame(tick);
  if (last) { const d = now - last; if (d > 0 && d < 100) refresh += 0.05 * (d - refresh); }
  last = now;
  if (!latest || latest.seq === shown) return;
  const m = latest;
  shown = m.seq;
  gl.disable(gl.SCISSOR_TEST);
  gl.clearColor(0, 0, 0, 1);
  gl.clear(gl.COLOR_BUFFER_BIT);
  gl.enable(gl.SCISSOR_TEST);
  const w = 40, px = Math.round(((m.x + 1) / 2) * canvas.width - w / 2);
  gl.scissor(px, 160, w, 40);
  gl.clearColor(1, 0, 0, 1);
  gl.clear(gl.COLOR_BUFFER_BIT);
  log.seq.push(m.seq);
  log.atUnixMs.push(performance.timeOrigin + now + refresh);
  log.lastX = m.x;
}
requestAnimationFrame(tick);
</script></body></html>`;
