"""Domain rules as plain functions on the aggregates: no Flask here. Verbs flush, never commit;
the request or the job commits once."""
