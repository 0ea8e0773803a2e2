/**
 * @module examples/custom-commission-plugin
 * A monthly volume bonus as a commission rule type, the example a firm copies to write its own.
 * Once the beneficiary's volume in the month passes a threshold, the part of each sale above the
 * threshold earns an extra rate: a sale that crosses 1 000 000 zł earns the bonus only on its part
 * beyond it. It goes on its own line (a rule with `"component": "volume-bonus"`), beside the
 * ordinary commission.
 *
 * Like every rule type, `calculate` is pure: it reads only its input (the period volume comes in
 * `periodVolumeMinor`, computed by the core), never the clock, the database or the network.
 */
import { definePlugin, type CrmPlugin } from 'broker-crm/plugin';

type CommissionRuleType = NonNullable<CrmPlugin['commissionRules']>[string];
type CalculateInput = Parameters<CommissionRuleType['calculate']>[0];

export interface VolumeBonusOptions {
  /** Monthly volume (grosze of sale amounts) above which the bonus is paid. */
  thresholdMinor: number;
  /** Bonus rate in basis points of the part of the sale above the threshold. */
  bonusBp: number;
}

export const volumeBonusOptionsSchema = {
  type: 'object',
  properties: {
    thresholdMinor: {
      type: 'integer',
      minimum: 0,
      description: 'Monthly volume in grosze above which the bonus is paid.',
    },
    bonusBp: { type: 'integer', minimum: 0, maximum: 10_000, description: 'Bonus in basis points (10 = 0.10 %).' },
  },
  required: ['thresholdMinor', 'bonusBp'],
  additionalProperties: false,
} as const;

/** `n × bp / 10 000` rounded half up away from zero, the core's one rounding rule, in BigInt. */
function applyBp(amountMinor: number, bp: number): number {
  const x = BigInt(amountMinor) * BigInt(bp);
  const abs = x < 0n ? -x : x;
  const r = (abs * 2n + 10_000n) / 20_000n;
  return Number(x < 0n ? -r : r);
}

const pl = new Intl.NumberFormat('pl-PL', {
  style: 'currency',
  currency: 'PLN',
  useGrouping: 'always',
  minimumFractionDigits: 2,
});
const en = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'PLN',
  useGrouping: 'always',
  minimumFractionDigits: 2,
});
const zl = (minor: number, f: Intl.NumberFormat) => {
  const abs = Math.abs(minor);
  return f.format(
    `${minor < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` as `${number}`,
  );
};
const pct = (bp: number, sep: string) => `${Math.floor(bp / 100)}${sep}${String(bp % 100).padStart(2, '0')}%`;

/**
 * @example
 * volumeBonus.calculate({ ...input, periodVolumeMinor: 95_000_000, sale: { ...sale, amountMinor: 10_000_000 },
 *   options: { thresholdMinor: 100_000_000, bonusBp: 10 } })
 * // { amountMinor: 5000, explanation: { pl: 'Premia za obrót: … 0,10% × 50 000,00 zł = 50,00 zł', … } }
 */
export const volumeBonus: CommissionRuleType = {
  description: 'Extra basis points on the part of each sale above a monthly volume threshold.',
  optionsSchema: volumeBonusOptionsSchema,
  calculate(input: CalculateInput) {
    const { thresholdMinor, bonusBp } = input.options as VolumeBonusOptions;
    const before = input.periodVolumeMinor;
    const after = before + input.sale.amountMinor;
    const aboveMinor = Math.max(0, after - Math.max(thresholdMinor, before));
    const amountMinor = applyBp(aboveMinor, bonusBp);
    if (aboveMinor === 0) {
      return {
        amountMinor,
        explanation: {
          pl:
            `Premia za obrót: obrót w miesiącu ${zl(after, pl)} nie przekracza progu ${zl(thresholdMinor, pl)}, ` +
            `premia 0,00 zł`,
          en:
            `Volume bonus: the month's volume ${zl(after, en)} does not exceed the threshold ` +
            `${zl(thresholdMinor, en)}, bonus PLN 0.00`,
          arithmetic: `volume ${after} <= threshold ${thresholdMinor} → 0`,
        },
      };
    }
    return {
      amountMinor,
      explanation: {
        pl:
          `Premia za obrót: obrót w miesiącu ${zl(after, pl)} przekracza próg ${zl(thresholdMinor, pl)}; ` +
          `${pct(bonusBp, ',')} × ${zl(aboveMinor, pl)} (część sprzedaży ponad próg) = ${zl(amountMinor, pl)}`,
        en:
          `Volume bonus: the month's volume ${zl(after, en)} exceeds the threshold ${zl(thresholdMinor, en)}; ` +
          `${pct(bonusBp, '.')} × ${zl(aboveMinor, en)} (the part of the sale above it) = ${zl(amountMinor, en)}`,
        arithmetic: `${aboveMinor} × ${bonusBp} bp / 10000 = ${amountMinor}`,
      },
    };
  },
};

/**
 * Register it with the CRM: `createCrm({ plugins: [volumeBonusPlugin()] })`, then use
 * `"type": "volume-bonus"` in a rule.
 * @example
 * const plugin = volumeBonusPlugin();
 * plugin.commissionRules['volume-bonus'] === volumeBonus // true
 */
export function volumeBonusPlugin() {
  return definePlugin({ name: 'commission-volume-bonus', commissionRules: { 'volume-bonus': volumeBonus } });
}

export default volumeBonusPlugin;
