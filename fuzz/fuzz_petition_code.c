/* fuzz_petition_code.c - the tracking code a citizen types or puts in the address
 * (petition_code_normalize: /kien-nghi/ma/:code, the lookup form). Properties: a code read is
 * KN-XXXX-XXXX in the code alphabet, and reading it again gives itself. */
#include "fuzz.h"

#include "citizen/petition.h"
#include "core/err.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *in = fuzz_str(data, size);
    char out[PETITION_CODE_LEN + 1], again[PETITION_CODE_LEN + 1];
    if (petition_code_normalize(in, out) == DV_OK) {
        FUZZ_ASSERT(strlen(out) == PETITION_CODE_LEN, "a code is KN-XXXX-XXXX");
        FUZZ_ASSERT(!memcmp(out, "KN-", 3) && out[7] == '-', "a code starts KN- and has its dash");
        for (int i = 3; i < PETITION_CODE_LEN; i++)
            if (i != 7) FUZZ_ASSERT(strchr(PETITION_ALPHABET, out[i]) && out[i], "a code's letters are the alphabet's");
        FUZZ_ASSERT(petition_code_normalize(out, again) == DV_OK && !strcmp(out, again), "a code reads as itself");
    }
    free(in);
    return 0;
}
