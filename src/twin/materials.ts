/**
 * Shared materials (one instance each for the whole app). Boxes get dark edges drawn in the shader from
 * the instance's size, so racks read as separate cabinets without extra geometry or draw calls.
 */
import { BoxGeometry, MeshLambertMaterial, MeshBasicMaterial, BackSide, type WebGLProgramParametersWithUniforms } from 'three';

/** A unit box centred at the origin; instances scale it to their size. */
export const unitBox = new BoxGeometry(1, 1, 1);

function withEdges(shader: WebGLProgramParametersWithUniforms): void {
  shader.vertexShader = shader.vertexShader
    .replace('#include <common>', '#include <common>\nvarying vec3 vLocal;\nvarying vec3 vSize;')
    .replace('#include <begin_vertex>', `#include <begin_vertex>
      vLocal = position;
      #ifdef USE_INSTANCING
        vSize = vec3(length(instanceMatrix[0].xyz), length(instanceMatrix[1].xyz), length(instanceMatrix[2].xyz));
      #else
        vSize = vec3(1.0);
      #endif`);
  shader.fragmentShader = shader.fragmentShader
    .replace('#include <common>', '#include <common>\nvarying vec3 vLocal;\nvarying vec3 vSize;')
    .replace('#include <color_fragment>', `#include <color_fragment>
      // Distance (m) to the faces along each axis; on a face one is ~0, near an edge a second one is too.
      vec3 toFace = (0.5 - abs(vLocal)) * vSize;
      float nearest = min(toFace.x, min(toFace.y, toFace.z));
      float farthest = max(toFace.x, max(toFace.y, toFace.z));
      float second = toFace.x + toFace.y + toFace.z - nearest - farthest;
      diffuseColor.rgb *= mix(0.42, 1.0, smoothstep(0.018, 0.04, second));`);
}

/** Racks and equipment: lit, per-instance colour, dark edges. */
export const boxMaterial = new MeshLambertMaterial({ color: 0xffffff });
boxMaterial.onBeforeCompile = withEdges;
boxMaterial.customProgramCacheKey = () => 'dctwin-box-edges';

/** Inverted-hull outlines: back faces of a slightly larger box, unlit, per-instance colour. */
export const outlineMaterial = new MeshBasicMaterial({ color: 0xffffff, side: BackSide, toneMapped: false });
