/* db_fault.c - fault injection for tests (built only with -DDANVAN_FAULTS): fails the Nth
 * prepare, step, commit or fsync on request, so a test can walk N over a write path and check
 * that each failure leaves the store unchanged and the user told.
 *
 * The request is a file named by DANVAN_FAULT_FILE holding "KIND N [TIMES]" (KIND = prepare,
 * step, commit or fsync). At the next write transaction (db_begin) the file is renamed to
 * FILE.armed and counting starts; the Nth operation of KIND fails (and the TIMES - 1 after
 * it, default none: a lasting failure such as a dead disk) and FILE.armed becomes
 * FILE.fired. A test that finds FILE.armed after its request knows the path has fewer than N
 * such operations; its next request file replaces the armed fault. Without DANVAN_FAULTS this file compiles to nothing and db_fault() is 0. */
#include "db/db_internal.h"

#ifdef DANVAN_FAULTS
#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* read before the lock by every database operation (a plain int was a data race: C11 undefined
 * behaviour, and ThreadSanitizer's report under make tsan's fault walk) */
static atomic_int armed_kind = -1;
static long remaining, times;

static const char *const KINDS[] = {"prepare", "step", "commit", "fsync"};

static void path_with(char *out, size_t cap, const char *base, const char *suffix)
{
    snprintf(out, cap, "%s%s", base, suffix);
}

void db_fault_check_request(void)
{
    const char *file = getenv("DANVAN_FAULT_FILE");
    if (!file || !*file) return;
    pthread_mutex_lock(&lock);
    FILE *f = fopen(file, "r"); /* a new request replaces one still armed */
    if (f) {
        armed_kind = -1;
        char kind[16] = "";
        long n = 0, t = 1;
        int got = fscanf(f, "%15s %ld %ld", kind, &n, &t);
        if (got >= 2 && n > 0 && t > 0)
            for (int k = 0; k < 4; k++)
                if (strcmp(kind, KINDS[k]) == 0) {
                    remaining = n;
                    times = got == 3 ? t : 1;
                    armed_kind = k;
                }
        fclose(f);
        char armed[4096];
        path_with(armed, sizeof armed, file, ".armed");
        if (armed_kind >= 0 && rename(file, armed) == 0)
            log_info("db: fault armed: %s %ld", KINDS[armed_kind], remaining);
    }
    pthread_mutex_unlock(&lock);
}

int db_fault(enum db_fault_kind kind)
{
    if (armed_kind < 0) return 0; /* an atomic read; the check below is locked */
    const char *req = getenv("DANVAN_FAULT_FILE");
    if (req && access(req, F_OK) == 0) db_fault_check_request(); /* a new request replaces this one */
    int hit = 0;
    pthread_mutex_lock(&lock);
    if (armed_kind == (int)kind && remaining > 1) {
        remaining--;
    } else if (armed_kind == (int)kind && remaining == 1) {
        hit = 1;
        if (--times > 0) goto out; /* a lasting failure: the next ones fail too */
        armed_kind = -1;
        const char *file = getenv("DANVAN_FAULT_FILE");
        char armed[4096], fired[4096];
        path_with(armed, sizeof armed, file, ".armed");
        path_with(fired, sizeof fired, file, ".fired");
        rename(armed, fired);
        log_warn("db: injected fault: %s", KINDS[kind]);
    }
out:
    if (hit && armed_kind >= 0) log_warn("db: injected fault: %s (%ld more)", KINDS[kind], times);
    pthread_mutex_unlock(&lock);
    return hit;
}
#else
typedef int db_fault_unused; /* ISO C: a translation unit holds a declaration */
#endif
