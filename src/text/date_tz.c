/* date_tz.c: dates whose zone is a tz database name ("Fri, 31 Mar 2023
 * 20:19:00 America/Los_Angeles", "+02:00[Europe/Paris]" aside): the
 * offset that was in force at the date's wall-clock time, from the
 * zone's TZif file (RFC 8536) under $TZDIR or /usr/share/zoneinfo.
 *
 * libc's localtime()/mktime() read one zone for the whole process, from
 * the TZ variable; several threads parse at once, so each zone's file is
 * read here once, kept, and looked up without touching TZ.  A name the
 * machine has no file for leaves the date unread, as an unknown zone
 * always has.  Wall-clock times that do not exist (the hour the clocks
 * skip) or name two instants (the hour they repeat) are refused. */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/err.h"
#include "rounds/fsutil.h"
#include "date_int.h"

#define TZ_NAME_MAX 64
#define TZ_FILE_MAX (256 * 1024)
#define TZ_ZONES_MAX 32

struct tz {
	char name[TZ_NAME_MAX];
	bool missing;                   /* no usable file: never read again */
	int64_t *at;                    /* transition times, ascending */
	uint8_t *type;                  /* the type each one starts */
	size_t n_at;
	int32_t *off;                   /* each type's offset, seconds */
	size_t n_types;
	bool rule_after;                /* past the last transition a rule
					   (the footer's DST) decides */
};

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tz *zones[TZ_ZONES_MAX];
static size_t n_zones;

/* A tz database name at s: "Area/Place" (or more parts) of letters,
 * digits, '_', '-', '+', starting with a capital; never "Etc/" (read
 * as a fixed zone elsewhere) or "right/" (leap seconds counted). */
size_t date_tz_name(const char *s)
{
	size_t n = 0, slash = 0;

	if (*s < 'A' || *s > 'Z' || strncmp(s, "Etc/", 4) == 0 ||
	    strncmp(s, "right/", 6) == 0)
		return 0;
	for (; n < TZ_NAME_MAX; n++) {
		char c = s[n];

		if (c == '/') {
			if (s[n + 1] < 'A' || s[n + 1] > 'Z')
				return 0;       /* "//", "/.", "/" at the end */
			slash++;
		} else if (!is_alpha((unsigned char)c) &&
			   !is_digit((unsigned char)c) && c != '_' &&
			   c != '-' && c != '+') {
			break;
		}
	}
	return slash > 0 && n < TZ_NAME_MAX ? n : 0;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* The counts of a TZif header at p (44 bytes): isutcnt, isstdcnt,
 * leapcnt, timecnt, typecnt, charcnt; false when absurd. */
static bool header(const unsigned char *p, size_t len, uint32_t c[6])
{
	int i;

	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return false;
	for (i = 0; i < 6; i++)
		c[i] = be32(p + 20 + 4 * i);
	return c[4] > 0 && c[4] <= 256 && c[3] <= 65536 && c[2] <= 4096 &&
	       c[5] <= 65536 && (c[0] == 0 || c[0] == c[4]) &&
	       (c[1] == 0 || c[1] == c[4]);
}

/* The data block after a header: its length for times of w bytes. */
static size_t block_len(const uint32_t c[6], size_t w)
{
	return (size_t)c[3] * (w + 1) + (size_t)c[4] * 6 + c[5] +
	       (size_t)c[2] * (w + 4) + c[1] + c[0];
}

/* Reads the version 2+ (64-bit) data of a TZif file into z. */
static bool parse(struct tz *z, const unsigned char *d, size_t len)
{
	uint32_t c[6];
	const unsigned char *p;
	size_t skip, i, need;

	if (!header(d, len, c) || d[4] < '2')
		return false;
	skip = 44 + block_len(c, 4);    /* the version 1 block */
	if (skip > len || !header(d + skip, len - skip, c))
		return false;
	p = d + skip + 44;
	need = block_len(c, 8);
	if (need > len - skip - 44)
		return false;
	z->n_at = c[3];
	z->n_types = c[4];
	z->at = xmalloc((z->n_at + 1) * sizeof(*z->at));
	z->type = xmalloc(z->n_at + 1);
	z->off = xmalloc(z->n_types * sizeof(*z->off));
	for (i = 0; i < z->n_at; i++) {
		z->at[i] = be64(p + 8 * i);
		if (i > 0 && z->at[i] <= z->at[i - 1])
			return false;
	}
	p += 8 * z->n_at;
	for (i = 0; i < z->n_at; i++)
		if ((z->type[i] = p[i]) >= z->n_types)
			return false;
	p += z->n_at;
	for (i = 0; i < z->n_types; i++) {
		int32_t o = (int32_t)be32(p + 6 * i);

		if (o < -25 * 3600 || o > 26 * 3600)
			return false;
		z->off[i] = o;
	}
	/* the footer, "\nPST8PDT,M3.2.0,M11.1.0\n": a ',' is a DST rule */
	p = d + skip + 44 + need;
	if (p < d + len && *p == '\n') {
		const unsigned char *e = memchr(p + 1, '\n',
						(size_t)(d + len - p - 1));

		z->rule_after = e != NULL && memchr(p + 1, ',',
						    (size_t)(e - p - 1));
	}
	return true;
}

static void load(struct tz *z)
{
	const char *dir = getenv("TZDIR");
	struct rounds_err err;
	char path[512], *d = NULL;
	size_t len = 0;

	z->missing = true;
	if (dir == NULL || *dir != '/')
		dir = "/usr/share/zoneinfo";
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, z->name) >=
	    sizeof(path))
		return;
	rounds_err_init(&err);
	if (rounds_file_read(path, TZ_FILE_MAX, &d, &len, &err) == 0 &&
	    parse(z, (const unsigned char *)d, len))
		z->missing = false;
	free(d);
}

