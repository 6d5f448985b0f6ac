/* document_store.c - the documents registry: documents, their files (with the text searched)
 * and their relations. All SQL of documents; the search table is rewritten in each write. */
#include "directive/directive.h"

#include "core/err.h"
#include "core/i18n.h"
#include "core/principal.h"
#include "db/store_util.h"
#include "org/audit.h"
#include "portal/search.h"
#include "text/text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

const char *const document_type_codes[] = {"NQ", "QD", "QDI", "CT", "KL", "KH", "HD", "CV", NULL};
static const char *const type_labels[] = {N_("Resolution"), N_("Decision"), N_("Regulation"), N_("Directive"),
                                          N_("Conclusion"), N_("Plan"), N_("Guidance"), N_("Official letter")};

const char *document_type_label(const char *code)
{
    for (int i = 0; code && document_type_codes[i]; i++)
        if (!strcmp(code, document_type_codes[i])) return _(type_labels[i]);
    return "";
}

const char *document_relation_label(const char *kind, int forward)
{
    if (!kind) return "";
    if (!strcmp(kind, "concretizes")) return forward ? _("Concretizes") : _("Concretized by");
    if (!strcmp(kind, "replaces")) return forward ? _("Replaces") : _("Replaced by");
    if (!strcmp(kind, "amends")) return forward ? _("Amends") : _("Amended by");
    return kind;
}

#define DOC_COLS                                                                                             \
    "d.id, d.number, d.symbol, d.code, d.series, d.doc_type, d.issuer_unit_id,"                              \
    " COALESCE(u.name, d.issuer_name), d.issuer_name, d.signer, d.signer_position, d.title, d.summary,"      \
    " d.issued_on, d.effective_on, d.expired_on, f.id, f.name, f.text_source, d.version"
#define DOC_FROM                                                                                             \
    " FROM documents d LEFT JOIN units u ON u.id = d.issuer_unit_id"                                         \
    " LEFT JOIN document_files f ON f.document_id = d.id"

static const char *SQL_INSERT =
    "INSERT INTO documents (number, symbol, code, series, doc_type, issuer_unit_id, issuer_name, signer,"
    " signer_position, title, summary, issued_on, effective_on, expired_on, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
static const char *SQL_GET = "SELECT " DOC_COLS DOC_FROM " WHERE d.id = ?1";
static const char *SQL_FTS_DEL = "DELETE FROM document_search WHERE rowid = ?1";
static const char *SQL_FTS_INS =
    "INSERT INTO document_search (rowid, code, title, summary, body) SELECT d.id, d.code, d.title, d.summary,"
    " COALESCE((SELECT f.text FROM document_files f WHERE f.document_id = d.id), '') FROM documents d WHERE d.id = ?1";
static const char *SQL_FILE_DEL = "DELETE FROM document_files WHERE document_id = ?1";
static const char *SQL_FILE_INS =
    "INSERT INTO document_files (document_id, name, mime, size, sha256, content, text, text_source, uploaded_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char *SQL_FILE_GET = "SELECT name, mime, content FROM document_files WHERE document_id = ?1";
static const char *SQL_REL_INS =
    "INSERT INTO document_relations (from_id, to_id, kind, created_by) VALUES (?1, ?2, ?3, ?4)";
static const char *SQL_REL_OUT =
    "SELECT r.kind, " DOC_COLS DOC_FROM " JOIN document_relations r ON r.to_id = d.id WHERE r.from_id = ?1"
    " ORDER BY d.issued_on, d.id";
static const char *SQL_REL_IN =
    "SELECT r.kind, " DOC_COLS DOC_FROM " JOIN document_relations r ON r.from_id = d.id WHERE r.to_id = ?1"
    " ORDER BY d.issued_on, d.id";
/* ?1 FTS query or NULL (rstore_fts_query), ?2 type or NULL, ?3 issuer or NULL, ?4 from, ?5 to,
 * ?6 limit, ?7 offset; the search table matched as each backend does (FTS5, tsvector). Each
 * parameter's type is given where it first appears (PostgreSQL cannot infer it from IS NULL). */
