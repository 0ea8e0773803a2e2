-- Word-prefix search over clients.search_text (already lower-cased and folded, so the 'simple'
-- configuration suffices and no extension is needed): a generated tsvector behind a GIN index,
-- queried with `search_tsv @@ to_tsquery('simple', 'kowal:*')`. Idempotent.
ALTER TABLE clients ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS clients_search_tsv_idx ON clients USING gin (search_tsv)