static void tz_free(struct tz *z)
{
	free(z->at);
	free(z->type);
	free(z->off);
	free(z);
}

/* The offset in force at the instant t (seconds since 1970, UTC). */
static int32_t offset_at(const struct tz *z, int64_t t, bool *ruled)
{
	size_t lo = 0, hi = z->n_at;

	*ruled = false;
	while (lo < hi) {               /* the first transition after t */
		size_t mid = lo + (hi - lo) / 2;

		if (z->at[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return z->off[0];
	*ruled = lo == z->n_at && z->rule_after;
	return z->off[z->type[lo - 1]];
}

/* The offset of zone z at the wall-clock time local: each offset the
 * zone has used gives an instant, kept when that offset was indeed in
 * force then; one such instant, or none read. */
static bool local_offset(const struct tz *z, int64_t local, int32_t *off)
{
	int64_t found = 0;
	int32_t o = 0;
	size_t i, hits = 0;
	bool ruled;

	for (i = 0; i < z->n_types; i++) {
		int64_t t = local - z->off[i];

		if (offset_at(z, t, &ruled) != z->off[i])
			continue;
		if (ruled)
			return false;   /* past the table: its rule unknown */
		if (hits > 0 && t == found)
			continue;
		found = t;
		o = z->off[i];
		hits++;
	}
	if (hits != 1)
		return false;
	*off = o;
	return true;
}

/* Looks the zone named s[0, n) up (read on first use and kept; with the
 * table full, read for this once) and, when local is not NULL, its
 * offset at *local into *off.  False when the machine has no such zone
 * or the offset is not one. */
static bool with_zone(const char *s, size_t n, const int64_t *local,
		      int32_t *off)
{
	struct tz *z = NULL, *once = NULL;
	size_t i;
	bool ok;

	(void)pthread_mutex_lock(&tz_lock);
	for (i = 0; i < n_zones; i++)
		if (strncmp(zones[i]->name, s, n) == 0 &&
		    zones[i]->name[n] == '\0') {
			z = zones[i];
			break;
		}
	if (z == NULL) {
		z = xcalloc(1, sizeof(*z));
		memcpy(z->name, s, n);
		load(z);
		if (n_zones < TZ_ZONES_MAX)
			zones[n_zones++] = z;
		else
			once = z;
	}
	ok = !z->missing && (local == NULL || local_offset(z, *local, off));
	(void)pthread_mutex_unlock(&tz_lock);
	if (once != NULL)
		tz_free(once);
	return ok;
}

bool date_tz_known(const char *s, size_t n)
{
	return with_zone(s, n, NULL, NULL);
}

bool date_tz_offset(const char *s, size_t n, int64_t local, int32_t *off)
{
	return with_zone(s, n, &local, off);
}
