-- What a subscription selects ($all, $ce-CATEGORY, $et-TYPE or a stream), written by its active instance, so that
-- its lag counts only the events it delivers, wherever its consumer runs.
ALTER TABLE es_subscriptions ADD COLUMN selector TEXT;
