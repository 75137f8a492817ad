ALTER TABLE "disputes" ADD COLUMN "judicial_requested_on" date;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "judicial_refused_on" date;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "followed_up_on" date;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "follow_up_note" text;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "rating" integer;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_rating_range" CHECK ("disputes"."rating" is null or "disputes"."rating" between 1 and 5);