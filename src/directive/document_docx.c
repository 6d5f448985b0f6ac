/* document_docx.c - the plain text of a DOCX file (libzip + libxml2): the text runs (w:t) of
 * word/document.xml, one line per paragraph (w:p), tabs and breaks as spaces and new lines.
 * PDF files have no Debian library here for text (poppler-glib is not in the package lists):
 * their text is typed or pasted by the person who registers the document. */
#include "directive/directive.h"

#include "core/buf.h"
#include "core/err.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <zip.h>

/* A Word body of 8 MB is a thousand pages; a zip bomb inflated 1,000 times past it is refused
 * (fuzz_docx: a 31 KB upload inflated to 30 MB of text, some 100 MB of memory per request). The
 * text kept for search stops at DOCX_TEXT_MAX. */
#define DOCX_PART_MAX (8u << 20)
#define DOCX_TEXT_MAX (1u << 20)

static char *part_read(dv_arena *a, zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > DOCX_PART_MAX) return NULL;
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
    *len = (size_t)got;
    return p;
}

static void walk(xmlNode *n, dv_buf *out, int depth)
{
    for (; n && depth < 64 && out->len < DOCX_TEXT_MAX; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "t")) {
            xmlChar *s = xmlNodeGetContent(n);
            if (s) buf_puts(out, (const char *)s);
            xmlFree(s);
        } else if (!strcmp(name, "tab")) buf_puts(out, " ");
        else if (!strcmp(name, "br")) buf_puts(out, "\n");
        else walk(n->children, out, depth + 1);
        if (!strcmp(name, "p")) buf_puts(out, "\n");
    }
}

int document_docx_text(dv_arena *a, const void *data, size_t len, const char **text)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    if (!src) return DV_EINVAL;
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!z) {
        zip_source_free(src);
        zip_error_fini(&err);
        return DV_EINVAL;
    }
    size_t n = 0;
    char *xml = part_read(a, z, "word/document.xml", &n);
    zip_close(z);
    zip_error_fini(&err);
    if (!xml) return DV_EINVAL;
    xmlDoc *doc = xmlReadMemory(xml, (int)n, "document.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return DV_EINVAL;
    dv_buf b = DV_BUF_INIT;
    walk(xmlDocGetRootElement(doc), &b, 0);
    xmlFreeDoc(doc);
    if (b.len > DOCX_TEXT_MAX) { /* at a character's start, not inside one */
        size_t k = DOCX_TEXT_MAX;
        while (k > 0 && ((unsigned char)b.data[k] & 0xC0) == 0x80) k--;
        b.len = k;
        b.data[k] = 0;
    }
    *text = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return DV_OK;
}
