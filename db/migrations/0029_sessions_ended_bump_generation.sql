-- Written by hand. Sessions are kept in memory by each web process
-- (server/http/session-cache.ts), each validated by the document generation
-- like the cached documents: a session that ends (log-out, a password reset,
-- an account deleted, a clean-up) or changes must bump it at commit, so that no
-- process serves it any longer. Logging in (INSERT) changes no kept session
-- and bumps nothing: the trigger is named apart from documents_changed, which
-- session still lacks (test/db/document-generation.test.ts).
CREATE CONSTRAINT TRIGGER "sessions_changed" AFTER UPDATE OR DELETE ON "session" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "documents_changed"();
