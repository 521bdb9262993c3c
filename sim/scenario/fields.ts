/**
 * Field kinds several components share: plausible temperature ranges, fluid properties and load profiles.
 * A component's schema fragment (sim/components/<kind>/schema.ts) builds on these and on quantity.ts.
 */
import { z } from 'zod';
import { temperature, positive } from './quantity';
import { parseQuantity } from './units';
import { compileExpression } from './expr';

/** A load fraction (0.8, "80 %") or an expression of time t in seconds ("0.6 + 0.3*sin(2*pi*t/86400)"). */
export const loadProfile = () =>
  z.union([z.number(), z.string()]).transform((raw, ctx): number | string => {
    const asNumber = parseQuantity(raw, 'fraction');
    if (asNumber.ok) {
      if (asNumber.value < 0 || asNumber.value > 1.5) {
        ctx.addIssue({ code: 'custom', message: `expected a load between 0 and 1.5, found ${JSON.stringify(raw)}` });
        return z.NEVER;
      }
      return asNumber.value;
    }
    if (typeof raw === 'string') {
      const e = compileExpression(raw, ['t']);
      if (e.ok) return raw;
      ctx.addIssue({ code: 'custom', message: `expected a load fraction or an expression of t, ${e.message}` });
      return z.NEVER;
    }
    ctx.addIssue({ code: 'custom', message: `expected a load fraction such as 0.8 or "80 %", found ${JSON.stringify(raw)}` });
    return z.NEVER;
  });

// Plausible temperature ranges (°C). Liquids are single-phase water or glycol at about atmospheric pressure:
// ASHRAE's warmest liquid class W+ supplies above 45 °C and DLC returns reach ~60 °C, so setpoints up to
// 90 °C and limits up to 100 °C (boiling) cover every real design. Air: ASHRAE A4 allows 45 °C at the inlet.
// Ambient: the recorded extremes on Earth are about −89 and +57 °C.
export const LIQUID_SETPOINT = () => temperature(0, 90);
export const LIQUID_LIMIT = () => temperature(0, 100);
export const AIR_SETPOINT = () => temperature(0, 60);
export const AIR_LIMIT = () => temperature(0, 80);
export const AMBIENT = () => temperature(-90, 60);

/** A fluid's properties where the defaults (scenario/defaults.ts FLUIDS) do not fit. */
export const fluid = z.strictObject({ density: positive('density').optional(), cp: positive('specific_heat').optional() });
