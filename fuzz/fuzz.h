/* fuzz.h - what the libFuzzer targets of fuzz/ share: the entry points and a checked abort.
 * Each fuzz_NAME.c is built twice: by clang with -fsanitize=fuzzer for `make fuzz`
 * (fuzz/build.sh), and by the test build with fuzz/replay.c as its main(), which feeds it
 * every file of fuzz/corpus/NAME once (ctest fuzz_NAME, in `make test`). */
#ifndef DV_FUZZ_H
#define DV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A property the target asserts failed: say which, then crash so libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond, what)                                                                    \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", what, __FILE__, __LINE__);      \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A NUL-terminated malloc'd copy of the input. */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) abort();
    for (size_t i = 0; i < size; i++) s[i] = (char)data[i];
    s[size] = '\0';
    return s;
}

#endif
