/** Model picker, open, save, reset, run/cancel with progress, and the KPIs. */
import { useStore } from '../state/store';
import { app, openSource, openFile, saveAs, resetToModel, run, cancel } from '../state/session';
import { builtInHalls, builtInDrills } from '../scenario/models';
import { savedFiles } from '../state/autosave';
import { Kpis } from './Kpis';
import { clock } from '../format';
import type { ScenarioFormat } from '../worker/protocol';
import { useRef, useState } from 'react';

export function TopBar() {
  const source = useStore(app, (s) => s.source);
  const sim = useStore(app, (s) => s.sim);
  const progress = useStore(app, (s) => s.progress);
  const validating = useStore(app, (s) => s.validating);
  const issues = useStore(app, (s) => s.issues.length);
  const edited = useStore(app, (s) => s.edited);
  const format = useStore(app, (s) => s.format);
  const runMessage = useStore(app, (s) => s.runMessage);
  const [saveFormat, setSaveFormat] = useState<ScenarioFormat | ''>('');
  // Opened files and copies kept in autosave, listed when the picker is used.
  const [files, setFiles] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const running = sim === 'running';
  const canRun = !running && !validating && issues === 0;
  const pct = Math.round((progress?.fraction ?? 0) * 100);

  return (
    <header className="topbar">
      <div className="brand">dctwin</div>
      <label className="field">
        <span>Model</span>
        <select
          data-testid="model-picker"
          value={source?.kind === 'model' ? source.name : `file:${source?.name ?? ''}`}
          onChange={(e) => { const v = e.target.value; void openSource(v.startsWith('file:') ? { kind: 'file', name: v.slice(5) } : { kind: 'model', name: v }); }}
          onFocus={() => setFiles(savedFiles())}
          disabled={running}
        >
          <optgroup label="Halls">{builtInHalls.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}</optgroup>
          <optgroup label="Training drills">{builtInDrills.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}</optgroup>
          {[...new Set([...(source?.kind === 'file' ? [source.name] : []), ...files])].map((name) => <option key={name} value={`file:${name}`}>file: {name}</option>)}
        </select>
      </label>
      {/* A real button (a label is not reachable with Tab) that opens the hidden file input. */}
      <button data-testid="open-button" title="Open a scenario file (YAML or JSON); you can also drop one on the window" onClick={() => fileInput.current?.click()}>Open…</button>
      <input
        ref={fileInput} data-testid="open-file" type="file" accept=".yaml,.yml,.json,application/json,text/yaml" hidden
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void openFile(f); e.target.value = ''; }}
      />
      <div className="split">
        <button data-testid="save-file" onClick={() => void saveAs(saveFormat || format)} title="Download the scenario, units as you wrote them">Save</button>
        <select value={saveFormat || format} onChange={(e) => setSaveFormat(e.target.value as ScenarioFormat)} title="File format">
          <option value="yaml">YAML</option>
          <option value="json">JSON</option>
        </select>
      </div>
      <button onClick={() => void resetToModel()} disabled={!edited || running} title="Discard your edits and reopen the model as shipped">
        Reset to {source?.kind === 'file' ? 'file' : 'model'}
      </button>
      <div className="sep" />
      <button data-testid="run-button" className="primary" onClick={() => void run()} disabled={!canRun}
        title={issues ? 'Fix the scenario problems first' : validating ? 'Checking the scenario…' : 'Simulate the scenario in the background'}>
        Run
      </button>
      <button data-testid="cancel-button" onClick={cancel} disabled={!running}>Cancel</button>
      <div className="progress" data-testid="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-state={sim}
        title={runMessage ?? undefined}>
        <div className="progress-fill" style={{ width: `${running || sim === 'done' || sim === 'cancelled' ? pct : 0}%` }} />
        <span className="progress-text">
          {running ? `${pct} % · ${clock(progress?.simTime ?? 0)} · ${((progress?.wallMs ?? 0) / 1000).toFixed(1)} s`
            : sim === 'done' ? 'done' : sim === 'cancelled' ? `cancelled at ${pct} %` : sim === 'error' ? 'error' : 'idle'}
        </span>
      </div>
      <div className="sep" />
      <Kpis />
    </header>
  );
}
