CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_to" timestamp (3) with time zone,
	"note" text,
	"created_by" text
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"parent_id" text,
	"path" text COLLATE "C" NOT NULL,
	"groups" jsonb NOT NULL,
	"city" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"password_hash" text,
	"roles" jsonb NOT NULL,
	"commission_group" text,
	"supervisor_id" text,
	"knf_number" text,
	"partner_id" text,
	"disabled_at" timestamp (3) with time zone,
	"failed_logins" jsonb NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"must_change_password" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"name" text NOT NULL,
	"user_id" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"source" text,
	"display_name" text NOT NULL,
	"owner_id" text,
	"unit_id" text,
	"partner_id" text,
	"referrer_id" text,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_keys" (
	"client_id" text NOT NULL,
	"field" text NOT NULL,
	"kind" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "client_keys_client_id_field_pk" PRIMARY KEY("client_id","field")
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"type" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"unit_id" text,
	"outcome" text,
	"note" text,
	"next_step_at" timestamp (3) with time zone,
	"next_step_note" text
);
--> statement-breakpoint
CREATE TABLE "status_history" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"unit_id" text,
	"from_status" text,
	"to_status" text NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"fields" jsonb NOT NULL,
	"client_version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"recipient" text NOT NULL,
	"payload" jsonb NOT NULL,
	"subject" text,
	"owner_id" text,
	"unit_id" text,
	"due_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"last_error" text,
	"skip_reason" text,
	"claimed_by" text,
	"claimed_until" timestamp (3) with time zone,
	"provider" text,
	"provider_message_id" text,
	"provider_status" text,
	"cost_minor" bigint,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "calendar_feed_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "calendar_items" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"assignee_id" text NOT NULL,
	"unit_id" text,
	"created_by_id" text,
	"delegated_by_id" text,
	"client_id" text,
	"place" text,
	"online_url" text,
	"start_at" timestamp (3) with time zone NOT NULL,
	"end_at" timestamp (3) with time zone NOT NULL,
	"local_start" text NOT NULL,
	"zone" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"rrule" text,
	"exdates" jsonb NOT NULL,
	"series_end_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"completed_at" timestamp (3) with time zone,
	"completed_by_id" text,
	"overdue_notified_at" timestamp (3) with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_people" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"user_id" text,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_report_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"frequency" text NOT NULL,
	"emails" jsonb NOT NULL,
	"locale" text NOT NULL,
	"active" boolean NOT NULL,
	"last_period_end" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"nip" text,
	"address" jsonb NOT NULL,
	"contact_emails" jsonb NOT NULL,
	"commission_group" text,
	"internal_user_id" text,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"body_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "lead_consents" (
	"id" text PRIMARY KEY NOT NULL,
	"lead_id" text NOT NULL,
	"client_id" text NOT NULL,
	"purpose" text NOT NULL,
	"version" text NOT NULL,
	"given_at" timestamp (3) with time zone NOT NULL,
	"origin" text
);
--> statement-breakpoint
CREATE TABLE "lead_round_robin" (
	"rule" text PRIMARY KEY NOT NULL,
	"counter" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_source_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"client_type" text NOT NULL,
	"source" text NOT NULL,
	"origins" jsonb NOT NULL,
	"partner_id" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"via" text NOT NULL,
	"mapping" text,
	"client_type" text NOT NULL,
	"source" text,
	"client_id" text NOT NULL,
	"outcome" text NOT NULL,
	"partner_id" text,
	"partner_person_id" text,
	"assigned_to" text,
	"unit_id" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_conflicts" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"kept_partner_id" text NOT NULL,
	"claiming_partner_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"unit_id" text,
	"at" timestamp (3) with time zone NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	"resolved_by" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "commission_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"line_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"actor_id" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"sale_id" text NOT NULL,
	"ledger" text NOT NULL,
	"component" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"beneficiary_kind" text NOT NULL,
	"beneficiary_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"original_minor" bigint NOT NULL,
	"correction_reason" text,
	"corrected_by" text,
	"corrected_at" timestamp (3) with time zone,
	"missing" boolean NOT NULL,
	"rule_id" text,
	"rule_version" integer,
	"explanation" jsonb NOT NULL,
	"period" text NOT NULL,
	"relates_to" text,
	"owner_id" text,
	"unit_id" text,
	"partner_id" text,
	"approved_by" text,
	"approved_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_periods" (
	"id" text PRIMARY KEY NOT NULL,
	"ledger" text NOT NULL,
	"period" text NOT NULL,
	"closed_by" text,
	"closed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_products" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_providers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"details" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_rule_sets" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"rule_set" jsonb NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"ledger" text NOT NULL,
	"period" text NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_id" text NOT NULL,
	"revision" integer NOT NULL,
	"document" jsonb NOT NULL,
	"total_minor" bigint NOT NULL,
	"line_count" integer NOT NULL,
	"lines_hash" text NOT NULL,
	"content_hash" text NOT NULL,
	"pdf_hash" text,
	"xlsx_hash" text,
	"superseded_at" timestamp (3) with time zone,
	"owner_id" text,
	"unit_id" text,
	"partner_id" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"history_id" text,
	"advisor_id" text,
	"unit_id" text,
	"partner_id" text,
	"provider" text NOT NULL,
	"product" text NOT NULL,
	"product_category" text,
	"amount_minor" bigint NOT NULL,
	"sale_date" text NOT NULL,
	"rule_set_version" integer,
	"facts" jsonb NOT NULL,
	"status" text NOT NULL,
	"cancellation" jsonb,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id","valid_from");--> statement-breakpoint
CREATE INDEX "memberships_unit_idx" ON "memberships" USING btree ("unit_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_uq" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_path_idx" ON "units" USING btree ("path");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_supervisor_idx" ON "users" USING btree ("supervisor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_uq" ON "api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "clients_owner_idx" ON "clients" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "clients_owner_status_idx" ON "clients" USING btree ("owner_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "clients_unit_idx" ON "clients" USING btree ("unit_id","created_at","id");--> statement-breakpoint
CREATE INDEX "clients_unit_status_idx" ON "clients" USING btree ("unit_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "clients_status_idx" ON "clients" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "clients_created_idx" ON "clients" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "clients_updated_idx" ON "clients" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "clients_name_idx" ON "clients" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "clients_partner_idx" ON "clients" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "client_keys_hash_idx" ON "client_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "activities_client_idx" ON "activities" USING btree ("client_id","at","id");--> statement-breakpoint
CREATE INDEX "activities_actor_idx" ON "activities" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "activities_at_idx" ON "activities" USING btree ("at");--> statement-breakpoint
CREATE INDEX "status_history_client_idx" ON "status_history" USING btree ("client_id","at","id");--> statement-breakpoint
CREATE INDEX "status_history_actor_idx" ON "status_history" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "status_history_at_idx" ON "status_history" USING btree ("at");--> statement-breakpoint
CREATE INDEX "outbox_claim_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_subject_idx" ON "outbox" USING btree ("subject");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_tokens_hash_idx" ON "calendar_feed_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feed_tokens_user_idx" ON "calendar_feed_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "calendar_items_assignee_idx" ON "calendar_items" USING btree ("assignee_id","start_at");--> statement-breakpoint
CREATE INDEX "calendar_items_unit_idx" ON "calendar_items" USING btree ("unit_id","start_at");--> statement-breakpoint
CREATE INDEX "calendar_items_delegated_idx" ON "calendar_items" USING btree ("delegated_by_id","status","end_at");--> statement-breakpoint
CREATE INDEX "calendar_items_client_idx" ON "calendar_items" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "partner_people_partner_idx" ON "partner_people" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_report_subscriptions_uq" ON "partner_report_subscriptions" USING btree ("partner_id","frequency");--> statement-breakpoint
CREATE INDEX "partners_name_idx" ON "partners" USING btree ("name");--> statement-breakpoint
CREATE INDEX "partners_internal_user_idx" ON "partners" USING btree ("internal_user_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "lead_consents_client_idx" ON "lead_consents" USING btree ("client_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_source_keys_key_uq" ON "lead_source_keys" USING btree ("key");--> statement-breakpoint
CREATE INDEX "leads_client_idx" ON "leads" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_partner_idx" ON "leads" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "referral_conflicts_open_idx" ON "referral_conflicts" USING btree ("resolved_at","at");--> statement-breakpoint
CREATE INDEX "commission_approvals_line_idx" ON "commission_approvals" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "commission_lines_sale_idx" ON "commission_lines" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "commission_lines_period_idx" ON "commission_lines" USING btree ("ledger","period","status");--> statement-breakpoint
CREATE INDEX "commission_lines_beneficiary_idx" ON "commission_lines" USING btree ("beneficiary_kind","beneficiary_id","period");--> statement-breakpoint
CREATE INDEX "commission_lines_unit_idx" ON "commission_lines" USING btree ("unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_periods_uq" ON "commission_periods" USING btree ("ledger","period");--> statement-breakpoint
CREATE INDEX "commission_products_provider_idx" ON "commission_products" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_rule_sets_version_uq" ON "commission_rule_sets" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_statements_number_uq" ON "commission_statements" USING btree ("number");--> statement-breakpoint
CREATE INDEX "commission_statements_period_idx" ON "commission_statements" USING btree ("ledger","period","recipient_kind","recipient_id");--> statement-breakpoint
CREATE INDEX "sales_client_idx" ON "sales" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "sales_unit_idx" ON "sales" USING btree ("unit_id","sale_date");--> statement-breakpoint
CREATE INDEX "sales_advisor_idx" ON "sales" USING btree ("advisor_id","sale_date");--> statement-breakpoint
CREATE INDEX "sales_date_idx" ON "sales" USING btree ("sale_date");