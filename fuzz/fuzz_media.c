/* fuzz_media.c - the checks of uploaded images (portal media): media_sniff,
 * media_declared_size and media_prepare (the real gdk-pixbuf decode and thumbnail).
 * Properties: an accepted image has a sniffed type, sane dimensions within MEDIA_MAX_PIXELS
 * and a thumbnail; a declared size over the limit is refused before decoding. */
#include "fuzz.h"

#include "core/err.h"
#include "portal/media.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (256u << 10)) return 0;
    const char *type = media_sniff(data, size);
    uint32_t w = 0, h = 0;
    int declared = media_declared_size(data, size, &w, &h) == 0;
    struct media_image m;
    memset(&m, 0, sizeof m);
    int rc = media_prepare(data, size, &m);
    if (rc == 0) {
        FUZZ_ASSERT(type != NULL && m.type != NULL && strcmp(type, m.type) == 0, "accepted image was sniffed");
        FUZZ_ASSERT(m.width > 0 && m.height > 0, "accepted image has a size");
        FUZZ_ASSERT((uint64_t)m.width * (uint64_t)m.height <= MEDIA_MAX_PIXELS, "within the pixel limit");
        FUZZ_ASSERT(m.thumb != NULL && m.thumb_len > 0 && m.thumb_type != NULL, "a thumbnail is made");
        FUZZ_ASSERT(strlen(m.sha256) == 64, "sha256 in hex");
        media_image_free(&m);
    } else {
        FUZZ_ASSERT(rc == DV_EINVAL || rc == DV_ETOOBIG, "refused as invalid or too big");
        if (declared && (uint64_t)w * h > MEDIA_MAX_PIXELS) FUZZ_ASSERT(rc == DV_ETOOBIG, "bomb refused as too big");
    }
    return 0;
}
