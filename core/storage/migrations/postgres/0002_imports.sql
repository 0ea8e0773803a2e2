CREATE TABLE "import_clients" (
	"import_id" text NOT NULL,
	"client_id" text NOT NULL,
	"row" integer NOT NULL,
	CONSTRAINT "import_clients_import_id_client_id_pk" PRIMARY KEY("import_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"header_key" text PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"saved_by" text,
	"saved_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" text PRIMARY KEY NOT NULL,
	"actor_id" text,
	"file_name" text NOT NULL,
	"encoding" text NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"rows" integer NOT NULL,
	"processed" integer NOT NULL,
	"imported" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"errors" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"status" text NOT NULL,
	"failure" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"undone_at" timestamp (3) with time zone,
	"undone_by" text
);
--> statement-breakpoint
CREATE INDEX "import_clients_client_idx" ON "import_clients" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "imports_created_idx" ON "imports" USING btree ("created_at","id");