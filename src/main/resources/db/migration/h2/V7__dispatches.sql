-- Where each stored event went when it was dispatched (GET /events/{eventId}/journey): a row per run of consecutive
-- global positions a batch dispatched (its new events are one run; an event stored before is a run of its own), with
-- the copies sent of them; an event of a run without a copy matched no subscriber. Written after each batch's fan-out
-- (eda.journey.enabled), one COPY (PostgreSQL) per batch; a redelivered batch adds its rows again. Rows older than
-- eda.journey.retention are deleted.
CREATE TABLE eda_dispatches (
    first_position  BIGINT NOT NULL,
    last_position   BIGINT NOT NULL,                       -- less than 10000 after first_position (DispatchRecord)
    dispatched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    copies          VARCHAR                                  -- a line per copy: position<TAB>subscriber<TAB>target<TAB>outcome; null: none
);
-- the journey's read (first_position within 10000 below the event's) and the pruning's window; positions grow as rows
-- are written, so the index grows at its right edge
CREATE INDEX eda_dispatches_position_idx ON eda_dispatches (first_position);

-- the journey also lists the event's dead letters
CREATE INDEX eda_dead_letters_event_idx ON eda_dead_letters (event_id);
