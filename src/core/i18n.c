/* i18n.c - per-thread language switching for gettext via uselocale(); see i18n.h. */
#include "core/i18n.h"
#include "core/err.h"

#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define I18N_DOMAIN "danvan"
#define I18N_FALLBACK_DIR "/usr/local/share/locale"

static locale_t loc_vi = (locale_t)0; /* "C.UTF-8": gettext uses LANGUAGE=vi */
static locale_t loc_en = (locale_t)0; /* "C": gettext returns the msgid */
static char bound_dir[PATH_MAX];
static _Thread_local int thread_is_en; /* 0 = Vietnamese (the default) */

static const char *pick_localedir(const char *localedir)
{
    if (localedir && *localedir) return localedir;
    const char *env = getenv("DANVAN_LOCALEDIR");
    if (env && *env) return env;
#ifdef DANVAN_LOCALEDIR_BUILD
    return DANVAN_LOCALEDIR_BUILD;
#else
    return I18N_FALLBACK_DIR;
#endif
}

static int make_locales(void)
{
    if (!loc_vi) loc_vi = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
    if (!loc_en) loc_en = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return (loc_vi && loc_en) ? DV_OK : DV_EIO;
}

int i18n_init(const char *localedir)
{
    const char *dir = pick_localedir(localedir);
    size_t n = strlen(dir);
    if (n >= sizeof bound_dir) return DV_EINVAL;
    memcpy(bound_dir, dir, n + 1);

    if (setenv("LANGUAGE", "vi", 1) != 0) return DV_EIO;
    if (!bindtextdomain(I18N_DOMAIN, bound_dir)) return DV_EIO;
    if (!bind_textdomain_codeset(I18N_DOMAIN, "UTF-8")) return DV_EIO;
    if (!textdomain(I18N_DOMAIN)) return DV_EIO;
    /* keep glibc's own messages (strerror, strsignal) English for the logs: its "libc"
     * catalogue is looked up in our dir, which has none */
    bindtextdomain("libc", bound_dir);
    /* threads without a uselocale() of their own default to Vietnamese */
    setlocale(LC_MESSAGES, "C.UTF-8");
    return make_locales();
}

void i18n_use(const char *lang)
{
    int en = lang && strcmp(lang, "en") == 0;
    locale_t l = en ? loc_en : loc_vi;
    if (!l) return; /* i18n_init() not called: leave the thread alone */
    uselocale(l);
    thread_is_en = en;
}

/* The per-thread memo: direct-mapped by the msgid's address. A slot keeps a copy of the
 * msgid it answered for; a translation points into the mapped catalogue, which stays for
 * the life of the process. An untranslated msgid is kept as such (translation NULL): the
 * answer is then the caller's own pointer, as gettext gives it. */
#define MEMO_SLOTS 2048u
struct memo_slot {
    const char *key;   /* the address asked for */
    char *text;        /* a copy of the msgid */
    char *translation; /* into the catalogue; NULL: none */
};
static _Thread_local struct memo_slot *memo;

static void memo_free(void *p)
{
    struct memo_slot *m = p;
    for (unsigned i = 0; m && i < MEMO_SLOTS; i++) free(m[i].text);
    free(m);
}

static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static void memo_key_make(void)
{
    pthread_key_create(&memo_key, memo_free);
}

static struct memo_slot *memo_get(void)
{
    if (memo) return memo;
    pthread_once(&memo_once, memo_key_make);
    memo = calloc(MEMO_SLOTS, sizeof *memo);
    if (memo) pthread_setspecific(memo_key, memo);
    return memo;
}

char *i18n_gettext(const char *msgid)
{
    if (!msgid || !*msgid) return gettext(msgid);
    if (thread_is_en) return (char *)msgid; /* the "C" locale answers the msgid itself */
    struct memo_slot *m = memo_get();
    if (!m) return gettext(msgid);
    uint64_t h = (uint64_t)(uintptr_t)msgid * 0x9E3779B97F4A7C15ull;
    struct memo_slot *s = &m[(unsigned)(h >> 53) & (MEMO_SLOTS - 1)];
    if (s->key == msgid && strcmp(s->text, msgid) == 0) return s->translation ? s->translation : (char *)msgid;
    char *t = gettext(msgid);
    char *copy = strdup(msgid);
    if (!copy) return t;
    free(s->text);
    *s = (struct memo_slot){msgid, copy, t == msgid ? NULL : t};
    return t;
}

const char *i18n_lang(void)
{
    return thread_is_en ? "en" : "vi";
}

const char *i18n_localedir(void)
{
    return bound_dir;
}
