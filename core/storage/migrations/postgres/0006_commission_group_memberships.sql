CREATE TABLE "commission_group_memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"group_id" text NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text,
	"note" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "commission_group_memberships_user_idx" ON "commission_group_memberships" USING btree ("user_id","valid_from");