-- Dead letters of the ingest pipeline (input the pipeline refused) and of store-driven subscribers (events a
-- subscriber gave up on), kept for inspection and redrive (GET /dlq, POST /dlq/redrive).

CREATE TABLE eda_dead_letters (
    id                BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at        TIMESTAMPTZ NOT NULL,
    kind              TEXT        NOT NULL CHECK (kind IN ('ingest', 'subscriber')),
    subscription      TEXT,        -- subscriber: the subscription that gave up
    source_topic      TEXT,        -- ingest: where the input came from (Kafka topic/partition/offset, Pulsar id)
    source_partition  INTEGER,
    source_offset     BIGINT,
    source_message_id TEXT,
    stream_name       TEXT,        -- subscriber: the stored event's coordinates
    stream_version    BIGINT,
    global_position   BIGINT,
    stage             TEXT,
    reason            TEXT        NOT NULL,
    attempts          INTEGER     NOT NULL,
    event_id          TEXT,
    payload           BYTEA,       -- ingest: the original bytes; subscriber: the stored event's JSON
    headers           TEXT,        -- JSON object of the message headers (strings)
    redriven_at       TIMESTAMPTZ
);
CREATE INDEX eda_dead_letters_kind_idx ON eda_dead_letters (kind, subscription, id);

-- A checkpoint move asked for while the subscription runs (replay); the active instance takes it up.
ALTER TABLE es_subscriptions ADD COLUMN rewind_to BIGINT;
