/* tplc.c - the template compiler: TEMPLATE_ROOT/<area>/<name>.html → OUTDIR/tpl.c + tpl.h.
 *
 * Usage: tplc TEMPLATE_ROOT OUTDIR FILE...   (syntax and contract: HACKING.md, "Templates")
 *
 * Each template becomes `void tpl_<area>_<name>(dv_buf *out, <params>)`. Literal HTML is
 * appended as is; every {{ }} placeholder is escaped by the HTML context it stands in, which
 * a small state machine tracks over the literal text (text, tag, attribute name, quoted or
 * unquoted value, <script>/<style> raw text, <title>/<textarea>, comment). Placeholders in
 * contexts no escaper makes safe are compile errors "file:line: error: ...", exit status 1,
 * and then nothing is written. Outputs are replaced atomically and only when they change.
 * Only libc: this runs at build time. Tested by tests/tplc/run.sh.
 */
#include "tool_io.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char tool_name[] = "tplc";

/* ------------------------------------------------------------------ strings */

static char *xstrdup_or_die(const char *s)
{
    char *p = strdup(s);
    if (!p) die_oom();
    return p;
}

#include "tplc_html.h"

/* ------------------------------------------------------------------ one template */

struct tpl {
    const char *path;   /* as given on the command line: for messages and #line */
    char *fname;        /* "tpl_org_unit" */
    char *src;          /* the file, NUL-terminated */
    size_t len;
    char *params;       /* the C parameter list, or NULL */
    int params_line;
    char **includes;    /* "\"org/unit_view.h\"" or "<stdio.h>" */
    size_t n_includes;
    sbuf body;          /* the generated statements */
    int seen_body;      /* content, code or a placeholder seen: no more params/include */
    struct html_ctx ctx;
    int ctx_line;       /* the line where the context last left text: for "unclosed" */
};

static int tpl_error(const struct tpl *t, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int tpl_error(const struct tpl *t, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: error: ", t->path, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

/* Appends s as a C string literal for a path in #line. */
static void emit_c_path(sbuf *b, const char *s)
{
    sb_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') sb_puts(b, "\\");
        sb_add(b, s, 1);
    }
    sb_puts(b, "\"");
}

static void emit_line(struct tpl *t, int line)
{
    sb_printf(&t->body, "#line %d ", line);
    emit_c_path(&t->body, t->path);
    sb_puts(&t->body, "\n");
}

/* Appends bytes as the contents of a C string literal, splitting after each newline. */
static void emit_c_string_body(sbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n') {
            sb_puts(b, i + 1 < n ? "\\n\"\n        \"" : "\\n");
        } else if (ch == '"' || ch == '\\') {
            char esc[2] = {'\\', (char)ch};
            sb_add(b, esc, 2);
        } else if (ch == '\t') {
            sb_puts(b, "\\t");
        } else if (ch == '\r') {
            sb_puts(b, "\\r");
        } else if (ch == '?' && i > 0 && s[i - 1] == '?') {
            sb_puts(b, "\\?"); /* no trigraphs */
        } else if (ch < 0x20 || ch == 0x7f) {
            sb_printf(b, "\\%03o", ch);
        } else {
            sb_add(b, s + i, 1); /* printable ASCII, and UTF-8 (checked on load) */
        }
    }
}

/* Literal HTML starting on line `line`: advances the context over it and appends it to
 * the output. */
static void emit_literal(struct tpl *t, const char *s, size_t n, int line)
{
    if (n == 0) return;
    for (size_t i = 0; i < n; i++) {
        enum hstate before = t->ctx.st;
        ctx_feed(&t->ctx, s[i]);
        if (before == H_TEXT && t->ctx.st != H_TEXT) t->ctx_line = line;
        line += s[i] == '\n';
        if (!is_space(s[i])) t->seen_body = 1;
    }
    sb_puts(&t->body, "    buf_append(out, \"");
    emit_c_string_body(&t->body, s, n);
    sb_printf(&t->body, "\", %zu);\n", n);
}

static int count_newlines(const char *s, size_t from, size_t to)
{
    int n = 0;
    for (size_t i = from; i < to; i++) n += s[i] == '\n';
    return n;
}

