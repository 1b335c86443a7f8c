/* test_buf.c: the capped string builder. */
#include <stdlib.h>
#include "rounds/buf.h"
#include "../tap.h"

int main(void)
{
	struct rounds_buf b;
	char *s;
	int i, rc = 0;

	rounds_buf_init(&b, 0);
	is_str(rounds_buf_str(&b), "", "empty buffer reads as \"\"");
	ok(rounds_buf_puts(&b, "abc") == 0, "puts");
	ok(rounds_buf_printf(&b, "-%d-%s", 42, "x") == 0, "printf");
	is_str(rounds_buf_str(&b), "abc-42-x", "appends in order");
	is_int(b.len, 8, "length counts bytes");
	for (i = 0; i < 10000 && rc == 0; i++)
		rc = rounds_buf_putc(&b, 'z');
	is_int(b.len, 10008, "grows past many reallocations");
	s = rounds_buf_detach(&b);
	ok(b.data == NULL && b.len == 0, "detach leaves an empty buffer");
	is_int(strlen(s), 10008, "detached string is whole");
	free(s);

	rounds_buf_init(&b, 5);
	ok(rounds_buf_puts(&b, "12345") == 0, "fill to exactly the cap");
	ok(rounds_buf_putc(&b, '6') < 0, "one byte over the cap fails");
	ok(b.data == NULL && b.len == 0, "a failed append frees the buffer");
	ok(rounds_buf_printf(&b, "%0100d", 1) < 0, "printf over the cap fails");

	s = rounds_buf_detach(&b);
	is_str(s, "", "detach of an empty buffer gives \"\"");
	free(s);
	return done_testing();
}
