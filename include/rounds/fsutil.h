/* fsutil.h: file helpers: whole-file reads, atomic writes, the run lock. */
#ifndef ROUNDS_FSUTIL_H
#define ROUNDS_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include "err.h"

/* Reads a file ("-" = stdin) into *out (NUL-terminated, caller frees).
 * Fails with EX_NOINPUT when missing, EX_DATAERR when over max bytes. */
int rounds_file_read(const char *path, size_t max, char **out, size_t *len,
		     struct rounds_err *err) ROUNDS_WUR;
/* Writes data to path through a temporary file (".NAME.tmp.PID" in the
 * same directory) and rename(); when the file already holds exactly data
 * it is left alone and *changed is false. */
int rounds_file_write_atomic(const char *path, const void *data, size_t len,
			     bool *changed, struct rounds_err *err) ROUNDS_WUR;
/* Removes the temporary files a killed writer left under dir (at any
 * depth).  Call it only where no other writer can be at work (under the
 * run lock). */
int rounds_tmp_sweep(const char *dir);
/* path as a person would type it (caller frees): resolved ("feeds/../demo"
 * is "demo"), and relative to the current directory when below it; path
 * itself when it does not exist. */
char *rounds_path_shown(const char *path);
/* mkdir -p */
int rounds_mkdirs(const char *path, struct rounds_err *err) ROUNDS_WUR;

/* The run lock: flock on "<db>.lock".  Waits up to wait_s seconds, then
 * fails with EX_TEMPFAIL.  Returns the fd to pass to rounds_lock_release. */
int rounds_lock_acquire(const char *db_path, int wait_s,
			struct rounds_err *err) ROUNDS_WUR;
void rounds_lock_release(int fd);

#endif
