-- The event store on H2 (the embedded default). Writers serialize on the es_global_position row (see
-- JdbcEventStore), so global positions are gapless and ascend in commit order.

CREATE TABLE es_global_position (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    next_position BIGINT   NOT NULL
);
INSERT INTO es_global_position (id, next_position) VALUES (1, 0);

CREATE TABLE es_events (
    global_position BIGINT                   PRIMARY KEY,
    stream_name     VARCHAR(255)             NOT NULL,
    stream_version  BIGINT                   NOT NULL,
    category        VARCHAR(255)             NOT NULL,
    event_id        VARCHAR(1000)            NOT NULL,
    event_type      VARCHAR(1000)            NOT NULL,
    event_timestamp VARCHAR(100)             NOT NULL, -- the producer's ISO-8601 instant, kept as given
    source          VARCHAR                  NOT NULL,
    subject         VARCHAR,
    correlation_id  VARCHAR,
    causation_id    VARCHAR,
    schema_version  VARCHAR,
    data            CHARACTER LARGE OBJECT   NOT NULL,
    metadata        CHARACTER LARGE OBJECT,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT es_events_event_id_key UNIQUE (event_id),
    CONSTRAINT es_events_stream_version_key UNIQUE (stream_name, stream_version)
);
CREATE INDEX es_events_category_idx ON es_events (category, global_position);
CREATE INDEX es_events_event_type_idx ON es_events (event_type, global_position);

CREATE TABLE es_subscriptions (
    name             VARCHAR(200)             PRIMARY KEY,
    lock_key         INTEGER                  GENERATED ALWAYS AS IDENTITY UNIQUE, -- unused here (PostgreSQL)
    position         BIGINT                   NOT NULL DEFAULT 0,                   -- next global position to handle
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner      VARCHAR(100),                                                  -- instance holding the lease
    lease_expires_at BIGINT                                                         -- epoch millis
);
