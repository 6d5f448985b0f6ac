/* portal_access.h - who may do what on the portal's editors' desk. Every check is made on
 * the server, here; the desk pages and the article store both ask. */
#ifndef DV_PORTAL_ACCESS_H
#define DV_PORTAL_ACCESS_H

#include "core/principal.h"
#include "portal/article.h"

/* 1 = allowed, 0 = refused. A NULL or disabled user is always refused. */
int portal_can_use_desk(const struct dv_user *u);  /* contributors, editors, admins */
int portal_can_publish(const struct dv_user *u);   /* publish, schedule, return, archive */
int portal_can_create(const struct dv_user *u);
/* Create, rename, reorder and hide categories: editors and admins. */
int portal_can_manage_categories(const struct dv_user *u);
/* Edit an article's content: editors and admins any article; a contributor only their own
 * drafts. */
int portal_can_edit(const struct dv_user *u, const struct article *a);
/* Submit for review: whoever may edit it, while it is a draft. */
int portal_can_submit(const struct dv_user *u, const struct article *a);
/* See it on the desk (edit form read-only, history, preview): editors any, contributors
 * their own. */
int portal_can_view(const struct dv_user *u, const struct article *a);

#endif
