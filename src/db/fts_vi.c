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

/* --- vi_rank(w1, w2, …[, query]): BM25 term saturation and length normalisation per
 * column, weighted per column, WITHOUT the IDF factor. bm25() computes the IDF of every phrase
 * on its first call by scanning that phrase's whole doclist (xQueryPhrase): for a word found
 * in most of 100,000 articles that alone costs milliseconds, whatever the LIMIT. Every term of
 * our queries is required, so the IDF only weighs terms against each other; the title
 * weight decides most of the order anyway. Lower is better (returns -score), like bm25().
 *
 * A last argument that is a blob (or text) is the reader's query as typed, one word per
 * phrase of the MATCH expression (search_store.c builds both from the same words). It adds
 * what folding loses (search_store.c passes it with rank MATCH):
 *  - exact letters: a phrase found in the title or lead with the letters as typed, tones
 *    and marks included ("quy" matches "Quy" exactly, "quý" only folded), weighs
 *    RANK_EXACT × the column's weight more;
 *  - the phrase in the title: all the query's words one after the other in the title, in
 *    order, weighs RANK_PHRASE × the title's weight per word more.
 * Only the title and the lead are tokenized again (short), and only for a row whose title or
 * lead holds a match. */
#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_MAX_COLS 8
#define RANK_MAX_PHRASES 16
#define RANK_EXACT_COLS 2      /* title, lead */
#define RANK_EXACT 1.0
#define RANK_PHRASE 1.5
#define RANK_MAX_TOKENS 512    /* tokens of a title or lead compared; the rest count as folded */
#define RANK_TOKEN_BYTES 64

/* The words of the query as typed, case-folded by unicode61 without removing diacritics:
 * word p is the first token of phrase p. */
struct rank_word {
    char tok[RANK_TOKEN_BYTES];
    int len;
};

struct rank_aux {
    int ncol;
    double avgdl[RANK_MAX_COLS];
    int nwords;                   /* 0: no query given, plain weighted BM25 */
    struct rank_word words[RANK_MAX_PHRASES];
    fts5_tokenizer exact_api;     /* unicode61, remove_diacritics 0 */
    Fts5Tokenizer *exact;
    struct rank_word *toks;       /* RANK_MAX_TOKENS, for one column at a time */
};

static void rank_aux_free(void *p)
{
    struct rank_aux *aux = p;
    if (aux && aux->exact) aux->exact_api.xDelete(aux->exact);
    if (aux) sqlite3_free(aux->toks);
    sqlite3_free(aux);
}

/* A token collector: the first token of each whitespace-separated word (words mode), or every
 * token by position (column mode). */
struct tok_list {
    struct rank_word *w;
    int n, max;
};

