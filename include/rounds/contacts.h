/* contacts.h: masking contact details in text written by strangers.
 * Comments come from the public, often patients writing about their own
 * care; the digest shows what they wrote without the e-mail addresses and
 * phone numbers in it.  Pure functions: no I/O, no state.
 *
 * E-mail addresses become "[email]": local@domain.tld, where the local
 * part is letters, digits and . _ % + ' - (at most 64 bytes), the domain
 * at least two labels of letters, digits and '-', the last one at least
 * two letters and not a picture's file type ("icon@2x.png" stays).  The
 * '@' may be written "[at]", "(at)" or "{at}" and a dot "[dot]", "(dot)"
 * or "{dot}", with spaces around them.
 *
 * Phone numbers become "[phone]": a run of 7 to 15 digits that starts at
 * '+', '(' or a digit not glued to a word or number, with single
 * separators (space, '-', '.', '/', parentheses; two together at most)
 * between digit groups.  Not masked, because they are something else:
 * - dates: three groups 4-2-2 or 2-2-4 (1 or 2 digits for day and month)
 *   joined by '-', '.' or '/'; two years joined by '-' or '/';
 * - ISBNs: "ISBN" shortly before, or 13 digits from 978 or 979;
 * - versions and addresses: a dotted run with a one-digit group,
 *   "version" shortly before, four dotted groups of up to 3 digits;
 * - times and numbers: a run followed by ':' or ',' and a digit, or by a
 *   letter, '%', '@' or '_'.
 * Unless a word such as "phone", "tel", "call", "mobile", "fax" or "sms"
 * comes shortly before, these are not masked either:
 * - amounts: a currency sign or code just before or after ("$", "€",
 *   "USD", "EUR", "dollars"...), or thousands groups (1 to 3 digits, then
 *   groups of exactly 3, one kind of separator, no leading 0 or '+');
 * - plain digit runs without separators, unless they start with '+', or
 *   with 0 and have at least 9 digits;
 * - dotted runs of fewer than 9 digits (times such as 10.30-11.45).
 * A number written across markup ("<b>555</b>-0134") is not seen. */
#ifndef ROUNDS_CONTACTS_H
#define ROUNDS_CONTACTS_H

#include <stddef.h>

#define ROUNDS_MASK_EMAIL "[email]"
#define ROUNDS_MASK_PHONE "[phone]"

/* Plain text (len bytes) with contact details masked.  NULL in, NULL out.
 * Caller frees. */
char *rounds_contacts_mask(const char *text, size_t len);

/* The same for a fragment written by rounds_html_sanitize() (every tag
 * well formed, text and attribute values escaped): the text between
 * tags and title and alt values are masked; a mailto: link loses its
 * tags and keeps its (masked) text.  NULL in, NULL out.  Caller frees. */
char *rounds_contacts_mask_html(const char *html, size_t len);

#endif
