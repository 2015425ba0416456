-- Dead letters of the ingest pipeline (input the pipeline refused) and of store-driven subscribers (events a
-- subscriber gave up on), kept for inspection and redrive (GET /dlq, POST /dlq/redrive).

CREATE TABLE eda_dead_letters (
    id                BIGINT                   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    kind              VARCHAR(20)              NOT NULL CHECK (kind IN ('ingest', 'subscriber')),
    subscription      VARCHAR(200),             -- subscriber: the subscription that gave up
    source_topic      VARCHAR,                  -- ingest: where the input came from
    source_partition  INTEGER,
    source_offset     BIGINT,
    source_message_id VARCHAR,
    stream_name       VARCHAR(255),             -- subscriber: the stored event's coordinates
    stream_version    BIGINT,
    global_position   BIGINT,
    stage             VARCHAR,
    reason            CHARACTER LARGE OBJECT   NOT NULL,
    attempts          INTEGER                  NOT NULL,
    event_id          VARCHAR(1000),
    payload           BINARY LARGE OBJECT,      -- ingest: the original bytes; subscriber: the stored event's JSON
    headers           CHARACTER LARGE OBJECT,   -- JSON object of the message headers (strings)
    redriven_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX eda_dead_letters_kind_idx ON eda_dead_letters (kind, subscription, id);

-- A checkpoint move asked for while the subscription runs (replay); the active instance takes it up.
ALTER TABLE es_subscriptions ADD COLUMN rewind_to BIGINT;
