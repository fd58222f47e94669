"""crossroads ingest stage."""