#define SEARCH_WHERE(match)                                                                                  \
    " WHERE (CAST(?1 AS TEXT) IS NULL OR d.id IN (SELECT rowid FROM document_search WHERE " match "))"      \
    " AND (CAST(?2 AS TEXT) IS NULL OR d.doc_type = ?2)"                                                   \
    " AND (CAST(?3 AS BIGINT) IS NULL OR d.issuer_unit_id = ?3)"                                             \
    " AND (CAST(?4 AS TEXT) IS NULL OR d.issued_on >= ?4) AND (CAST(?5 AS TEXT) IS NULL OR d.issued_on <= ?5)"
#define MATCH_SQ "document_search MATCH ?1"
#define MATCH_PG "doc @@ to_tsquery('vi', ?1)"
#define SEARCH_ORDER " ORDER BY d.issued_on DESC, d.id DESC LIMIT ?6 OFFSET ?7"
static const char *SQL_SEARCH = "SELECT " DOC_COLS DOC_FROM SEARCH_WHERE(MATCH_SQ) SEARCH_ORDER;
static const char *SQL_SEARCH_PG = "SELECT " DOC_COLS DOC_FROM SEARCH_WHERE(MATCH_PG) SEARCH_ORDER;
static const char *SQL_COUNT = "SELECT count(*) FROM documents d" SEARCH_WHERE(MATCH_SQ) " AND ?6 = ?6 AND ?7 = ?7";
static const char *SQL_COUNT_PG =
    "SELECT count(*) FROM documents d" SEARCH_WHERE(MATCH_PG) " AND ?6 = ?6 AND ?7 = ?7";

static const char *col(dv_arena *a, dv_stmt *st, int i)
{
    const char *s = db_col_text(st, i);
    return s ? arena_strdup(a, s) : NULL;
}

static void fill_at(dv_arena *a, dv_stmt *st, int o, struct document *d)
{
    memset(d, 0, sizeof *d);
    d->id = db_col_int(st, o + 0);
    d->number = db_col_int(st, o + 1);
    d->symbol = col(a, st, o + 2);
    d->code = col(a, st, o + 3);
    d->series = col(a, st, o + 4);
    d->doc_type = col(a, st, o + 5);
    d->issuer_unit_id = db_col_int(st, o + 6);
    d->issuer = col(a, st, o + 7);
    d->issuer_name = col(a, st, o + 8);
    d->signer = col(a, st, o + 9);
    d->signer_position = col(a, st, o + 10);
    d->title = col(a, st, o + 11);
    d->summary = col(a, st, o + 12);
    d->issued_on = col(a, st, o + 13);
    d->effective_on = col(a, st, o + 14);
    d->expired_on = col(a, st, o + 15);
    d->file_id = db_col_int(st, o + 16);
    d->has_file = d->file_id > 0;
    d->file_name = col(a, st, o + 17);
    d->text_source = col(a, st, o + 18);
    d->version = (int)db_col_int(st, o + 19);
}

static void fill_doc(dv_arena *a, dv_stmt *st, void *item) { fill_at(a, st, 0, item); }

static void fill_link(dv_arena *a, dv_stmt *st, void *item)
{
    struct document_link *l = item;
    l->kind = col(a, st, 0);
    fill_at(a, st, 1, &l->doc);
}

static int is_date(const char *s)
{
    int y, m, d;
    return s && strlen(s) == 10 && text_date_parse(s, &y, &m, &d) == 0;
}

static int one_of(const char *s, const char *const *set)
{
    for (; s && *set; set++)
        if (!strcmp(s, *set)) return 1;
    return 0;
}

static int fts_refresh(dv_db *db, int64_t id)
{
    int rc = rstore_exec(db, SQL_FTS_DEL, RINT(id));
    return rc ? rc : rstore_exec(db, SQL_FTS_INS, RINT(id));
}

