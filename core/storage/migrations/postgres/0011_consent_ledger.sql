ALTER TABLE "lead_consents" ALTER COLUMN "lead_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD COLUMN "action" text DEFAULT 'given' NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD COLUMN "method" text DEFAULT 'form' NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD COLUMN "lead_source" text;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD COLUMN "text_hash" text;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD COLUMN "note" text;--> statement-breakpoint
UPDATE "lead_consents" c SET "lead_source" = l."source", "method" = CASE WHEN l."partner_id" IS NOT NULL THEN 'partner' WHEN l."mapping" IS NOT NULL THEN 'portal' WHEN l."via" LIKE 'public-key:%' THEN 'form' ELSE 'import' END FROM "leads" l WHERE l."id" = c."lead_id";
