/** Built-in halls: every file in models/ is bundled as text, so the app opens them with no network. */
const files = import.meta.glob('../../models/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
/** Training drills (models/drills/): named `drills/<name>` in the model list, opened in drill mode by `?drill=<name>`. */
const drillFiles = import.meta.glob('../../models/drills/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BuiltInModel {
  name: string;
  fileName: string;
  text: string;
}

const listOf = (fs: Record<string, string>, prefix: string): BuiltInModel[] => Object.entries(fs)
  .map(([path, text]) => {
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    return { name: prefix + fileName.replace(/\.(ya?ml|json)$/, ''), fileName, text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

export const DRILL_PREFIX = 'drills/';
export const builtInHalls: BuiltInModel[] = listOf(files, '');
export const builtInDrills: BuiltInModel[] = listOf(drillFiles, DRILL_PREFIX);
export const builtInModels: BuiltInModel[] = [...builtInHalls, ...builtInDrills];

export const DEFAULT_MODEL = 'dlc-hall';

export function findModel(name: string): BuiltInModel | undefined {
  return builtInModels.find((m) => m.name === name);
}
