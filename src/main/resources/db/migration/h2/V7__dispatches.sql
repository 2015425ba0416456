-- Where each stored event went when it was dispatched (GET /events/{eventId}/journey): one row per copy sent to a
-- subscriber, or one row without subscriber for an event no subscriber matched. Written after each batch's
-- fan-out (eda.journey.enabled), one statement per batch; a redelivered batch adds its rows again.
CREATE TABLE eda_dispatches (
    event_id        VARCHAR(1000) NOT NULL,
    global_position BIGINT,                                -- the stored event's position, null when not known
    subscriber      VARCHAR(200),                          -- null: no subscriber matched
    target          VARCHAR,                               -- the subscriber's endpoint, without its options
    dispatched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome         VARCHAR NOT NULL                       -- sent, failed: <why>, or unfinished (the send timeout passed)
);
CREATE INDEX eda_dispatches_event_idx ON eda_dispatches (event_id);

-- the journey also lists the event's dead letters
CREATE INDEX eda_dead_letters_event_idx ON eda_dead_letters (event_id);
