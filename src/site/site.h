/* site.h - pages that belong to no area: the language switch. */
#ifndef DV_SITE_H
#define DV_SITE_H

void site_routes_register(void);

#endif
