PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_lead_consents` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text,
	`client_id` text NOT NULL,
	`purpose` text NOT NULL,
	`version` text NOT NULL,
	`given_at` integer NOT NULL,
	`origin` text,
	`action` text DEFAULT 'given' NOT NULL,
	`method` text DEFAULT 'form' NOT NULL,
	`recorded_by` text,
	`lead_source` text,
	`text_hash` text,
	`language` text,
	`note` text
);
--> statement-breakpoint
INSERT INTO `__new_lead_consents`("id", "lead_id", "client_id", "purpose", "version", "given_at", "origin", "method", "lead_source") SELECT c."id", c."lead_id", c."client_id", c."purpose", c."version", c."given_at", c."origin", CASE WHEN l."partner_id" IS NOT NULL THEN 'partner' WHEN l."mapping" IS NOT NULL THEN 'portal' WHEN l."via" LIKE 'public-key:%' THEN 'form' WHEN l."id" IS NULL THEN 'form' ELSE 'import' END, l."source" FROM `lead_consents` c LEFT JOIN `leads` l ON l."id" = c."lead_id";--> statement-breakpoint
DROP TABLE `lead_consents`;--> statement-breakpoint
ALTER TABLE `__new_lead_consents` RENAME TO `lead_consents`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `lead_consents_client_idx` ON `lead_consents` (`client_id`,`purpose`);