CREATE TYPE "public"."admin_kind" AS ENUM('county', 'street', 'town', 'township', 'community', 'village');--> statement-breakpoint
CREATE TYPE "public"."admin_level" AS ENUM('county', 'township', 'community');--> statement-breakpoint
CREATE TYPE "public"."camera_kind" AS ENUM('fixed', 'ptz', 'dome');--> statement-breakpoint
CREATE TYPE "public"."camera_owner" AS ENUM('public', 'community', 'private');--> statement-breakpoint
CREATE TYPE "public"."camera_status" AS ENUM('online', 'offline', 'fault');--> statement-breakpoint
CREATE TYPE "public"."key_site_kind" AS ENUM('school', 'hospital', 'market', 'station', 'bank', 'government');--> statement-breakpoint
CREATE TYPE "public"."post_kind" AS ENUM('room', 'station', 'self_service_24h');--> statement-breakpoint
CREATE TYPE "public"."building_use" AS ENUM('residential', 'commercial', 'industrial', 'public', 'rural_house');--> statement-breakpoint
CREATE TYPE "public"."road_class" AS ENUM('expressway', 'primary', 'secondary', 'street', 'village');--> statement-breakpoint
CREATE TYPE "public"."water_kind" AS ENUM('river', 'lake', 'reservoir');--> statement-breakpoint
CREATE TYPE "public"."dispute_outcome" AS ENUM('agreement', 'judicial_confirmation', 'failed_litigation');--> statement-breakpoint
CREATE TYPE "public"."dispute_status" AS ENUM('collected', 'accepted', 'dispatched', 'handling', 'reported_back', 'closed', 'evaluated', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."dispute_tier" AS ENUM('grid', 'township', 'county');--> statement-breakpoint
CREATE TYPE "public"."dispute_type" AS ENUM('neighbour', 'family', 'labour', 'property', 'consumer', 'land', 'other');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."grid_kind" AS ENUM('base', 'dedicated');--> statement-breakpoint
CREATE TYPE "public"."boundary_version_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."risk_colour" AS ENUM('green', 'yellow', 'orange', 'red');--> statement-breakpoint
CREATE TYPE "public"."assignment_rule" AS ENUM('contains', 'edge', 'nearest', 'unassigned', 'pending');--> statement-breakpoint
CREATE TYPE "public"."incident_source" AS ENUM('110', '12345', 'grid_report', 'camera_alert', 'walk_in', 'import');--> statement-breakpoint
CREATE TYPE "public"."responsibility_rule" AS ENUM('roster', 'grid_officer', 'station_duty', 'none');--> statement-breakpoint
CREATE TYPE "public"."grid_duty_role" AS ENUM('responsible_officer', 'assistant', 'grid_worker');--> statement-breakpoint
CREATE TYPE "public"."person_role" AS ENUM('police_officer', 'auxiliary_officer', 'grid_worker', 'volunteer_police', 'police_assistant', 'mediator');--> statement-breakpoint
CREATE TABLE "admin_areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" "admin_level" NOT NULL,
	"kind" "admin_kind" NOT NULL,
	"parent_id" integer,
	"station_id" integer,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "admin_areas_code_unique" UNIQUE("code"),
	CONSTRAINT "admin_areas_code_by_level" CHECK (("admin_areas"."level" = 'county' and "admin_areas"."code" ~ '^[0-9]{6}$')
       or ("admin_areas"."level" = 'township' and "admin_areas"."code" ~ '^[0-9]{9}$')
       or ("admin_areas"."level" = 'community' and "admin_areas"."code" ~ '^[0-9]{12}$')),
	CONSTRAINT "admin_areas_parent_required" CHECK (("admin_areas"."level" = 'county') = ("admin_areas"."parent_id" is null))
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"duty_phone" text NOT NULL,
	"address" text NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"jurisdiction" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "stations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "camera_view_areas" (
	"camera_id" integer PRIMARY KEY NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"bearing" real NOT NULL,
	"fov" real NOT NULL,
	"range_m" real NOT NULL,
	"height_m" real NOT NULL,
	"kind" "camera_kind" NOT NULL,
	"status" "camera_status" DEFAULT 'online' NOT NULL,
	"owner" "camera_owner" NOT NULL,
	"station_id" integer,
	"installed_on" date,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cameras_code_unique" UNIQUE("code"),
	CONSTRAINT "cameras_bearing_range" CHECK ("cameras"."bearing" >= 0 and "cameras"."bearing" <= 360),
	CONSTRAINT "cameras_fov_range" CHECK ("cameras"."fov" >= 1 and "cameras"."fov" <= 360),
	CONSTRAINT "cameras_range_m_range" CHECK ("cameras"."range_m" >= 1 and "cameras"."range_m" <= 500),
	CONSTRAINT "cameras_height_range" CHECK ("cameras"."height_m" >= 0 and "cameras"."height_m" <= 100)
);
--> statement-breakpoint
CREATE TABLE "key_sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "key_site_kind" NOT NULL,
	"community_id" integer,
	"geom" geometry(Point,4326) NOT NULL,
	"footprint" geometry(MultiPolygon,4326)
);
--> statement-breakpoint
CREATE TABLE "police_posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "post_kind" NOT NULL,
	"station_id" integer NOT NULL,
	"community_id" integer,
	"address" text NOT NULL,
	"staff" integer DEFAULT 0 NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	CONSTRAINT "police_posts_code_unique" UNIQUE("code"),
	CONSTRAINT "police_posts_staff_non_negative" CHECK ("police_posts"."staff" >= 0)
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"use" "building_use" NOT NULL,
	"floors" integer NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"population" integer DEFAULT 0 NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "buildings_floors_range" CHECK ("buildings"."floors" between 1 and 120),
	CONSTRAINT "buildings_people_non_negative" CHECK ("buildings"."households" >= 0 and "buildings"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE "roads" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text,
	"class" "road_class" NOT NULL,
	"geom" geometry(LineString,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "water_areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text,
	"kind" "water_kind" NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"dispute_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_status" "dispute_status",
	"to_status" "dispute_status",
	"note" text
);
--> statement-breakpoint
CREATE TABLE "dispute_parties" (
	"id" serial PRIMARY KEY NOT NULL,
	"dispute_id" integer NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"role" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"incident_id" bigint,
	"type" "dispute_type" NOT NULL,
	"risk" "risk_level" NOT NULL,
	"tier" "dispute_tier" DEFAULT 'grid' NOT NULL,
	"status" "dispute_status" DEFAULT 'collected' NOT NULL,
	"summary" text NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"grid_id" integer,
	"version_id" integer,
	"mediator_id" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome" "dispute_outcome",
	"agreement" text,
	"judicial_confirmed_on" date,
	"follow_up_on" date,
	"turned_criminal" boolean DEFAULT false NOT NULL,
	CONSTRAINT "disputes_code_unique" UNIQUE("code"),
	CONSTRAINT "disputes_closed_after_open" CHECK ("disputes"."closed_at" is null or "disputes"."closed_at" >= "disputes"."opened_at")
);
--> statement-breakpoint
CREATE TABLE "boundary_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" "boundary_version_status" DEFAULT 'draft' NOT NULL,
	"author" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_from" timestamp with time zone,
	"effective_to" timestamp with time zone,
	CONSTRAINT "boundary_versions_published_has_start" CHECK ("boundary_versions"."status" = 'draft' or "boundary_versions"."effective_from" is not null),
	CONSTRAINT "boundary_versions_period_order" CHECK ("boundary_versions"."effective_to" is null or "boundary_versions"."effective_to" > "boundary_versions"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "grid_kind" DEFAULT 'base' NOT NULL,
	"community_id" integer NOT NULL,
	"population" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "grids_version_code_unique" UNIQUE("version_id","code"),
	CONSTRAINT "grids_code_15_digits" CHECK ("grids"."code" ~ '^[0-9]{15}$'),
	CONSTRAINT "grids_population_non_negative" CHECK ("grids"."population" >= 0 and "grids"."households" >= 0)
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer,
	"address" text NOT NULL,
	"head_name" text NOT NULL,
	"members" integer NOT NULL,
	"colour" "risk_colour" NOT NULL,
	"reason" text,
	"reviewed_on" date NOT NULL,
	"next_review_on" date NOT NULL,
	"geom" geometry(Point,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"police_matter" boolean NOT NULL,
	"default_priority" smallint NOT NULL,
	"color" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" "incident_source" NOT NULL,
	"external_id" text NOT NULL,
	"category_code" text NOT NULL,
	"priority" smallint NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"address" text,
	"summary" text,
	"reported_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"contacted_at" timestamp with time zone,
	"on_scene_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"grid_id" integer,
	"version_id" integer,
	"assignment" "assignment_rule" DEFAULT 'pending' NOT NULL,
	"assignment_distance_m" real,
	"station_id" integer,
	"responsible_person_id" integer,
	"responsibility" "responsibility_rule" DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_source_external_id_unique" UNIQUE("source","external_id"),
	CONSTRAINT "incidents_priority_range" CHECK ("incidents"."priority" between 1 and 4),
	CONSTRAINT "incidents_time_chain_order" CHECK (("incidents"."accepted_at" is null or "incidents"."accepted_at" >= "incidents"."reported_at")
      and ("incidents"."contacted_at" is null or "incidents"."contacted_at" >= coalesce("incidents"."accepted_at", "incidents"."reported_at"))
      and ("incidents"."on_scene_at" is null or "incidents"."on_scene_at" >= coalesce("incidents"."contacted_at", "incidents"."accepted_at", "incidents"."reported_at"))
      and ("incidents"."closed_at" is null or "incidents"."closed_at" >= coalesce("incidents"."on_scene_at", "incidents"."contacted_at", "incidents"."accepted_at", "incidents"."reported_at")))
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_checkins" (
	"id" serial PRIMARY KEY NOT NULL,
	"track_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"geom" geometry(Point,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"station_id" integer,
	"community_id" integer,
	"members" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_tracks" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"geom" geometry(LineString,4326) NOT NULL,
	CONSTRAINT "patrol_tracks_period_order" CHECK ("patrol_tracks"."ended_at" > "patrol_tracks"."started_at")
);
--> statement-breakpoint
CREATE TABLE "duty_shifts" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"area_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "duty_shifts_period_order" CHECK ("duty_shifts"."ends_at" > "duty_shifts"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "grid_duties" (
	"id" serial PRIMARY KEY NOT NULL,
	"grid_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"duty" "grid_duty_role" NOT NULL,
	"since" date NOT NULL,
	"until" date,
	CONSTRAINT "grid_duties_period_order" CHECK ("grid_duties"."until" is null or "grid_duties"."until" >= "grid_duties"."since")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" "person_role" NOT NULL,
	"badge_no" text,
	"phone" text NOT NULL,
	"station_id" integer,
	"organisation" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "people_officer_has_badge" CHECK ("people"."role" <> 'police_officer' or "people"."badge_no" is not null)
);
--> statement-breakpoint
ALTER TABLE "admin_areas" ADD CONSTRAINT "admin_areas_parent_id_admin_areas_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_areas" ADD CONSTRAINT "admin_areas_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_view_areas" ADD CONSTRAINT "camera_view_areas_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "public"."cameras"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sites" ADD CONSTRAINT "key_sites_community_id_admin_areas_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_posts" ADD CONSTRAINT "police_posts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_posts" ADD CONSTRAINT "police_posts_community_id_admin_areas_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_events" ADD CONSTRAINT "dispute_events_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_parties" ADD CONSTRAINT "dispute_parties_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_version_id_boundary_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_mediator_id_people_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_version_id_boundary_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_community_id_admin_areas_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_category_code_incident_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."incident_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_version_id_boundary_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkins" ADD CONSTRAINT "patrol_checkins_track_id_patrol_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."patrol_tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_teams" ADD CONSTRAINT "patrol_teams_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_teams" ADD CONSTRAINT "patrol_teams_community_id_admin_areas_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_tracks" ADD CONSTRAINT "patrol_tracks_team_id_patrol_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."patrol_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_area_id_admin_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."admin_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_duties" ADD CONSTRAINT "grid_duties_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_duties" ADD CONSTRAINT "grid_duties_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_areas_geom_gist" ON "admin_areas" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "admin_areas_parent_idx" ON "admin_areas" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "stations_location_gist" ON "stations" USING gist ("location");--> statement-breakpoint
CREATE INDEX "stations_jurisdiction_gist" ON "stations" USING gist ("jurisdiction");--> statement-breakpoint
CREATE INDEX "camera_view_areas_geom_gist" ON "camera_view_areas" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "cameras_geom_gist" ON "cameras" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "key_sites_geom_gist" ON "key_sites" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "key_sites_footprint_gist" ON "key_sites" USING gist ("footprint");--> statement-breakpoint
CREATE INDEX "police_posts_geom_gist" ON "police_posts" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "buildings_geom_gist" ON "buildings" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "roads_geom_gist" ON "roads" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "water_areas_geom_gist" ON "water_areas" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "dispute_events_dispute_idx" ON "dispute_events" USING btree ("dispute_id","at");--> statement-breakpoint
CREATE INDEX "dispute_parties_dispute_idx" ON "dispute_parties" USING btree ("dispute_id");--> statement-breakpoint
CREATE INDEX "disputes_geom_gist" ON "disputes" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "disputes_grid_idx" ON "disputes" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "grids_geom_gist" ON "grids" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "grids_community_idx" ON "grids" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "households_geom_gist" ON "households" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "households_colour_idx" ON "households" USING btree ("colour");--> statement-breakpoint
CREATE INDEX "incidents_geom_gist" ON "incidents" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "incidents_reported_at_idx" ON "incidents" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "incidents_grid_reported_idx" ON "incidents" USING btree ("grid_id","reported_at");--> statement-breakpoint
CREATE INDEX "incidents_assignment_idx" ON "incidents" USING btree ("assignment");--> statement-breakpoint
CREATE INDEX "patrol_checkins_geom_gist" ON "patrol_checkins" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "patrol_tracks_geom_gist" ON "patrol_tracks" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "duty_shifts_area_time_idx" ON "duty_shifts" USING btree ("area_id","starts_at");--> statement-breakpoint
CREATE INDEX "grid_duties_grid_idx" ON "grid_duties" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "grid_duties_person_idx" ON "grid_duties" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_duties_one_responsible_officer" ON "grid_duties" USING btree ("grid_id") WHERE duty = 'responsible_officer' and until is null;--> statement-breakpoint
CREATE UNIQUE INDEX "grid_duties_one_assistant" ON "grid_duties" USING btree ("grid_id") WHERE duty = 'assistant' and until is null;--> statement-breakpoint
CREATE INDEX "people_station_idx" ON "people" USING btree ("station_id");