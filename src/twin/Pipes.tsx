/**
 * Every pipe in one merged geometry and one shader. Each vertex knows its flow channel (a CDU's TCS loop
 * or the facility-water loop); the flows at the cursor live in a tiny float texture, so moving the
 * cursor rewrites a few floats, never the geometry. Flowing pipes show dashes (moving while playing),
 * pipes without flow are flat grey.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { BufferGeometry, Float32BufferAttribute, Uint32BufferAttribute, DataTexture, FloatType, RGBAFormat, NearestFilter, ShaderMaterial, Vector3, Color } from 'three';
import type { SceneLayout, PipeRun } from './sceneLayout';
import { frames } from '../state/frameBuffer';
import { cursor, playing } from '../state/cursor';
import { app } from '../state/session';
import { OKABE_ITO } from './colorScales';

const RADIAL = 6;
const _a = new Vector3(), _b = new Vector3(), _d = new Vector3(), _u = new Vector3(), _v = new Vector3(), _p = new Vector3();

/** The unit circle at RADIAL steps, once (not a cos and sin per vertex). */
const RING = Array.from({ length: RADIAL }, (_, k) => [Math.cos((k / RADIAL) * Math.PI * 2), Math.sin((k / RADIAL) * Math.PI * 2)] as const);

function buildPipes(runs: readonly PipeRun[]): BufferGeometry {
  // Typed arrays sized up front (a large hall has thousands of straights): no growing arrays of boxed numbers.
  let straights = 0;
  for (const run of runs) straights += Math.max(0, run.points.length - 1);
  const pos = new Float32Array(straights * 2 * RADIAL * 3), nor = new Float32Array(straights * 2 * RADIAL * 3);
  const dist = new Float32Array(straights * 2 * RADIAL), channel = new Float32Array(straights * 2 * RADIAL), supply = new Float32Array(straights * 2 * RADIAL);
  const index = new Uint32Array(straights * RADIAL * 6);
  let v = 0, ix = 0; // vertices and indices written
  for (const run of runs) {
    let along = 0;
    for (let s = 0; s + 1 < run.points.length; s++) {
      _a.fromArray(run.points[s]!); _b.fromArray(run.points[s + 1]!);
      const len = _a.distanceTo(_b);
      if (len < 1e-6) continue;
      _d.subVectors(_b, _a).normalize();
      // Extend each straight by the radius at both ends so corners close without joint geometry.
      _a.addScaledVector(_d, -run.radius); _b.addScaledVector(_d, run.radius);
      _u.set(Math.abs(_d.y) < 0.9 ? 0 : 1, Math.abs(_d.y) < 0.9 ? 1 : 0, 0).cross(_d).normalize();
      _v.crossVectors(_d, _u);
      const base = v;
      for (const [end, d0] of [[_a, along - run.radius], [_b, along + len + run.radius]] as const) {
        for (let k = 0; k < RADIAL; k++) {
          const [c, sn] = RING[k]!;
          _p.copy(_u).multiplyScalar(c).addScaledVector(_v, sn);
          nor[v * 3] = _p.x; nor[v * 3 + 1] = _p.y; nor[v * 3 + 2] = _p.z;
          pos[v * 3] = end.x + _p.x * run.radius; pos[v * 3 + 1] = end.y + _p.y * run.radius; pos[v * 3 + 2] = end.z + _p.z * run.radius;
          dist[v] = d0;
          channel[v] = run.channel;
          supply[v] = run.supply ? 1 : 0;
          v++;
        }
      }
      for (let k = 0; k < RADIAL; k++) {
        const k1 = (k + 1) % RADIAL;
        index[ix++] = base + k; index[ix++] = base + k1; index[ix++] = base + RADIAL + k;
        index[ix++] = base + k1; index[ix++] = base + RADIAL + k1; index[ix++] = base + RADIAL + k;
      }
      along += len;
    }
  }
  // Zero-length straights were skipped: use only what was written.
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(pos.subarray(0, v * 3), 3));
  g.setAttribute('normal', new Float32BufferAttribute(nor.subarray(0, v * 3), 3));
  g.setAttribute('aDist', new Float32BufferAttribute(dist.subarray(0, v), 1));
  g.setAttribute('aChannel', new Float32BufferAttribute(channel.subarray(0, v), 1));
  g.setAttribute('aSupply', new Float32BufferAttribute(supply.subarray(0, v), 1));
  g.setIndex(new Uint32BufferAttribute(index.subarray(0, ix), 1));
  g.computeBoundingSphere();
  return g;
}

