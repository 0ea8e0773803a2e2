CREATE TABLE "report_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"report" text NOT NULL,
	"params" jsonb NOT NULL,
	"frequency" text NOT NULL,
	"emails" jsonb NOT NULL,
	"locale" text NOT NULL,
	"active" boolean NOT NULL,
	"last_period_end" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "report_subscriptions_uq" ON "report_subscriptions" USING btree ("user_id","report","frequency");--> statement-breakpoint
CREATE INDEX "report_subscriptions_due_idx" ON "report_subscriptions" USING btree ("active","frequency");