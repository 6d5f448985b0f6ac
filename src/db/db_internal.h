/* db_internal.h - what the files of src/db share and nothing else sees. */
#ifndef DV_DB_INTERNAL_H
#define DV_DB_INTERNAL_H

#include "db/db.h"

struct sqlite3;
struct sqlite3 *db_sqlite_conn(dv_db *db);
/* After each commit, notify(frames in the WAL) instead of checkpointing in the commit. */
void db_set_checkpoint_notify(dv_db *db, void (*notify)(int frames));
/* The connection leaves WAL checkpoints to the checkpointer thread (db_checkpoint.c). */
void db_checkpoint_hand_over(dv_db *db);
int db_checkpointer_start(const struct db_options *opt);
int db_checkpointer_running(void);

/* Fault injection (db_fault.c, tests only: -DDANVAN_FAULTS): 1 when this operation is to fail. */
enum db_fault_kind { DB_FAULT_PREPARE, DB_FAULT_STEP, DB_FAULT_COMMIT, DB_FAULT_FSYNC };
#ifdef DANVAN_FAULTS
int db_fault(enum db_fault_kind kind);
void db_fault_check_request(void); /* at db_begin: arms a fault the test asked for */
#else
#define db_fault(kind) ((void)(kind), 0)
#define db_fault_check_request() ((void)0)
#endif

#endif