static int input_ok(const struct document_input *in)
{
    if (!in->title || !in->title[0] || !one_of(in->doc_type, document_type_codes)) return 0;
    if (!is_date(in->issued_on)) return 0;
    if ((in->effective_on && !is_date(in->effective_on)) || (in->expired_on && !is_date(in->expired_on))) return 0;
    if (in->expired_on && strcmp(in->expired_on, in->issued_on) <= 0) return 0;
    if (!in->issuer_unit_id && (!in->issuer_name || !in->issuer_name[0])) return 0;
    return (in->code && in->code[0]) || in->number > 0;
}

int document_create(dv_db *db, const struct dv_user *actor, const struct document_input *in, int64_t *id_out)
{
    if (!input_ok(in)) return DV_EINVAL;
    char code[160], series[8];
    if (in->code && in->code[0]) snprintf(code, sizeof code, "%s", in->code);
    else snprintf(code, sizeof code, "%lld-%s", (long long)in->number, in->symbol ? in->symbol : "");
    snprintf(series, sizeof series, "%.4s", in->issued_on);
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db, SQL_INSERT, RID0(in->number), RTEXT(in->symbol ? in->symbol : ""), RTEXT(code), RTEXT(series),
                     RTEXT(in->doc_type), RID0(in->issuer_unit_id), RTEXT(in->issuer_name ? in->issuer_name : ""),
                     RTEXT(in->signer ? in->signer : ""), RTEXT(in->signer_position ? in->signer_position : ""),
                     RTEXT(in->title), RTEXT(in->summary ? in->summary : ""), RTEXT(in->issued_on),
                     RTEXT(in->effective_on), RTEXT(in->expired_on), RID0(actor && actor->id > 0 ? actor->id : 0));
    int64_t id = rc ? 0 : db_last_id(db);
    if (rc == DV_OK) rc = fts_refresh(db, id);
    struct audit_change ch[] = {{"code", NULL, code}, {"title", NULL, in->title}, {"issued_on", NULL, in->issued_on}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "document", id, ch, 3);
    if (rc == DV_OK && id_out) *id_out = id;
    return rc;
}

int document_get(dv_db *db, dv_arena *a, int64_t id, struct document *out)
{
    return rstore_get_by_id(db, a, SQL_GET, id, fill_doc, out);
}

int document_exists(dv_db *db, int64_t id)
{
    int rc = rstore_exists(db, "SELECT 1 FROM documents WHERE id = ?1", RINT(id));
    return rc == DV_OK ? 1 : rc == DV_ENOTFOUND ? 0 : rc;
}

int document_file_set(dv_db *db, const struct dv_user *actor, int64_t doc_id, const char *name, const char *mime,
                      const void *data, size_t len, const char *text, const char *text_source)
{
    static const char *const sources[] = {"none", "docx", "pdf", "typed", NULL};
    if (!name || !name[0] || !mime || !one_of(text_source, sources)) return DV_EINVAL;
    unsigned char h[32];
    char hex[65];
    crypto_hash_sha256(h, data ? data : (const void *)"", data ? len : 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM documents WHERE id = ?1", RINT(doc_id));
    if (rc == DV_OK) rc = rstore_exec(db, SQL_FILE_DEL, RINT(doc_id));
    if (rc == DV_OK) {
        dv_stmt *st = db_prepare(db, SQL_FILE_INS);
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, doc_id);
            db_bind_text(st, 2, name);
            db_bind_text(st, 3, mime);
            db_bind_int(st, 4, (int64_t)len);
            db_bind_text(st, 5, hex);
            if (data && len) db_bind_blob(st, 6, data, len);
            else db_bind_null(st, 6);
            db_bind_text(st, 7, text ? text : "");
            db_bind_text(st, 8, text_source);
            if (actor && actor->id > 0) db_bind_int(st, 9, actor->id);
            else db_bind_null(st, 9);
            rc = db_exec(st);
        }
    }
    if (rc == DV_OK) rc = fts_refresh(db, doc_id);
    struct audit_change ch[] = {{"file", NULL, name}, {"text_source", NULL, text_source}};
    return audit_tx_end(db, rc, actor, NULL, "update", "document", doc_id, ch, 2);
}

