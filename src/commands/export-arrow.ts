/**
 * One table or view as an Arrow IPC file (the file format, readable by pyarrow, R's arrow as
 * Feather v2, and apache-arrow). Rows are read from DuckDB chunk by chunk and written in record
 * batches of up to BATCH_ROWS rows, so a large table is never held whole in memory.
 *
 * Types follow DuckDB's: INTEGER → Int32, BIGINT → Int64 (and the other widths alike), DOUBLE →
 * Float64, DECIMAL → Decimal128 with the same precision and scale, BOOLEAN → Bool, DATE → DateDay,
 * TIMESTAMP → Timestamp[µs] (TIMESTAMPTZ with time zone UTC), VARCHAR → Utf8, VARCHAR[] →
 * List<Utf8>. Anything else (none in a mev database) is written as DuckDB's text (nested values
 * as JSON). Column COMMENTs travel as field metadata (`comment`), the table's as schema metadata.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DuckDBTypeId, JsonDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import {
  Bool, DataType, DateDay, Decimal, Field, Float32, Float64, Int16, Int32, Int64, Int8, List, RecordBatch,
  RecordBatchFileWriter, Schema, Struct, TimeUnit, Timestamp, Uint16, Uint32, Uint64, Uint8, Utf8, makeData, vectorFromArray,
} from 'apache-arrow';
import type { Data } from 'apache-arrow';
import type { Database } from '../db.js';
import { ident } from '../db.js';
import type { Relation } from './catalog.js';
import { kindOf } from './result-columns.js';

export const BATCH_ROWS = 65_536;

type Value = DuckDBValue;

interface ArrowColumn {
  type: DataType;
  /** A non-null DuckDB value as the Arrow builder below expects it. */
  value(v: Value): unknown;
  build(values: readonly unknown[]): Data;
}

export async function writeArrowFile(db: Database, relation: Relation, file: string): Promise<number> {
  const comments = await columnComments(db, relation.name);
  const result = await db.connection.stream(`SELECT * FROM ${ident(relation.name)}`);
  const names = result.columnNames();
  const columns = result.columnTypes().map(arrowColumn);
  const schema = new Schema(
    names.map((name, i) => new Field(name, columns[i]!.type, true, comments.has(name) ? new Map([['comment', comments.get(name)!]]) : undefined)),
    relation.comment === null ? undefined : new Map([['comment', relation.comment]]),
  );
  const writer = new RecordBatchFileWriter();
  const written = pipeline(writer.toNodeStream(), createWriteStream(file));
  let buffer: unknown[][] = names.map(() => []);
  let buffered = 0;
  let rows = 0;
  let batches = 0;
  const flush = () => {
    writer.write(recordBatch(schema, columns, buffer, buffered));
    batches++;
    buffer = names.map(() => []);
    buffered = 0;
  };
  try {
    for await (const chunk of result) {
      const chunkColumns = chunk.getColumns();
      chunkColumns.forEach((values, i) => {
        const column = columns[i]!;
        const target = buffer[i]!;
        for (const v of values) target.push(v === null ? null : column.value(v));
      });
      buffered += chunk.rowCount;
      rows += chunk.rowCount;
      if (buffered >= BATCH_ROWS) flush();
    }
    // An empty table still gets its schema (and one empty batch, which every reader accepts).
    if (buffered > 0 || batches === 0) flush();
  } finally {
    writer.close();
    await written;
  }
  return rows;
}

function recordBatch(schema: Schema, columns: readonly ArrowColumn[], values: readonly unknown[][], length: number): RecordBatch {
  const children = columns.map((column, i) => column.build(values[i]!));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }));
}

async function columnComments(db: Database, relation: string): Promise<Map<string, string>> {
  const rows = await db.all<{ name: string; comment: string | null }>(
    `SELECT column_name AS name, comment FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? AND comment IS NOT NULL`,
    [relation],
  );
  return new Map(rows.map((r) => [r.name, r.comment!]));
}

function arrowColumn(type: DuckDBType): ArrowColumn {
  const same = (v: Value) => v;
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT: return fixed(new Int8(), same);
    case DuckDBTypeId.SMALLINT: return fixed(new Int16(), same);
    case DuckDBTypeId.INTEGER: return fixed(new Int32(), same);
    case DuckDBTypeId.BIGINT: return fixed(new Int64(), same);
    case DuckDBTypeId.UTINYINT: return fixed(new Uint8(), same);
    case DuckDBTypeId.USMALLINT: return fixed(new Uint16(), same);
    case DuckDBTypeId.UINTEGER: return fixed(new Uint32(), same);
    case DuckDBTypeId.UBIGINT: return fixed(new Uint64(), same);
    case DuckDBTypeId.FLOAT: return fixed(new Float32(), same);
    case DuckDBTypeId.DOUBLE: return fixed(new Float64(), same);
    case DuckDBTypeId.DATE: return fixed(new DateDay(), (v) => (v as { days: number }).days);
    case DuckDBTypeId.TIMESTAMP: return fixed(new Timestamp(TimeUnit.MICROSECOND), (v) => (v as { micros: bigint }).micros);
    case DuckDBTypeId.TIMESTAMP_TZ: return fixed(new Timestamp(TimeUnit.MICROSECOND, 'UTC'), (v) => (v as { micros: bigint }).micros);
    case DuckDBTypeId.DECIMAL: return decimal(type.width, type.scale);
    case DuckDBTypeId.BOOLEAN: return built(new Bool(), same);
    case DuckDBTypeId.VARCHAR: return built(new Utf8(), same);
    default:
      break;
  }
  if (kindOf(type) === 'text_list') {
    const items = (v: Value) => ((v as { items: readonly Value[] }).items).map((item) => (item === null ? null : String(item)));
    return built(new List(new Field('item', new Utf8(), true)), items);
  }
  if (kindOf(type) === 'nested') return built(new Utf8(), (v) => JSON.stringify(JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter)));
  return built(new Utf8(), (v) => String(v));
}

/** Fixed-width columns: values straight into the typed array Arrow stores, with a validity bitmap. */
function fixed(type: DataType, value: (v: Value) => unknown): ArrowColumn {
  return {
    type,
    value,
    build(values) {
      const data = new (type.ArrayType as new (length: number) => { [i: number]: unknown })(values.length);
      const { nullBitmap, nullCount } = validity(values);
      values.forEach((v, i) => {
        if (v !== null) data[i] = v;
      });
      return makeData({ type, length: values.length, nullCount, nullBitmap, data } as never) as Data;
    },
  };
}

/** DECIMAL: the scaled integer DuckDB holds, as a 128-bit little-endian two's complement. */
function decimal(precision: number, scale: number): ArrowColumn {
  const type = new Decimal(scale, precision, 128);
  return {
    type,
    value: (v) => (v as { value: bigint }).value,
    build(values) {
      const data = new Uint32Array(values.length * 4);
      const { nullBitmap, nullCount } = validity(values);
      values.forEach((v, i) => {
        if (v === null) return;
        const unsigned = BigInt.asUintN(128, v as bigint);
        for (let word = 0; word < 4; word++) data[i * 4 + word] = Number((unsigned >> BigInt(32 * word)) & 0xffffffffn);
      });
      return makeData({ type, length: values.length, nullCount, nullBitmap, data });
    },
  };
}

/** Variable-width columns (and booleans): through apache-arrow's builders. */
function built(type: DataType, value: (v: Value) => unknown): ArrowColumn {
  return { type, value, build: (values) => vectorFromArray(values as unknown[], type).data[0]! };
}

function validity(values: readonly unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}
