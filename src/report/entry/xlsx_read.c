/* xlsx_read.c - reads XLSX workbooks: workbook.xml → sheet names and their parts (through
 * workbook.xml.rels), sharedStrings.xml, then each sheet's cells (see xlsx_read.h). */
#include "report/entry/xlsx_read.h"

#include "core/form_check.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define WHY_NOT_ZIP N_("The file is not an XLSX workbook (not a zip archive).")
#define WHY_NOT_XLSX N_("The file is not an XLSX workbook (no workbook part).")

/* Reads one part of the archive into the arena (NUL-terminated); NULL when absent or too big. */
static char *part_read(dv_arena *a, zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_PART_MAX) return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f) return NULL;
    char *p = arena_alloc(a, (size_t)st.size + 1);
    zip_int64_t got = 0;
    while ((zip_uint64_t)got < st.size) {
        zip_int64_t k = zip_fread(f, p + got, st.size - (zip_uint64_t)got);
        if (k <= 0) break;
        got += k;
    }
    zip_fclose(f);
    if ((zip_uint64_t)got != st.size) return NULL;
    p[got] = 0;
    if (len) *len = (size_t)got;
    return p;
}

static xmlDoc *part_xml(dv_arena *a, zip_t *z, const char *name)
{
    size_t n = 0;
    char *p = part_read(a, z, name, &n);
    if (!p) return NULL;
    /* no network, no entity substitution, no DTD loading */
    return xmlReadMemory(p, (int)n, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static int is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNode *child(xmlNode *n, const char *local)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, local)) return c;
    return NULL;
}

/* An attribute by local name, whatever its namespace (r:id). Arena copy or NULL. */
static const char *attr(dv_arena *a, xmlNode *n, const char *local)
{
    for (xmlAttr *at = n->properties; at; at = at->next) {
        if (strcmp((const char *)at->name, local) != 0) continue;
        xmlChar *v = xmlNodeGetContent((xmlNode *)at);
        const char *r = arena_strdup(a, (const char *)v);
        xmlFree(v);
        return r;
    }
    return NULL;
}

/* The text of every <t> under n, skipping phonetic runs (<rPh>). */
static void text_of(xmlNode *n, dv_buf *b)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is(c, "rPh")) continue;
        if (is(c, "t")) {
            xmlChar *v = xmlNodeGetContent(c);
            if (v) buf_puts(b, (const char *)v);
            xmlFree(v);
        } else {
            text_of(c, b);
        }
    }
}

int xlsx_ref_parse(const char *ref, int *row, int *col)
{
    int c = 0, r = 0;
    const char *p = ref;
    if (!p) return -1;
    while (*p >= 'A' && *p <= 'Z') {
        c = c * 26 + (*p - 'A' + 1);
        if (c > 16384) return -1;
        p++;
    }
    if (c == 0) return -1;
    while (*p >= '0' && *p <= '9') {
        r = r * 10 + (*p - '0');
        if (r > 1048576) return -1;
        p++;
    }
    if (*p || r == 0) return -1;
    *row = r;
    *col = c;
    return 0;
}

const char *xlsx_ref(dv_arena *a, int row, int col)
{
    char letters[8];
    int n = 0;
    while (col > 0 && n < 7) {
        int m = (col - 1) % 26;
        letters[n++] = (char)('A' + m);
        col = (col - 1) / 26;
    }
    char rev[8];
    for (int i = 0; i < n; i++) rev[i] = letters[n - 1 - i];
    rev[n] = 0;
    return arena_printf(a, "%s%d", rev, row);
}

double xlsx_iso_to_serial(int y, int m, int d)
{
    /* serial 25569 = 1970-01-01 (the 1900 system, counting Excel's phantom 29 Feb 1900) */
    return (double)(clock_days_from_civil(y, m, d) + 25569);
}

int xlsx_serial_to_iso(double serial, char out[11])
{
    if (!(serial >= 61 && serial < 2958466)) return -1; /* 1900-03-01 .. 9999-12-31 */
    int y, m, d;
    clock_civil_from_days((long)floor(serial) - 25569, &y, &m, &d);
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
    return 0;
}

struct strtab {
    const char **s;
    size_t n;
};

static void read_shared(dv_arena *a, zip_t *z, struct strtab *t)
{
    xmlDoc *doc = part_xml(a, z, "xl/sharedStrings.xml");
    if (!doc) return;
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t cap = 0;
    for (xmlNode *si = root ? root->children : NULL; si; si = si->next) {
        if (!is(si, "si")) continue;
        t->s = arena_grow(a, t->s, t->n, &cap, sizeof *t->s);
        dv_buf b = {0};
        text_of(si, &b);
        t->s[t->n++] = arena_strdup(a, buf_cstr(&b));
        buf_free(&b);
    }
    xmlFreeDoc(doc);
}

