ALTER TABLE `referral_conflicts` ADD `winner` text;--> statement-breakpoint
ALTER TABLE `referral_conflicts` ADD `winner_partner_id` text;