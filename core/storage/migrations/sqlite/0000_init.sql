CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`valid_from` integer NOT NULL,
	`valid_to` integer,
	`note` text,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `memberships_unit_idx` ON `memberships` (`unit_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`parent_id` text,
	`path` text NOT NULL,
	`groups` text NOT NULL,
	`city` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_uq` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_path_idx` ON `units` (`path`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`password_hash` text,
	`roles` text NOT NULL,
	`commission_group` text,
	`supervisor_id` text,
	`knf_number` text,
	`partner_id` text,
	`disabled_at` integer,
	`failed_logins` text NOT NULL,
	`locked_until` integer,
	`must_change_password` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_supervisor_idx` ON `users` (`supervisor_id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`name` text NOT NULL,
	`user_id` text NOT NULL,
	`permissions` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_uq` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_keys_user_idx` ON `api_keys` (`user_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`type` text NOT NULL,
	`source` text,
	`display_name` text NOT NULL,
	`owner_id` text,
	`unit_id` text,
	`partner_id` text,
	`referrer_id` text,
	`status` text NOT NULL,
	`data` text NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `clients_owner_idx` ON `clients` (`owner_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_owner_status_idx` ON `clients` (`owner_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_unit_idx` ON `clients` (`unit_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_unit_status_idx` ON `clients` (`unit_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_status_idx` ON `clients` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_created_idx` ON `clients` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_updated_idx` ON `clients` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_name_idx` ON `clients` (`display_name`,`id`);--> statement-breakpoint
CREATE INDEX `clients_partner_idx` ON `clients` (`partner_id`);--> statement-breakpoint
CREATE TABLE `client_keys` (
	`client_id` text NOT NULL,
	`field` text NOT NULL,
	`kind` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`client_id`, `field`)
);
--> statement-breakpoint
CREATE INDEX `client_keys_hash_idx` ON `client_keys` (`hash`);--> statement-breakpoint
CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`actor_id` text,
	`unit_id` text,
	`outcome` text,
	`note` text,
	`next_step_at` integer,
	`next_step_note` text
);
--> statement-breakpoint
CREATE INDEX `activities_client_idx` ON `activities` (`client_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_actor_idx` ON `activities` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `activities_at_idx` ON `activities` (`at`);--> statement-breakpoint
CREATE TABLE `status_history` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`unit_id` text,
	`from_status` text,
	`to_status` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`fields` text NOT NULL,
	`client_version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `status_history_client_idx` ON `status_history` (`client_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `status_history_actor_idx` ON `status_history` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `status_history_at_idx` ON `status_history` (`at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`purpose` text NOT NULL,
	`recipient` text NOT NULL,
	`payload` text NOT NULL,
	`subject` text,
	`owner_id` text,
	`unit_id` text,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`skip_reason` text,
	`claimed_by` text,
	`claimed_until` integer,
	`provider` text,
	`provider_message_id` text,
	`provider_status` text,
	`cost_minor` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_claim_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_subject_idx` ON `outbox` (`subject`);--> statement-breakpoint
CREATE TABLE `calendar_feed_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feed_tokens_hash_idx` ON `calendar_feed_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feed_tokens_user_idx` ON `calendar_feed_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `calendar_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`note` text,
	`assignee_id` text NOT NULL,
	`unit_id` text,
	`created_by_id` text,
	`delegated_by_id` text,
	`client_id` text,
	`place` text,
	`online_url` text,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`local_start` text NOT NULL,
	`zone` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`rrule` text,
	`exdates` text NOT NULL,
	`series_end_at` integer NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`completed_at` integer,
	`completed_by_id` text,
	`overdue_notified_at` integer,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `calendar_items_assignee_idx` ON `calendar_items` (`assignee_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `calendar_items_unit_idx` ON `calendar_items` (`unit_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `calendar_items_delegated_idx` ON `calendar_items` (`delegated_by_id`,`status`,`end_at`);--> statement-breakpoint
CREATE INDEX `calendar_items_client_idx` ON `calendar_items` (`client_id`);--> statement-breakpoint
CREATE TABLE `partner_people` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`user_id` text,
	`archived_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `partner_people_partner_idx` ON `partner_people` (`partner_id`);--> statement-breakpoint
CREATE TABLE `partner_report_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`frequency` text NOT NULL,
	`emails` text NOT NULL,
	`locale` text NOT NULL,
	`active` integer NOT NULL,
	`last_period_end` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_report_subscriptions_uq` ON `partner_report_subscriptions` (`partner_id`,`frequency`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`nip` text,
	`address` text NOT NULL,
	`contact_emails` text NOT NULL,
	`commission_group` text,
	`internal_user_id` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `partners_name_idx` ON `partners` (`name`);--> statement-breakpoint
CREATE INDEX `partners_internal_user_idx` ON `partners` (`internal_user_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`body_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `lead_consents` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`client_id` text NOT NULL,
	`purpose` text NOT NULL,
	`version` text NOT NULL,
	`given_at` integer NOT NULL,
	`origin` text
);
--> statement-breakpoint
CREATE INDEX `lead_consents_client_idx` ON `lead_consents` (`client_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `lead_round_robin` (
	`rule` text PRIMARY KEY NOT NULL,
	`counter` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lead_source_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`client_type` text NOT NULL,
	`source` text NOT NULL,
	`origins` text NOT NULL,
	`partner_id` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_source_keys_key_uq` ON `lead_source_keys` (`key`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`via` text NOT NULL,
	`mapping` text,
	`client_type` text NOT NULL,
	`source` text,
	`client_id` text NOT NULL,
	`outcome` text NOT NULL,
	`partner_id` text,
	`partner_person_id` text,
	`assigned_to` text,
	`unit_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `leads_client_idx` ON `leads` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_partner_idx` ON `leads` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_created_idx` ON `leads` (`created_at`);--> statement-breakpoint
CREATE TABLE `referral_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`kept_partner_id` text NOT NULL,
	`claiming_partner_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`unit_id` text,
	`at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `referral_conflicts_open_idx` ON `referral_conflicts` (`resolved_at`,`at`);--> statement-breakpoint
CREATE TABLE `commission_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`actor_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commission_approvals_line_idx` ON `commission_approvals` (`line_id`);--> statement-breakpoint
CREATE TABLE `commission_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`sale_id` text NOT NULL,
	`ledger` text NOT NULL,
	`component` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`beneficiary_kind` text NOT NULL,
	`beneficiary_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`original_minor` integer NOT NULL,
	`correction_reason` text,
	`corrected_by` text,
	`corrected_at` integer,
	`missing` integer NOT NULL,
	`rule_id` text,
	`rule_version` integer,
	`explanation` text NOT NULL,
	`period` text NOT NULL,
	`relates_to` text,
	`owner_id` text,
	`unit_id` text,
	`partner_id` text,
	`approved_by` text,
	`approved_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commission_lines_sale_idx` ON `commission_lines` (`sale_id`);--> statement-breakpoint
CREATE INDEX `commission_lines_period_idx` ON `commission_lines` (`ledger`,`period`,`status`);--> statement-breakpoint
CREATE INDEX `commission_lines_beneficiary_idx` ON `commission_lines` (`beneficiary_kind`,`beneficiary_id`,`period`);--> statement-breakpoint
CREATE INDEX `commission_lines_unit_idx` ON `commission_lines` (`unit_id`,`period`);--> statement-breakpoint
CREATE TABLE `commission_periods` (
	`id` text PRIMARY KEY NOT NULL,
	`ledger` text NOT NULL,
	`period` text NOT NULL,
	`closed_by` text,
	`closed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commission_periods_uq` ON `commission_periods` (`ledger`,`period`);--> statement-breakpoint
CREATE TABLE `commission_products` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commission_products_provider_idx` ON `commission_products` (`provider_id`);--> statement-breakpoint
CREATE TABLE `commission_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`details` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `commission_rule_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`rule_set` text NOT NULL,
	`uploaded_by` text,
	`uploaded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commission_rule_sets_version_uq` ON `commission_rule_sets` (`version`);--> statement-breakpoint
CREATE TABLE `commission_statements` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`ledger` text NOT NULL,
	`period` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` text NOT NULL,
	`revision` integer NOT NULL,
	`document` text NOT NULL,
	`total_minor` integer NOT NULL,
	`line_count` integer NOT NULL,
	`lines_hash` text NOT NULL,
	`content_hash` text NOT NULL,
	`pdf_hash` text,
	`xlsx_hash` text,
	`superseded_at` integer,
	`owner_id` text,
	`unit_id` text,
	`partner_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commission_statements_number_uq` ON `commission_statements` (`number`);--> statement-breakpoint
CREATE INDEX `commission_statements_period_idx` ON `commission_statements` (`ledger`,`period`,`recipient_kind`,`recipient_id`);--> statement-breakpoint
CREATE TABLE `sales` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`history_id` text,
	`advisor_id` text,
	`unit_id` text,
	`partner_id` text,
	`provider` text NOT NULL,
	`product` text NOT NULL,
	`product_category` text,
	`amount_minor` integer NOT NULL,
	`sale_date` text NOT NULL,
	`rule_set_version` integer,
	`facts` text NOT NULL,
	`status` text NOT NULL,
	`cancellation` text,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sales_client_idx` ON `sales` (`client_id`);--> statement-breakpoint
CREATE INDEX `sales_unit_idx` ON `sales` (`unit_id`,`sale_date`);--> statement-breakpoint
CREATE INDEX `sales_advisor_idx` ON `sales` (`advisor_id`,`sale_date`);--> statement-breakpoint
CREATE INDEX `sales_date_idx` ON `sales` (`sale_date`);