// The benchmark's floor: a model's Python predict driven from plain C, doing per row only what any
// host must (build the input Row, call predict, read the output rows). This file: the reference
// model; CBenchmarkMixed.h: the conversions of 10 mixed-type columns.
#ifndef CBENCHMARK_FLOOR_H
#define CBENCHMARK_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

/// An opened instance of a model's predict class, its bound `predict` and `predict_batch`, and its
/// input Row type.
typedef struct CBenchmarkFloor CBenchmarkFloor;

/// What a run read from the output rows, to check it against the inputs.
typedef struct {
    int64_t outputRows;
    /// The sum of the output texts' lengths in bytes.
    int64_t textBytes;
    /// The sum of the output texts' last bytes.
    int64_t lastByteSum;
    double scoreSum;
} CBenchmarkFloorTotals;

/// Loads `pythonClass` from `modelDirectory` with `mlpredict._loader.load_class`, creates an
/// instance, calls `set_model_config(modelConfig)` and `open(create_context(instance))` as the
/// library does, and takes its `predict` and `predict_batch`, `mlpredict.Row.type_for(inputColumns)`
/// (the cached type the library fills; with `plainTuples`, input rows are plain tuples instead) and
/// `decimal.Decimal`, and imports the datetime C API. The interpreter must be running with
/// `mlpredict` importable. Returns NULL with a malloc'd `*error` on failure.
CBenchmarkFloor *_Nullable CBenchmarkFloor_Open(
    const char *modelDirectory, const char *pythonClass, const char *modelName, const char *modelConfig,
    const char *_Nonnull const *_Nonnull inputColumns, size_t columnCount, int plainTuples,
    char *_Nullable *_Nonnull error);

/// Predicts `rows` inputs, the texts of `textLength` bytes laid out back to back in `texts`: per
/// row, allocates the input Row and fills it with a new `str`, calls `predict`, copies each output
/// row's text (`PyUnicode_AsUTF8AndSize`) and reads its score (`PyFloat_AsDouble`), and drops the
/// references. Takes the GIL once for the loop, or once per row if `gilPerRow`.
/// Returns 0, or -1 with a malloc'd `*error`.
int CBenchmarkFloor_Run(
    CBenchmarkFloor *floor, const uint8_t *texts, size_t textLength, int64_t rows, int gilPerRow,
    CBenchmarkFloorTotals *totals, char *_Nullable *_Nonnull error);

/// Predicts `rows` inputs in batches of `batchSize`: per batch, takes the GIL, builds a list of
/// input Rows as CBenchmarkFloor_Run does, calls `predict_batch` once, reads every result as
/// CBenchmarkFloor_Run does, and releases the GIL. Returns 0, or -1 with a malloc'd `*error`.
int CBenchmarkFloor_RunBatches(
    CBenchmarkFloor *floor, const uint8_t *texts, size_t textLength, int64_t rows, int64_t batchSize,
    CBenchmarkFloorTotals *totals, char *_Nullable *_Nonnull error);

/// Predicts `rows` inputs as CBenchmarkFloor_Run does, but in Python: calls the `run_loop(predict,
/// texts, textLength)` function of the class's module once, with the GIL held, and returns its totals.
/// The texts cross as one `str` made on the first call (and reused while `texts` is the same). Returns 0, or -1 with a malloc'd `*error`.
int CBenchmarkFloor_RunPythonLoop(
    CBenchmarkFloor *floor, const uint8_t *texts, size_t textLength, int64_t rows, CBenchmarkFloorTotals *totals,
    char *_Nullable *_Nonnull error);

/// Calls the instance's `close()` and releases everything.
void CBenchmarkFloor_Close(CBenchmarkFloor *floor);

#pragma clang assume_nonnull end

#include "CBenchmarkMixed.h"

#endif
