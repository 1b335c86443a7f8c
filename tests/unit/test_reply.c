/* test_reply.c: which comment a comment answers
 * (rounds_feed_comment_parent, rounds_reply_anchor). */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/feed.h"
#include "rounds/reply.h"
#include "../tap.h"

#define POST "https://blog.example/2026/11/fhir-apis/"
#define ARTICLE_ID "https://blog.example/?p=42"

static const struct {
	const char *html;
	const char *anchor;      /* NULL: no reply marker */
} anchors[] = {
	{ "<p>In reply to <a href=\"" POST "#comment-123\">Lee</a>.</p>"
	  "<p>Yes.</p>", "comment-123" },
	{ "In reply to <a href='" POST "#comment-7' rel=\"nofollow\">A</a>.",
	  "comment-7" },
	{ "  <div><p>in reply to <a rel=\"x\" href=\"" POST "#comment-9\">"
	  "B</a>.</p></div>", "comment-9" },
	{ "<p>In reply to: <a href=\"#comment-55\">C</a></p>", "comment-55" },
	{ "<p>Great post. In reply to <a href=\"" POST "#comment-1\">x</a>"
	  "</p>", NULL },                        /* not at the start */
	{ "<p>In reply to <a href=\"" POST "#respond\">x</a></p>", NULL },
	{ "<p>In reply to <a href=\"" POST "#comment-\">x</a></p>", NULL },
	{ "<p>In reply to <a href=\"" POST "#comment-12x\">x</a></p>", NULL },
	{ "<p>In reply to Lee: yes.</p>", NULL },
	{ "<p>In reply to <a href=\"" POST "#comment-3", NULL },
	/* the marker in other languages: a few words and the link, a
	 * paragraph of their own */
	{ "<p>En r\xc3\xa9ponse \xc3\xa0 <a href=\"" POST "#comment-41\">Paul "
	  "Henry</a>.</p><p>M\xc3\xaame constat.</p>", "comment-41" },
	{ "<p>Als Antwort auf <a href=\"" POST "#comment-42\">Jan</a>.</p>\n"
	  "<p>Ja.</p>", "comment-42" },
	{ "<p>Agree with <a href=\"" POST "#comment-43\">Paul</a> on this.</p>",
	  NULL },
	{ "<p>Eine sehr lange Einleitung mit vielen Worten davor hier <a "
	  "href=\"" POST "#comment-44\">X</a>.</p>", NULL },
	{ "", NULL },
	{ NULL, NULL },
};

/* One comment feed, as a parser gives it: newest first. */
struct c {
	const char *id, *link, *html, *reply_ref;
	const char *want;        /* the parent's guid, NULL = top level */
};

static const struct c thread[] = {
	/* WordPress: reply marker, the parent's link ends in #comment-N */
	{ POST "#comment-104", POST "#comment-104",
	  "<p>In reply to <a href=\"" POST "#comment-101\">Ana</a>.</p>"
	  "<p>Same here.</p>", NULL, POST "#comment-101" },
	/* the marker names a comment not in this feed: not found here */
	{ POST "#comment-103", POST "#comment-103",
	  "<p>In reply to <a href=\"" POST "#comment-90\">Old</a>.</p>",
	  NULL, NULL },
	/* RFC 4685 in-reply-to naming another comment */
	{ "tag:blog.example,2026:c-102", POST "#c-102", "<p>Atom reply</p>",
	  "tag:blog.example,2026:c-100", "tag:blog.example,2026:c-100" },
	/* RFC 4685 in-reply-to naming the article: top level */
	{ "tag:blog.example,2026:c-100", POST "#c-100", "<p>Top</p>",
	  ARTICLE_ID, NULL },
	/* in-reply-to wins over a marker */
	{ "tag:x:c-99", NULL,
	  "<p>In reply to <a href=\"" POST "#comment-101\">Ana</a>.</p>",
	  "tag:blog.example,2026:c-100", "tag:blog.example,2026:c-100" },
	/* guid carries the anchor (no link): #comment-10 is not #comment-101 */
	{ "urn:x:#comment-10", NULL, "<p>Plain</p>", NULL, NULL },
	{ POST "#comment-105", POST "#comment-105",
	  "<p>In reply to <a href=\"" POST "#comment-10\">G</a>.</p>",
	  NULL, "urn:x:#comment-10" },
	/* the parent itself */
	{ POST "#comment-101", POST "#comment-101", "<p>First.</p>", NULL,
	  NULL },
	/* a comment answering itself stays top level */
	{ POST "#comment-106", POST "#comment-106",
	  "<p>In reply to <a href=\"" POST "#comment-106\">Me</a>.</p>",
	  NULL, NULL },
};
#define N_THREAD (sizeof(thread) / sizeof(thread[0]))

