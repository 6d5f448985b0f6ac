/* db_pg_sql.c - the one rewrite SQL needs on its way to PostgreSQL: numbered parameters
 * (?N → $N) and SQLite's char(N) as chr(N). Everything else is portable SQL, or a function
 * of the same name and meaning defined by migrations_pg/0000_compat.sql. */
#include "db/db_pg.h"

#include "core/buf.h"

#include <ctype.h>
#include <string.h>

/* Copies a quoted literal or name starting at s (its quote q); returns the end, or NULL. */
static const char *copy_quoted(dv_buf *b, const char *s)
{
    char q = *s;
    const char *e = s + 1;
    for (;;) {
        if (!*e) return NULL;
        if (*e == q) {
            if (e[1] == q) { e += 2; continue; } /* a doubled quote */
            e++;
            break;
        }
        e++;
    }
    buf_append(b, s, (size_t)(e - s));
    return e;
}

static int word_start(const char *sql, const char *s)
{
    return s == sql || !(isalnum((unsigned char)s[-1]) || s[-1] == '_');
}

char *db_pg_sql_rewrite(const char *sql, int *nparams)
{
    dv_buf b = DV_BUF_INIT;
    int max = 0, next = 0;
    const char *s = sql;
    while (*s) {
        if (*s == '\'' || *s == '"') {
            s = copy_quoted(&b, s);
            if (!s) {
                buf_free(&b);
                return NULL;
            }
            continue;
        }
        if (*s == '-' && s[1] == '-') { /* a comment, to its line's end */
            while (*s && *s != '\n') buf_putc(&b, *s++);
            continue;
        }
        if (*s == '?') {
            int n = 0;
            s++;
            if (isdigit((unsigned char)*s)) {
                while (isdigit((unsigned char)*s)) n = n * 10 + (*s++ - '0');
            } else n = ++next;
            if (n > next) next = n;
            if (n > max) max = n;
            buf_printf(&b, "$%d", n);
            continue;
        }
        if ((*s == 'c' || *s == 'C') && !strncasecmp(s, "char(", 5) && word_start(sql, s)) {
            buf_puts(&b, "chr(");
            s += 5;
            continue;
        }
        buf_putc(&b, *s++);
    }
    *nparams = max;
    return buf_detach(&b);
}
