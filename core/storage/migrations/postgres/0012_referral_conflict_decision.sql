ALTER TABLE "referral_conflicts" ADD COLUMN "winner" text;--> statement-breakpoint
ALTER TABLE "referral_conflicts" ADD COLUMN "winner_partner_id" text;