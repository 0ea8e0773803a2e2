-- Full-text index over clients.search_text (folded names, e-mails, phones). External content:
-- the text lives once, in clients; triggers keep the index in step. Idempotent.
CREATE VIRTUAL TABLE IF NOT EXISTS clients_fts USING fts5(search_text, content='clients', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS clients_fts_ai AFTER INSERT ON clients BEGIN
  INSERT INTO clients_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS clients_fts_ad AFTER DELETE ON clients BEGIN
  INSERT INTO clients_fts(clients_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS clients_fts_au AFTER UPDATE OF search_text ON clients BEGIN
  INSERT INTO clients_fts(clients_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO clients_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END
