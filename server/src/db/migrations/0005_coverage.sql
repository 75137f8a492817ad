CREATE TABLE "grid_coverage" (
	"grid_id" integer PRIMARY KEY NOT NULL,
	"area_m2" double precision NOT NULL,
	"area_seen_m2" double precision NOT NULL,
	"area_seen_online_m2" double precision NOT NULL,
	"road_m" double precision NOT NULL,
	"road_seen_m" double precision NOT NULL,
	"road_seen_online_m" double precision NOT NULL,
	"cameras" integer NOT NULL,
	"cameras_online" integer NOT NULL,
	"blind_all" geometry(MultiLineString,4326),
	"blind_online" geometry(MultiLineString,4326),
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "road_edges" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" integer NOT NULL,
	"target" integer NOT NULL,
	"class" "road_class" NOT NULL,
	"length_m" double precision NOT NULL,
	"geom" geometry(LineString,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "road_nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"geom" geometry(Point,4326) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grid_coverage" ADD CONSTRAINT "grid_coverage_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "road_edges" ADD CONSTRAINT "road_edges_source_road_nodes_id_fk" FOREIGN KEY ("source") REFERENCES "public"."road_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "road_edges" ADD CONSTRAINT "road_edges_target_road_nodes_id_fk" FOREIGN KEY ("target") REFERENCES "public"."road_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_coverage_blind_online_gist" ON "grid_coverage" USING gist ("blind_online");--> statement-breakpoint
CREATE INDEX "grid_coverage_blind_all_gist" ON "grid_coverage" USING gist ("blind_all");--> statement-breakpoint
CREATE INDEX "road_edges_geom_gist" ON "road_edges" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "road_nodes_geom_gist" ON "road_nodes" USING gist ("geom");