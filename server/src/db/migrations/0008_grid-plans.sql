CREATE TYPE "public"."grid_plan_status" AS ENUM('draft', 'published', 'discarded');--> statement-breakpoint
CREATE TABLE "grid_plan_grids" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"key" text NOT NULL,
	"source_grid_id" integer,
	"code" text,
	"name" text NOT NULL,
	"kind" "grid_kind" DEFAULT 'base' NOT NULL,
	"community_id" integer NOT NULL,
	"responsible_officer_id" integer,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "grid_plan_grids_plan_key_unique" UNIQUE("plan_id","key"),
	CONSTRAINT "grid_plan_grids_code_15_digits" CHECK ("grid_plan_grids"."code" is null or "grid_plan_grids"."code" ~ '^[0-9]{15}$')
);
--> statement-breakpoint
CREATE TABLE "grid_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"note" text,
	"status" "grid_plan_status" DEFAULT 'draft' NOT NULL,
	"area_id" integer NOT NULL,
	"base_version_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"published_version_id" integer,
	CONSTRAINT "grid_plans_published_has_version" CHECK ("grid_plans"."status" <> 'published' or "grid_plans"."published_version_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "grid_plan_grids" ADD CONSTRAINT "grid_plan_grids_plan_id_grid_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."grid_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_plan_grids" ADD CONSTRAINT "grid_plan_grids_source_grid_id_grids_id_fk" FOREIGN KEY ("source_grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_plan_grids" ADD CONSTRAINT "grid_plan_grids_community_id_admin_areas_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_plan_grids" ADD CONSTRAINT "grid_plan_grids_responsible_officer_id_people_id_fk" FOREIGN KEY ("responsible_officer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_plans" ADD CONSTRAINT "grid_plans_area_id_admin_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_plans" ADD CONSTRAINT "grid_plans_base_version_id_boundary_versions_id_fk" FOREIGN KEY ("base_version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_plans" ADD CONSTRAINT "grid_plans_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_plans" ADD CONSTRAINT "grid_plans_published_version_id_boundary_versions_id_fk" FOREIGN KEY ("published_version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_plan_grids_geom_gist" ON "grid_plan_grids" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "grid_plans_area_idx" ON "grid_plans" USING btree ("area_id");