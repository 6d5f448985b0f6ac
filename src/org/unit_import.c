/* unit_import.c - imports the national table of provinces and communes (TSV) in one
 * transaction: every row is checked first, nothing is written if one is bad, and running
 * it again changes nothing. One audit row summarises the import. */
#include "org/unit.h"
#include "org/unit_tree.h"
#include "org/unit_internal.h"

#include "core/buf.h"
#include "core/err.h"
#include "org/audit.h"
#include "org/org.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_FROM "2025-07-01" /* the two-level local government took effect */
#define HEADER "province_code\tprovince_name\tcommune_code\tcommune_name"

struct row {
    long line;
    char *pcode, *pname, *ccode, *cname; /* cleaned NFC copies */
    const char *ctype;
};

struct rows {
    struct row *v;
    size_t n, cap;
};

static void rows_free(struct rows *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->v[i].pcode);
        free(rs->v[i].pname);
        free(rs->v[i].ccode);
        free(rs->v[i].cname);
    }
    free(rs->v);
}

static int all_digits(const char *s, size_t len)
{
    if (strlen(s) != len) return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static const char *type_from_name(const char *name)
{
    static const struct { const char *prefix, *type; } p[] = {
        {"Xã ", "commune"}, {"Phường ", "ward"}, {"Đặc khu ", "special_zone"},
    };
    for (size_t i = 0; i < sizeof p / sizeof *p; i++)
        if (strncmp(name, p[i].prefix, strlen(p[i].prefix)) == 0) return p[i].type;
    return NULL;
}

/* Split line into exactly 4 tab-separated fields (modifies line). */
static int split4(char *line, char *f[4])
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++) {
        if (*p == '\t') {
            if (n == 4) return 0;
            *p = '\0';
            f[n++] = p + 1;
        }
    }
    return n == 4;
}

static int clean_name(const char *s, char **out)
{
    if (!text_valid_utf8(s, strlen(s))) return 0;
    if (text_clean(s, strlen(s), 0, out) != 0) return 0;
    if (!**out) {
        free(*out);
        *out = NULL;
        return 0;
    }
    return 1;
}

/* One data row (tab-separated, NUL-free, trimmed of its line end) into r, which owns its
 * strings on success: 0 or DV_EINVAL with err set. */
static int parse_row(char *line, long lineno, struct row *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    char *fld[4];
    if (!split4(line, fld)) {
        snprintf(err, errlen, "line %ld: expected 4 tab-separated columns", lineno);
        return DV_EINVAL;
    }
    if (!all_digits(fld[0], 2)) {
        snprintf(err, errlen, "line %ld: province code must be 2 digits", lineno);
        return DV_EINVAL;
    }
    if (!all_digits(fld[2], 5)) {
        snprintf(err, errlen, "line %ld: commune code must be 5 digits", lineno);
        return DV_EINVAL;
    }
    r->line = lineno;
    if (!clean_name(fld[1], &r->pname)) {
        snprintf(err, errlen, "line %ld: province name is empty or not valid UTF-8", lineno);
        return DV_EINVAL;
    }
    if (!clean_name(fld[3], &r->cname)) {
        free(r->pname);
        snprintf(err, errlen, "line %ld: commune name is empty or not valid UTF-8", lineno);
        return DV_EINVAL;
    }
    r->ctype = type_from_name(r->cname);
    if (!r->ctype) {
        free(r->pname);
        free(r->cname);
        snprintf(err, errlen, "line %ld: commune name must start with \"Xã\", \"Phường\" or \"Đặc khu\"",
                 lineno);
        return DV_EINVAL;
    }
    r->pcode = xstrdup(fld[0]);
    r->ccode = xstrdup(fld[2]);
    return 0;
}

/* The row agrees with the earlier ones (a province keeps its name, a commune code appears
 * once): 0 or DV_EINVAL with err set. */
static int row_consistent(const struct rows *rs, const struct row *r, long lineno, char *err, size_t errlen)
{
    int rc = 0;
    for (size_t i = 0; i < rs->n && rc == 0; i++) {
        if (strcmp(rs->v[i].pcode, r->pcode) == 0 && strcmp(rs->v[i].pname, r->pname) != 0) {
            snprintf(err, errlen, "line %ld: province %s is named \"%s\" here but \"%s\" on line %ld",
                     lineno, r->pcode, r->pname, rs->v[i].pname, rs->v[i].line);
            rc = DV_EINVAL;
        } else if (strcmp(rs->v[i].ccode, r->ccode) == 0) {
            snprintf(err, errlen, "line %ld: commune code %s repeats line %ld", lineno, r->ccode,
                     rs->v[i].line);
            rc = DV_EINVAL;
        }
    }
    return rc;
}

