/* parse.c: bytes -> feed.  Picks JSON Feed (the first significant byte is
 * '{') or XML (everything else) and hands over to jsonfeed.c or
 * parse_xml.c; every feed then goes through parse_safe.c's last pass. */
#include "rounds/caps.h"
#include "parse_int.h"

int rounds_parse(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err)
{
	static const struct rounds_parse_opts none = { NULL, NULL };

	*out = NULL;
	if (opts == NULL)
		opts = &none;
	if (len > ROUNDS_MAX_DOC)
		return rounds_err_set(err, EX_DATAERR, "the document is over "
				      "%u bytes", ROUNDS_MAX_DOC);
	if (pe_first_byte(bytes, len) == -1)
		return rounds_err_set(err, EX_DATAERR, "no feed in the "
				      "document: it is empty");
	if ((pe_first_byte(bytes, len) == '{' ?
	     px_parse_json(bytes, len, opts, out, err) :
	     px_parse_xml(bytes, len, opts, out, err)) < 0)
		return -1;
	px_make_safe(*out, opts->base);
	return 0;
}
