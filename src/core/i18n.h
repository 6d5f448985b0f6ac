/* i18n.h - gettext translations (domain "danvan", English msgids) chosen per thread.
 *
 * Vietnamese is the default language, English is the msgids themselves. The language is
 * a property of the calling THREAD, so each libmicrohttpd pool thread can serve a
 * request in its own language: call i18n_use() at the start of every request.
 *
 * How it works without installing any system locale (a fresh Debian has only C and
 * C.UTF-8): glibc's gettext consults the LANGUAGE environment variable unless the
 * thread's LC_MESSAGES locale name is exactly "C". i18n_init() sets LANGUAGE=vi and
 * builds two locale_t objects: "C.UTF-8" (gettext honours LANGUAGE, so Vietnamese from
 * <localedir>/vi/LC_MESSAGES/danvan.mo) and "C" (gettext returns the English msgid).
 * i18n_use() switches the thread between them with uselocale(). glibc caches lookups
 * keyed by the thread's locale name, so the two never mix. Threads that never call
 * i18n_use() get Vietnamese (the global LC_MESSAGES is set to C.UTF-8).
 * Side effect handled: LANGUAGE=vi would also translate glibc's own strerror()/strsignal()
 * texts, so the "libc" domain is bound to our locale dir (no libc.mo there): logs stay
 * English.
 * Tested by tests/unit/test_i18n.c (two threads, two languages at the same time).
 */
#ifndef DV_I18N_H
#define DV_I18N_H

#include <libintl.h>

/* gettext through a per-thread memo (i18n_gettext): a page calls _() dozens of times and
 * glibc's lookup (a locked tree search, then the catalogue's hash) was 11% of a signed-in
 * page's CPU. */
#define _(s) i18n_gettext(s)
#define N_(s) (s)

/* Bind the "danvan" domain. localedir NULL: env DANVAN_LOCALEDIR, else the build tree's
 * locale dir (DANVAN_LOCALEDIR_BUILD, set by CMake), else /usr/local/share/locale.
 * Call once at start-up, before any thread starts (it calls setenv and setlocale).
 * Returns 0, DV_EINVAL (directory path too long) or DV_EIO (locale objects). */
int i18n_init(const char *localedir);

/* Translate for this thread from now on: "en" → English, anything else (NULL, "vi",
 * unknown) → Vietnamese. */
void i18n_use(const char *lang);

/* gettext(msgid) for this thread's language. English is the msgid itself; a Vietnamese
 * answer is remembered per thread by the msgid's address (and checked against its text, so
 * a msgid built at run time is never confused with another at the same address). */
char *i18n_gettext(const char *msgid);

/* The current thread's language: "vi" or "en". */
const char *i18n_lang(void);

/* The locale dir i18n_init() bound ("" before init). */
const char *i18n_localedir(void);

#endif
