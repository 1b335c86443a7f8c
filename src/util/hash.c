/* hash.c: the running fingerprint of hash.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "rounds/hash.h"

#define PRIME 0x100000001b3ULL

void rounds_hash_init(struct rounds_hash *h)
{
	h->a = 0xcbf29ce484222325ULL;
	h->b = 0x84222325cbf29ce4ULL;
}

static void mix(struct rounds_hash *h, unsigned char c)
{
	h->a = (h->a ^ c) * PRIME;
	h->b = (h->b ^ c) * PRIME;
}

void rounds_hash_bytes(struct rounds_hash *h, const void *p, size_t len)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < len; i++)
		mix(h, s[i]);
	mix(h, 0x1f);
	h->b = (h->b ^ (uint64_t)len) * PRIME;
}

void rounds_hash_str(struct rounds_hash *h, const char *s)
{
	if (s == NULL) {
		mix(h, 0x1e);
		h->b = (h->b ^ 0x1e) * PRIME;
		return;
	}
	rounds_hash_bytes(h, s, strlen(s));
}

void rounds_hash_int(struct rounds_hash *h, int64_t v)
{
	char n[24];

	snprintf(n, sizeof(n), "%" PRId64, v);
	rounds_hash_str(h, n);
}

void rounds_hash_hex(const struct rounds_hash *h, char out[ROUNDS_HASH_HEX])
{
	snprintf(out, ROUNDS_HASH_HEX, "%016" PRIx64 "%016" PRIx64, h->a,
		 h->b);
}
