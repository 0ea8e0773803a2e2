/**
 * @module compliance/checks
 * Config rules for the `compliance` section the schema cannot say: the statuses the disclosure must
 * precede exist in the workflow, and its activity type is one of the workflow's.
 */
import type { ConfigCheck } from '../config/index.ts';

interface Shape {
  compliance?: { disclosure?: { requiredBefore?: unknown; activityType?: unknown } };
  workflow?: { statuses?: Record<string, unknown>; activityTypes?: Record<string, unknown> };
}

export const checkCompliance: ConfigCheck = (config, report) => {
  const c = config as unknown as Shape;
  const d = c.compliance?.disclosure;
  if (!d || !c.workflow) return;
  const statuses = c.workflow.statuses;
  if (Array.isArray(d.requiredBefore) && statuses && typeof statuses === 'object')
    d.requiredBefore.forEach((s, i) => {
      if (typeof s === 'string' && !Object.hasOwn(statuses, s))
        report(
          `/compliance/disclosure/requiredBefore/${i}`,
          `unknown status "${s}" (known: ${Object.keys(statuses).join(', ')})`,
        );
    });
  const types = c.workflow.activityTypes;
  if (typeof d.activityType === 'string' && types && typeof types === 'object' && !Object.hasOwn(types, d.activityType))
    report(
      '/compliance/disclosure/activityType',
      `unknown activity type "${d.activityType}" (known: ${Object.keys(types).join(', ')})`,
    );
};
