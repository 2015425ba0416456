-- The schema registry (docs/schemas.md): each registered version of an event type's JSON Schema, immutable once
-- registered (no statement of the router updates or deletes a row); a version is 1, 2, ... per event type.

CREATE TABLE eda_schemas (
    event_type    VARCHAR(1000)            NOT NULL,
    version       INTEGER                  NOT NULL CHECK (version > 0),
    schema_json   CHARACTER LARGE OBJECT   NOT NULL,
    origin        VARCHAR(10)              NOT NULL CHECK (origin IN ('file', 'http')),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_type, version)
);