const lin = (hex: string) => new Color(hex);

/** The pipes' shader; uFlow and uChannels are set to the current flow texture and its width. */
function pipeMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      uFlow: { value: null },
      uChannels: { value: 1 },
      uPhase: { value: 0 },
      uSupply: { value: lin(OKABE_ITO.skyBlue) },
      uReturn: { value: lin(OKABE_ITO.orange) },
      uNoFlow: { value: lin('#3b4047') },
    },
    vertexShader: /* glsl */ `
      attribute float aDist; attribute float aChannel; attribute float aSupply;
      uniform sampler2D uFlow; uniform float uChannels;
      varying float vDist; varying float vFlow; varying float vSupply; varying vec3 vNormal;
      void main() {
        vDist = aDist; vSupply = aSupply;
        vFlow = texture2D(uFlow, vec2((aChannel + 0.5) / uChannels, 0.5)).r;
        vNormal = normalize(normalMatrix * normal);
        gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
      }`,
    fragmentShader: /* glsl */ `
      uniform float uPhase; uniform vec3 uSupply; uniform vec3 uReturn; uniform vec3 uNoFlow;
      varying float vDist; varying float vFlow; varying float vSupply; varying vec3 vNormal;
      void main() {
        float light = 0.5 + 0.5 * max(dot(normalize(vNormal), normalize(vec3(0.2, 0.9, 0.4))), 0.0);
        vec3 base = mix(uReturn, uSupply, vSupply);
        // Dashes every 0.9 m travelling at a speed proportional to the flow share.
        float dash = step(0.45, fract(vDist / 0.9 - uPhase * vFlow));
        vec3 c = vFlow > 0.02 ? base * mix(0.55, 1.0, dash) : uNoFlow;
        gl_FragColor = vec4(c * light, 1.0);
        #include <colorspace_fragment>
      }`,
  });
}

export function Pipes({ scene, cdus }: { scene: SceneLayout; cdus: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const channels = cdus + 1;
  const geometry = useMemo(() => buildPipes(scene.pipes), [scene]);
  // One material for the component's life: a new one per CDU count would let the old one's disposal free
  // the shared program and the new one compile and link it again on the next model's first frame (the
  // main thread waits for the GPU process on that). The flow texture is per count; the uniforms follow it.
  const material = useMemo(() => pipeMaterial(), []);
  useEffect(() => () => material.dispose(), [material]);
  const texture = useMemo(() => {
    const texture = new DataTexture(new Float32Array(channels * 4).fill(1), channels, 1, RGBAFormat, FloatType);
    texture.minFilter = texture.magFilter = NearestFilter;
    texture.needsUpdate = true;
    return texture;
  }, [channels]);
  useLayoutEffect(() => {
    material.uniforms.uFlow!.value = texture;
    material.uniforms.uChannels!.value = channels;
  }, [material, texture, channels]);
  useEffect(() => () => { geometry.dispose(); }, [geometry]);
  useEffect(() => () => texture.dispose(), [texture]);

  useEffect(() => {
    const data = texture.image.data as Float32Array;
    let version = frames.version;
    const update = () => {
      version = frames.version;
      const f = frames.shape.cdus === cdus ? frames.frameAt(cursor.get()) : -1;
      // Before a run the pipes show design flow; the facility-water loop always circulates in the engine.
      for (let c = 0; c < cdus; c++) data[c * 4] = f < 0 ? 1 : frames.cduFlow[f * cdus + c]!;
      data[cdus * 4] = 1;
      texture.needsUpdate = true;
      invalidate();
    };
    update();
    const offCursor = cursor.subscribe(update);
    const offApp = app.subscribe(() => { if (frames.version !== version) update(); });
    return () => { offCursor(); offApp(); };
  }, [texture, cdus, invalidate]);

  useFrame((_, delta) => {
    if (playing.get()) material.uniforms.uPhase!.value += Math.min(delta, 0.1) * 1.5;
  });

  return <mesh geometry={geometry} material={material} raycast={() => null} />;
}
