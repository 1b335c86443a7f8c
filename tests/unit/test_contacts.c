/* test_contacts.c: masking e-mail addresses and phone numbers in comment
 * text, and leaving alone the numbers that only look like them. */
#include <stdlib.h>
#include <string.h>
#include "rounds/contacts.h"
#include "../tap.h"

#define E ROUNDS_MASK_EMAIL
#define P ROUNDS_MASK_PHONE

static const struct {
	const char *in, *want;
} text[] = {
	/* e-mail addresses */
	{ "write to jane.doe@example.org please",
	  "write to " E " please" },
	{ "(nurse+clinic@mail.example.co.uk)", "(" E ")" },
	{ "Mail me: j_o'neil@example.com.", "Mail me: " E "." },
	{ "jane [at] example [dot] org", E },
	{ "jane(at)example.org or jane{AT}example(dot)org", E " or " E },
	{ "a@b.c is too short a domain", "a@b.c is too short a domain" },
	{ "root@localhost has no dot", "root@localhost has no dot" },
	{ "see icon@2x.png and photo@3x.JPG",
	  "see icon@2x.png and photo@3x.JPG" },
	{ "@mention and @ alone", "@mention and @ alone" },
	{ "we meet at example.org", "we meet at example.org" },
	{ "two: a@x.org,b@y.org", "two: " E "," E },
	{ "..dots@example.org", ".." E },
	{ "end-@example-.org-", E "-" },
	/* phone numbers */
	{ "Call me at 555-0134.", "Call me at " P "." },
	{ "office (555) 123-4567 today", "office " P " today" },
	{ "+1 555 123 4567", P },
	{ "+44 20 7946 0958", P },
	{ "+49 (0)30 1234567", P },
	{ "030/1234567", P },
	{ "01.23.45.67.89", P },
	{ "555.123.4567", P },
	{ "+15551234567", P },
	{ "07700900123", P },
	{ "phone 5551234567", "phone " P },
	{ "Tel.: 612 345 678", "Tel.: " P },
	{ "tel:\xc2\xa0" "030 1234567", "tel:\xc2\xa0" P },
	{ "mobile: 12345678", "mobile: " P },
	/* dates and times */
	{ "on 2026-11-24 we met", "on 2026-11-24 we met" },
	{ "on 24.11.2026 we met", "on 24.11.2026 we met" },
	{ "on 11/24/2026 we met", "on 11/24/2026 we met" },
	{ "on 2026-11-24 10:30", "on 2026-11-24 10:30" },
	{ "from 2019-2026", "from 2019-2026" },
	{ "from 2019/2026", "from 2019/2026" },
	{ "at 10.30-11.45", "at 10.30-11.45" },
	{ "10:30-11:45 daily", "10:30-11:45 daily" },
	/* ISBNs, versions, addresses */
	{ "ISBN 978-3-16-148410-0", "ISBN 978-3-16-148410-0" },
	{ "ISBN-10: 0-306-40615-2", "ISBN-10: 0-306-40615-2" },
	{ "the book 9783161484100", "the book 9783161484100" },
	{ "978-3-16-148410-0 in print", "978-3-16-148410-0 in print" },
	{ "build 10.0.19041.1234", "build 10.0.19041.1234" },
	{ "version 2024.11.1234", "version 2024.11.1234" },
	{ "server 192.168.100.200", "server 192.168.100.200" },
	{ "Epic 2.3.4.5.6.7.8", "Epic 2.3.4.5.6.7.8" },
	/* amounts and plain numbers */
	{ "$1 234 567 in savings", "$1 234 567 in savings" },
	{ "1 234 567 patients", "1 234 567 patients" },
	{ "12.500.000 records", "12.500.000 records" },
	{ "EUR 4 500 000", "EUR 4 500 000" },
	{ "4 500 000 dollars", "4 500 000 dollars" },
	{ "\xe2\x82\xac" "1234567", "\xe2\x82\xac" "1234567" },
	{ "grew 1234567%", "grew 1234567%" },
	{ "1000000 claims", "1000000 claims" },
	{ "NPI 1234567890", "NPI 1234567890" },
	{ "3,500,000 beds", "3,500,000 beds" },
	{ "1234567,89 total", "1234567,89 total" },
	{ "code 5551234567abc", "code 5551234567abc" },
	{ "16 digits 4111 1111 1111 1111", "16 digits 4111 1111 1111 1111" },
	{ "six 555-123", "six 555-123" },
	{ "ref#5551234567", "ref#5551234567" },
	{ "", "" },
	{ "\xe6\x97\xa5 +81 3 1234 5678 \xe6\x97\xa5",
	  "\xe6\x97\xa5 " P " \xe6\x97\xa5" },
};

static const struct {
	const char *in, *want;
} html[] = {
	{ "<p>Write to jane@example.org.</p>", "<p>Write to " E ".</p>" },
	{ "<p>Mail <a href=\"mailto:jane@example.org\" rel=\"nofollow "
	  "noopener\">jane@example.org</a> now</p>", "<p>Mail " E " now</p>" },
	{ "<p>Mail <a href=\"MAILTO:jane@example.org\">Jane</a> now</p>",
	  "<p>Mail Jane now</p>" },
	{ "<p><a href=\"https://example.org/\">site</a> and "
	  "<a href=\"https://example.org/2\">more</a></p>",
	  "<p><a href=\"https://example.org/\">site</a> and "
	  "<a href=\"https://example.org/2\">more</a></p>" },
	{ "<p>Call <b>555-123-4567</b></p>", "<p>Call <b>" P "</b></p>" },
	{ "<p>Phone:</p><p>612 345 678</p>", "<p>Phone:</p><p>" P "</p>" },
	{ "<p>Total</p><p>612 345 678</p>", "<p>Total</p><p>612 345 678</p>" },
	{ "<p>a &amp; b@example.org &lt;x&gt;</p>",
	  "<p>a &amp; " E " &lt;x&gt;</p>" },
	{ "<img src=\"https://example.org/a.png\" alt=\"me@example.org\" "
	  "title=\"tel 555-0134\">",
	  "<img src=\"https://example.org/a.png\" alt=\"" E "\" "
	  "title=\"tel " P "\">" },
	{ "<p>On 2026-11-24 <i>and</i> 24.11.2026</p>",
	  "<p>On 2026-11-24 <i>and</i> 24.11.2026</p>" },
	{ "", "" },
};

int main(void)
{
	size_t i;
	char *s;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		s = rounds_contacts_mask(text[i].in, strlen(text[i].in));
		is_str(s, text[i].want, "text %zu: '%s'", i, text[i].in);
		free(s);
	}
	for (i = 0; i < sizeof(html) / sizeof(html[0]); i++) {
		s = rounds_contacts_mask_html(html[i].in, strlen(html[i].in));
		is_str(s, html[i].want, "html %zu", i);
		free(s);
	}
	s = rounds_contacts_mask("call 555-0134 now", 13);
	is_str(s, "call " P, "reads only len bytes");
	free(s);
	ok(rounds_contacts_mask(NULL, 0) == NULL, "NULL in, NULL out");
	ok(rounds_contacts_mask_html(NULL, 0) == NULL,
	   "html: NULL in, NULL out");
	return done_testing();
}
