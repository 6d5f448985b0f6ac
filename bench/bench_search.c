/* bench_search.c - search over generated Vietnamese articles: fills a temporary SQLite store
 * with N published articles (syllables from bench/vi_words.txt drawn with a Zipf-like law;
 * the triggers of 0003_search.sql index them), then times Q searches of 1-3 words through
 * search_articles() (count + the first 10 ranked hits with highlight and snippet), half of
 * them typed without diacritics. Prints p50/p95/p99/max overall and per number of words, then
 * the same for the same queries with the last word exact (search_articles_fts() without the
 * prefix '*' that search_fts_query() puts on it), then through search_articles() as the search
 * page runs it (ranked with the words as typed: exact letters and the title phrase weigh in),
 * and whether p50 meets the target.
 * The queries come from their own generator: a run on a reused --db times the same queries
 * as a fresh one. Asserts nothing.
 * Usage: bench_search [--articles N] [--queries Q] [--words FILE] [--db PATH] */
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "portal/search.h"
#include "text/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char **words;
static size_t nwords;
static double *cdf;
#define TARGET_P50_MS 5.0

static uint64_t rng = 0x9E3779B97F4A7C15u;  /* the articles */
static uint64_t qrng = 0x2545F4914F6CDD1Du; /* the queries */

static uint64_t xorshift(uint64_t *r)
{
    *r ^= *r << 13;
    *r ^= *r >> 7;
    *r ^= *r << 17;
    return *r;
}

static uint64_t next(void)
{
    return xorshift(&rng);
}

static const char *word(void)
{
    double u = (double)(next() >> 11) / (double)(1ull << 53);
    size_t lo = 0, hi = nwords - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cdf[mid] < u) lo = mid + 1;
        else hi = mid;
    }
    return words[lo];
}

static void sentence(dv_buf *b, int nmin, int nmax, int capital)
{
    int n = nmin + (int)(next() % (uint64_t)(nmax - nmin + 1));
    for (int i = 0; i < n; i++) {
        const char *w = word();
        if (i) buf_putc(b, ' ');
        if (i == 0 && capital && (unsigned char)w[0] < 0x80) {
            buf_putc(b, (char)(w[0] & ~0x20));
            buf_puts(b, w + 1);
        } else {
            buf_puts(b, w);
        }
    }
}

