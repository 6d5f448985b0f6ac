/* embed.c - compiles files into C arrays: static/ assets and SQL migrations (core/embedded.h).
 *
 * Usage: embed static OUT.c FILE...       → dv_static_files[], dv_static_count
 *        embed migrations OUT.c FILE...   → dv_migrations[], dv_migration_count
 *        embed migrations_pg OUT.c FILE... → dv_pg_migrations[], dv_pg_migration_count
 *
 * Entries are sorted by basename. A static file gets a fingerprinted path
 * (/static/app.1a2b3c4d.css, the first 8 hex digits of its FNV-1a 64 hash), the whole hash
 * as its ETag, and a content type from its extension (an unknown extension is an error, so
 * nothing is served with a guessed type). Directories and dotfiles among the static FILEs
 * are skipped (CMake's GLOB lists both). Every array is NUL-terminated, so a migration's
 * bytes are its SQL string and an empty file is still a valid array. OUT.c is replaced
 * atomically and only when its content changes. Only libc: this runs at build time.
 */
#include "tool_io.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char tool_name[] = "embed";

/* ------------------------------------------------------------------ input files */

struct file {
    const char *path; /* as given */
    const char *name; /* its basename */
    sbuf data;
    uint64_t hash;    /* FNV-1a 64 */
};

static const char *basename_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static uint64_t fnv1a64(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* Whether a static FILE argument is to be skipped: a directory or a dotfile. */
static int is_skipped(const char *path)
{
    struct stat st;
    if (basename_of(path)[0] == '.') return 1;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int file_cmp(const void *a, const void *b)
{
    return strcmp(((const struct file *)a)->name, ((const struct file *)b)->name);
}

/* Reads the files, sorts them by name; fails on a read error or a repeated name. */
static int load_files(struct file *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        files[i].name = basename_of(files[i].path);
        if (read_whole(files[i].path, &files[i].data)) {
            perror(files[i].path);
            return -1;
        }
        files[i].hash = fnv1a64(files[i].data.p, files[i].data.len);
    }
    qsort(files, n, sizeof *files, file_cmp);
    for (size_t i = 0; i + 1 < n; i++) {
        if (strcmp(files[i].name, files[i + 1].name) != 0) continue;
        fprintf(stderr, "embed: %s and %s have the same name\n", files[i].path,
                files[i + 1].path);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ output */

/* Appends s as a C string literal (names are plain, but be safe). */
static void emit_c_string(sbuf *b, const char *s)
{
    sb_add(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') sb_printf(b, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f) sb_printf(b, "\\%03o", c);
        else sb_add(b, s, 1);
    }
    sb_add(b, "\"", 1);
}

/* static const unsigned char <prefix><i>[] = { ..., 0x00 }; */
static void emit_bytes(sbuf *b, const char *prefix, size_t i, const sbuf *data)
{
    sb_printf(b, "\nstatic const unsigned char %s%zu[] = {", prefix, i);
    for (size_t k = 0; k <= data->len; k++) {
        unsigned char c = k < data->len ? (unsigned char)data->p[k] : 0;
        sb_printf(b, "%s0x%02x,", k % 16 == 0 ? "\n    " : " ", c);
    }
    sb_printf(b, "\n};\n");
}

struct content_type {
    const char *ext;
    const char *type;
};

static const struct content_type CONTENT_TYPES[] = {
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"txt", "text/plain; charset=utf-8"},
};

/* The content type for a file name's extension, or NULL. */
static const char *content_type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return NULL;
    for (size_t i = 0; i < sizeof CONTENT_TYPES / sizeof CONTENT_TYPES[0]; i++)
        if (strcmp(dot + 1, CONTENT_TYPES[i].ext) == 0) return CONTENT_TYPES[i].type;
    return NULL;
}

/* "/static/app.1a2b3c4d.css" for app.css. */
static void fingerprinted_path(sbuf *b, const struct file *f)
{
    const char *dot = strrchr(f->name, '.');
    size_t stem = dot ? (size_t)(dot - f->name) : strlen(f->name);
    sb_printf(b, "/static/%.*s.%08" PRIx32 "%s", (int)stem, f->name,
              (uint32_t)(f->hash >> 32), dot ? dot : "");
}

static int gen_static(sbuf *out, const struct file *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (content_type_of(files[i].name)) continue;
        fprintf(stderr, "embed: %s: no content type for this extension (add it to "
                        "tools/embed.c)\n", files[i].path);
        return -1;
    }
    for (size_t i = 0; i < n; i++) emit_bytes(out, "static_data_", i, &files[i].data);
    sb_printf(out, "\nconst struct dv_static_file dv_static_files[] = {\n");
    for (size_t i = 0; i < n; i++) {
        const struct file *f = &files[i];
        sbuf path = {0};
        fingerprinted_path(&path, f);
        sb_printf(out, "    {");
        emit_c_string(out, f->name);
        sb_printf(out, ", ");
        emit_c_string(out, path.p);
        sb_printf(out, ", static_data_%zu, %zu, \"\\\"%016" PRIx64 "\\\"\", \"%s\"},\n", i,
                  f->data.len, f->hash, content_type_of(f->name));
        free(path.p);
    }
    if (n == 0) sb_printf(out, "    {NULL, NULL, NULL, 0, NULL, NULL}, /* never empty */\n");
    sb_printf(out, "};\nconst size_t dv_static_count = %zu;\n", n);
    return 0;
}