static int read_sheet(dv_arena *a, zip_t *z, const char *part, const struct strtab *ss, struct xlsx_sheet *sh,
                      size_t *total)
{
    xmlDoc *doc = part_xml(a, z, part);
    if (!doc) return DV_EINVAL;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *data = child(root, "sheetData");
    size_t cap = 0;
    for (xmlNode *row = data ? data->children : NULL; row; row = row->next) {
        if (!is(row, "row")) continue;
        for (xmlNode *c = row->children; c; c = c->next) {
            if (!is(c, "c")) continue;
            const char *ref = attr(a, c, "r");
            const char *t = attr(a, c, "t");
            struct xlsx_cell cell = {0};
            if (!ref || xlsx_ref_parse(ref, &cell.row, &cell.col) != 0) continue;
            xmlNode *v = child(c, "v");
            xmlChar *vt = v ? xmlNodeGetContent(v) : NULL;
            const char *val = vt ? arena_strdup(a, (const char *)vt) : NULL;
            xmlFree(vt);
            if (t && strcmp(t, "inlineStr") == 0) {
                xmlNode *is_ = child(c, "is");
                dv_buf b = {0};
                if (is_) text_of(is_, &b);
                cell.kind = XLSX_STR;
                cell.text = arena_strdup(a, buf_cstr(&b));
                buf_free(&b);
            } else if (!val) {
                continue; /* a styled empty cell */
            } else if (t && strcmp(t, "s") == 0) {
                long long i;
                if (!form_parse_ll(val, &i) || i < 0 || (size_t)i >= ss->n) continue;
                cell.kind = XLSX_STR;
                cell.text = ss->s[i];
            } else if (t && (strcmp(t, "str") == 0)) {
                cell.kind = XLSX_STR;
                cell.text = val;
            } else if (t && strcmp(t, "b") == 0) {
                cell.kind = XLSX_BOOL;
                cell.num = strcmp(val, "1") == 0;
                cell.text = cell.num ? "1" : "0";
            } else if (t && strcmp(t, "e") == 0) {
                cell.kind = XLSX_ERR;
                cell.text = val;
            } else {
                char *end;
                cell.num = strtod(val, &end);
                if (*end) continue;
                cell.kind = XLSX_NUM;
                cell.text = val;
            }
            if (++*total > XLSX_CELLS_MAX) {
                xmlFreeDoc(doc);
                return DV_ETOOBIG;
            }
            sh->cells = arena_grow(a, sh->cells, sh->ncells, &cap, sizeof *sh->cells);
            sh->cells[sh->ncells++] = cell;
        }
    }
    xmlFreeDoc(doc);
    return 0;
}

/* "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml". */
static const char *part_path(dv_arena *a, const char *target)
{
    if (target[0] == '/') return arena_strdup(a, target + 1);
    return arena_printf(a, "xl/%s", target);
}

int xlsx_read(dv_arena *a, const void *data, size_t n, struct xlsx_book *out, const char **why)
{
    memset(out, 0, sizeof *out);
    *why = WHY_NOT_ZIP;
    if (n < 4 || memcmp(data, "PK\x03\x04", 4) != 0) return DV_EINVAL;
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &zerr);
    if (!src) return DV_EINVAL;
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    zip_error_fini(&zerr);
    if (!z) {
        zip_source_free(src);
        return DV_EINVAL;
    }
    *why = WHY_NOT_XLSX;
    int rc = DV_EINVAL;
    xmlDoc *wb = part_xml(a, z, "xl/workbook.xml");
    xmlDoc *rels = part_xml(a, z, "xl/_rels/workbook.xml.rels");
    if (!wb || !rels) goto done;

    struct strtab ss = {0};
    read_shared(a, z, &ss);
    xmlNode *sheets = child(xmlDocGetRootElement(wb), "sheets");
    xmlNode *rroot = xmlDocGetRootElement(rels);
    size_t cap = 0, total = 0;
    for (xmlNode *s = sheets ? sheets->children : NULL; s; s = s->next) {
        if (!is(s, "sheet")) continue;
        const char *name = attr(a, s, "name"), *rid = attr(a, s, "id");
        const char *target = NULL;
        for (xmlNode *r = rroot ? rroot->children : NULL; r && rid; r = r->next) {
            if (!is(r, "Relationship")) continue;
            const char *id = attr(a, r, "Id");
            if (id && strcmp(id, rid) == 0) target = attr(a, r, "Target");
        }
        if (!name || !target) continue;
        out->sheets = arena_grow(a, out->sheets, out->nsheets, &cap, sizeof *out->sheets);
        struct xlsx_sheet *sh = &out->sheets[out->nsheets];
        memset(sh, 0, sizeof *sh);
        sh->name = name;
        int e = read_sheet(a, z, part_path(a, target), &ss, sh, &total);
        if (e == DV_ETOOBIG) {
            rc = DV_ETOOBIG;
            *why = N_("The workbook is too big.");
            goto done;
        }
        if (e == 0) out->nsheets++;
    }
    if (out->nsheets > 0) {
        rc = 0;
        *why = NULL;
    }
done:
    if (wb) xmlFreeDoc(wb);
    if (rels) xmlFreeDoc(rels);
    zip_discard(z);
    return rc;
}

const struct xlsx_sheet *xlsx_sheet_find(const struct xlsx_book *b, const char *name)
{
    for (size_t i = 0; i < b->nsheets; i++)
        if (strcmp(b->sheets[i].name, name) == 0) return &b->sheets[i];
    return NULL;
}

const struct xlsx_cell *xlsx_cell_at(const struct xlsx_sheet *s, int row, int col)
{
    if (!s) return NULL;
    for (size_t i = 0; i < s->ncells; i++)
        if (s->cells[i].row == row && s->cells[i].col == col) return &s->cells[i];
    return NULL;
}
