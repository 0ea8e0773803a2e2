/**
 * @module widgets/base/client-types
 * The JSON shapes of the client and workflow API as widgets receive them (dates as ISO strings).
 * Masking is by absence: a field the user may not read is not in `data`, and `displayName` is
 * missing when it is built from such a field.
 */

export interface ClientItem {
  id: string;
  kind: string;
  type: string;
  source: string | null;
  status: string;
  ownerId: string | null;
  unitId: string | null;
  displayName?: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserItem {
  id: string;
  name: string;
  unitId?: string | null;
}

/** `GET /api/clients/summary`. */
export interface ClientSummary {
  byStatus: Record<string, number>;
  total: number;
}
