/** The keyboard shortcuts, shown with `?`. Everything the mouse does has a key path (Tab reaches every control). */
export const SHORTCUTS: [string, string][] = [
  ['Tab / Shift+Tab', 'move between controls (model, Open…, Save, Run, Cancel, timeline, hall, alarms)'],
  ['Space', 'play / pause (on a focused button: press it)'],
  ['← / →', 'previous / next frame (Shift: ten frames)'],
  ['Home / End', 'first / last frame (timeline focused)'],
  ['↑ / ↓', 'previous / next alarm (alarm list focused); → / ← opens / folds a group'],
  ['F', 'fit the whole site in view'],
  ['Z', 'focus the camera on the selection'],
  ['Esc', 'clear the selection, close this list'],
  ['?', 'show this list'],
];

export function Shortcuts({ onClose }: { onClose(): void }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" data-testid="shortcuts" onClick={(e) => e.stopPropagation()}>
        <div className="modal-head"><b>Keyboard shortcuts</b><button className="icon" onClick={onClose} autoFocus title="Close (Esc)">✕</button></div>
        <table>
          <tbody>{SHORTCUTS.map(([k, what]) => <tr key={k}><td className="mono">{k}</td><td>{what}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}
