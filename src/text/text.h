/* text.h - Vietnamese-aware text handling: UTF-8 validity, NFC cleaning of user input,
 * diacritic-insensitive search folding (Đ → d), URL slugs and dd/mm/yyyy dates.
 * Strings returned by text_clean, text_fold and text_slug are malloc'd: free() them. */
#ifndef DV_TEXT_H
#define DV_TEXT_H

#include <stddef.h>

#include "core/arena.h"

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code points above
 * U+10FFFF), else 0. A NUL byte is valid UTF-8 here; text_clean rejects it. */
int text_valid_utf8(const char *s, size_t n);

/* Clean user text: valid UTF-8, NFC, no control characters (C0, DEL, C1, bidi
 * overrides/isolates; "\n" and "\t" allowed when multiline, where "\r\n", a lone "\r"
 * and U+2028/U+2029 become "\n"), leading/trailing whitespace trimmed.
 * 0 and *out = malloc'd string, or DV_EINVAL (*out = NULL). */
int text_clean(const char *in, size_t n, int multiline, char **out);

/* Number of code points in a valid UTF-8 string. */
size_t text_length(const char *s);

/* Search key: NFKD, combining marks dropped, lowercased, đ/Đ/ð/Ð → d, whitespace runs
 * → one space, trimmed. "ĐÀ NẴNG" → "da nang". NULL if s is not valid UTF-8. */
char *text_fold(const char *s);

/* Vietnamese collation (text_collate.c): a sort key to compare with strcmp, ordering by
 * the alphabet a ă â b c d đ e ê … o ô ơ … u ư … y, then tones (none, huyền, hỏi, ngã,
 * sắc, nặng), then case; digit runs by value; whitespace runs as one space, before any
 * letter. "Cái Đôi Vàm" < "Cái Nước"; "Phường 2" < "Phường 10". NULL if not UTF-8. */
char *text_collate_key(const char *s);

/* strcmp-like (-1, 0, 1) comparison by text_collate_key; NULL counts as "". */
int text_collate(const char *a, const char *b);

#define TEXT_SLUG_MAX 80

/* URL slug: text_fold, then runs of anything but [a-z0-9] → '-', no leading/trailing
 * '-', at most TEXT_SLUG_MAX bytes (cut at a '-' when possible). May be "" (e.g. for
 * text without Latin letters or digits). NULL if s is not valid UTF-8. */
char *text_slug(const char *s);

/* Parse "dd/mm/yyyy" (also "d/m/yyyy") or ISO "yyyy-mm-dd" into a real calendar date
 * (years 1..9999, leap years checked). 0 or DV_EINVAL. No surrounding spaces. */
int text_date_parse(const char *s, int *y, int *m, int *d);

/* ISO "2025-07-01" (optionally followed by " time" or "Ttime", as SQLite stores it) →
 * "01/07/2025". out becomes "" when iso is NULL or not a valid date. */
void text_date_format(char out[11], const char *iso);
/* The same in the arena; NULL when iso is NULL or empty. */
const char *text_date_dmy(dv_arena *a, const char *iso);

#endif
