/* fuzz.h — the fuzz targets' entry points, shared by the libFuzzer drivers
 * (fuzz/fuzz-*.c, built by `make fuzz`) and the regression test that replays
 * the seed corpora and every crash found (tests/test-fuzz-regress.c). */
#ifndef NG_FUZZ_H
#define NG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Each takes any bytes and must neither crash nor leak nor trip a
 * sanitizer; the return value is always 0 (libFuzzer's convention). */
int ng_fuzz_article (const uint8_t *data, size_t size);
int ng_fuzz_date (const uint8_t *data, size_t size);
int ng_fuzz_query (const uint8_t *data, size_t size);

/* libFuzzer's entry, defined by each driver unless NG_FUZZ_REGRESS. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#endif
