/** @module storage/pg/schema — every table, for drizzle-kit and the query layer. */
export * from './org.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './clients.ts';
export * from './client-keys.ts';
export * from './workflow.ts';
export * from './outbox.ts';
export * from './calendar.ts';
export * from './partners.ts';
export * from './leads.ts';
export * from './commissions.ts';
export * from './report-subscriptions.ts';
export * from './imports.ts';
export * from './reconciliation.ts';
export * from './compliance.ts';
export * from './disclosures.ts';
export * from './commission-inquiries.ts';
