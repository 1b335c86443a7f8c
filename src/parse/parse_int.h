/* parse_int.h: what the parser's files share (parse*.c).
 * parse_enc.c turns any bytes into clean UTF-8; parse_xml.c reads the
 * document, parse_node.c answers questions about its elements;
 * parse_rss.c, parse_atom.c and jsonfeed.c map each format onto struct
 * rounds_feed, with ns_ext.c's shared extensions and parse_field.c's
 * setters. */
#ifndef ROUNDS_PARSE_INT_H
#define ROUNDS_PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "rounds/buf.h"
#include "rounds/parse.h"

/* Namespaces, matched by URI (known wrong spellings included). */
enum ns {
	NS_NONE = 0,    /* no namespace */
	NS_OTHER,       /* one we do not know */
	NS_RSS10,       /* RSS 1.0 (also the RSS 0.90 one) */
	NS_RSS090,
	NS_ATOM,        /* Atom 1.0 */
	NS_ATOM03,      /* Atom 0.3 */
	NS_RDF,
	NS_DC,
	NS_CONTENT,
	NS_WFW,
	NS_SLASH,
	NS_THR,
	NS_MEDIA,
	NS_ITUNES,
	NS_SY,
	NS_XHTML,
	NS_RSS20,       /* the (unofficial) RSS 2.0 namespaces */
	NS_FEEDBURNER,  /* FeedBurner's: origLink, origEnclosureLink */
	NS_ENC,         /* RSS 1.0's mod_enclosure: enc:enclosure */
	NS_GOOGLEPLAY,  /* Google Play's podcast tags: googleplay:image */
	NS_PODCAST,     /* Podcasting 2.0's: podcast:image(s) */
	NS_CORE,        /* in a dispatch table: the format's own elements */
};

#define NS_CACHE 16

struct pctx {
	const struct rounds_parse_opts *opts;
	struct rounds_feed *feed;
	struct {
		const xmlNs *ns;
		enum ns id;
	} ns_cache[NS_CACHE];
	unsigned n_ns_cache;
	/* the feed element's namespace when it is none we know (an Atom
	 * draft's, a home-made one): read as the format's own, core_id */
	const xmlChar *core_href;
	enum ns core_id;
	struct rounds_buf scratch;   /* reused for text of one field */
	const struct pe_marks *marks;   /* the document's CDATA sections */
	bool entry_doc;         /* the root is an Atom entry */
	bool base_is_self;      /* opts->base is the feed's self link (the
				 * caller gave none) */
};

/* ---- parse_enc.c ---- */
struct enc_result {
	const char *data;       /* the clean UTF-8 text */
	size_t len;
	char *buf;              /* what data points into when not the input */
	size_t alloc;           /* buf's size when it may go back to the
				 * thread's spare (pe_release), else 0 */
	char *problem;          /* first problem found (caller frees), or NULL */
	char *minor;            /* first HTML entity used undeclared: said
				 * only when nothing worse is (caller frees) */
	bool entity_decls;      /* an entity declaration or reference was
				 * refused (external, parameter, too large) */
	struct pe_marks *marks; /* CDATA sections read apart, or NULL */
};
/* A CDATA section's text is read apart, not by libxml2: the document holds
 * a mark in its place (U+FDD0, a noncharacter, 8 hex digits naming the
 * section, then as many newlines as the section had, so that libxml2's
 * line numbers stay right), and px_text puts the text back.  None is made
 * in a document that holds U+FDD0 itself. */
#define PE_MARK "\xEF\xB7\x90"
#define PE_MARK_LEN 11          /* without the newlines */
struct pe_mark {
	size_t off, len;        /* the clean text, in pe_marks.text */
	size_t nl;
};
struct pe_marks {
	struct rounds_buf text; /* each section's text, a NUL after each */
	struct pe_mark *at;
	size_t n, cap;
};
/* The text of the mark at s (n bytes left), its length in *len, and the
 * mark's own length (newlines included) in *skip; NULL when s starts no
 * mark of m. */
const char *pe_mark_text(const struct pe_marks *m, const char *s, size_t n,
			 size_t *len, size_t *skip);
/* Converts bytes to clean UTF-8 for libxml2 (xml true) or jansson: BOM,
 * declared/transport charset, invalid bytes read as windows-1252, control
 * characters removed, and (xml) HTML entity references replaced by
 * character references and stray '&' escaped. */
enum {
	PE_XML = 1,             /* XML (else JSON): references, CDATA */
	PE_PREDEF_REFS = 2,     /* &lt; &gt; &amp; &quot; &apos; as &#N; */
};
void pe_clean(const char *bytes, size_t len, const char *charset,
	      unsigned flags, struct enc_result *res);
