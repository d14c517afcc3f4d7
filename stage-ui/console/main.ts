// Minimal console until the React director console lands (issue 5): live connection state, wall links, camera table.
import type { ServerMessage } from '../../engine/protocol/LiveMessages.ts';
import { LiveConnection } from '../live/LiveConnection.ts';

const conn = document.getElementById('conn')!;
const walls = document.getElementById('walls')!;
const cameras = document.getElementById('cameras')!;
const token = new URL(location.href).searchParams.get('token') ?? '';
let lastDrawMs = 0;

new LiveConnection({
  onState: (s) => (conn.textContent = s === 'open' ? 'connected' : s),
  onMessage: (m: ServerMessage) => {
    if (m.type === 'hello') {
      conn.textContent = `connected as ${m.role} · stage "${m.stage.name}" · scene "${m.scene.name}" · ${m.fps} fps`;
      walls.replaceChildren(
        ...m.stage.walls.map((w) => {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = `/wall/${encodeURIComponent(w.id)}?token=${encodeURIComponent(token)}&scale=0.25`;
          a.textContent = `${w.id} (${w.type}, ${w.resolutionPx[0]}×${w.resolutionPx[1]} px, ${w.sections.length} section${w.sections.length > 1 ? 's' : ''})`;
          li.append(a);
          return li;
        }),
      );
    } else if (m.type === 'frame') {
      // Human-speed refresh: 5 Hz is plenty for a table.
      const now = performance.now();
      if (now - lastDrawMs < 200) return;
      lastDrawMs = now;
      cameras.replaceChildren(
        ...m.cameras.map((c) => {
          const tr = document.createElement('tr');
          const cells = [c.id, c.position.map((v) => v.toFixed(3)).join(', '), `${c.lens.focalLengthMm.toFixed(1)} mm`, c.stale ? 'stale' : 'live'];
          for (const text of cells) {
            const td = document.createElement('td');
            td.textContent = text;
            tr.append(td);
          }
          tr.lastElementChild!.className = c.stale ? 'stale' : 'ok';
          return tr;
        }),
      );
    }
  },
});