int main(void)
{
	struct rounds_entry sib[N_THREAD];
	char *got;
	size_t i;

	for (i = 0; anchors[i].html; i++) {
		got = rounds_reply_anchor(anchors[i].html);
		is_str(got, anchors[i].anchor, "anchor of case %zu", i);
		free(got);
	}
	ok(rounds_reply_anchor(NULL) == NULL, "no HTML, no anchor");
	{
		/* what follows the marker: the excerpt starts there */
		const char *after = NULL;
		const char *fr = "<p>En r\xc3\xa9ponse \xc3\xa0 <a href=\"" POST
			"#comment-41\">Dr. Paul Henry</a>.</p><p>Oui.</p>";

		ok(rounds_reply_marker(fr, &after) != NULL && after != NULL &&
		   strcmp(after, "</p><p>Oui.</p>") == 0,
		   "the text after a French marker: %s", after ? after : "-");
	}

	memset(sib, 0, sizeof(sib));
	for (i = 0; i < N_THREAD; i++) {
		sib[i].id = (char *)thread[i].id;
		sib[i].link = (char *)thread[i].link;
		sib[i].content = (char *)thread[i].html;
		if (thread[i].reply_ref) {
			sib[i].in_reply_to = xcalloc(1,
				sizeof(*sib[i].in_reply_to));
			sib[i].in_reply_to[0].ref = (char *)thread[i].reply_ref;
			sib[i].n_in_reply_to = 1;
		}
	}
	for (i = 0; i < N_THREAD; i++) {
		got = rounds_feed_comment_parent(&sib[i], ARTICLE_ID, POST,
						 sib, N_THREAD);
		is_str(got, thread[i].want, "parent of '%s'", thread[i].id);
		free(got);
	}
	/* The article named by its link instead of its id is top level too. */
	got = rounds_feed_comment_parent(&sib[3], "urn:other", ARTICLE_ID,
					 sib, N_THREAD);
	ok(got == NULL, "in-reply-to naming the article's id or link");
	free(got);
	/* The summary is used when there is no content. */
	sib[0].summary = sib[0].content;
	sib[0].content = NULL;
	got = rounds_feed_comment_parent(&sib[0], ARTICLE_ID, POST, sib,
					  N_THREAD);
	is_str(got, POST "#comment-101", "marker read from the summary");
	free(got);
	/* An in-reply-to that gives only an href names the comment its
	 * fragment does (RFC 4685 asks for a ref; some feeds leave it out). */
	{
		struct rounds_reply_ref href_only = { NULL,
			(char *)POST "#comment-101" };
		struct rounds_entry c = { 0 };

		c.id = (char *)"urn:x:href-only";
		c.content = (char *)"<p>Agreed.</p>";
		c.in_reply_to = &href_only;
		c.n_in_reply_to = 1;
		got = rounds_feed_reply_anchor(&c);
		is_str(got, "comment-101", "an href's fragment is the anchor");
		free(got);
		got = rounds_feed_comment_parent(&c, ARTICLE_ID, POST, sib,
						 N_THREAD);
		is_str(got, POST "#comment-101", "an href alone finds the "
		       "comment it names");
		free(got);
		href_only.href = (char *)POST;
		got = rounds_feed_comment_parent(&c, ARTICLE_ID, POST, sib,
						 N_THREAD);
		ok(got == NULL, "an href to the article alone: top level");
		free(got);
	}
	for (i = 0; i < N_THREAD; i++)
		free(sib[i].in_reply_to);
	return done_testing();
}
