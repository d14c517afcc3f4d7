// The keyboard shortcuts overlay (? toggles it, Esc or a click closes it).
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { SHORTCUTS } from './shortcuts.ts';

export function ShortcutHelp() {
  const store = useStore();
  const open = useConsole((s) => s.helpOpen);
  const allowed = useConsole((s) => s.hello?.allowedCommands);
  if (!open) return null;
  // Only the keys this role can use: a viewer's help does not offer Accept.
  const shortcuts = SHORTCUTS.filter((s) => s.needs === undefined || (allowed ?? []).includes(s.needs));
  return (
    <div className="help-backdrop" onClick={() => store.set({ helpOpen: false })} data-testid="shortcut-help">
      <div className="help" role="dialog" aria-label="keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {shortcuts.map((s) => (
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