/* Read and check every row; 0 or DV_EINVAL/DV_EIO with err set. */
static int read_rows(const char *path, struct rows *rs, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open %s", path);
        return DV_EIO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int rc = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (lineno == 1) {
            const char *h = line;
            if (strncmp(h, "\xEF\xBB\xBF", 3) == 0) h += 3; /* a BOM */
            if (strcmp(h, HEADER) != 0) {
                snprintf(err, errlen, "line 1: expected the header \"province_code, province_name, "
                         "commune_code, commune_name\" (tab-separated)");
                rc = DV_EINVAL;
                break;
            }
            continue;
        }
        if (len == 0) continue; /* blank line (e.g. at the end) */
        if (memchr(line, '\0', (size_t)len)) {
            snprintf(err, errlen, "line %ld: contains a NUL byte", lineno);
            rc = DV_EINVAL;
            break;
        }
        struct row r;
        if ((rc = parse_row(line, lineno, &r, err, errlen)) != 0) break;
        if ((rc = row_consistent(rs, &r, lineno, err, errlen)) != 0) {
            free(r.pcode);
            free(r.pname);
            free(r.ccode);
            free(r.cname);
            break;
        }
        rs->v = xgrow(rs->v, rs->n, &rs->cap, sizeof *rs->v);
        rs->v[rs->n++] = r;
    }
    if (rc == 0 && lineno == 0) {
        snprintf(err, errlen, "%s is empty", path);
        rc = DV_EINVAL;
    } else if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "cannot read %s", path);
        rc = DV_EIO;
    }
    free(line);
    fclose(f);
    return rc;
}

/* Create or check one unit; counts what happened. */
static int upsert(dv_db *db, const char *code, const char *name, const char *type, int64_t parent,
                  struct unit_import_counts *c, int64_t *id_out, long line, char *err, size_t errlen)
{
    int64_t id;
    char old[512];
    int rc = unit_store_lookup(db, code, IMPORT_FROM, &id, old, sizeof old);
    if (rc) goto dberr;
    int changed = 0;
    if (!id) {
        struct unit_input in = {.code = code, .name = name, .type = type, .valid_from = IMPORT_FROM,
                                .parent_id = parent};
        rc = unit_create_in_tx(db, NULL, NULL, &in, 0, &id);
        if (rc == DV_ECONFLICT) {
            snprintf(err, errlen, "line %ld: code %s is already used by another open unit", line, code);
            return rc;
        }
        if (rc) goto dberr;
        c->created++;
    } else {
        if (strcmp(old, name) != 0) {
            if ((rc = unit_store_rename_tx(db, NULL, id, old, name)) != 0) goto dberr;
            changed = 1;
        }
        if (parent) {
            int added;
            if ((rc = unit_store_ensure_link(db, id, parent, IMPORT_FROM, &added)) != 0) goto dberr;
            changed |= added;
        }
        if (changed) c->updated++;
        else c->unchanged++;
    }
    *id_out = id;
    return 0;
dberr:
    snprintf(err, errlen, "line %ld: the store failed (%s)", line, dv_strerror(rc));
    return rc;
}

int unit_import_tsv(dv_db *db, const char *path, int progress, struct unit_import_counts *counts,
                    char *err, size_t errlen)
{
    struct unit_import_counts c = {0, 0, 0};
    struct rows rs = {NULL, 0, 0};
    int rc = read_rows(path, &rs, err, errlen);
    if (rc) goto out;
    if ((rc = db_begin(db)) != 0) {
        snprintf(err, errlen, "cannot begin a transaction");
        goto out;
    }
    int64_t province_id[100] = {0}; /* by the 2-digit code */
    for (size_t i = 0; i < rs.n; i++) {
        struct row *r = &rs.v[i];
        int pc = atoi(r->pcode);
        if (!province_id[pc] &&
            (rc = upsert(db, r->pcode, r->pname, "province", 0, &c, &province_id[pc], r->line, err, errlen)) != 0)
            goto fail;
        int64_t pid = province_id[pc];
        int64_t cid;
        if ((rc = upsert(db, r->ccode, r->cname, r->ctype, pid, &c, &cid, r->line, err, errlen)) != 0)
            goto fail;
        if (progress && (i + 1) % 500 == 0)
            fprintf(stderr, "import-units: %zu of %zu rows\n", i + 1, rs.n);
    }
    char created[24], updated[24], unchanged[24], rows[24];
    snprintf(created, sizeof created, "%ld", c.created);
    snprintf(updated, sizeof updated, "%ld", c.updated);
    snprintf(unchanged, sizeof unchanged, "%ld", c.unchanged);
    snprintf(rows, sizeof rows, "%zu", rs.n);
    struct audit_change ch[] = {
        {"rows", NULL, rows},       {"created", NULL, created},
        {"updated", NULL, updated}, {"unchanged", NULL, unchanged},
    };
    if ((rc = audit_write(db, NULL, NULL, "import", "unit", 0, ch, 4)) != 0) {
        snprintf(err, errlen, "cannot write the audit row");
        goto fail;
    }
    if ((rc = unit_tree_commit(db)) != 0) {
        snprintf(err, errlen, "cannot commit the import");
        goto fail;
    }
    goto out;
fail:
    db_rollback(db);
    c.created = c.updated = c.unchanged = 0;
out:
    rows_free(&rs);
    if (counts) *counts = c;
    return rc;
}

int units_import_tsv(dv_db *db, const char *path, int progress, char *err, size_t errlen)
{
    return unit_import_tsv(db, path, progress, NULL, err, errlen);
}
