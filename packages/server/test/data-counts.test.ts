// The counting rules of post data, table by table: records, timestamps, the counts of an upload.
import { describe, expect, it } from 'vitest';
import {
  alignToCeil,
  alignToFloor,
  BucketDiagnostics,
  emptyDataCounts,
  openDataStream,
  readRecords,
  writeRecords,
  type DataJobConfig,
} from '../src/rules/data-counts.js';
import { dateStringToEpoch, javaParseDouble, parseTimestamp } from '../src/rules/timestamps.js';

const HOUR = 3_600_000;
const CONFIG: DataJobConfig = {
  jobId: 'flights',
  bucketSpanMs: HOUR,
  latencyMs: 0,
  timeField: 'time',
  timeFormat: 'epoch',
  analysisFields: ['carrier', 'delay'],
};

function upload(
  lines: string[],
  config = CONFIG,
  stream = openDataStream(config, emptyDataCounts(config.jobId)),
) {
  const counts = writeRecords(config, stream, Buffer.from(lines.join('\n')), 1_000);
  return { counts, stream };
}

describe('readRecords', () => {
  it.each([
    {
      description: 'ndjson objects, one per line',
      given: '{"a":1,"b":"x"}\n{"a":2}\n',
      want: [
        { fields: { a: '1', b: 'x' }, fieldCount: 2 },
        { fields: { a: '2' }, fieldCount: 1 },
      ],
    },
    {
      description: 'an array of objects',
      given: '[{"a":1},{"a":2}]',
      want: [
        { fields: { a: '1' }, fieldCount: 1 },
        { fields: { a: '2' }, fieldCount: 1 },
      ],
    },
    {
      description: 'objects concatenated on one line',
      given: '{"a":1} {"a":2}',
      want: [
        { fields: { a: '1' }, fieldCount: 1 },
        { fields: { a: '2' }, fieldCount: 1 },
      ],
    },
    {
      description: 'nested objects flattened with a dot; the object itself is not a field',
      given: '{"tags":{"host":"h1","dc":{"name":"eu"}},"a":1}',
      want: [{ fields: { 'tags.host': 'h1', 'tags.dc.name': 'eu', a: '1' }, fieldCount: 3 }],
    },
    {
      description: 'an array of scalars is one comma-joined field, null is empty',
      given: '{"list":[1,"two",null,[3]],"n":null}',
      want: [{ fields: { list: '1,two,', n: '' }, fieldCount: 2 }],
    },
    {
      description: 'a malformed record keeps what was read, and reading resumes at the next line',
      given: '{"a":1,"b":x}\n{"a":2}',
      want: [
        { fields: { a: '1' }, fieldCount: 1 },
        { fields: { a: '2' }, fieldCount: 1 },
      ],
    },
  ])('$description', ({ given, want }) => {
    const records = [...readRecords(Buffer.from(given))].map((record) => ({
      fields: Object.fromEntries(record.fields),
      fieldCount: record.fieldCount,
    }));
    expect(records).toEqual(want);
  });

  it('a hundred malformed records are a parse_exception', () => {
    const body = Buffer.from(Array.from({ length: 100 }, () => '{"a":x}').join('\n'));
    expect(() => [...readRecords(body)]).toThrow('The input JSON data is malformed.');
  });
});

