/** Built-in halls: every file in models/ is bundled as text, so the app opens them with no network. */
const files = import.meta.glob('../../models/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BuiltInModel {
  name: string;
  fileName: string;
  text: string;
}

export const builtInModels: BuiltInModel[] = Object.entries(files)
  .map(([path, text]) => {
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    return { name: fileName.replace(/\.(ya?ml|json)$/, ''), fileName, text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

export const DEFAULT_MODEL = 'dlc-hall';

export function findModel(name: string): BuiltInModel | undefined {
  return builtInModels.find((m) => m.name === name);
}
