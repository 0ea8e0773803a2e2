/**
 * @module widgets/crm-commission-review
 * Registers `<crm-commission-review>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmCommissionReview } from './crm-commission-review.component.ts';

export { CrmCommissionReview } from './crm-commission-review.component.ts';

defineElement('crm-commission-review', CrmCommissionReview);
