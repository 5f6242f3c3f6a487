"""Columnar dumps: a Hugging Face dataset saved to disk, or a Parquet file.

Both are read a batch at a time from memory-mapped or paged storage, so memory
stays flat however many rows there are. Values come back as Python objects of
the columns' types (a date32 column gives `datetime.date`, not a string).
Row numbers are 0-based, so that `dataset[i]` / `table.slice(i, 1)` finds them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newslake.tasks.ingest.readers.failures import STREAM_ERRORS, WHOLE_DUMP, unreadable
from newslake.tasks.ingest.records import RawRecord

if TYPE_CHECKING:
    import datasets

BATCH_SIZE = 256


def read_hf(folder: Path, dump: str) -> Iterator[RawRecord]:
    """Rows of a `save_to_disk` dataset; `dump_record` is "<row>", or "<split>:<row>" for a DatasetDict."""
    # Imported here: `datasets` takes half a second to import, and most runs
    # read no Hugging Face dumps.
    import datasets

    try:
        loaded = datasets.load_from_disk(str(folder))
    except (*STREAM_ERRORS, ValueError, pa.ArrowException) as exc:
        yield unreadable(dump, WHOLE_DUMP, exc)
        return
    if isinstance(loaded, datasets.DatasetDict):
        for split in sorted(loaded):
            yield from dataset_rows(loaded[split], dump, prefix=f"{split}:")
    else:
        yield from dataset_rows(loaded, dump, prefix="")


def dataset_rows(dataset: datasets.Dataset, dump: str, prefix: str) -> Iterator[RawRecord]:
    # A saved dataset may carry a torch/numpy format; readers hand on plain values.
    dataset = dataset.with_format(None)
    row = 0
    try:
        for batch in dataset.iter(batch_size=BATCH_SIZE):
            for fields in batches_to_rows(batch):
                yield RawRecord(dump=dump, dump_record=f"{prefix}{row}", fields=fields)
                row += 1
    except (*STREAM_ERRORS, pa.ArrowException) as exc:
        yield unreadable(dump, f"{prefix}{row}", exc)


def batches_to_rows(batch: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    columns = list(batch)
    for values in zip(*(batch[c] for c in columns)):
        yield dict(zip(columns, values))


def read_parquet(path: Path, dump: str) -> Iterator[RawRecord]:
    """Rows of a Parquet file; `dump_record` is the 0-based row number."""
    row = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_SIZE):
            for fields in batch.to_pylist():
                yield RawRecord(dump=dump, dump_record=str(row), fields=fields)
                row += 1
    except (*STREAM_ERRORS, pa.ArrowException) as exc:
        yield unreadable(dump, str(row) if row else WHOLE_DUMP, exc)
