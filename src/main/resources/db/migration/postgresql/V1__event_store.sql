-- The event store on PostgreSQL. Writers serialize on the es_global_position row (see JdbcEventStore),
-- so global positions are gapless and ascend in commit order.

CREATE TABLE es_global_position (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    next_position BIGINT   NOT NULL
);
INSERT INTO es_global_position (id, next_position) VALUES (1, 0);

CREATE TABLE es_events (
    global_position BIGINT      PRIMARY KEY,
    stream_name     TEXT        NOT NULL,
    stream_version  BIGINT      NOT NULL,
    category        TEXT        NOT NULL,
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    event_timestamp TEXT        NOT NULL, -- the producer's ISO-8601 instant, kept as given
    source          TEXT        NOT NULL,
    subject         TEXT,
    correlation_id  TEXT,
    causation_id    TEXT,
    schema_version  TEXT,
    data            JSON        NOT NULL,
    metadata        JSON,
    recorded_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT es_events_event_id_key UNIQUE (event_id),
    CONSTRAINT es_events_stream_version_key UNIQUE (stream_name, stream_version)
);
CREATE INDEX es_events_category_idx ON es_events (category, global_position);
CREATE INDEX es_events_event_type_idx ON es_events (event_type, global_position);

CREATE TABLE es_subscriptions (
    name             TEXT        PRIMARY KEY,
    lock_key         INTEGER     GENERATED ALWAYS AS IDENTITY UNIQUE, -- advisory lock key of the name
    position         BIGINT      NOT NULL DEFAULT 0,                  -- next global position to handle
    updated_at       TIMESTAMPTZ NOT NULL,
    lease_owner      TEXT,                                            -- lease (H2); unused here
    lease_expires_at BIGINT
);
