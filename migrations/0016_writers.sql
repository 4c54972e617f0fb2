-- Who wrote each change, as they were authenticated (http/auth.c): a static token's label, a
-- JWT's issuer and subject (and the names it gives), or the command that wrote. JSON beside
-- actor, which stays what it was for the clients that read it. The changes from before are a
-- token's, but for the texts `jvdr import-sources` loaded.
ALTER TABLE changes ADD COLUMN writer TEXT CHECK (writer IS NULL OR json_valid(writer));
UPDATE changes SET writer = CASE actor
    WHEN 'import-sources' THEN json_object('method', 'command', 'label', actor)
    ELSE json_object('method', 'token', 'label', actor) END;