void pe_release(struct enc_result *res);
/* Skips a BOM and white space; returns the first significant byte or -1. */
int pe_first_byte(const char *bytes, size_t len);

/* ---- parse_charset.c ---- */
/* iconv_open and iconv_close, one thread at a time (they load modules). */
#include <iconv.h>
iconv_t pe_iconv_open(const char *to, const char *from);
void pe_iconv_close(iconv_t cd);
/* The document's bytes as UTF-8: a BOM or, for XML, leading junk skipped
 * (said in *problem), then converted from the charset the BOM, else the
 * transport (charset), else the XML declaration names, else left as they
 * are (UTF-8).  t->owned (the caller's) holds a conversion. */
struct pe_text {
	const char *bytes;      /* UTF-8, not yet checked */
	size_t len;
	char *owned;            /* what bytes points into when converted */
	bool c1_cp1252;         /* U+0080-U+009F are windows-1252 bytes */
};
void pe_decode(const char *bytes, size_t len, const char *charset, bool xml,
	       struct pe_text *t, char **problem);

/* ---- parse_ent.c ---- */
/* The internal entities of one document (see parse_ent.c). */
struct pe_ents;
#define PE_ENT_NAME 40          /* longest entity name kept, with its NUL */
/* Keeps the internal general entities that s[from, to) (an internal
 * subset) declares in *es, made on first use.  False when a declaration
 * was refused: external, parameter, badly formed, or one too many. */
bool pe_ents_declare(struct pe_ents **es, const char *s, size_t from,
		     size_t to);
/* The replacement text of entity name with its references to other
 * declared entities replaced (borrowed from es), counted against the
 * document's budget.  NULL when es declares no such entity, or with
 * *refused when it refers to itself, nests too deep, is too large or the
 * budget is spent. */
const char *pe_ents_expand(struct pe_ents *es, const char *name,
			   size_t *len, bool *refused);
void pe_ents_free(struct pe_ents *es);
/* XML name characters (the ASCII ones; enough for entity names). */
bool pe_name_start(unsigned char ch);
bool pe_name_char(unsigned char ch);
/* The length of "&name;" at s (n bytes left) with name copied out (cap
 * bytes with its NUL), or 0 when s starts no entity reference. */
size_t pe_ref_name(const char *s, size_t n, char *name, size_t cap);

/* ---- parse_repair.c ---- */
/* Appends s[0, n) to out with its tags put straight: an end tag closes
 * the elements left open inside the one it names and is dropped when it
 * names none; attribute values quoted; <br> and the other HTML empty
 * elements closed; a '<' that starts no tag escaped. */
void pr_repair(const char *s, size_t n, struct rounds_buf *out);

/* ---- parse_xml.c ---- */
int px_parse_xml(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err) ROUNDS_WUR;

/* ---- parse_node.c ---- */
enum ns px_ns(struct pctx *c, const xmlNode *n);
/* The element's local name when it is an element of namespace ns. */
/* The namespace a URI names. */
enum ns px_ns_href(const xmlChar *href);
bool px_is(struct pctx *c, const xmlNode *n, enum ns ns, const char *name);
/* An attribute with no namespace (or in ns, when ns is not NS_NONE). */
const char *px_attr(const xmlNode *n, const char *name);
const char *px_attr_ns(struct pctx *c, const xmlNode *n, enum ns ns,
		       const char *name);
/* Text content of an element (descendant text), borrowed until the next
 * call; NULL when empty.  At most ROUNDS_MAX_FIELD bytes. */
const char *px_text(struct pctx *c, const xmlNode *n, size_t *len);
/* The same without the spaces px_text() puts where a line break or a block
 * written as an element stands: what an entry's fallback id is made of. */
const char *px_text_raw(struct pctx *c, const xmlNode *n, size_t *len);
/* The markup inside an element, serialised (for inline XHTML). */
const char *px_inner_xml(struct pctx *c, const xmlNode *n, size_t *len);
/* The base for n's content: its xml:base resolved against base, else base.
 * *owned is set when the result must be freed. */
const char *px_base(const xmlNode *n, const char *base, char **owned);
/* An xml:base on n or an element around it. */
bool px_xml_base_in_scope(const xmlNode *n);

/* len cut to at most max bytes without splitting a UTF-8 sequence. */
size_t px_utf8_cut(const char *s, size_t len, size_t max);

