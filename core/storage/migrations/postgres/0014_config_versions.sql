CREATE TABLE "config_versions" (
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"author_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"base_version" integer NOT NULL,
	"kind" text NOT NULL,
	"restored_version" integer,
	CONSTRAINT "config_versions_version_pk" PRIMARY KEY("version")
);
