-- The shards of the Kinesis streams the router consumes, one row each, as the Kinesis Client Library keeps its
-- lease table: the sequence number of the last record stored and dispatched (the checkpoint a restart resumes
-- after), and the lease of the router instance reading the shard now, renewed while it runs. A lease is taken
-- when free or expired; an instance with fewer shards than its share asks an owner for one (wanted_by), and the
-- owner hands it over between two batches, after its checkpoint.
CREATE TABLE es_kinesis_leases (
    lease_key        VARCHAR(256) PRIMARY KEY,                 -- stream name, '/', shard id
    stream_name      VARCHAR(256) NOT NULL,
    shard_id         VARCHAR(256) NOT NULL,
    sequence_number  VARCHAR(256),                             -- checkpoint; null: from the shard's oldest record
    lease_owner      VARCHAR(256),                             -- router instance holding the lease
    lease_expires_at BIGINT,                           -- epoch millis
    wanted_by        VARCHAR(256),                             -- instance that asked for the shard
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX es_kinesis_leases_stream_idx ON es_kinesis_leases (stream_name);