/* Skips a C string or character literal starting at s[i]; returns the index after it, or
 * i + 1 if it does not close on this line (an apostrophe in prose or a // comment). */
static size_t skip_c_literal(const char *s, size_t len, size_t i)
{
    char q = s[i];
    for (size_t j = i + 1; j < len && s[j] != '\n'; j++) {
        if (s[j] == '\\') j++;
        else if (s[j] == q) return j + 1;
    }
    return i + 1;
}

/* The index just after the "}}" or "%}" closing the tag opened at s[start], skipping C
 * literals and comments inside; 0 if it is unterminated. */
static size_t find_tag_end(const char *s, size_t len, size_t start, char closer)
{
    size_t i = start + 2;
    while (i < len) {
        if (s[i] == '"' || s[i] == '\'') {
            i = skip_c_literal(s, len, i);
        } else if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
            const char *end = strstr(s + i + 2, "*/");
            if (!end) return 0;
            i = (size_t)(end - s) + 2;
        } else if (s[i] == closer && i + 1 < len && s[i + 1] == '}') {
            return i + 2;
        } else {
            i++;
        }
    }
    return 0;
}

/* Where the line holding s[pos] starts, if only blanks precede pos on it; else SIZE_MAX. */
static size_t blank_line_start(const char *s, size_t pos)
{
    while (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\t')) pos--;
    return (pos == 0 || s[pos - 1] == '\n') ? pos : SIZE_MAX;
}

/* Where the next line starts, if only blanks follow pos on its line; else SIZE_MAX. */
static size_t blank_line_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && (s[pos] == ' ' || s[pos] == '\t')) pos++;
    if (pos == len) return pos;
    if (s[pos] == '\n') return pos + 1;
    if (s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n') return pos + 2;
    return SIZE_MAX;
}

