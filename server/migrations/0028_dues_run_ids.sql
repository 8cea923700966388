-- The monthly dues run inserts a due entry per member (1,000,000 in one statement at the scale of bench/dues-run).
-- With random (v4) ids every insert lands on a different leaf page of the primary key, so at that scale the index no
-- longer stays in shared buffers and each insert reads and dirties a page of its own (and, after a checkpoint, writes
-- a full-page image to the WAL). A time-ordered id (RFC 9562 version 7: 48 bits of Unix milliseconds, then random
-- bits) makes the run's inserts append to the same few pages. PostgreSQL 18 (PGlite) has uuidv7(); 15 has not, so
-- the app has its own, written in SQL both accept. The ids stay unguessable in their random 74 bits.
CREATE FUNCTION zg_uuid7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
GRANT EXECUTE ON FUNCTION zg_uuid7() TO zg_app;
