CREATE TABLE `compliance_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`policy_number` text NOT NULL,
	`insurer` text,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `compliance_policies_user_idx` ON `compliance_policies` (`user_id`,`valid_to`);--> statement-breakpoint
CREATE TABLE `compliance_registrations` (
	`user_id` text PRIMARY KEY NOT NULL,
	`knf_number` text NOT NULL,
	`agent_type` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `compliance_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`item` text NOT NULL,
	`valid_to` text NOT NULL,
	`threshold_days` integer NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `compliance_reminders_uq` ON `compliance_reminders` (`item`,`valid_to`,`threshold_days`);--> statement-breakpoint
CREATE TABLE `compliance_trainings` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`date` text NOT NULL,
	`minutes` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `compliance_trainings_user_idx` ON `compliance_trainings` (`user_id`,`date`);--> statement-breakpoint
CREATE TABLE `disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`advisor_id` text,
	`unit_id` text,
	`document` text NOT NULL,
	`remuneration_minor` integer NOT NULL,
	`pdf` text NOT NULL,
	`pdf_hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	`delivery_method` text,
	`delivered_by` text
);
--> statement-breakpoint
CREATE INDEX `disclosures_client_idx` ON `disclosures` (`client_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `commission_inquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text,
	`statement_id` text,
	`period` text NOT NULL,
	`reason_code` text NOT NULL,
	`text` text NOT NULL,
	`attachment` text,
	`status` text NOT NULL,
	`answer` text,
	`correction_line_id` text,
	`raised_by` text,
	`resolved_by` text,
	`resolved_at` integer,
	`owner_id` text,
	`unit_id` text,
	`partner_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commission_inquiries_line_idx` ON `commission_inquiries` (`line_id`,`status`);--> statement-breakpoint
CREATE INDEX `commission_inquiries_statement_idx` ON `commission_inquiries` (`statement_id`);--> statement-breakpoint
CREATE INDEX `commission_inquiries_period_idx` ON `commission_inquiries` (`period`,`status`);--> statement-breakpoint
CREATE TABLE `commission_inquiry_events` (
	`id` text PRIMARY KEY NOT NULL,
	`inquiry_id` text NOT NULL,
	`line_id` text,
	`kind` text NOT NULL,
	`text` text,
	`data` text,
	`actor_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commission_inquiry_events_inquiry_idx` ON `commission_inquiry_events` (`inquiry_id`);--> statement-breakpoint
CREATE INDEX `commission_inquiry_events_line_idx` ON `commission_inquiry_events` (`line_id`);