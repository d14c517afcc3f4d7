// The keyboard shortcuts overlay (? toggles it, Esc or a click closes it).
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { SHORTCUTS } from './shortcuts.ts';

export function ShortcutHelp() {
  const store = useStore();
  const open = useConsole((s) => s.helpOpen);
  if (!open) return null;
  return (
    <div className="help-backdrop" onClick={() => store.set({ helpOpen: false })} data-testid="shortcut-help">
      <div className="help" role="dialog" aria-label="keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.does}>
                <td>
                  {s.keys.map((k) => (
                    <kbd key={k} style={{ marginRight: 4 }}>
                      {k}
                    </kbd>
                  ))}
                </td>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
