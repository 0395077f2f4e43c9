#include "mixed_values.h"

// Howard Hinnant's algorithms, as CivilCalendar.swift.

void CBenchmarkMixed_CivilFromDays(int64_t days, int *year, int *month, int *day) {
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t dayOfEra = z - era * 146097;
    int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int64_t monthIndex = (5 * dayOfYear + 2) / 153;
    *day = (int)(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    *month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    *year = (int)(yearOfEra + era * 400 + (*month <= 2 ? 1 : 0));
}

int64_t CBenchmarkMixed_DaysFromCivil(int year, int month, int day) {
    int64_t y = month <= 2 ? year - 1 : year;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yearOfEra = y - era * 400;
    int64_t dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

size_t CBenchmarkMixed_FormatDecimal(int64_t unscaled, int scale, char *text) {
    char digits[24];
    size_t count = 0;
    uint64_t magnitude = unscaled < 0 ? -(uint64_t)unscaled : (uint64_t)unscaled;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    while (count < (size_t)scale + 1) digits[count++] = '0';  // 5 at scale 2 is 0.05
    size_t length = 0;
    if (unscaled < 0) text[length++] = '-';
    while (count > 0) {
        if (count == (size_t)scale && scale > 0) text[length++] = '.';
        text[length++] = digits[--count];
    }
    return length;
}

/// 10^38 - 1, the largest magnitude of 38 digits.
static const __int128 max_unscaled = (__int128)10000000000000000000ULL * 10000000000000000000ULL - 1;

/// `*value` × 10 + `digit`, if it stays within 38 digits.
static int append_digit(__int128 *value, int digit) {
    if (*value > (max_unscaled - digit) / 10) return -1;
    *value = *value * 10 + digit;
    return 0;
}

int CBenchmarkMixed_ParseDecimal(const char *text, size_t length, __int128 *unscaled, int *scale) {
    const char *end = text + length;
    int negative = text < end && *text == '-';
    if (text < end && (*text == '-' || *text == '+')) text++;
    __int128 value = 0;
    int digits = 0, fraction = 0, seenPoint = 0;
    for (; text < end && *text != 'e' && *text != 'E'; text++) {
        if (*text == '.') {
            if (seenPoint) return -1;
            seenPoint = 1;
        } else if (*text >= '0' && *text <= '9') {
            if (append_digit(&value, *text - '0') != 0) return -1;
            digits++;
            fraction += seenPoint;
        } else {
            return -1;
        }
    }
    if (digits == 0) return -1;
    if (text < end) {  // `e` or `E` and the exponent
        text++;
        int exponentNegative = text < end && *text == '-';
        if (text < end && (*text == '-' || *text == '+')) text++;
        if (text == end) return -1;
        long exponent = 0;
        for (; text < end; text++) {
            if (*text < '0' || *text > '9') return -1;
            exponent = exponent * 10 + (*text - '0');
            if (exponent > 1000) return -1;
        }
        fraction += (int)(exponentNegative ? exponent : -exponent);
    }
    for (; fraction < 0; fraction++) {
        if (append_digit(&value, 0) != 0) return -1;
    }
    *unscaled = negative ? -value : value;
    *scale = fraction;
    return 0;
}

int CBenchmarkMixed_FitDecimal(__int128 unscaled, int scale, int precision, int targetScale, int64_t *fitted) {
    for (; scale < targetScale; scale++) {
        if (unscaled > max_unscaled / 10 || unscaled < -(max_unscaled / 10)) return -1;
        unscaled *= 10;
    }
    for (; scale > targetScale; scale--) {
        if (unscaled % 10 != 0) return -1;
        unscaled /= 10;
    }
    __int128 limit = 1;
    for (int i = 0; i < precision; i++) limit *= 10;
    if (unscaled >= limit || unscaled <= -limit) return -1;
    *fitted = (int64_t)unscaled;
    return 0;
}
