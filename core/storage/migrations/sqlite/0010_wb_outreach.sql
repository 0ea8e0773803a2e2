CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`password_stamp` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE INDEX `password_resets_expires_idx` ON `password_resets` (`expires_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_status` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_provider_message_idx` ON `outbox` (`provider_message_id`);--> statement-breakpoint
ALTER TABLE `leads` ADD `partner_reference` text;--> statement-breakpoint
CREATE UNIQUE INDEX `leads_partner_reference_uq` ON `leads` (`partner_id`,`partner_reference`);