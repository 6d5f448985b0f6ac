/* tplc_test.h - the parameter types of the sample templates in tests/tplc/good/. */
#ifndef TPLC_TEST_H
#define TPLC_TEST_H

#include "core/html.h"

struct tplc_item {
    const char *name;
    const char *url;
    long long id;
};

struct tplc_page {
    const char *title;
    const char *query;
    const struct tplc_item *items;
    int n_items;
    dv_html banner;
};

#endif