int document_file_get(dv_db *db, dv_arena *a, int64_t doc_id, const char **name, const char **mime,
                      const void **data, size_t *len)
{
    dv_stmt *st = db_prepare(db, SQL_FILE_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, doc_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *name = col(a, st, 0);
        *mime = col(a, st, 1);
        size_t n = 0;
        const void *p = db_col_blob(st, 2, &n);
        void *copy = arena_alloc(a, n + 1);
        if (p && n) memcpy(copy, p, n);
        *data = copy;
        *len = n;
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? DV_OK : DV_ENOTFOUND;
}

static void bind_filter(dv_stmt *st, const char *fts, const struct document_filter *f)
{
    db_bind_text(st, 1, fts);
    db_bind_text(st, 2, f->doc_type && f->doc_type[0] ? f->doc_type : NULL);
    if (f->issuer_unit_id > 0) db_bind_int(st, 3, f->issuer_unit_id);
    else db_bind_null(st, 3);
    db_bind_text(st, 4, f->from);
    db_bind_text(st, 5, f->to);
    db_bind_int(st, 6, f->limit > 0 ? f->limit : 50);
    db_bind_int(st, 7, f->offset > 0 ? f->offset : 0);
}

int document_search(dv_db *db, dv_arena *a, const struct document_filter *f, struct document **out, size_t *n,
                    size_t *total)
{
    const char *fts = f->query && f->query[0] ? rstore_fts_query(db, a, search_fts_query(a, f->query)) : NULL;
    int pg = db_is_postgres(db);
    *out = NULL;
    *n = 0;
    if (total) *total = 0;
    if (f->query && f->query[0] && !fts) return DV_OK; /* nothing searchable: no hits */
    dv_stmt *st = db_prepare(db, pg ? SQL_SEARCH_PG : SQL_SEARCH);
    if (!st) return DV_EDB;
    bind_filter(st, fts, f);
    void *p = NULL;
    int rc = rstore_collect(st, a, sizeof(struct document), fill_doc, &p, n);
    *out = p;
    if (rc || !total) return rc;
    st = db_prepare(db, pg ? SQL_COUNT_PG : SQL_COUNT);
    if (!st) return DV_EDB;
    bind_filter(st, fts, f);
    rc = db_step(st);
    if (rc == DB_ROW) *total = (size_t)db_col_int(st, 0);
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}

int document_relation_add(dv_db *db, const struct dv_user *actor, int64_t from_id, int64_t to_id, const char *kind)
{
    static const char *const kinds[] = {"concretizes", "replaces", "amends", NULL};
    if (from_id <= 0 || to_id <= 0 || from_id == to_id || !one_of(kind, kinds)) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM documents WHERE id = ?1", RINT(to_id));
    if (rc == DV_OK) rc = rstore_exists(db, "SELECT 1 FROM documents WHERE id = ?1", RINT(from_id));
    if (rc == DV_ENOTFOUND) rc = DV_EINVAL;
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_REL_INS, RINT(from_id), RINT(to_id), RTEXT(kind),
                         RID0(actor && actor->id > 0 ? actor->id : 0));
    char to[24];
    snprintf(to, sizeof to, "%lld", (long long)to_id);
    struct audit_change ch[] = {{kind, NULL, to}};
    return audit_tx_end(db, rc, actor, NULL, "relate", "document", from_id, ch, 1);
}

int document_relations(dv_db *db, dv_arena *a, int64_t id, int outgoing, struct document_link **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, outgoing ? SQL_REL_OUT : SQL_REL_IN, id, sizeof(struct document_link),
                                fill_link, n, &rc);
    return rc;
}
