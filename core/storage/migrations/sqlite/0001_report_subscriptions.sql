CREATE TABLE `report_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`report` text NOT NULL,
	`params` text NOT NULL,
	`frequency` text NOT NULL,
	`emails` text NOT NULL,
	`locale` text NOT NULL,
	`active` integer NOT NULL,
	`last_period_end` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_subscriptions_uq` ON `report_subscriptions` (`user_id`,`report`,`frequency`);--> statement-breakpoint
CREATE INDEX `report_subscriptions_due_idx` ON `report_subscriptions` (`active`,`frequency`);