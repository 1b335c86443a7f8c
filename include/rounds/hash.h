/* hash.h: a running fingerprint of bytes, strings and numbers: two
 * FNV-1a 64-bit sums with different offsets (as the store's content
 * hash).  Not cryptographic: it tells "did what this is made of change". */
#ifndef ROUNDS_HASH_H
#define ROUNDS_HASH_H

#include <stddef.h>
#include <stdint.h>

#define ROUNDS_HASH_HEX 33      /* 32 hex digits and the NUL */

struct rounds_hash {
	uint64_t a, b;
};

void rounds_hash_init(struct rounds_hash *h);
/* Adds len bytes, then a separator, so "ab"+"c" and "a"+"bc" differ. */
void rounds_hash_bytes(struct rounds_hash *h, const void *p, size_t len);
/* Adds a string; NULL adds a marker of its own (NULL and "" differ). */
void rounds_hash_str(struct rounds_hash *h, const char *s);
void rounds_hash_int(struct rounds_hash *h, int64_t v);
/* The sum so far as 32 lower-case hex digits (h is left as it is). */
void rounds_hash_hex(const struct rounds_hash *h, char out[ROUNDS_HASH_HEX]);

#endif
