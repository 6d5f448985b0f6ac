/* fts_vi.c - the "vi" FTS5 tokenizer: a wrapper around the built-in unicode61 tokenizer
 * created with remove_diacritics 2, which rewrites đ/Đ (C4 91 / C4 90) and the look-alikes
 * ð/Ð (C3 B0 / C3 90) to "d" in every token it emits. unicode61 folds case and the tone
 * and vowel marks (ắ ộ ư ơ → a o u o) but leaves đ, which has no Unicode decomposition.
 * Token offsets are those of unicode61 (into the original text), so highlight() and
 * snippet() still mark the text exactly as it was written. */
#include "db/fts_vi.h"

#include "core/err.h"
#include "core/log.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define VI_MAX_ARGS 16

struct vi_tokenizer {
    fts5_tokenizer inner_api;  /* unicode61's methods */
    Fts5Tokenizer *inner;      /* unicode61 instance */
};

struct vi_ctx {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
};

static int vi_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
    fts5_api *api = user;
    *out = NULL;
    if (argc > VI_MAX_ARGS - 2) return SQLITE_ERROR;
    void *inner_user = NULL;
    fts5_tokenizer inner_api;
    int rc = api->xFindTokenizer(api, "unicode61", &inner_user, &inner_api);
    if (rc != SQLITE_OK) return rc;

    /* remove_diacritics 2 first; arguments given to "vi" follow (a later one wins). */
    const char *args[VI_MAX_ARGS];
    int n = 0;
    args[n++] = "remove_diacritics";
    args[n++] = "2";
    for (int i = 0; i < argc; i++) args[n++] = argv[i];

    struct vi_tokenizer *t = sqlite3_malloc(sizeof *t);
    if (!t) return SQLITE_NOMEM;
    t->inner_api = inner_api;
    rc = inner_api.xCreate(inner_user, args, n, &t->inner);
    if (rc != SQLITE_OK) {
        sqlite3_free(t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void vi_delete(Fts5Tokenizer *tok)
{
    struct vi_tokenizer *t = (struct vi_tokenizer *)tok;
    if (!t) return;
    t->inner_api.xDelete(t->inner);
    sqlite3_free(t);
}

/* Is s[i..i+1] one of đ Đ ð Ð? */
static int is_d_stroke(const unsigned char *s, int i, int n)
{
    if (i + 1 >= n) return 0;
    if (s[i] == 0xC4) return s[i + 1] == 0x91 || s[i + 1] == 0x90;
    if (s[i] == 0xC3) return s[i + 1] == 0xB0 || s[i + 1] == 0x90;
    return 0;
}

static int vi_token(void *pctx, int tflags, const char *tok, int ntok, int start, int end)
{
    struct vi_ctx *c = pctx;
    const unsigned char *s = (const unsigned char *)tok;
    int i = 0;
    while (i < ntok && !is_d_stroke(s, i, ntok)) i++;
    if (i == ntok) return c->xToken(c->ctx, tflags, tok, ntok, start, end);

    /* The rewritten token is never longer than the original. */
    char small[128] = {0}; /* zeroed: only tokens with đ get here, and -O2 warns otherwise */
    char *buf = ntok <= (int)sizeof small ? small : sqlite3_malloc(ntok);
    if (!buf) return SQLITE_NOMEM;
    int o = 0;
    memcpy(buf, tok, (size_t)i);
    o = i;
    while (i < ntok) {
        if (is_d_stroke(s, i, ntok)) {
            buf[o++] = 'd';
            i += 2;
        } else {
            buf[o++] = tok[i++];
        }
    }
    int rc = c->xToken(c->ctx, tflags, buf, o, start, end);
    if (buf != small) sqlite3_free(buf);
    return rc;
}

static int vi_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int ntext,
                       int (*xToken)(void *, int, const char *, int, int, int))
{
    struct vi_tokenizer *t = (struct vi_tokenizer *)tok;
    struct vi_ctx c = {ctx, xToken};
    return t->inner_api.xTokenize(t->inner, &c, flags, text, ntext, vi_token);
}

/* --- vi_rank(w1, w2, …): BM25 term saturation and length normalisation per column,
 * weighted per column, WITHOUT the IDF factor. bm25() computes the IDF of every phrase on
 * its first call by scanning that phrase's whole doclist (xQueryPhrase): for a word found in
 * most of 100,000 articles that alone costs milliseconds, whatever the LIMIT. Every term of
 * our queries is required, so the IDF only weighs terms against each other; the title
 * weight decides most of the order anyway. Lower is better (returns -score), like bm25(). */
#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_MAX_COLS 8
#define RANK_MAX_PHRASES 16

struct rank_aux {
    int ncol;
    double avgdl[RANK_MAX_COLS];
};

static void vi_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **vals)
{
    struct rank_aux *aux = api->xGetAuxdata(fts, 0);
    if (!aux) {
        aux = sqlite3_malloc(sizeof *aux);
        if (!aux) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        aux->ncol = api->xColumnCount(fts);
        if (aux->ncol > RANK_MAX_COLS) aux->ncol = RANK_MAX_COLS;
        sqlite3_int64 rows = 0;
        api->xRowCount(fts, &rows);
        for (int c = 0; c < aux->ncol; c++) {
            sqlite3_int64 tot = 0;
            api->xColumnTotalSize(fts, c, &tot);
            aux->avgdl[c] = rows > 0 && tot > 0 ? (double)tot / (double)rows : 1.0;
        }
        if (api->xSetAuxdata(fts, aux, sqlite3_free) != SQLITE_OK) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    int nphrase = api->xPhraseCount(fts);
    if (nphrase > RANK_MAX_PHRASES) nphrase = RANK_MAX_PHRASES;
    int tf[RANK_MAX_PHRASES][RANK_MAX_COLS];
    memset(tf, 0, sizeof tf);
    int ninst = 0;
    if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
        sqlite3_result_error(ctx, "vi_rank: xInstCount failed", -1);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int ph, col, off;
        if (api->xInst(fts, i, &ph, &col, &off) != SQLITE_OK) continue;
        if (ph < nphrase && col >= 0 && col < aux->ncol) tf[ph][col]++;
    }
    double score = 0;
    for (int c = 0; c < aux->ncol; c++) {
        double w = c < nval ? sqlite3_value_double(vals[c]) : 1.0;
        if (w == 0) continue;
        int dl = 0;
        api->xColumnSize(fts, c, &dl);
        double norm = RANK_K1 * (1.0 - RANK_B + RANK_B * (double)dl / aux->avgdl[c]);
        for (int p = 0; p < nphrase; p++)
            if (tf[p][c]) score += w * (double)tf[p][c] * (RANK_K1 + 1.0) / ((double)tf[p][c] + norm);
    }
    sqlite3_result_double(ctx, -score);
}

