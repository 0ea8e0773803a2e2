/**
 * @module widgets/crm-partner-view/referral-types
 * The shapes `GET /api/partner-portal/me` and `/clients` send (see `core/partners/portal.ts`).
 * They are the whole of what a partner may know about a client: there is no field for a name,
 * a contact or an amount, so the widget cannot show one even by mistake.
 */
import type { Label } from '../base/crm-meta.ts';

export interface Referral {
  id: string;
  /** The partner's own reference when it gave one, else the CRM's code. */
  reference: string;
  /** The reference the partner typed when it referred the client, if any. */
  partnerReference: string | null;
  /** The CRM's code for the client (`K-…`). */
  code: string;
  referredAt: string;
  status: string;
  statusLabel: Label | null;
  statusChanges: Array<{ status: string; at: string }>;
  advisor: { name: string } | null;
  branch: { name: string } | null;
}

export interface PortalPartner {
  id: string;
  name: string;
  type: string;
}
