CREATE TABLE "client_restrictions" (
	"client_id" text NOT NULL,
	"kind" text NOT NULL,
	"request_id" text,
	"since" timestamp (3) with time zone NOT NULL,
	"set_by" text,
	"reason" text,
	CONSTRAINT "client_restrictions_client_id_kind_pk" PRIMARY KEY("client_id","kind")
);
--> statement-breakpoint
CREATE TABLE "gdpr_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"client_id" text,
	"identifiers" jsonb NOT NULL,
	"received_on" text NOT NULL,
	"due_on" text NOT NULL,
	"extended_to" text,
	"extension_reason" text,
	"status" text NOT NULL,
	"decision" text,
	"basis" text,
	"outcome" jsonb,
	"note" text,
	"created_by" text,
	"handled_by" text,
	"closed_at" timestamp (3) with time zone,
	"owner_id" text,
	"unit_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"dry_run" boolean NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"rules" jsonb NOT NULL,
	"anonymised" integer NOT NULL,
	"actor_id" text,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "gdpr_requests_client_idx" ON "gdpr_requests" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "gdpr_requests_status_idx" ON "gdpr_requests" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "gdpr_requests_unit_idx" ON "gdpr_requests" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "retention_runs_started_idx" ON "retention_runs" USING btree ("started_at");