"""Writing tables as CSV (RFC 4180, UTF-8, header row, empty field = null) or Parquet (strings)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .core import Value


def header_line(columns: Sequence[str]) -> bytes:
    """The CSV header row, quoted exactly as the csv module quotes data rows."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(columns)
    return buf.getvalue().encode("utf-8")


def write_rows(
    path: Path, columns: Sequence[str], rows: Sequence[Sequence[Value]], file_format: str
) -> Path:
    """Write one table held as rows of strings (None = null) and return the file's path."""
    if file_format == "csv":
        target = path.with_suffix(".csv")
        with target.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(rows)
    else:
        target = path.with_suffix(".parquet")
        arrays = [pa.array([r[i] for r in rows], type=pa.string()) for i in range(len(columns))]
        pq.write_table(pa.Table.from_arrays(arrays, names=list(columns)), target)
    return target


class ChunkSink:
    """Streams a large table chunk by chunk (Arrow tables of strings) into CSV or Parquet."""

    def __init__(self, path: Path, columns: Sequence[str], file_format: str) -> None:
        self.columns = list(columns)
        self.file_format = file_format
        self.schema = pa.schema([(c, pa.string()) for c in columns])
        self.rows = 0
        if file_format == "csv":
            self.path = path.with_suffix(".csv")
            self._fh = self.path.open("wb")
            self._fh.write(header_line(columns))
            self._writer = None
        else:
            self.path = path.with_suffix(".parquet")
            self._fh = None
            self._writer = pq.ParquetWriter(self.path, self.schema)

    def write(self, table: pa.Table) -> None:
        """Append a chunk whose columns are this sink's columns, in order."""
        table = table.select(self.columns).cast(self.schema)
        if table.num_rows == 0:
            return
        self.rows += table.num_rows
        if self._writer is not None:
            self._writer.write_table(table)
        else:
            # Values never hold commas, quotes or line breaks, so they need no quoting;
            # nulls are written as empty fields.
            pa_csv.write_csv(
                table, self._fh, pa_csv.WriteOptions(include_header=False, quoting_style="none")
            )

    def write_rows(self, rows: Sequence[Sequence[Value]]) -> None:
        """Append rows given as tuples of strings."""
        if rows:
            arrays = [
                pa.array([r[i] for r in rows], type=pa.string()) for i in range(len(self.columns))
            ]
            self.write(pa.Table.from_arrays(arrays, names=self.columns))

    def close(self) -> None:
        """Finish the file."""
        if self._writer is not None:
            self._writer.close()
        if self._fh is not None:
            self._fh.close()
