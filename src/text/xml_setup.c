/* xml_setup.c: libxml2 set up safely, for every reader (xmlsetup.h). */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <libxml/parserInternals.h>
#include "rounds/xmlsetup.h"

/* What no reader in rounds may ask of libxml2. */
#define XML_FORBIDDEN (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | \
		       XML_PARSE_DTDATTR | XML_PARSE_DTDVALID | \
		       XML_PARSE_XINCLUDE | XML_PARSE_HUGE)

static xmlParserInputPtr refuse_entity(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;            /* no file, no network, ever */
}

static void init_once(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
}

void rounds_xml_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	(void)pthread_once(&once, init_once);
}

int rounds_xml_options(int options)
{
	return (options & ~XML_FORBIDDEN) | XML_PARSE_NONET;
}

int rounds_html_options(int options)
{
	return options | HTML_PARSE_NONET;
}

xmlParserCtxtPtr rounds_xml_ctxt_new(void)
{
	rounds_xml_init();
	return xmlNewParserCtxt();
}

/* Each thread keeps the context of its last SAX parse for the next one:
 * a fresh one costs about as much as reading a short fragment.  Its
 * dictionary keeps the names it met, so it is dropped when that grows. */
#define SAX_DICT_MAX 4096

static pthread_key_t sax_key;
static pthread_once_t sax_once = PTHREAD_ONCE_INIT;

static void sax_free(void *p)
{
	xmlFreeParserCtxt(p);
}

static void sax_init(void)
{
	(void)pthread_key_create(&sax_key, sax_free);
}

xmlParserCtxtPtr rounds_xml_sax_ctxt(const char *buf, size_t len,
				     int options)
{
	xmlParserCtxtPtr ctxt;
	xmlParserInputBufferPtr in;
	xmlParserInputPtr stream;

	rounds_xml_init();
	if (len > (size_t)INT32_MAX)
		return NULL;
	(void)pthread_once(&sax_once, sax_init);
	ctxt = pthread_getspecific(sax_key);
	if (ctxt) {             /* ours until given back */
		(void)pthread_setspecific(sax_key, NULL);
		xmlCtxtReset(ctxt);
	} else if ((ctxt = xmlNewParserCtxt()) == NULL) {
		return NULL;
	}
	in = xmlParserInputBufferCreateMem(buf, (int)len,
					   XML_CHAR_ENCODING_NONE);
	stream = in ? xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE) :
		NULL;
	if (stream == NULL) {
		if (in)
			xmlFreeParserInputBuffer(in);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	(void)inputPush(ctxt, stream);
	(void)xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	(void)xmlCtxtUseOptions(ctxt, rounds_xml_options(options));
	return ctxt;
}

xmlParserInputBufferPtr rounds_xml_stop(xmlParserCtxtPtr ctxt)
{
	xmlParserInputBufferPtr kept = NULL;

	if (ctxt->input != NULL) {
		kept = ctxt->input->buf;
		ctxt->input->buf = NULL;
	}
	xmlStopParser(ctxt);
	return kept;
}

void rounds_xml_sax_ctxt_done(xmlParserCtxtPtr ctxt)
{
	if (ctxt == NULL)
		return;
	if (pthread_getspecific(sax_key) == NULL && ctxt->dict &&
	    xmlDictSize(ctxt->dict) < SAX_DICT_MAX &&
	    pthread_setspecific(sax_key, ctxt) == 0)
		return;
	xmlFreeParserCtxt(ctxt);
}

htmlParserCtxtPtr rounds_html_sax_ctxt(const char *buf, size_t len,
				       int options)
{
	htmlParserCtxtPtr ctxt;

	rounds_xml_init();
	if (len > (size_t)INT32_MAX)
		return NULL;
	ctxt = htmlCreateMemoryParserCtxt(buf, (int)len);
	if (ctxt == NULL)
		return NULL;
	/* Without this libxml2 2.9 takes the first non-ASCII byte as a sign
	 * of Latin-1; the callers made the input valid UTF-8. */
	(void)xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	(void)htmlCtxtUseOptions(ctxt, rounds_html_options(options));
	return ctxt;
}

/* Names are short (the longest HTML 4 name has 8 letters); one slot per
 * hash, the last name that fell there, found or not. */
#define ENT_SLOTS 256
#define ENT_NAME 16

const htmlEntityDesc *rounds_html_entity(const xmlChar *name)
{
	static __thread struct {
		char name[ENT_NAME];
		const htmlEntityDesc *desc;
	} cache[ENT_SLOTS];
	uint32_t h = 2166136261u;
	size_t n;

	for (n = 0; name[n]; n++) {
		if (n + 1 >= ENT_NAME)
			return htmlEntityLookup(name);
		h = (h ^ name[n]) * 16777619u;
	}
	h &= ENT_SLOTS - 1;
	if (strcmp(cache[h].name, (const char *)name) != 0 || n == 0) {
		memcpy(cache[h].name, name, n + 1);
		cache[h].desc = htmlEntityLookup(name);
	}
	return cache[h].desc;
}