static int gen_migrations(sbuf *out, const struct file *files, size_t n, const char *prefix)
{
    for (size_t i = 0; i < n; i++) {
        if (!memchr(files[i].data.p, '\0', files[i].data.len)) continue;
        fprintf(stderr, "embed: %s: a NUL byte in SQL\n", files[i].path);
        return -1;
    }
    for (size_t i = 0; i < n; i++) emit_bytes(out, "migration_sql_", i, &files[i].data);
    sb_printf(out, "\nconst struct dv_migration dv_%smigrations[] = {\n", prefix);
    for (size_t i = 0; i < n; i++) {
        sb_printf(out, "    {");
        emit_c_string(out, files[i].name);
        sb_printf(out, ", (const char *)migration_sql_%zu},\n", i);
    }
    if (n == 0) sb_printf(out, "    {NULL, NULL}, /* never empty */\n");
    sb_printf(out, "};\nconst size_t dv_%smigration_count = %zu;\n", prefix, n);
    return 0;
}

/* ------------------------------------------------------------------ main */

static int usage(void)
{
    fprintf(stderr, "usage: embed static|migrations|migrations_pg OUT.c FILE...\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3) return usage();
    int is_static = strcmp(argv[1], "static") == 0;
    int is_pg = strcmp(argv[1], "migrations_pg") == 0;
    if (!is_static && !is_pg && strcmp(argv[1], "migrations") != 0) return usage();
    struct file *files = calloc((size_t)argc, sizeof *files);
    if (!files) die_oom();
    size_t n = 0;
    for (int i = 3; i < argc; i++)
        if (!is_static || !is_skipped(argv[i])) files[n++].path = argv[i];

    sbuf out = {0};
    sb_printf(&out, "/* %s - generated by tools/embed; do not edit. */\n"
                    "#include \"core/embedded.h\"\n\n#include <stddef.h>\n",
              basename_of(argv[2]));
    int rc = load_files(files, n);
    if (rc == 0) rc = is_static ? gen_static(&out, files, n) : gen_migrations(&out, files, n, is_pg ? "pg_" : "");
    if (rc == 0) rc = write_if_changed(argv[2], &out);
    for (size_t i = 0; i < n; i++) free(files[i].data.p);
    free(files);
    free(out.p);
    return rc == 0 ? 0 : 1;
}
