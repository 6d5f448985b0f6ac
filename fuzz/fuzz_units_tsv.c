/* fuzz_units_tsv.c - the units TSV import (unit_import_tsv: the national table of provinces
 * and communes) into a real SQLite store made once in a temporary directory. Properties: an
 * import either succeeds or says why in a UTF-8 message; a table that imported once imports
 * again without creating or changing anything (the import is idempotent); a refused table
 * writes nothing (the store's unit count is what it was). */
#include "fuzz.h"

#include "db/db.h"
#include "org/unit.h"
#include "text/text.h"

#include <string.h>
#include <unistd.h>

static dv_db *db;
static char dir[64], tsv[96];

static void cleanup(void)
{
    static const char *const files[] = {"db", "db-wal", "db-shm", "in.tsv"};
    char p[128];
    if (db) db_close(db);
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    snprintf(dir, sizeof dir, "/tmp/dv-fuzz-units-XXXXXX");
    if (!mkdtemp(dir)) abort();
    char path[96];
    snprintf(path, sizeof path, "%s/db", dir);
    snprintf(tsv, sizeof tsv, "%s/in.tsv", dir);
    struct db_options o = {.path = path, .busy_ms = 1000};
    if (db_open(&o, &db) != 0 || db_migrate(db) != 0) abort();
    atexit(cleanup);
    return 0;
}

static long units_count(void)
{
    int64_t n = 0;
    if (db_counter_get(db, "units_version", &n) != 0) n = -1; /* moves on every unit write */
    return (long)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) return 0;
    FILE *f = fopen(tsv, "wb");
    if (!f) abort();
    fwrite(data, 1, size, f);
    fclose(f);
    char err[512] = "";
    struct unit_import_counts k = {0};
    long before = units_count();
    int rc = unit_import_tsv(db, tsv, 0, &k, err, sizeof err);
    if (rc != 0) {
        FUZZ_ASSERT(err[0] != '\0', "a refused import says why");
        FUZZ_ASSERT(text_valid_utf8(err, strlen(err)), "the message is UTF-8");
        FUZZ_ASSERT(units_count() == before, "a refused import writes nothing");
        return 0;
    }
    struct unit_import_counts again = {0};
    err[0] = '\0';
    FUZZ_ASSERT(unit_import_tsv(db, tsv, 0, &again, err, sizeof err) == 0, "an accepted table imports again");
    FUZZ_ASSERT(again.created == 0 && again.updated == 0, "importing again changes nothing");
    FUZZ_ASSERT(again.unchanged == k.created + k.updated + k.unchanged, "every row is seen again");
    return 0;
}