describe('timestamps', () => {
  it.each([
    { description: 'epoch seconds', given: ['1403481600', 'epoch'], want: 1403481600000 },
    { description: 'epoch seconds with a fraction', given: ['1403481600.5', 'epoch'], want: 1403481600500 },
    { description: 'epoch milliseconds', given: ['1403481600123', 'epoch_ms'], want: 1403481600123 },
    { description: 'Java double syntax: a d suffix', given: ['1e3d', 'epoch_ms'], want: 1000 },
    { description: 'Java trims whitespace', given: [' 12 ', 'epoch_ms'], want: 12 },
    { description: 'not a number', given: ['soon', 'epoch'], want: undefined },
    { description: 'empty (the field is missing)', given: ['', 'epoch'], want: undefined },
    {
      description: 'a java.time pattern with an offset',
      given: ['2014-06-23 00:00:00Z', 'yyyy-MM-dd HH:mm:ssX'],
      want: 1403481600000,
    },
    {
      description: 'a pattern with a literal T and millis',
      given: ['2014-06-23T01:00:00.250+01:00', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"],
      want: 1403481600250,
    },
    { description: 'a pattern that does not match', given: ['23/06/2014', 'yyyy-MM-dd'], want: undefined },
    { description: 'an impossible date', given: ['2014-02-30', 'yyyy-MM-dd'], want: undefined },
  ])('$description', ({ given, want }) => {
    expect(parseTimestamp(given[0]!, given[1]!)).toBe(want);
  });

  it.each([
    { given: '1403481600', want: 1403481600000 },
    { given: '1403481600000', want: 1403481600000 },
    { given: '2014-06-23T00:00:00Z', want: 1403481600000 },
    { given: '2014-06-23', want: 1403481600000 },
    { given: 'not_a_date', want: -1 },
  ])('dateStringToEpoch($given) is $want', ({ given, want }) => {
    expect(dateStringToEpoch(given)).toBe(want);
  });

  it('javaParseDouble refuses what Double.parseDouble refuses', () => {
    expect(javaParseDouble('1.2.3')).toBeUndefined();
    expect(javaParseDouble('0x10')).toBeUndefined();
    expect(javaParseDouble('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('alignment', () => {
  it.each([
    { value: 7_200_001, floor: 7_200_000, ceil: 10_800_000 },
    { value: 7_200_000, floor: 7_200_000, ceil: 7_200_000 },
    { value: -1, floor: -HOUR, ceil: 0 },
  ])('$value aligns to [$floor, $ceil]', ({ value, floor, ceil }) => {
    expect(alignToFloor(value, HOUR)).toBe(floor);
    expect(alignToCeil(value, HOUR)).toBe(ceil);
  });
});

describe('writeRecords', () => {
  it('counts fields without the time field, and processed fields per analysed field', () => {
    const { counts } = upload([
      '{"carrier":"AAL","delay":1.5,"note":"x","time":1403481600}',
      '{"carrier":"JZA","delay":2,"note":"y","time":1403481700}',
    ]);
    expect(counts).toMatchObject({
      processed_record_count: 2,
      processed_field_count: 4,
      input_field_count: 6,
      missing_field_count: 0,
      invalid_date_count: 0,
      out_of_order_timestamp_count: 0,
      earliest_record_timestamp: 1403481600000,
      latest_record_timestamp: 1403481700000,
      last_data_time: 1_000,
      input_record_count: 2,
    });
  });

  it('a missing analysed field is counted and still processed; a missing time is an invalid date', () => {
    const { counts } = upload(['{"carrier":"AAL","time":1403481600}', '{"carrier":"AAL","delay":3}']);
    expect(counts).toMatchObject({
      processed_record_count: 1,
      // delay missing once, delay present but time missing once: two missing fields.
      missing_field_count: 2,
      invalid_date_count: 1,
      processed_field_count: 0,
      input_record_count: 2,
    });
  });

  it('a record older than the latest bucket is out of order; one in the same bucket is not', () => {
    const { counts } = upload([
      '{"carrier":"a","delay":1,"time":1403488800}',
      '{"carrier":"a","delay":1,"time":1403488000}',
      '{"carrier":"a","delay":1,"time":1403488900}',
    ]);
    expect(counts).toMatchObject({ processed_record_count: 2, out_of_order_timestamp_count: 1 });
  });

  it('latency widens the window for late records', () => {
    const config = { ...CONFIG, latencyMs: 2 * HOUR };
    const { counts } = upload(
      ['{"carrier":"a","delay":1,"time":1403488800}', '{"carrier":"a","delay":1,"time":1403481600}'],
      config,
    );
    expect(counts.out_of_order_timestamp_count).toBe(0);
  });

  it('totals run across uploads while an upload answers only its own counts', () => {
    const first = upload(['{"carrier":"a","delay":1,"time":1403481600}']);
    const second = upload(['{"carrier":"a","delay":1,"time":1403485200}'], CONFIG, first.stream);
    expect(second.counts.processed_record_count).toBe(1);
    // Only the first upload ever sets earliest_record_timestamp (DataCountsReporter.reportRecordWritten).
    expect(second.counts.earliest_record_timestamp).toBeUndefined();
    expect(second.stream.total).toMatchObject({
      processed_record_count: 2,
      earliest_record_timestamp: 1403481600000,
      latest_record_timestamp: 1403485200000,
    });
  });

  it('input_bytes is the whole body, malformed parts included', () => {
    const body = '{"carrier":"a","delay":1,"time":1403481600}\n{oops}\n';
    const stream = openDataStream(CONFIG, emptyDataCounts('flights'));
    expect(writeRecords(CONFIG, stream, Buffer.from(body), 0).input_bytes).toBe(Buffer.byteLength(body));
  });
});

describe('BucketDiagnostics', () => {
  it('counts finished buckets and the empty ones between records', () => {
    const diagnostics = new BucketDiagnostics(HOUR, 0);
    for (const hour of [0, 1, 4, 12, 13]) diagnostics.addRecord(hour * HOUR);
    diagnostics.flush();
    const counts = emptyDataCounts('j');
    diagnostics.drainInto(counts);
    // Buckets 0..12 are finished (13 is the current one); 2, 3 and 5..11 are empty.
    expect(counts.bucket_count).toBe(13);
    expect(counts.empty_bucket_count).toBe(9);
    expect(counts.latest_empty_bucket_timestamp).toBe(11 * HOUR);
  });
});
