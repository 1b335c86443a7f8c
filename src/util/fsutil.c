/* fsutil.c: whole-file reads, atomic writes, mkdir -p, the run lock. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/fsutil.h"

int rounds_file_read(const char *path, size_t max, char **out, size_t *len,
		     struct rounds_err *err)
{
	struct rounds_buf b;
	struct stat st;
	size_t want = 65536;
	ssize_t n;
	int fd, rc = -1;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return rounds_err_set(err, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
				      "'%s': %s", path, strerror(errno));
	rounds_buf_init(&b, max);
	/* a file's size known: one allocation, read straight into it */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size < (uint64_t)max)
		want = (size_t)st.st_size + 1;
	for (;;) {
		if (b.alloc - b.len <= 1) {     /* also: nothing yet */
			if (rounds_buf_reserve(&b, want) < 0) {
				rounds_err_set(err, EX_DATAERR, "'%s': larger "
					       "than %zu bytes; skipped", path,
					       max);
				goto out;
			}
			want = 65536;
		}
		n = read(fd, b.data + b.len, b.alloc - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rounds_err_set(err, EX_IOERR, "'%s': read error: %s",
				       path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		b.data[b.len] = '\0';
	}
	*len = b.len;
	*out = b.data ? rounds_buf_detach(&b) : xstrdup("");
	rc = 0;
out:
	rounds_buf_release(&b);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

static bool same_content(const char *path, const void *data, size_t len)
{
	struct stat st;
	char *old = NULL;
	size_t olen = 0;
	bool same;

	if (stat(path, &st) < 0 || (size_t)st.st_size != len)
		return false;
	if (rounds_file_read(path, len + 1, &old, &olen, NULL) < 0)
		return false;
	same = olen == len && memcmp(old, data, len) == 0;
	free(old);
	return same;
}

/* The temporary beside path: ".NAME.tmp.PID" in the same directory, so
 * rename() stays on one file system and a web server that hides
 * dot-files never serves a half-written page. */
static int tmp_name(struct rounds_buf *tmp, const char *path)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;

	return rounds_buf_printf(tmp, "%.*s.%s.tmp.%ld", dir_len, path,
				 path + dir_len, (long)getpid());
}

/* ROUNDS_TEST_KILL_BEFORE_RENAME=N: the process kills itself (SIGKILL)
 * after writing the Nth temporary file, before renaming it: how the tests
 * see what a publish killed mid-write leaves behind. */
static void fault_point(void)
{
	static int count;
	const char *v = getenv("ROUNDS_TEST_KILL_BEFORE_RENAME");

	if (v && *v && __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED) ==
	    atoi(v))
		raise(SIGKILL);
}

static int sweep_one(const char *path, const struct stat *sb, int type,
		     struct FTW *ftw)
{
	const char *name = path + ftw->base;
	const char *t = strstr(name, ".tmp.");

	(void)sb;
	if (type == FTW_F && name[0] == '.' && t && t[5] &&
	    strspn(t + 5, "0123456789") == strlen(t + 5))
		unlink(path);
	return 0;
}

int rounds_tmp_sweep(const char *dir)
{
	return nftw(dir, sweep_one, 16, FTW_PHYS) == 0 ? 0 : -1;
}

int rounds_file_write_atomic(const char *path, const void *data, size_t len,
			     bool *changed, struct rounds_err *err)
{
	struct rounds_buf tmp;
	const char *p = data;
	size_t left = len;
	int fd;

	if (changed)
		*changed = false;
	if (same_content(path, data, len))
		return 0;
	rounds_buf_init(&tmp, 0);
	if (tmp_name(&tmp, path) < 0)
		return rounds_err_set(err, EX_SOFTWARE, "path too long");
	fd = open(rounds_buf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		  0644);
	if (fd < 0) {
		rounds_err_set(err, EX_CANTCREAT, "'%s': %s", rounds_buf_str(&tmp),
			       strerror(errno));
		rounds_buf_release(&tmp);
		return -1;
	}
	while (left > 0) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto fail;
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	fault_point();
	if (rename(rounds_buf_str(&tmp), path) < 0)
		goto fail;
	rounds_buf_release(&tmp);
	if (changed)
		*changed = true;
	return 0;
fail:
	rounds_err_set(err, EX_IOERR, "'%s': write failed: %s", path,
		       strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(rounds_buf_str(&tmp));
	rounds_buf_release(&tmp);
	return -1;
}

int rounds_mkdirs(const char *path, struct rounds_err *err)
{
	char *p = xstrdup(path);
	char *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			rc = rounds_err_set(err, EX_CANTCREAT, "'%s': %s", p,
					    strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* Creates the directory path's file lives in, when it has one. */
static int make_parent(const char *path, struct rounds_err *err)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc;

	if (slash == NULL || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	rc = rounds_mkdirs(dir, err);
	free(dir);
	return rc;
}

int rounds_lock_acquire(const char *db_path, int wait_s, struct rounds_err *err)
{
	struct rounds_buf name;
	int fd, waited;

	rounds_buf_init(&name, 0);
	if (rounds_buf_printf(&name, "%s.lock", db_path) < 0)
		return rounds_err_set(err, EX_SOFTWARE, "path too long");
	if (make_parent(rounds_buf_str(&name), err) < 0) {
		rounds_buf_release(&name);
		return -1;
	}
	fd = open(rounds_buf_str(&name), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		rounds_err_set(err, EX_CANTCREAT, "lock '%s': %s",
			       rounds_buf_str(&name), strerror(errno));
		rounds_buf_release(&name);
		return -1;
	}
	for (waited = 0; ; waited++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			break;
		if (errno != EWOULDBLOCK || waited >= wait_s * 10) {
			rounds_err_set(err, EX_TEMPFAIL,
				       "'%s': another rounds run holds the lock; "
				       "try again later", rounds_buf_str(&name));
			close(fd);
			rounds_buf_release(&name);
			return -1;
		}
		usleep(100000);
	}
	rounds_buf_release(&name);
	return fd;
}

void rounds_lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}

char *rounds_path_shown(const char *path)
{
	char *real = realpath(path, NULL), *cwd = getcwd(NULL, 0), *out;
	size_t n = cwd ? strlen(cwd) : 0;

	if (real == NULL)
		out = xstrdup(path);
	else if (cwd && n > 1 && strncmp(real, cwd, n) == 0 && real[n] == '/')
		out = xstrdup(real + n + 1);
	else
		out = xstrdup(real);
	free(real);
	free(cwd);
	return out;
}
