/* test_fsutil.c: atomic writes that skip unchanged files, mkdir -p, and
 * the run lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/fsutil.h"
#include "../tap.h"

int main(void)
{
	char dir[] = "/tmp/rounds-fsutil-XXXXXX";
	struct rounds_err err;
	struct rounds_buf path, db;
	struct stat st1, st2;
	bool changed = false;
	char *data = NULL;
	size_t len = 0;
	int fd1, fd2;
	char cmd[128];

	rounds_err_init(&err);
	if (mkdtemp(dir) == NULL)
		return 1;
	rounds_buf_init(&path, 0);
	rounds_buf_init(&db, 0);
	if (rounds_buf_printf(&path, "%s/a/b/c", dir) < 0 ||
	    rounds_buf_printf(&db, "%s/new/dir/rounds.db", dir) < 0)
		return 1;
	ok(rounds_mkdirs(rounds_buf_str(&path), &err) == 0, "mkdir -p");
	ok(rounds_mkdirs(rounds_buf_str(&path), &err) == 0,
	   "mkdir -p of an existing directory");
	if (rounds_buf_puts(&path, "/f.txt") < 0)
		return 1;

	ok(rounds_file_write_atomic(rounds_buf_str(&path), "hello", 5,
				    &changed, &err) == 0 && changed,
	   "a new file is written and reported changed");
	ok(rounds_file_read(rounds_buf_str(&path), 100, &data, &len, &err) == 0,
	   "read it back");
	is_str(data, "hello", "content is whole");
	free(data);
	stat(rounds_buf_str(&path), &st1);
	sleep(1);
	ok(rounds_file_write_atomic(rounds_buf_str(&path), "hello", 5,
				    &changed, &err) == 0 && !changed,
	   "the same content is not rewritten");
	stat(rounds_buf_str(&path), &st2);
	ok(st1.st_mtime == st2.st_mtime && st1.st_ino == st2.st_ino,
	   "its mtime and inode stay");
	ok(rounds_file_write_atomic(rounds_buf_str(&path), "hello!", 6,
				    &changed, &err) == 0 && changed,
	   "new content is written");
	ok(rounds_file_read(rounds_buf_str(&path), 3, &data, &len, &err) < 0 &&
	   err.code == EX_DATAERR, "a read over the cap fails with EX_DATAERR");
	ok(rounds_file_read("/nonexistent/x", 3, &data, &len, &err) < 0 &&
	   err.code == EX_NOINPUT, "a missing file is EX_NOINPUT");
	ok(rounds_file_write_atomic("/nonexistent/dir/x", "x", 1, &changed,
				    &err) < 0 && err.code == EX_CANTCREAT,
	   "an unwritable place is EX_CANTCREAT: %s", err.msg);

	fd1 = rounds_lock_acquire(rounds_buf_str(&db), 0, &err);
	ok(fd1 >= 0, "the lock is taken, creating the database's directory");
	fd2 = rounds_lock_acquire(rounds_buf_str(&db), 0, &err);
	ok(fd2 < 0 && err.code == EX_TEMPFAIL,
	   "a second taker fails with EX_TEMPFAIL");
	ok(strstr(err.msg, "another rounds run") != NULL, "and says why: %s",
	   err.msg);
	rounds_lock_release(fd1);
	fd2 = rounds_lock_acquire(rounds_buf_str(&db), 0, &err);
	ok(fd2 >= 0, "after release it can be taken again");
	rounds_lock_release(fd2);

	rounds_buf_release(&path);
	rounds_buf_release(&db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove the scratch directory");
	return done_testing();
}