/* s[0..n) with surrounding white space removed, as a new string. */
static char *trimmed_dup(const char *s, size_t n)
{
    while (n > 0 && is_space(*s)) s++, n--;
    while (n > 0 && is_space(s[n - 1])) n--;
    char *p = malloc(n + 1);
    if (!p) die_oom();
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Whether s starts with the word kw followed by white space or the end. */
static int starts_with_word(const char *s, const char *kw)
{
    size_t n = strlen(kw);
    return strncmp(s, kw, n) == 0 && (s[n] == '\0' || is_space(s[n]));
}

/* Runs of white space (newlines too) become one space: params go on one line in tpl.h. */
static void collapse_spaces(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (is_space(*r)) {
            if (w > s && w[-1] != ' ') *w++ = ' ';
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static int handle_params(struct tpl *t, const char *rest, int line)
{
    if (t->params || t->seen_body || t->n_includes)
        return tpl_error(t, line, "{%% params %%} must be the first line of the template");
    if (!*rest) return tpl_error(t, line, "{%% params %%} needs a C parameter list");
    t->params = xstrdup_or_die(rest);
    collapse_spaces(t->params);
    t->params_line = line;
    return 0;
}

static int handle_include(struct tpl *t, const char *rest, int line)
{
    if (t->seen_body)
        return tpl_error(t, line, "{%% include %%} must come before any content; to call "
                                  "another template write {%% tpl_x(out, ...); %%}");
    size_t n = strlen(rest);
    int quoted = n >= 3 && rest[0] == '"' && rest[n - 1] == '"' &&
                 !memchr(rest + 1, '"', n - 2);
    int angled = n >= 3 && rest[0] == '<' && rest[n - 1] == '>' &&
                 !memchr(rest + 1, '>', n - 2);
    if (!quoted && !angled)
        return tpl_error(t, line, "{%% include %%} needs one \"header.h\" or <header.h>");
    char **inc = realloc(t->includes, (t->n_includes + 1) * sizeof *inc);
    if (!inc) die_oom();
    t->includes = inc;
    t->includes[t->n_includes++] = xstrdup_or_die(rest);
    return 0;
}

/* {% ... %}: a params or include directive, or C statements copied as they are. */
static int handle_code(struct tpl *t, const char *s, size_t n, int line)
{
    char *text = trimmed_dup(s, n);
    int rc = 0;
    if (starts_with_word(text, "params")) {
        char *rest = trimmed_dup(text + 6, strlen(text + 6));
        rc = handle_params(t, rest, line);
        free(rest);
    } else if (starts_with_word(text, "include")) {
        char *rest = trimmed_dup(text + 7, strlen(text + 7));
        rc = handle_include(t, rest, line);
        free(rest);
    } else if (*text) {
        t->seen_body = 1;
        emit_line(t, line);
        sb_add(&t->body, s, n);
        sb_puts(&t->body, "\n");
    }
    free(text);
    return rc;
}

/* Whether s is one or more C string literals and nothing else (what xgettext can read). */
static int is_string_literals(const char *s)
{
    int count = 0;
    for (;;) {
        while (is_space(*s)) s++;
        if (!*s) return count > 0;
        if (*s != '"') return 0;
        s++;
        while (*s && *s != '"' && *s != '\n') s += (s[0] == '\\' && s[1]) ? 2 : 1;
        if (*s != '"') return 0;
        s++;
        count++;
    }
}

/* The escaper for a placeholder of kind ('s' string, 't' translation, 'd' integer, 'h' raw
 * html) in the current context; NULL after reporting an error. */
static const char *placeholder_escaper(struct tpl *t, char kind, int line)
{
    char why[160];
    const char *esc = ctx_escaper(&t->ctx, why, sizeof why);
    if (!esc) {
        tpl_error(t, line, "%s", why);
        return NULL;
    }
    if (kind == 'h' && t->ctx.st != H_TEXT) {
        tpl_error(t, line, "{{html}} is only allowed in text, not in %s",
                  ctx_describe(&t->ctx));
        return NULL;
    }
    if (kind == 'h') return "html_raw";
    if (kind == 'd') return "html_int";
    return esc;
}

/* {{ expr }}, {{d expr }}, {{t "msgid" }}, {{html expr }}. */
static int handle_placeholder(struct tpl *t, const char *s, size_t n, int line)
{
    char kind = 's';
    if (n >= 2 && s[0] == 'd' && is_space(s[1])) kind = 'd', s += 1, n -= 1;
    else if (n >= 2 && s[0] == 't' && is_space(s[1])) kind = 't', s += 1, n -= 1;
    else if (n >= 5 && strncmp(s, "html", 4) == 0 && is_space(s[4]))
        kind = 'h', s += 4, n -= 4;
    char *expr = trimmed_dup(s, n);
    int rc = 0;
    if (!*expr) {
        rc = tpl_error(t, line, "empty placeholder");
    } else if (kind == 't' && !is_string_literals(expr)) {
        rc = tpl_error(t, line, "{{t}} needs a string literal: {{t \"English text\" }}");
    } else {
        const char *esc = placeholder_escaper(t, kind, line);
        if (!esc) rc = -1;
        else {
            t->seen_body = 1;
            emit_line(t, line);
            if (kind == 't') sb_printf(&t->body, "    %s(out, _(%s));\n", esc, expr);
            else sb_printf(&t->body, "    %s(out, (%s));\n", esc, expr);
            ctx_after_placeholder(&t->ctx);
        }
    }
    free(expr);
    return rc;
}

/* The length of the UTF-8 sequence a lead byte starts, 0 for a bad lead byte or NUL. */
static size_t utf8_lead_len(unsigned char c)
{
    if (c == 0) return 0;
    if (c < 0x80) return 1;
    if (c >= 0xc2 && c <= 0xdf) return 2;
    if (c >= 0xe0 && c <= 0xef) return 3;
    if (c >= 0xf0 && c <= 0xf4) return 4;
    return 0;
}

/* The offset of the first byte that is not valid UTF-8 (or a NUL), or SIZE_MAX: the
 * template is copied into C string literals as it is. */
static size_t first_bad_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_lead_len(s[i]);
        if (n == 0 || n > len - i) return i;
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xc0) != 0x80) return i;
        i += n;
    }
    return SIZE_MAX;
}

