/* xmlsetup.h: the one place libxml2 is set up, for every reader in rounds
 * (feeds, the HTML sanitiser, OPML).  Whatever the caller asks, a reader
 * gets no network (NONET), never substitutes entities (no NOENT), never
 * loads or validates a DTD, never follows XInclude, and keeps libxml2's
 * size and depth limits (no HUGE); the external entity loader refuses
 * everything.  Input is UTF-8: callers convert first. */
#ifndef ROUNDS_XMLSETUP_H
#define ROUNDS_XMLSETUP_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

/* libxml2's global set-up, once per process, whichever thread is first
 * (every function below calls it). */
void rounds_xml_init(void);

/* The options given, made safe as above (xmlParserOption). */
int rounds_xml_options(int options);
/* The same for the HTML parser (htmlParserOption). */
int rounds_html_options(int options);

/* A parser context for xmlCtxtReadMemory (called with
 * rounds_xml_options); NULL only when out of memory. */
xmlParserCtxtPtr rounds_xml_ctxt_new(void);
/* xmlStopParser(), from an error or SAX callback, without freeing the
 * input under the function that called back: libxml2 2.9's frees it,
 * and that function may go on reading it (a crash on documents broken
 * enough).  Taken off the parser, the input neither grows nor shrinks;
 * the parse ends at the empty text xmlStopParser() leaves.  Returns the
 * input's buffer (NULL when already taken), for the caller to free with
 * xmlFreeParserInputBuffer() once the parse is over. */
xmlParserInputBufferPtr rounds_xml_stop(xmlParserCtxtPtr ctxt);
/* A push-free SAX parser context over buf[0, len) (UTF-8), options made
 * safe and set; NULL when len is too large or out of memory.  Given back
 * with rounds_xml_sax_ctxt_done (the thread keeps it for the next). */
xmlParserCtxtPtr rounds_xml_sax_ctxt(const char *buf, size_t len,
				     int options);
void rounds_xml_sax_ctxt_done(xmlParserCtxtPtr ctxt);
/* The same for the HTML parser. */
htmlParserCtxtPtr rounds_html_sax_ctxt(const char *buf, size_t len,
				       int options);

/* htmlEntityLookup, through a small cache of the names each thread met
 * last (libxml2 looks through its 253 names one by one). */
const htmlEntityDesc *rounds_html_entity(const xmlChar *name);

#endif
