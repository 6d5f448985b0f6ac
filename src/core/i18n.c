/* i18n.c - per-thread language switching for gettext via uselocale(); see i18n.h. */
#include "core/i18n.h"
#include "core/err.h"

#include <limits.h>
#include <locale.h>
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

const char *i18n_lang(void)
{
    return thread_is_en ? "en" : "vi";
}

const char *i18n_localedir(void)
{
    return bound_dir;
}
