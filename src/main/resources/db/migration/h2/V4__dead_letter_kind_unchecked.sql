-- H2 2.4 binds a CHECK constraint to the session that created it: once the migration's connection is closed (a
-- pool retires it, 30 min by default), every insert fails with "Check constraint invalid" until the database is
-- reopened, so dead letters could not be recorded and the batch holding one would be retried forever. The
-- column's values are the store's own (DeadLetter.Kind); the check goes, the column and its index stay.
DROP INDEX eda_dead_letters_kind_idx;
ALTER TABLE eda_dead_letters ADD COLUMN kind_unchecked VARCHAR(20);
UPDATE eda_dead_letters SET kind_unchecked = kind;
ALTER TABLE eda_dead_letters DROP COLUMN kind;
ALTER TABLE eda_dead_letters ALTER COLUMN kind_unchecked RENAME TO kind;
ALTER TABLE eda_dead_letters ALTER COLUMN kind SET NOT NULL;
CREATE INDEX eda_dead_letters_kind_idx ON eda_dead_letters (kind, subscription, id);
