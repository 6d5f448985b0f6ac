/* test_i18n.c - gettext per thread: two threads translate at the same time, one into
 * Vietnamese and one into English. Needs the compiled catalogue: DANVAN_LOCALEDIR
 * (set by ctest to build/locale) must hold vi/LC_MESSAGES/danvan.mo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "core/i18n.h"

#define MSG_EN "This field is required."
#define MSG_VI "Trường này là bắt buộc."
#define ROUNDS 20000

static pthread_barrier_t start;

struct worker {
    const char *lang;     /* what the thread asks for */
    const char *want;     /* the translation it must get every time */
    const char *want_lang;
    int wrong;            /* rounds that gave anything else */
};

static void *work(void *arg)
{
    struct worker *w = arg;
    i18n_use(w->lang);
    pthread_barrier_wait(&start);
    for (int i = 0; i < ROUNDS; i++) {
        if (strcmp(_(MSG_EN), w->want) != 0 || strcmp(i18n_lang(), w->want_lang) != 0)
            w->wrong++;
        if (i % 1000 == 0) i18n_use(w->lang); /* switching again must be harmless */
    }
    return NULL;
}

static void test_default_is_vietnamese(void **state)
{
    (void)state;
    assert_string_equal(i18n_lang(), "vi");
    assert_string_equal(_(MSG_EN), MSG_VI);
}

/* _() remembers answers by the msgid's address: a msgid built at run time in the same
 * buffer must still be answered for what it says now, and an untranslated one is itself. */
static void test_memo_follows_the_text(void **state)
{
    (void)state;
    i18n_use("vi");
    char buf[64];
    strcpy(buf, MSG_EN);
    assert_string_equal(_(buf), MSG_VI);
    assert_string_equal(_(buf), MSG_VI); /* from the memo */
    strcpy(buf, "Not a msgid at all");
    assert_string_equal(_(buf), "Not a msgid at all");
    assert_ptr_equal(_(buf), buf);
    strcpy(buf, MSG_EN);
    assert_string_equal(_(buf), MSG_VI);
    i18n_use("en");
    assert_string_equal(_(buf), MSG_EN);
    i18n_use("vi");
}

static void test_switch_in_one_thread(void **state)
{
    (void)state;
    i18n_use("en");
    assert_string_equal(i18n_lang(), "en");
    assert_string_equal(_(MSG_EN), MSG_EN);
    i18n_use("vi");
    assert_string_equal(i18n_lang(), "vi");
    assert_string_equal(_(MSG_EN), MSG_VI);
    i18n_use("fr"); /* unknown → the default */
    assert_string_equal(i18n_lang(), "vi");
    i18n_use(NULL);
    assert_string_equal(_(MSG_EN), MSG_VI);
    /* an msgid with no translation comes back as itself */
    assert_string_equal(_("no such msgid"), "no such msgid");
}

static void test_two_threads_at_once(void **state)
{
    (void)state;
    struct worker w[4] = {
        {"vi", MSG_VI, "vi", 0},
        {"en", MSG_EN, "en", 0},
        {"vi", MSG_VI, "vi", 0},
        {"en", MSG_EN, "en", 0},
    };
    pthread_t t[4];
    assert_int_equal(pthread_barrier_init(&start, NULL, 4), 0);
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < 4; i++) assert_int_equal(w[i].wrong, 0);
}

static void test_libc_messages_stay_english(void **state)
{
    (void)state;
    i18n_use("vi");
    assert_string_equal(_(MSG_EN), MSG_VI);
    assert_string_equal(strerror(ENOENT), "No such file or directory");
}

int main(void)
{
    if (i18n_init(NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_is_vietnamese),
        cmocka_unit_test(test_switch_in_one_thread),
        cmocka_unit_test(test_memo_follows_the_text),
        cmocka_unit_test(test_two_threads_at_once),
        cmocka_unit_test(test_libc_messages_stay_english),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