/* ---- parse_field.c ---- */
/* Field setters: each leaves the field alone when the value is empty or
 * bad (and frees the old one when it replaces it, if replace). */
void px_set_text(char **field, const char *s, size_t len, bool replace);
/* True when s[0, len) holds markup that HTML knows: a start or end tag of
 * an HTML element, or a comment ("x <tag> y" holds none). */
bool px_has_html_markup(const char *s, size_t len);
/* How a text field's value is written: plain text; text that may hold
 * HTML (RSS titles: HTML when it holds markup HTML knows); HTML, as its
 * element says (Atom type="html", media:title type="html"). */
enum px_markup { PX_PLAIN, PX_MAYBE_HTML, PX_HTML };
void px_set_html_text(char **field, const char *s, size_t len, bool replace,
		      enum px_markup how);
/* Appends s[0, len) to b as HTML text whose every '<' is a character
 * ("&lt;"); its references stay references. */
void px_lt_as_text(struct rounds_buf *b, const char *s, size_t len);
void px_set_html(char **field, const char *html, size_t len,
		 const char *base, bool replace);
void px_set_plain_as_html(char **field, const char *s, size_t len,
			  const char *base, bool replace);
void px_set_url(char **field, const char *ref, const char *base,
		bool replace);
void px_set_str(char **field, const char *s, size_t len, bool replace);
void px_set_date(int64_t *t, bool *has, const char *s, bool replace);
/* The same from element n's text. */
void px_set_date_node(struct pctx *c, int64_t *t, bool *has,
		      const xmlNode *n, bool replace);
bool px_parse_count(const char *s, int64_t *out);
/* "mail@host (Name)", "Name (mail@host)", "Name <mail@host>",
 * "mail@host", "Name" */
void px_person_from_rss(struct rounds_person *p, const char *s, size_t len);
/* An Atom person's email (RFC 4287 3.2.3: an address): the first one,
 * without "mailto:", and only when it looks like an address. */
void px_person_email(struct rounds_person *p, const char *s, size_t len);
/* When p names the person q names (same name or address, nothing that
 * differs), q takes p's missing details, p is released: true. */
bool px_person_merge(struct rounds_person *q, struct rounds_person *p);
void px_add_author(struct rounds_entry *e, struct rounds_person *p);
void px_add_category(struct rounds_entry *e, const char *s, size_t len);
void px_add_enclosure(struct rounds_entry *e, const char *url,
		      const char *type, const char *length, const char *base);
void px_add_reply(struct rounds_entry *e, const char *ref, const char *href,
		  const char *base);
/* The source text an entry's fallback id is hashed from: title, date,
 * content (or summary). */
struct px_raw {
	const char *s[3];
	size_t len[3];
	char *own[3];
};
/* Gives the entry its id when it has none: the link, else "urn:rounds:"
 * and a 64-bit FNV-1a hash of the raw texts. */
void px_entry_finish(struct rounds_entry *e, const struct px_raw *raw);
void px_raw_node(struct pctx *c, struct px_raw *raw, int i, const xmlNode *n);
void px_raw_release(struct px_raw *raw);
struct rounds_entry *px_new_entry(struct pctx *c);

/* ---- ns_ext.c: element dispatch and the shared extensions ---- */
/* The fields an element may set, for precedence: a source of higher rank
 * replaces what a lower one set; at equal rank the first one stays. */
enum px_field {
	PF_TITLE, PF_LINK, PF_ID, PF_SUMMARY, PF_CONTENT, PF_PUBLISHED,
	PF_UPDATED, PF_IMAGE, PF_COMMENTS, PF_COMMENTS_FEED, PF_SUBTITLE,
	PF_LANGUAGE, PF_RIGHTS, PF_ICON, PF_AUTHOR, PF_NONE, PF_N
};

/* One item/entry (e set) or the channel/feed (e NULL) being read. */
/* dc:contributors an entry holds back (px_el_entry_end) */
#define PX_MAX_CONTRIB 4

struct px_el {
	struct pctx *c;
	const char *base;
	struct rounds_entry *e;
	unsigned char rank[PF_N];
	char *permalink;        /* RSS guid isPermaLink, for a missing link */
	struct rounds_person itunes_author;  /* when nothing else names one */
	struct rounds_person contrib[PX_MAX_CONTRIB]; /* dc:contributor, too */
	size_t n_contrib;
	const xmlNode *summary; /* RSS <summary>, placed once all is read */
	unsigned long image_width;      /* the picture kept: its width, when
					 * its element gave one, else 0 */
	int64_t ttl, sy_period, sy_freq;
};

