/** Built-in models are the YAML files in models/; the CLI accepts a path or a model's name. */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export function listModels(): string[] {
  return readdirSync(MODELS_DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => f.replace(/\.(ya?ml|json)$/, '')).sort();
}

export function resolveModel(nameOrPath: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  for (const ext of ['.yaml', '.yml', '.json']) {
    const p = join(MODELS_DIR, nameOrPath + ext);
    if (existsSync(p)) return p;
  }
  return nameOrPath;
}

/** Built-in drills are the files in models/drills/; `dctwin drill` accepts a path or a drill's name. */
export function resolveDrill(nameOrPath: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  for (const ext of ['.yaml', '.yml', '.json']) {
    const p = join(MODELS_DIR, 'drills', nameOrPath + ext);
    if (existsSync(p)) return p;
  }
  return resolveModel(nameOrPath);
}
