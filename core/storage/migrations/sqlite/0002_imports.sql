CREATE TABLE `import_clients` (
	`import_id` text NOT NULL,
	`client_id` text NOT NULL,
	`row` integer NOT NULL,
	PRIMARY KEY(`import_id`, `client_id`)
);
--> statement-breakpoint
CREATE INDEX `import_clients_client_idx` ON `import_clients` (`client_id`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`header_key` text PRIMARY KEY NOT NULL,
	`mapping` text NOT NULL,
	`saved_by` text,
	`saved_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text,
	`file_name` text NOT NULL,
	`encoding` text NOT NULL,
	`kind` text NOT NULL,
	`mapping` text NOT NULL,
	`options` text NOT NULL,
	`rows` integer NOT NULL,
	`processed` integer NOT NULL,
	`imported` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`errors` integer NOT NULL,
	`problems` text NOT NULL,
	`status` text NOT NULL,
	`failure` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	`undone_at` integer,
	`undone_by` text
);
--> statement-breakpoint
CREATE INDEX `imports_created_idx` ON `imports` (`created_at`,`id`);