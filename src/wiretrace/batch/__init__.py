"""Batch engines: a whole corpus clustered into stories and written as Parquet tables, by
the same stage functions in one process (``local``) or on Apache Spark (``spark``)."""
