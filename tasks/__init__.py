"""Pure steps over records and Arrow/polars tables. Nothing here imports Prefect;
only `lake` touches storage."""