struct px_rule;
typedef void px_fn(struct px_el *x, const xmlNode *n, const struct px_rule *r);
/* (namespace, local name) -> handler, with the field and the rank of this
 * source; a table ends with a NULL name. */
struct px_rule {
	enum ns ns;
	const char *name;
	px_fn *fn;
	enum px_field field;
	unsigned char rank;
};

void px_el_init(struct px_el *x, struct pctx *c, const char *base,
		struct rounds_entry *e);
void px_el_release(struct px_el *x);
/* An item's fallbacks once all its elements are read (itunes:author). */
void px_el_entry_end(struct px_el *x);
/* Runs the first rule of t for (ns, n's name); false when there is none. */
bool px_dispatch(struct px_el *x, const struct px_rule *t, enum ns ns,
		 const xmlNode *n);
/* Generic handlers: n's text as plain text (markup removed), as HTML
 * (escaped or inline), as a URL, as a string, as a date into r->field. */
px_fn px_h_text, px_h_html, px_h_url, px_h_str, px_h_date;
/* An RSS-style person into feed.author at r->rank (PF_AUTHOR). */
px_fn px_h_feed_person;
/* Field setters under precedence (see enum px_field). */
void px_put_html(struct px_el *x, enum px_field f, unsigned rank,
		 const char *s, size_t len, const char *base);
void px_put_plain_as_html(struct px_el *x, enum px_field f, unsigned rank,
			  const char *s, size_t len, const char *base);
void px_put_text(struct px_el *x, enum px_field f, unsigned rank,
		 const char *s, size_t len, enum px_markup how);
void px_put_url(struct px_el *x, enum px_field f, unsigned rank,
		const char *ref, const char *base);
void px_put_str(struct px_el *x, enum px_field f, unsigned rank,
		const char *s, size_t len);
/* An enclosure, or the entry's picture (at rank) when its type is an image type. */
/* url as the entry's picture at rank (never an author's avatar). */
void px_put_picture(struct px_el *x, unsigned rank, const char *url,
		    const char *base);
void px_add_media(struct px_el *x, const char *url, const char *type,
		  const char *length, const char *base, unsigned rank);
/* Extension elements shared by RSS and Atom, item and channel level. */
extern const struct px_rule px_ext_item[], px_ext_chan[];
/* An Atom link or person (Atom itself and atom:* inside RSS); a link
 * rel="alternate" sets the link at rank `rank`. */
void px_atom_link(struct px_el *x, const xmlNode *n, unsigned rank);
/* An Atom text construct (type text, html, xhtml; Atom 0.3's mode) into
 * field f at rank: as HTML (summary, content) or as TEXT. */
void px_atom_text(struct px_el *x, const xmlNode *n, bool html,
		  enum px_field f, unsigned rank);
void px_atom_person(struct pctx *c, const xmlNode *n, const char *base,
		    struct rounds_person *p);
/* An Atom category (Atom itself and atom:category inside RSS): its term,
 * else its label; none of Blogger's "kind" scheme. */
void px_h_atom_category(struct px_el *x, const xmlNode *n,
			const struct px_rule *r);
/* The people an RSS-style element names (author, dc:creator ...): Atom's
 * shape (name, email, uri children), or text in the shapes of
 * px_person_from_rss, a list of them when it names two addresses or more;
 * at most max into out, how many returned. */
size_t px_people(struct px_el *x, const xmlNode *n, struct rounds_person *out,
		 size_t max);
/* The same, each added to the entry's authors. */
void px_add_people(struct px_el *x, const xmlNode *n);
/* A category element's text, one category (RSS category, dc:subject). */
void px_h_category(struct px_el *x, const xmlNode *n,
		   const struct px_rule *r);
int64_t px_sy_period(const char *s);
/* What the channel's sy:* elements and ttl ask for, into the feed. */
void px_min_interval(struct px_el *x);

/* ---- parse_rss.c / parse_atom.c ---- */
void px_rss(struct pctx *c, xmlNode *root, enum rounds_format fmt);
void px_atom(struct pctx *c, xmlNode *root, enum rounds_format fmt);

/* ---- parse_safe.c ---- */
/* The last pass over every parsed feed: each field that is not HTML
 * through the TEXT or URL rule of safe.h; base is the document's own
 * URL (file: links stay only when it is a file: URL). */
void px_make_safe(struct rounds_feed *f, const char *base);

/* ---- jsonfeed.c ---- */
int px_parse_json(const char *bytes, size_t len,
		  const struct rounds_parse_opts *opts,
		  struct rounds_feed **out, struct rounds_err *err) ROUNDS_WUR;

#endif
