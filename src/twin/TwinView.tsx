/**
 * The centre of the app: the 3D hall. The Canvas renders on demand only (a new frame of results, the
 * cursor, the camera); everything the scene shows is the engine's layout and frames.
 */
import { useMemo, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { Color } from 'three';
import { useStore } from '../state/store';
import { app, select, type Metric } from '../state/session';
import { buildSceneLayout } from './sceneLayout';
import { HallShell } from './HallShell';
import { RackInstances } from './RackInstances';
import { EquipmentInstances } from './EquipmentInstances';
import { Pipes } from './Pipes';
import { Highlights } from './Highlights';
import { Labels } from './Labels';
import { LabelProjector } from './LabelProjector';
import { CameraRig } from './CameraRig';
import { StatsProbe } from './StatsProbe';
import { Legend } from './Legend';
import { Tooltip } from './Tooltip';
import { StatsOverlay } from './StatsOverlay';
import { fitHall, focusOn } from './cameraCommands';
import { METRIC_LABELS } from './metrics';
import { frames } from '../state/frameBuffer';
import { StaleBadge, useStale } from '../panels/StaleBadge';

const BACKGROUND = new Color('#15181c');

export function TwinView() {
  const layout = useStore(app, (s) => s.layout);
  const raw = useStore(app, (s) => s.raw);
  const power = raw?.power;
  const metric = useStore(app, (s) => s.metric);
  const selection = useStore(app, (s) => s.selection);
  const showStats = useStore(app, (s) => s.showStats);
  const stale = useStale();
  const site = useStore(app, (s) => (s.source ? `${s.source.kind}:${s.source.name}` : ''));
  // Only whether there are results (for the legend): a re-render here re-renders the whole scene graph,
  // so not once per frame chunk.
  const hasResults = useStore(app, (s) => !!s.layout && frames.count > 0 && frames.shape.racks === s.layout.racks.length);
  // The power chain is the only part of the raw scenario the scene draws; rebuild on it, not on every edit.
  const scene = useMemo(() => (layout ? buildSceneLayout(layout, raw) : null), [layout, power]);
  const [ready, setReady] = useState(false);

  return (
    <div className={`twin${stale ? ' stale' : ''}`} data-testid="twin" data-stale={stale} tabIndex={0}
      aria-label="3D hall: ← → step through time, F fits the site, Z focuses the selection, ? lists the shortcuts">
      {scene && layout ? (
        <Canvas
          frameloop="demand"
          dpr={[1, 2]}
          gl={{ antialias: true, powerPreference: 'high-performance' }}
          camera={{ fov: 40, near: 0.1, far: 2000, position: [30, 30, 30] }}
          onCreated={({ gl, scene: s }) => {
            gl.domElement.dataset.testid = 'twin-canvas';
            s.background = BACKGROUND;
            setReady(true);
          }}
          onPointerMissed={() => select(null)}
        >
          <hemisphereLight args={['#dfe8f2', '#30343a', 1.6]} />
          <directionalLight position={[40, 80, 60]} intensity={1.6} />
          <HallShell scene={scene} />
          <RackInstances scene={scene} layout={layout} />
          <EquipmentInstances scene={scene} layout={layout} />
          <Pipes scene={scene} cdus={layout.cdus.length} />
          <Highlights scene={scene} layout={layout} />
          <LabelProjector />
          <CameraRig scene={scene} site={site} />
          <StatsProbe racks={layout.racks.length} hall={layout} />
        </Canvas>
      ) : (
        <div className="twin-empty">{ready ? '' : 'Loading the hall…'}</div>
      )}
      {layout && (
        <>
          <div className="twin-toolbar">
            <label>
              Colour by{' '}
              <select data-testid="metric-picker" value={metric} onChange={(e) => app.set({ metric: e.target.value as Metric })}>
                {(Object.keys(METRIC_LABELS) as Metric[]).map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}
              </select>
            </label>
            <button onClick={fitHall} title="Fit the whole site in view (F)">Fit hall</button>
            <button onClick={() => selection && focusOn(selection)} disabled={!selection} title="Focus the camera on the selection (Z)">Focus selection</button>
            <label className="check"><input type="checkbox" checked={showStats} onChange={(e) => app.set({ showStats: e.target.checked })} /> Stats</label>
            <StaleBadge where="hall" />
          </div>
          {scene && <Labels scene={scene} layout={layout} />}
          <Legend key={layout.racks.length > 400 ? 'large' : 'small'} metric={metric} layout={layout} hasResults={hasResults} />
          <Tooltip layout={layout} />
          {showStats && <StatsOverlay />}
        </>
      )}
    </div>
  );
}
