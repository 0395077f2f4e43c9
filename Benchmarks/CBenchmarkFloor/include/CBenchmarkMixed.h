// The conversion benchmark's floor: the 10 mixed-type columns converted to and from Python in
// plain C, the way the library converts them, around the identity model's predict.
#ifndef CBENCHMARK_MIXED_H
#define CBENCHMARK_MIXED_H

#include <stdint.h>

#pragma clang assume_nonnull begin

/// One input row of `(id BIGINT, n INT, score DOUBLE, flag BOOLEAN, name STRING,
/// price DECIMAL(10, 2), day DATE, at TIMESTAMP(3), tags ARRAY<STRING>, embedding ARRAY<DOUBLE>)`,
/// each value as the library's `Value` holds it.
typedef struct {
    int64_t id;
    double score;
    /// The price × 100 (`SQLDecimal.unscaled` at scale 2).
    int64_t priceUnscaled;
    /// Seconds since 1970-01-01 00:00:00 (`SQLTimestamp.secondsSinceEpoch`).
    int64_t atSeconds;
    double embedding[4];
    /// Where the name and then the two tags start, back to back, in the run's text buffer.
    int64_t textStart;
    int32_t n;
    /// 0 or 1.
    int32_t flag;
    /// Days since 1970-01-01 (`SQLDate.daysSinceEpoch`).
    int32_t day;
    /// Nanoseconds into `atSeconds`, whole milliseconds (`SQLTimestamp.nanosecond`).
    int32_t atNanosecond;
    /// UTF-8 byte lengths.
    int32_t nameLength;
    int32_t tagLength[2];
} CBenchmarkMixedRow;

/// Checksums of what a run read back, per kind of column, each folded as `sum = sum * 31 + value`
/// (wrapping) in column order, row by row.
typedef struct {
    int64_t outputRows;
    /// id, n.
    uint64_t integers;
    /// The bit patterns of score and the 4 embedding values.
    uint64_t floats;
    uint64_t flags;
    /// Per string (name, the 2 tags): length × 256 + its last byte.
    uint64_t texts;
    /// The price's unscaled value and scale.
    uint64_t decimals;
    /// Days since 1970-01-01.
    uint64_t dates;
    /// Seconds since the epoch, then nanoseconds.
    uint64_t timestamps;
} CBenchmarkMixedTotals;

/// Predicts `count` rows with a floor opened on the identity model with the 10 columns above. Per
/// row: builds the input Row as the library does (`tp_alloc` of the Row type, then each value:
/// `PyLong_FromLongLong`, `PyLong_FromLong`, `PyFloat_FromDouble`, `Py_True`/`Py_False`,
/// `PyUnicode_FromStringAndSize`, `Decimal(str)` of the fixed-point text, `CPythonShim_Date_New`,
/// `CPythonShim_DateTime_New`, and lists), calls `predict`, and reads every output row back into C
/// values with the library's type checks (`int` via `PyLong_AsLongLongAndOverflow`, texts copied
/// from `PyUnicode_AsUTF8AndSize`, the decimal parsed from `str()`, dates and timestamps from
/// their fields), then drops the references. Takes the GIL once for the loop, or once per row if
/// `gilPerRow`. Returns 0, or -1 with a malloc'd `*error`.
int CBenchmarkFloor_RunMixed(
    struct CBenchmarkFloor *floor, const CBenchmarkMixedRow *rows, const char *texts, int64_t count, int gilPerRow,
    CBenchmarkMixedTotals *totals, char *_Nullable *_Nonnull error);

#pragma clang assume_nonnull end

#endif
