CREATE TABLE "commission_rule_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"open" text,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"base_version" integer,
	"revision" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"published_version" integer,
	"published_from" text,
	"reason" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "commission_rule_drafts_open_uq" ON "commission_rule_drafts" USING btree ("open");