/* Compiles t->src into t->body; returns 0 or -1 after reporting the first error. */
static int tpl_compile(struct tpl *t)
{
    const char *s = t->src;
    size_t len = t->len, pos = 0, lit = 0;
    int line = 1; /* the line of s[pos] */
    while (pos + 1 < len) {
        if (s[pos] != '{' || (s[pos + 1] != '{' && s[pos + 1] != '%')) {
            line += s[pos++] == '\n';
            continue;
        }
        char kind = s[pos + 1];
        size_t end = find_tag_end(s, len, pos, kind == '{' ? '}' : '%');
        if (!end)
            return tpl_error(t, line, "unterminated %s", kind == '{' ? "{{" : "{%");
        size_t lit_end = pos, next = end;
        if (kind == '%') { /* a tag alone on its line takes the line with it */
            size_t ls = blank_line_start(s, pos), le = blank_line_end(s, len, end);
            if (ls != SIZE_MAX && le != SIZE_MAX) lit_end = ls, next = le;
        }
        emit_literal(t, s + lit, lit_end - lit, line - count_newlines(s, lit, pos));
        int rc = kind == '{' ? handle_placeholder(t, s + pos + 2, end - pos - 4, line)
                             : handle_code(t, s + pos + 2, end - pos - 4, line);
        if (rc) return rc;
        line += count_newlines(s, pos, next);
        pos = lit = next;
    }
    emit_literal(t, s + lit, len - lit, line - count_newlines(s, lit, pos));
    if (t->ctx.st != H_TEXT)
        return tpl_error(t, t->ctx_line, "unclosed: the template ends inside %s begun here",
                         ctx_describe(&t->ctx));
    return 0;
}

static int tpl_load(struct tpl *t)
{
    sbuf b = {0};
    if (read_whole(t->path, &b)) {
        perror(t->path);
        free(b.p);
        return -1;
    }
    t->src = b.p;
    t->len = b.len;
    size_t bad = first_bad_utf8((const unsigned char *)t->src, t->len);
    if (bad != SIZE_MAX)
        return tpl_error(t, 1 + count_newlines(t->src, 0, bad),
                         "not valid UTF-8 (or a NUL byte) at byte %zu", bad);
    return 0;
}

/* ------------------------------------------------------------------ names */

/* "tpl_<area>_<name>" from ROOT/<area>/<name>.html, or NULL after reporting why. */
static char *function_name(const char *root_real, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        perror(path);
        return NULL;
    }
    size_t rl = strlen(root_real), n = strlen(real);
    if (strncmp(real, root_real, rl) != 0 || real[rl] != '/') {
        fprintf(stderr, "%s:1: error: not under the template root %s\n", path, root_real);
        return NULL;
    }
    const char *rel = real + rl + 1;
    n -= rl + 1;
    if (n <= 5 || strcmp(rel + n - 5, ".html") != 0) {
        fprintf(stderr, "%s:1: error: a template's name must end in .html\n", path);
        return NULL;
    }
    sbuf name = {0};
    sb_puts(&name, "tpl_");
    for (size_t i = 0; i < n - 5; i++) {
        char c = rel[i] == '/' || rel[i] == '-' ? '_' : rel[i];
        if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '_') {
            fprintf(stderr, "%s:1: error: '%c' in a template path: use letters, digits, "
                            "'_' and '-'\n", path, rel[i]);
            free(name.p);
            return NULL;
        }
        sb_add(&name, &c, 1);
    }
    return name.p;
}

static int tpl_cmp(const void *a, const void *b)
{
    return strcmp(((const struct tpl *)a)->fname, ((const struct tpl *)b)->fname);
}

/* ------------------------------------------------------------------ output */

static void signature(sbuf *b, const struct tpl *t)
{
    sb_printf(b, "void %s(dv_buf *out%s%s)", t->fname, t->params ? ", " : "",
              t->params ? t->params : "");
}

static int has_include(char **list, size_t n, const char *inc)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], inc) == 0) return 1;
    return 0;
}

