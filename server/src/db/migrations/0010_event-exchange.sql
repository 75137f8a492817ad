CREATE TABLE "exchange_inbound" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"incident_id" bigint,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_inbound_partner_event" UNIQUE("partner_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_key" text NOT NULL,
	"partner_id" integer NOT NULL,
	"incident_id" bigint,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "exchange_outbox_event_key_unique" UNIQUE("event_key"),
	CONSTRAINT "exchange_outbox_status" CHECK ("exchange_outbox"."status" in ('pending', 'delivered', 'dead'))
);
--> statement-breakpoint
CREATE TABLE "exchange_partners" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"endpoint_url" text,
	"secret" text NOT NULL,
	"inbound_source" text DEFAULT '12345' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "exchange_partners_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "exchange_rules" (
	"category_code" text PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_duplicates" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"duplicate_of" bigint NOT NULL,
	"distance_m" double precision NOT NULL,
	"minutes_apart" double precision NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "incident_duplicates_pair" UNIQUE("incident_id","duplicate_of"),
	CONSTRAINT "incident_duplicates_status" CHECK ("incident_duplicates"."status" in ('offered', 'merged', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "incident_exchanges" (
	"incident_id" bigint NOT NULL,
	"partner_id" integer NOT NULL,
	"event_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"remote_ref" text,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_exchanges_incident_id_partner_id_pk" PRIMARY KEY("incident_id","partner_id"),
	CONSTRAINT "incident_exchanges_event_key_unique" UNIQUE("event_key")
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "merged_into" bigint;--> statement-breakpoint
ALTER TABLE "exchange_inbound" ADD CONSTRAINT "exchange_inbound_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_inbound" ADD CONSTRAINT "exchange_inbound_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_outbox" ADD CONSTRAINT "exchange_outbox_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_outbox" ADD CONSTRAINT "exchange_outbox_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_rules" ADD CONSTRAINT "exchange_rules_category_code_incident_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."incident_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_rules" ADD CONSTRAINT "exchange_rules_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_duplicates" ADD CONSTRAINT "incident_duplicates_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_duplicates" ADD CONSTRAINT "incident_duplicates_duplicate_of_incidents_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_exchanges" ADD CONSTRAINT "incident_exchanges_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_exchanges" ADD CONSTRAINT "incident_exchanges_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_outbox_due_idx" ON "exchange_outbox" USING btree ("status","next_attempt_at");