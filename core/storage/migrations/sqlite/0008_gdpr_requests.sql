CREATE TABLE `client_restrictions` (
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`request_id` text,
	`since` integer NOT NULL,
	`set_by` text,
	`reason` text,
	PRIMARY KEY(`client_id`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `gdpr_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`client_id` text,
	`identifiers` text NOT NULL,
	`received_on` text NOT NULL,
	`due_on` text NOT NULL,
	`extended_to` text,
	`extension_reason` text,
	`status` text NOT NULL,
	`decision` text,
	`basis` text,
	`outcome` text,
	`note` text,
	`created_by` text,
	`handled_by` text,
	`closed_at` integer,
	`owner_id` text,
	`unit_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `gdpr_requests_client_idx` ON `gdpr_requests` (`client_id`);--> statement-breakpoint
CREATE INDEX `gdpr_requests_status_idx` ON `gdpr_requests` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `gdpr_requests_unit_idx` ON `gdpr_requests` (`unit_id`,`status`);--> statement-breakpoint
CREATE TABLE `retention_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`dry_run` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`rules` text NOT NULL,
	`anonymised` integer NOT NULL,
	`actor_id` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `retention_runs_started_idx` ON `retention_runs` (`started_at`);