static int load_words(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        if (nwords == cap) words = xrealloc(words, (cap = cap ? cap * 2 : 512) * sizeof *words);
        words[nwords++] = xstrdup(line);
    }
    fclose(f);
    cdf = xmalloc(nwords * sizeof *cdf);
    double sum = 0;
    for (size_t i = 0; i < nwords; i++) sum += 1.0 / pow((double)i + 2.0, 0.9);
    double acc = 0;
    for (size_t i = 0; i < nwords; i++) {
        acc += 1.0 / pow((double)i + 2.0, 0.9) / sum;
        cdf[i] = acc;
    }
    cdf[nwords - 1] = 1.0;
    return nwords ? 0 : -1;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(const double *v, size_t n, double p)
{
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

int main(int argc, char **argv)
{
    long narticles = 100000, nqueries = 200;
    const char *wpath = "bench/vi_words.txt", *dbpath = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--articles")) narticles = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--queries")) nqueries = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--words")) wpath = argv[i + 1];
        else if (!strcmp(argv[i], "--db")) dbpath = argv[i + 1];
    }
    if (load_words(wpath) != 0) {
        fprintf(stderr, "bench_search: cannot read %s\n", wpath);
        return 1;
    }
    char dir[] = "/tmp/dv-bench-search-XXXXXX";
    char path[128];
    if (!dbpath) {
        if (!mkdtemp(dir)) return 1;
        snprintf(path, sizeof path, "%s/db", dir);
        dbpath = path;
    }
    struct db_options o = {.path = dbpath, .busy_ms = 5000};
    dv_db *db;
    if (db_open(&o, &db) != 0 || db_migrate(db) != 0) return 1;

    /* --db FILE that already holds the articles: reuse them */
    int64_t have = 0;
    dv_stmt *cnt = db_prepare(db, "SELECT count(*) FROM articles");
    if (cnt && db_step(cnt) == DB_ROW) have = db_col_int(cnt, 0);
    if (cnt) db_done(cnt);
    if (have >= narticles) narticles = 0;
    double t0 = now_ms();
    dv_buf title = DV_BUF_INIT, lead = DV_BUF_INIT, body = DV_BUF_INIT, slug = DV_BUF_INIT;
    db_begin(db);
    for (long i = 0; i < narticles; i++) {
        buf_reset(&title);
        buf_reset(&lead);
        buf_reset(&body);
        buf_reset(&slug);
        sentence(&title, 6, 12, 1);
        sentence(&lead, 20, 35, 1);
        buf_putc(&lead, '.');
        for (int p = 0; p < 4; p++) {
            if (p) buf_puts(&body, "\n\n");
            sentence(&body, 30, 60, 1);
            buf_putc(&body, '.');
        }
        buf_printf(&slug, "bai-%ld", i + 1);
        dv_stmt *st = db_prepare(db,
            "INSERT INTO articles(slug, title, lead, body_md, status, published_at)"
            " VALUES (?1, ?2, ?3, ?4, 'published', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?5))");
        db_bind_text(st, 1, buf_cstr(&slug));
        db_bind_text(st, 2, buf_cstr(&title));
        db_bind_text(st, 3, buf_cstr(&lead));
        db_bind_text(st, 4, buf_cstr(&body));
        char ago[32];
        snprintf(ago, sizeof ago, "-%ld minutes", narticles - i);
        db_bind_text(st, 5, ago);
        if (db_exec(st) != 0) return 1;
        if ((i + 1) % 20000 == 0) {
            db_commit(db);
            db_begin(db);
        }
    }
    db_commit(db);
    if (narticles && !db_is_postgres(db)) /* FTS5's merge; PostgreSQL's GIN index needs none */
        db_exec_script(db, "INSERT INTO article_search(article_search) VALUES ('optimize')");
    double gen_ms = now_ms() - t0;
    if (narticles == 0) printf("search: reusing the %lld articles of %s\n", (long long)have, dbpath);
    else printf("search: %ld generated articles indexed in %.1f s (%.0f articles/s)\n", narticles, gen_ms / 1e3,
           narticles / (gen_ms / 1e3));

    /* queries: 1-3 words, half of them folded (no diacritics, đ → d) */
    char **queries = xcalloc((size_t)nqueries, sizeof *queries);
    int *nterms = xcalloc((size_t)nqueries, sizeof *nterms);
    for (long q = 0; q < nqueries; q++) {
        dv_buf b = DV_BUF_INIT;
        int nt = 1 + (int)(xorshift(&qrng) % 3);
        nterms[q] = nt;
        for (int t = 0; t < nt; t++) {
            if (t) buf_putc(&b, ' ');
            buf_puts(&b, words[xorshift(&qrng) % (nwords < 150 ? nwords : 150)]);
        }
        if (q % 2) {
            char *f = text_fold(buf_cstr(&b));
            queries[q] = f;
            buf_free(&b);
        } else {
            queries[q] = buf_detach(&b);
        }
    }
    dv_arena *a = arena_new();
    for (long q = 0; q < 20 && q < nqueries; q++) { /* warm the page cache */
        struct search_hit *h;
        size_t n, total;
        search_articles(db, a, queries[q], 0, 10, &h, &n, &total);
    }
    double *ms[3];
    size_t hits_sum = 0;
    for (int exact = 0; exact < 3; exact++) { /* 2: search_articles(), the words as typed */
        ms[exact] = xmalloc((size_t)nqueries * sizeof *ms[exact]);
        for (long q = 0; q < nqueries; q++) {
            arena_free(a);
            a = arena_new();
            struct search_hit *h;
            size_t n, total;
            double s = now_ms();
            const char *fts = search_fts_query(a, queries[q]);
            if (exact && fts) { /* the same query without the prefix '*' of its last term */
                char *e = arena_strdup(a, fts);
                size_t l = strlen(e);
                if (l && e[l - 1] == '*') e[l - 1] = '\0';
                fts = e;
            }
            int rc = exact == 2 ? search_articles(db, a, queries[q], 0, 10, &h, &n, &total)
                                : search_articles_fts(db, a, fts, 0, 10, &h, &n, &total);
            if (rc != 0) {
                fprintf(stderr, "bench_search: query \"%s\" failed\n", queries[q]);
                return 1;
            }
            ms[exact][q] = now_ms() - s;
            if (!exact) hits_sum += total;
        }
    }
    printf("search: %ld queries of 1-3 words (count + top 10 with highlight/snippet), mean %.0f matching articles\n",
           nqueries, (double)hits_sum / (double)nqueries);
    double p50 = 0;
    for (int exact = 0; exact < 3; exact++) {
        printf("search: %s      n     p50     p95     p99     max (ms)\n",
               exact == 2 ? "ranked with the words as typed " : exact ? "last word exact (no prefix *)" : "last word as typed (prefix *) ");
        for (int nt = 0; nt <= 3; nt++) { /* 0: all */
            double *v = xmalloc((size_t)nqueries * sizeof *v);
            size_t k = 0;
            for (long q = 0; q < nqueries; q++)
                if (nt == 0 || nterms[q] == nt) v[k++] = ms[exact][q];
            if (k) {
                qsort(v, k, sizeof *v, cmp_double);
                printf("search:   %-7s %28zu %7.2f %7.2f %7.2f %7.2f\n",
                       nt == 0 ? "all" : nt == 1 ? "1 word" : nt == 2 ? "2 words" : "3 words", k, pct(v, k, 0.50),
                       pct(v, k, 0.95), pct(v, k, 0.99), v[k - 1]);
                if (nt == 0 && exact == 2) p50 = pct(v, k, 0.50); /* what the search page runs */
            }
            free(v);
        }
    }
    printf("search: target p50 <= %.0f ms: %s (p50 %.2f ms)\n", TARGET_P50_MS, p50 <= TARGET_P50_MS ? "met" : "NOT met",
           p50);

    arena_free(a);
    db_close(db);
    if (dbpath == path) {
        const char *sfx[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            char p[160];
            snprintf(p, sizeof p, "%s%s", path, sfx[i]);
            unlink(p);
        }
        rmdir(dir);
    }
    return 0;
}
