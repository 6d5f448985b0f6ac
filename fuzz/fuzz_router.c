/* fuzz_router.c - the router's path matching over every route the application registers
 * (app_routes), and the request-path checks of src/http (http_path_has_control,
 * http_is_local_path for `next`). Input: first byte picks the method, the rest is the path.
 * Properties: a match binds only non-empty parameters without '/'; a local path passes
 * only when it starts with one '/' and holds no control character or backslash. */
#include "fuzz.h"

#include "cli/cli.h"
#include "http/internal.h"

#include <string.h>


int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    app_routes();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 8192) return 0;
    static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"};
    char *path = fuzz_str(data + 1, size - 1);
    dv_req r;
    memset(&r, 0, sizeof r);
    r.method = methods[data[0] % 6];
    r.path = path;
    r.arena = arena_new();
    int allowed = 0;
    const struct dv_route *rt = router_match(&r, &allowed);
    if (rt) {
        FUZZ_ASSERT(path[0] == '/', "only absolute paths match");
        for (int i = 0; i < r.nparams; i++) {
            const char *v = r.param_values[i];
            FUZZ_ASSERT(r.param_names[i] && v && *v, "parameters are named and non-empty");
        }
    }
    dv_buf out = {0};
    router_allowed_methods(path, &out);
    buf_free(&out);
    (void)http_path_has_control(path);
    if (http_is_local_path(path)) {
        FUZZ_ASSERT(path[0] == '/' && path[1] != '/' && path[1] != '\\', "next stays on the site");
        for (const char *p = path; *p; p++)
            FUZZ_ASSERT((unsigned char)*p > 0x20 && *p != 0x7f && *p != '\\', "no control or backslash in next");
    }
    arena_free(r.arena);
    free(path);
    return 0;
}
