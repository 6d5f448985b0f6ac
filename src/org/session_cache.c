/* session_cache.c - the accounts behind session tokens, kept in memory for a few seconds.
 *
 * Every signed-in request looked its session up (a join of sessions and users, the first
 * read of its transaction, so on pages that another commit had just pushed out of the
 * connection's cache): 8% of a submission's CPU. Here an answer is reused for up to
 * SESSION_RECHECK_S seconds and never beyond the session's end. Changes made by this
 * process (sign-out, password change, account disabled or edited) call
 * session_cache_clear() after their commit, and take effect at once; a change made by
 * another process (the CLI) takes effect within SESSION_RECHECK_S seconds.
 *
 * A generation counter closes the race between a lookup that read the store before such a
 * commit and the clear that follows it: the lookup's answer is not kept. */
#include "org/session_store.h"
#include "org/user_store.h"

#include "core/buf.h"
#include "core/err.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024u /* direct-mapped by token: a collision only costs a lookup */

struct slot {
    char token[SESSION_TOKEN_HEX + 1];
    int64_t checked_at, expires_at;
    uint64_t epoch;            /* db_change_epoch() when checked: another server's change rechecks */
    struct dv_user user; /* strings owned by the slot */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots[SLOTS];
static uint64_t generation;

static unsigned slot_of(const char *token)
{
    uint32_t h = 2166136261u;
    for (const char *p = token; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    return h & (SLOTS - 1);
}

static void slot_free(struct slot *s)
{
    if (!s) return;
    free((char *)s->user.username);
    free((char *)s->user.full_name);
    free((char *)s->user.email);
    free((char *)s->user.lang);
    free(s);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static struct dv_user *user_copy(dv_arena *a, const struct dv_user *from)
{
    struct dv_user *u = arena_alloc(a, sizeof *u);
    *u = *from;
    u->username = arena_strdup(a, from->username);
    u->full_name = arena_strdup(a, from->full_name);
    u->email = arena_strdup(a, from->email);
    u->lang = arena_strdup(a, from->lang);
    return u;
}

/* A copy of the cached answer if it is fresh, else NULL; *gen = the generation now. */
static struct dv_user *lookup(dv_arena *a, const char *token, int64_t now, uint64_t *gen)
{
    struct dv_user *u = NULL;
    pthread_mutex_lock(&mu);
    *gen = generation;
    const struct slot *s = slots[slot_of(token)];
    if (s && !strcmp(s->token, token) && now < s->expires_at && now - s->checked_at < SESSION_RECHECK_S &&
        now >= s->checked_at && s->epoch == db_change_epoch())
        u = user_copy(a, &s->user);
    pthread_mutex_unlock(&mu);
    return u;
}

static void keep(const char *token, const struct dv_user *u, int64_t now, int64_t expires_at, uint64_t gen)
{
    struct slot *s = xcalloc(1, sizeof *s);
    memcpy(s->token, token, SESSION_TOKEN_HEX);
    s->checked_at = now;
    s->epoch = db_change_epoch();
    s->expires_at = expires_at;
    s->user = *u;
    s->user.username = dup_or_null(u->username);
    s->user.full_name = dup_or_null(u->full_name);
    s->user.email = dup_or_null(u->email);
    s->user.lang = dup_or_null(u->lang);
    pthread_mutex_lock(&mu);
    if (gen == generation) {
        unsigned i = slot_of(token);
        slot_free(slots[i]);
        slots[i] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&mu);
    slot_free(s); /* a clear came in between: the answer may be stale */
}

int session_find_cached(dv_db *db, dv_arena *a, const char *token, int64_t now, struct dv_user **out)
{
    *out = NULL;
    if (!session_token_valid(token)) return DV_ENOTFOUND;
    uint64_t gen;
    struct dv_user *u = lookup(a, token, now, &gen);
    if (u) {
        *out = u;
        return 0;
    }
    int64_t until = 0;
    int rc = session_find_until(db, a, token, now, &u, &until);
    if (rc == 0) {
        keep(token, u, now, until, gen);
        *out = u;
    }
    return rc;
}

void session_cache_clear(void)
{
    people_cache_clear(); /* an account write may have changed who works where */
    pthread_mutex_lock(&mu);
    generation++;
    for (unsigned i = 0; i < SLOTS; i++) {
        slot_free(slots[i]);
        slots[i] = NULL;
    }
    pthread_mutex_unlock(&mu);
}