/* --- vi_hit(col): 1 when a phrase of the query is found in column col of the current row, else
 * 0. Read from the position lists FTS5 already holds for the row (xPhraseFirstColumn), no
 * tokenizing: a query can call snippet() only for the column it will show (snippet()
 * tokenizes its whole column each time). */
static void vi_hit(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                   sqlite3_value **vals)
{
    if (nval != 1) {
        sqlite3_result_error(ctx, "vi_hit: one argument, a column number", -1);
        return;
    }
    int want = sqlite3_value_int(vals[0]);
    int nphrase = api->xPhraseCount(fts);
    for (int p = 0; p < nphrase; p++) {
        Fts5PhraseIter it;
        int col = -1;
        if (api->xPhraseFirstColumn(fts, p, &it, &col) != SQLITE_OK) {
            sqlite3_result_error(ctx, "vi_hit: xPhraseFirstColumn failed", -1);
            return;
        }
        for (; col >= 0; api->xPhraseNextColumn(fts, &it, &col)) {
            if (col == want) {
                sqlite3_result_int(ctx, 1);
                return;
            }
        }
    }
    sqlite3_result_int(ctx, 0);
}

static fts5_api *fts5_api_of(sqlite3 *conn)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int fts_vi_register(sqlite3 *conn)
{
    fts5_api *api = fts5_api_of(conn);
    if (!api || api->iVersion < 2) {
        log_error("db: FTS5 is not available in this SQLite");
        return DV_EDB;
    }
    fts5_tokenizer vi = {vi_create, vi_delete, vi_tokenize};
    if (api->xCreateTokenizer(api, "vi", api, &vi, NULL) != SQLITE_OK) {
        log_error("db: cannot register the vi tokenizer: %s", sqlite3_errmsg(conn));
        return DV_EDB;
    }
    if (api->xCreateFunction(api, "vi_rank", NULL, vi_rank, NULL) != SQLITE_OK) {
        log_error("db: cannot register vi_rank: %s", sqlite3_errmsg(conn));
        return DV_EDB;
    }
    if (api->xCreateFunction(api, "vi_hit", NULL, vi_hit, NULL) != SQLITE_OK) {
        log_error("db: cannot register vi_hit: %s", sqlite3_errmsg(conn));
        return DV_EDB;
    }
    return DV_OK;
}