static int collect_token(void *pctx, int tflags, const char *tok, int ntok, int start, int end)
{
    (void)start;
    (void)end;
    struct tok_list *l = pctx;
    if (tflags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    if (l->n >= l->max) return SQLITE_DONE;
    struct rank_word *w = &l->w[l->n++];
    w->len = ntok < RANK_TOKEN_BYTES ? ntok : RANK_TOKEN_BYTES;
    memcpy(w->tok, tok, (size_t)w->len);
    return SQLITE_OK;
}

static int exact_tokenize(struct rank_aux *aux, const char *text, int n, struct tok_list *l)
{
    int rc = aux->exact_api.xTokenize(aux->exact, l, FTS5_TOKENIZE_DOCUMENT, text, n, collect_token);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The query's words (split on white space like search_fts_query, words with no token
 * skipped the same way: such a word is no phrase) into aux->words. */
static int rank_parse_query(const fts5_api *api, struct rank_aux *aux, const char *q, int n)
{
    void *user = NULL;
    int rc = ((fts5_api *)api)->xFindTokenizer((fts5_api *)api, "unicode61", &user, &aux->exact_api);
    if (rc != SQLITE_OK) return rc;
    const char *args[] = {"remove_diacritics", "0"};
    rc = aux->exact_api.xCreate(user, args, 2, &aux->exact);
    if (rc != SQLITE_OK) return rc;
    for (int i = 0; i < n && aux->nwords < RANK_MAX_PHRASES;) {
        while (i < n && (q[i] == ' ' || (q[i] >= '\t' && q[i] <= '\r'))) i++;
        int b = i;
        while (i < n && !(q[i] == ' ' || (q[i] >= '\t' && q[i] <= '\r'))) i++;
        if (i == b) break;
        struct rank_word one[1];
        struct tok_list l = {one, 0, 1};
        rc = exact_tokenize(aux, q + b, i - b, &l);
        if (rc != SQLITE_OK) return rc;
        if (l.n) aux->words[aux->nwords++] = one[0];
    }
    return SQLITE_OK;
}

static struct rank_aux *rank_aux_get(const Fts5ExtensionApi *api, Fts5Context *fts, int nval,
                                     sqlite3_value **vals)
{
    struct rank_aux *aux = api->xGetAuxdata(fts, 0);
    if (aux) return aux;
    aux = sqlite3_malloc(sizeof *aux);
    if (!aux) return NULL;
    memset(aux, 0, sizeof *aux);
    aux->ncol = api->xColumnCount(fts);
    if (aux->ncol > RANK_MAX_COLS) aux->ncol = RANK_MAX_COLS;
    sqlite3_int64 rows = 0;
    api->xRowCount(fts, &rows);
    for (int c = 0; c < aux->ncol; c++) {
        sqlite3_int64 tot = 0;
        api->xColumnTotalSize(fts, c, &tot);
        aux->avgdl[c] = rows > 0 && tot > 0 ? (double)tot / (double)rows : 1.0;
    }
    int t = nval > 0 ? sqlite3_value_type(vals[nval - 1]) : SQLITE_NULL;
    const fts5_api *fapi = api->xUserData(fts);
    if (fapi && (t == SQLITE_BLOB || t == SQLITE_TEXT)) {
        const char *q = t == SQLITE_BLOB ? sqlite3_value_blob(vals[nval - 1]) : (const char *)sqlite3_value_text(vals[nval - 1]);
        int qn = sqlite3_value_bytes(vals[nval - 1]);
        if (rank_parse_query(fapi, aux, q ? q : "", q ? qn : 0) != SQLITE_OK) aux->nwords = 0;
    }
    if (api->xSetAuxdata(fts, aux, rank_aux_free) != SQLITE_OK) return NULL; /* freed by FTS5 */
    return aux;
}

/* Do the query's word p and the column's token agree letter for letter (the last word as a
 * prefix, as it is searched)? */
static int exact_same(const struct rank_aux *aux, int p, int nphrase, const struct rank_word *tok)
{
    const struct rank_word *w = &aux->words[p];
    if (p == nphrase - 1) return tok->len >= w->len && memcmp(tok->tok, w->tok, (size_t)w->len) == 0;
    return tok->len == w->len && memcmp(tok->tok, w->tok, (size_t)w->len) == 0;
}

/* Which phrases have an instance in column col whose letters are exactly as typed
 * (bit p of the result). */
static unsigned exact_hits(const Fts5ExtensionApi *api, Fts5Context *fts, struct rank_aux *aux, int col,
                           int ninst, int nphrase)
{
    const char *text = NULL;
    int n = 0;
    if (api->xColumnText(fts, col, &text, &n) != SQLITE_OK || !text) return 0;
    if (!aux->toks && !(aux->toks = sqlite3_malloc(RANK_MAX_TOKENS * (int)sizeof *aux->toks))) return 0;
    struct rank_word *toks = aux->toks; /* once per query, not per row */
    struct tok_list l = {toks, 0, RANK_MAX_TOKENS};
    unsigned mask = 0;
    if (exact_tokenize(aux, text, n, &l) == SQLITE_OK) {
        for (int i = 0; i < ninst; i++) {
            int ph, c, off;
            if (api->xInst(fts, i, &ph, &c, &off) != SQLITE_OK || c != col || ph >= nphrase) continue;
            if (off < l.n && exact_same(aux, ph, nphrase, &toks[off])) mask |= 1u << ph;
        }
    }
    return mask;
}

/* Are all the phrases found one after the other, in order, in column col? */
static int phrase_in_column(const Fts5ExtensionApi *api, Fts5Context *fts, int col, int ninst, int nphrase)
{
    for (int i = 0; i < ninst; i++) {
        int ph, c, off;
        if (api->xInst(fts, i, &ph, &c, &off) != SQLITE_OK || ph != 0 || c != col) continue;
        int want = off + api->xPhraseSize(fts, 0), next = 1;
        for (int j = 0; j < ninst && next < nphrase; j++) {
            int ph2, c2, off2;
            if (api->xInst(fts, j, &ph2, &c2, &off2) != SQLITE_OK) continue;
            if (ph2 == next && c2 == col && off2 == want) {
                want += api->xPhraseSize(fts, next++);
                j = -1; /* instances are in no promised order: look again for the next one */
            }
        }
        if (next == nphrase) return 1;
    }
    return 0;
}

static double column_weight(int c, int nval, sqlite3_value **vals)
{
    if (c >= nval) return 1.0;
    int t = sqlite3_value_type(vals[c]);
    return t == SQLITE_INTEGER || t == SQLITE_FLOAT ? sqlite3_value_double(vals[c]) : 1.0;
}

static void vi_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **vals)
{
    struct rank_aux *aux = rank_aux_get(api, fts, nval, vals);
    if (!aux) {
        sqlite3_result_error_nomem(ctx);
        return;
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
        double w = column_weight(c, nval, vals);
        if (w == 0) continue;
        int dl = 0;
        api->xColumnSize(fts, c, &dl);
        double norm = RANK_K1 * (1.0 - RANK_B + RANK_B * (double)dl / aux->avgdl[c]);
        int any = 0;
        for (int p = 0; p < nphrase; p++) {
            if (!tf[p][c]) continue;
            any = 1;
            score += w * (double)tf[p][c] * (RANK_K1 + 1.0) / ((double)tf[p][c] + norm);
        }
        if (!any || aux->nwords != nphrase) continue; /* no query words to compare with */
        if (c < RANK_EXACT_COLS) {
            unsigned exact = exact_hits(api, fts, aux, c, ninst, nphrase);
            for (int p = 0; p < nphrase; p++)
                if (exact & (1u << p)) score += w * RANK_EXACT;
        }
        if (c == 0 && nphrase > 1 && phrase_in_column(api, fts, c, ninst, nphrase))
            score += w * RANK_PHRASE * nphrase;
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
    if (api->xCreateFunction(api, "vi_rank", api, vi_rank, NULL) != SQLITE_OK) {
        log_error("db: cannot register vi_rank: %s", sqlite3_errmsg(conn));
        return DV_EDB;
    }
    if (api->xCreateFunction(api, "vi_hit", NULL, vi_hit, NULL) != SQLITE_OK) {
        log_error("db: cannot register vi_hit: %s", sqlite3_errmsg(conn));
        return DV_EDB;
    }
    return DV_OK;
}
