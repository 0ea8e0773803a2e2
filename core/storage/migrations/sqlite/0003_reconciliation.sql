CREATE TABLE `reconciliation_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`period` text NOT NULL,
	`file_name` text NOT NULL,
	`encoding` text NOT NULL,
	`status` text NOT NULL,
	`row_count` integer NOT NULL,
	`expected_minor` integer NOT NULL,
	`received_minor` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`undone_by` text,
	`undone_at` integer
);
--> statement-breakpoint
CREATE INDEX `reconciliation_imports_provider_idx` ON `reconciliation_imports` (`provider`,`period`,`status`);--> statement-breakpoint
CREATE TABLE `reconciliation_rows` (
	`id` text PRIMARY KEY NOT NULL,
	`import_id` text NOT NULL,
	`line` integer,
	`outcome` text NOT NULL,
	`matched_by` text,
	`reference` text,
	`identifier_hint` text,
	`paid_on` text,
	`received_minor` integer NOT NULL,
	`expected_minor` integer NOT NULL,
	`difference_minor` integer NOT NULL,
	`sale_id` text,
	`line_id` text,
	`resolution` text,
	`resolution_reason` text,
	`adjusted_line_ids` text,
	`resolved_by` text,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `reconciliation_rows_import_idx` ON `reconciliation_rows` (`import_id`);--> statement-breakpoint
CREATE INDEX `reconciliation_rows_sale_idx` ON `reconciliation_rows` (`sale_id`);