static void gen_header(sbuf *h, const struct tpl *tpls, size_t n)
{
    sb_puts(h, "/* tpl.h - generated by tools/tplc from the HTML templates; do not edit. */\n"
               "#ifndef DV_TPL_H\n#define DV_TPL_H\n\n"
               "#include \"core/buf.h\"\n#include \"core/html.h\"\n");
    char **seen = NULL;
    size_t n_seen = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < tpls[i].n_includes; k++) {
            const char *inc = tpls[i].includes[k];
            if (has_include(seen, n_seen, inc)) continue;
            char **grown = realloc(seen, (n_seen + 1) * sizeof *grown);
            if (!grown) die_oom();
            seen = grown;
            seen[n_seen++] = (char *)inc;
            sb_printf(h, "#include %s\n", inc);
        }
    }
    free(seen);
    sb_puts(h, "\n");
    for (size_t i = 0; i < n; i++) {
        signature(h, &tpls[i]);
        sb_puts(h, ";\n");
    }
    sb_puts(h, "\n#endif\n");
}

static void gen_source(sbuf *c, const struct tpl *tpls, size_t n, const char *c_path)
{
    sb_puts(c, "/* tpl.c - generated by tools/tplc from the HTML templates; do not edit. */\n"
               "#include \"tpl.h\"\n\n"
               "#include \"core/buf.h\"\n#include \"core/html.h\"\n#include \"core/i18n.h\"\n"
               "#include <libintl.h>\n#ifndef _\n#define _(s) gettext(s)\n#endif\n");
    for (size_t i = 0; i < n; i++) {
        const struct tpl *t = &tpls[i];
        sb_printf(c, "\n#line %d ", t->params ? t->params_line : 1);
        emit_c_path(c, t->path);
        sb_puts(c, "\n");
        signature(c, t);
        sb_puts(c, "\n{\n    (void)out;\n");
        sb_add(c, t->body.p ? t->body.p : "", t->body.len);
        sb_printf(c, "#line %d ", count_newlines(c->p, 0, c->len) + 2);
        emit_c_path(c, c_path);
        sb_puts(c, "\n}\n");
    }
}

/* ------------------------------------------------------------------ main */

static void tpl_release(struct tpl *t)
{
    for (size_t k = 0; k < t->n_includes; k++) free(t->includes[k]);
    free(t->includes);
    free(t->fname);
    free(t->src);
    free(t->params);
    free(t->body.p);
}

/* Names, loads and compiles every template; returns how many failed. */
static int compile_all(const char *root, struct tpl *tpls, size_t n)
{
    char root_real[PATH_MAX];
    if (!realpath(root, root_real)) {
        perror(root);
        return 1;
    }
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        tpls[i].fname = function_name(root_real, tpls[i].path);
        failed += !tpls[i].fname;
    }
    if (failed) return failed;
    qsort(tpls, n, sizeof *tpls, tpl_cmp);
    for (size_t i = 0; i + 1 < n; i++) {
        if (strcmp(tpls[i].fname, tpls[i + 1].fname) != 0) continue;
        fprintf(stderr, "%s:1: error: %s is also the name of %s\n", tpls[i + 1].path,
                tpls[i + 1].fname, tpls[i].path);
        failed++;
    }
    for (size_t i = 0; i < n; i++)
        failed += tpl_load(&tpls[i]) != 0 || tpl_compile(&tpls[i]) != 0;
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: tplc TEMPLATE_ROOT OUTDIR FILE...\n");
        return 2;
    }
    size_t n = (size_t)(argc - 3);
    struct tpl *tpls = calloc(n ? n : 1, sizeof *tpls);
    if (!tpls) die_oom();
    for (size_t i = 0; i < n; i++) tpls[i].path = argv[3 + i];
    int failed = compile_all(argv[1], tpls, n);
    int rc = 1;
    if (!failed) {
        sbuf h = {0}, c = {0}, h_path = {0}, c_path = {0};
        sb_printf(&h_path, "%s/tpl.h", argv[2]);
        sb_printf(&c_path, "%s/tpl.c", argv[2]);
        gen_header(&h, tpls, n);
        gen_source(&c, tpls, n, c_path.p);
        rc = write_if_changed(h_path.p, &h) || write_if_changed(c_path.p, &c);
        free(h.p), free(c.p), free(h_path.p), free(c_path.p);
    }
    for (size_t i = 0; i < n; i++) tpl_release(&tpls[i]);
    free(tpls);
    return rc;
}
