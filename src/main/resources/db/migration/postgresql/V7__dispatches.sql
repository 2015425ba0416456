-- Where each stored event went when it was dispatched (GET /events/{eventId}/journey): one row per dispatched event,
-- by its position in the store (the journey finds the event by its id in es_events first), listing its copies; no
-- copies: no subscriber matched. Written after each batch's fan-out (eda.journey.enabled), one COPY (PostgreSQL) per
-- batch; a redelivered batch adds its rows again. Rows older than eda.journey.retention are deleted.
CREATE TABLE eda_dispatches (
    global_position BIGINT NOT NULL,
    dispatched_at   TIMESTAMPTZ NOT NULL,
    copies          TEXT -- a line per copy: subscriber<TAB>target<TAB>outcome; null: no subscriber matched
);
-- the journey's read and the pruning's window, both by position; positions grow as rows are written, so the index
-- grows at its right edge
CREATE INDEX eda_dispatches_position_idx ON eda_dispatches (global_position);

-- the journey also lists the event's dead letters
CREATE INDEX eda_dead_letters_event_idx ON eda_dead_letters (event_id);
