/** The published JSON Schema, generated from the same zod definition the validator uses. */
import { z } from 'zod';
import { scenarioSchema } from './schema';
import { quantityMeta } from './quantity';
import { DIMENSION_INFO } from './units';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const meta = quantityMeta.get(ctx.zodSchema as never);
      if (!meta) return;
      const info = DIMENSION_INFO[meta.dimension];
      const js = ctx.jsonSchema as Record<string, unknown>;
      for (const k of Object.keys(js)) delete js[k];
      js.anyOf = [
        { type: 'number', description: `SI (${info.si || 'plain number'})` },
        { type: 'string', description: `with a unit, e.g. "${info.example}"` },
      ];
      js.description = `${info.noun}, e.g. "${info.example}"; a bare number is SI (${info.si || 'plain number'})`;
    },
  }) as Record<string, unknown>;
  schema.$id = 'https://dctwin.dev/schema/scenario-v1.json';
  schema.title = 'dctwin scenario (version 1)';
  return schema;
}
