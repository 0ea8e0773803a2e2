/**
 * @module reports/export/sources/clients
 * The client list as an export: the same filters as `GET /api/clients`, read page by page through
 * `listClients` itself (keyset pages, so row 90,000 costs what row 1 does), so scope and field
 * masking are the screen's own. A configured field is a column only when the exporter may read its
 * class somewhere (`pii:read` for x-crm-pii, `financial:read` for x-crm-financial); within the
 * column, a record outside that scope has an empty cell, exactly as its card would.
 */
import { scopesOf } from '../../../access/index.ts';
import { cappedCount, clientConditions, clientFields, listClients, type ClientFilter } from '../../../clients/index.ts';
import type { Ctx } from '../../../context.ts';
import type { ExportColumn, ExportColumnType, ExportLocale, ExportRow } from '../cells.ts';
import { configLabel, nameBook } from '../names.ts';
import type { ListSource } from './source.ts';

export interface ClientExportFilter extends ClientFilter {
  sort?: 'createdAt' | 'updatedAt' | 'displayName';
  order?: 'asc' | 'desc';
}

const PAGE = 200;

function fieldType(schema: Record<string, unknown>, name: string): ExportColumnType {
  if (schema.type === 'integer' && name.endsWith('Minor')) return 'money';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'datetime';
  return 'text';
}

function clientColumns(ctx: Ctx): ExportColumn[] {
  const pii = scopesOf(ctx.actor, 'pii:read').length > 0;
  const financial = scopesOf(ctx.actor, 'financial:read').length > 0;
  const kinds = clientFields(ctx.config);
  const nameFromPii = [kinds.person, kinds.company].some((k) =>
    k.displayName.some((f) => k.fields.get(f)?.pii || k.fields.get(f)?.financial),
  );
  const columns: ExportColumn[] = [
    { key: 'id', label: { pl: 'Identyfikator', en: 'Id' }, width: 38 },
    ...(pii || !nameFromPii ? [{ key: 'displayName', label: { pl: 'Klient', en: 'Client' }, width: 28 }] : []),
    { key: 'kind', label: { pl: 'Rodzaj', en: 'Kind' }, width: 10 },
    { key: 'type', label: { pl: 'Typ', en: 'Type' } },
    { key: 'source', label: { pl: 'Źródło', en: 'Source' } },
    { key: 'status', label: { pl: 'Status', en: 'Status' } },
    { key: 'owner', label: { pl: 'Doradca', en: 'Advisor' } },
    { key: 'unit', label: { pl: 'Oddział', en: 'Branch' } },
    { key: 'partner', label: { pl: 'Partner', en: 'Partner' } },
    { key: 'createdAt', label: { pl: 'Utworzony', en: 'Created' }, type: 'datetime' },
    { key: 'updatedAt', label: { pl: 'Zmieniony', en: 'Updated' }, type: 'datetime' },
  ];
  const seen = new Set<string>();
  for (const kind of [kinds.person, kinds.company]) {
    for (const f of kind.fields.values()) {
      if (seen.has(f.name) || (f.pii && !pii) || (f.financial && !financial)) continue;
      seen.add(f.name);
      const label = f.schema['x-crm-label'] as { pl: string; en: string } | undefined;
      columns.push({ key: `data.${f.name}`, label: label ?? f.name, type: fieldType(f.schema, f.name) });
    }
  }
  return columns;
}

async function* clientRows(ctx: Ctx, filter: ClientExportFilter, locale: ExportLocale): AsyncIterable<ExportRow> {
  const names = nameBook(ctx);
  const types = ctx.config.clients.types as Record<string, { label?: { pl: string; en: string }; sources?: object }>;
  const statuses = ctx.config.workflow.statuses;
  const kindLabel = { person: { pl: 'osoba', en: 'person' }, company: { pl: 'firma', en: 'company' } };
  let cursor: string | undefined;
  do {
    const page = await listClients(ctx, { ...filter, limit: PAGE, total: false, ...(cursor ? { cursor } : {}) });
    await names.load(
      'users',
      page.items.map((c) => c.ownerId),
    );
    await names.load(
      'units',
      page.items.map((c) => c.unitId),
    );
    await names.load(
      'partners',
      page.items.map((c) => c.partnerId),
    );
    for (const c of page.items) {
      const row: ExportRow = {
        id: c.id,
        displayName: c.displayName ?? null,
        kind: kindLabel[c.kind]?.[locale] ?? c.kind,
        type: configLabel(types, c.type, locale),
        source: configLabel(types[c.type]?.sources, c.source, locale),
        status: configLabel(statuses, c.status, locale),
        owner: names.name('users', c.ownerId),
        unit: names.name('units', c.unitId),
        partner: names.name('partners', c.partnerId),
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      };
      for (const [k, v] of Object.entries(c.data)) {
        row[`data.${k}`] = v === null || typeof v === 'object' ? null : (v as string | number | boolean);
      }
      yield row;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export const clientsSource: ListSource<ClientExportFilter> = {
  resource: 'clients',
  read: 'clients:read',
  export: 'clients:export',
  title: { pl: 'Klienci', en: 'Clients' },
  columns: async (ctx) => clientColumns(ctx),
  async count(ctx, filter, cap) {
    const n = await cappedCount(ctx, await clientConditions(ctx, filter), cap);
    return n.capped ? cap + 1 : n.value;
  },
  rows: clientRows,
};
