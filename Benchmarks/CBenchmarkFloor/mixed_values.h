// The C side of the library's value types (Values/*.swift): civil dates and decimal text.
#ifndef CBENCHMARK_MIXED_VALUES_H
#define CBENCHMARK_MIXED_VALUES_H

#include <stddef.h>
#include <stdint.h>

/// Days since 1970-01-01 → proleptic Gregorian year, month, day (CivilCalendar.date).
void CBenchmarkMixed_CivilFromDays(int64_t days, int *year, int *month, int *day);

/// Proleptic Gregorian year, month, day → days since 1970-01-01 (CivilCalendar.days).
int64_t CBenchmarkMixed_DaysFromCivil(int year, int month, int day);

/// Writes `unscaled` × 10^-`scale` in plain notation with every scale digit (`-12.340`, `0.05`)
/// to `text`, which holds at least 48 bytes; returns the length (SQLDecimal.description).
size_t CBenchmarkMixed_FormatDecimal(int64_t unscaled, int scale, char *text);

/// Parses `-12.340`, `5`, `.5`, `1e3`, `1.5E-2` into the exact value `unscaled` × 10^-`scale` with
/// `scale` ≥ 0 and at most 38 digits; returns 0, or -1 for anything else (SQLDecimal.init).
int CBenchmarkMixed_ParseDecimal(const char *text, size_t length, __int128 *unscaled, int *scale);

/// `unscaled` × 10^-`scale` rescaled to `targetScale` without dropping non-zero digits and with at
/// most `precision` (≤ 18) digits, into `*fitted`; returns 0, or -1 if it does not fit DECIMAL(precision,
/// targetScale) (ValueConverter.fitDecimal).
int CBenchmarkMixed_FitDecimal(__int128 unscaled, int scale, int precision, int targetScale, int64_t *fitted);

#endif
