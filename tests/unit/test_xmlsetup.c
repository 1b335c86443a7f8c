/* test_xmlsetup.c: whatever a reader asks, xmlsetup.h keeps libxml2 off
 * the network and the file system, substitutes no entity, loads no DTD
 * and keeps its limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include "rounds/xmlsetup.h"
#include "../tap.h"

static void options(void)
{
	int all = XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
		XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE | XML_PARSE_HUGE |
		XML_PARSE_RECOVER;
	int got = rounds_xml_options(all);

	ok((got & (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
		   XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE |
		   XML_PARSE_HUGE)) == 0,
	   "NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE and HUGE are refused");
	ok(got & XML_PARSE_NONET, "NONET is always set");
	ok(got & XML_PARSE_RECOVER, "what is harmless stays");
	ok(rounds_html_options(0) & HTML_PARSE_NONET, "HTML: NONET too");
}

/* A document that asks for a file through an external entity, read with
 * every option a careless reader might give. */
static void no_file(void)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE o [<!ENTITY x SYSTEM "
		"\"file:///etc/hostname\">]>\n<o>[&x;]</o>";
	xmlParserCtxtPtr ctxt = rounds_xml_ctxt_new();
	xmlDocPtr d;
	xmlChar *text = NULL;

	ok(ctxt != NULL, "a context");
	d = xmlCtxtReadMemory(ctxt, doc, (int)strlen(doc), NULL, "UTF-8",
			      rounds_xml_options(XML_PARSE_NOENT |
						 XML_PARSE_DTDLOAD |
						 XML_PARSE_NOERROR |
						 XML_PARSE_NOWARNING));
	if (d && xmlDocGetRootElement(d))
		text = xmlNodeGetContent(xmlDocGetRootElement(d));
	ok(text == NULL || strcmp((const char *)text, "[]") == 0,
	   "the external entity reads nothing (got '%s')",
	   text ? (const char *)text : "");
	xmlFree(text);
	xmlFreeDoc(d);
	xmlFreeParserCtxt(ctxt);
	ok(rounds_xml_sax_ctxt("<a/>", (size_t)1 << 31, 0) == NULL,
	   "a buffer over 2 GiB is refused, not truncated");
}

int main(void)
{
	options();
	no_file();
	return done_testing();
}
