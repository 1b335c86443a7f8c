/* digest_int.h: the digest's parts, shared by digest*.c and their tests.
 *   digest_time.c    calendar arithmetic, ISO weeks, --since values
 *   digest_topics.c  word rules: topics, include/exclude, title keys
 *   digest_load.c    reading feeds, the window's entries and their
 *                    comments from the store
 *   digest.c         settings, filtering, dedupe, ranking, the pipeline
 *   digest_model.c   the model's JSON
 *   digest_safe.c    the model's last pass: stored values as untrusted */
#ifndef ROUNDS_DIGEST_INT_H
#define ROUNDS_DIGEST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "rounds/conf.h"
#include "rounds/digest.h"
#include "rounds/err.h"
#include "rounds/store.h"

/* ---- time (digest_time.c) ---- */

int64_t digest_days_from_civil(int y, int m, int d);
void digest_civil_from_days(int64_t days, int *y, int *m, int *d);
/* The ISO year and week of a day number. */
void digest_iso_week(int64_t days, int *year, int *week);
int digest_iso_weeks_in(int year);               /* 52 or 53 */
/* UTC time of local midnight starting day `days` in tz. */
int digest_local_midnight(int64_t days, const char *tz, int64_t *out,
			  struct rounds_err *err) ROUNDS_WUR;
/* The local day number of instant t in tz. */
int digest_local_days(int64_t t, const char *tz, int64_t *days,
		      struct rounds_err *err) ROUNDS_WUR;
/* A --since/--until value: YYYY-MM-DD (local midnight in tz), an RFC 3339
 * time, or a duration back from now ("7d", "48h", "1d12h", "2w", "30m").
 * A bad value is EX_USAGE naming it. */
int digest_parse_when(const char *s, const char *tz, int64_t now,
		      int64_t *out, struct rounds_err *err) ROUNDS_WUR;

/* ---- word rules (digest_topics.c) ---- */

/* Terms by their first byte, so one pass over a text tries at each word
 * start only the terms that can begin there. */
struct digest_term_ref {
	const char *s;
	size_t len;
	size_t group;           /* the topic (0 in a plain list) */
};

struct digest_term_index {
	struct digest_term_ref *v;
	size_t n;
	size_t start[257];      /* v[start[c]..start[c + 1]) begin with c */
};

/* A list of terms: lower-cased, white space collapsed. */
struct digest_terms {
	char **v;
	size_t n;
	struct digest_term_index ix;    /* empty in a topic's list: the
					   topics' combined index has them */
};

/* Parses "fhir, interoperability, \"prior authorization\"" (commas
 * separate; double quotes keep commas).  Empty items are skipped. */
void digest_terms_parse(const char *list, struct digest_terms *t);
void digest_terms_release(struct digest_terms *t);
/* True when any term occurs in hay (made by digest_haystack) on word
 * boundaries; a term may be followed by a plural "s". */
bool digest_terms_match(const struct digest_terms *t, const char *hay);

struct digest_topic {
	char *name;
	struct digest_terms terms;
};

struct digest_topics {
	struct digest_topic *v;
	size_t n;
	struct digest_term_index ix;    /* every topic's terms */
};

/* The config's [topics] section, in file order, when it has any key;
 * else the built-in health-IT set. */
void digest_topics_load(const struct rounds_conf *conf,
			struct digest_topics *t);
void digest_topics_release(struct digest_topics *t);
/* Indexes of the topics hay matches, in topic order, into out (room for
 * t->n); returns how many. */
size_t digest_topics_match(const struct digest_topics *t, const char *hay,
			   size_t *out);

/* The text rules match against: the parts lower-cased (ASCII), runs of
 * white space made one space, parts kept apart by a separator no term
 * can cross.  NULL parts are skipped.  Caller frees. */
char *digest_haystack(const char *const *parts, size_t n);
/* The dedupe key of a title: lower-cased, runs of punctuation and white
 * space made one space, trimmed.  Caller frees; NULL for an empty key. */
char *digest_title_key(const char *title);

/* ---- reading the store (digest_load.c) ---- */

struct digest_feed {
	int64_t id;
	char *url;
	char *title;             /* user_title, else title, else url */
	char *link;              /* the site, may be NULL */
	char *pub;               /* the feed's public URL, may be NULL */
	bool wanted;             /* passes --feed / --tag */
};

struct digest_comment {
	char *guid;
	char *parent;            /* parent_guid, may be NULL */
	char *author;            /* JSON PERSON text, may be NULL */
	char *link;
	char *content;           /* sanitised HTML */
	int64_t published;
	bool has_published;
	int64_t first_seen;      /* when the store first had it */
	/* worked out by digest_discuss.c */
	bool by_author;          /* written by the article's author */
	char *who;               /* the writer, for counting people */
	json_t *author_j;        /* author, read (NULL when it is none) */
	bool fresh;              /* written in the window: shown */
};

/* How much of a discussion a thread is (digest_discuss.c). */
struct digest_discussion {
	int64_t new_comments;    /* comments written in the window */
	int64_t participants;    /* distinct writers of those */
	int64_t depth;           /* deepest level among them, 1 = top */
	int64_t exchanges;       /* people answering or answered */
	int64_t author_replies;  /* the article's author answering */
	double score;            /* the formula in digest_discuss.c */
};

struct digest_article {
	int64_t row;             /* entries.id */
	size_t feed;             /* index into the feed array */
	char *guid, *link, *canonical, *title, *authors, *categories;
	char *summary, *content, *comments_link;
	int64_t published, updated, first_seen;
	bool has_published, has_updated;
	int64_t when;            /* published, else updated, else first_seen */
	int64_t comment_count;   /* as the feed says */
	bool has_comment_count;
	/* worked out by digest.c */
	bool dropped;            /* filtered out, or a duplicate */
	size_t main;             /* the story's main article (self if main) */
	char *text;              /* plain text of summary, else content */
	char **cats;
	size_t n_cats;
	size_t *topics;
	size_t n_topics;
	struct digest_comment *comments;   /* written order */
	size_t n_comments;
	int64_t discussed;       /* comment_count, else comments fetched */
	struct digest_discussion disc;
	size_t also, n_also;     /* the duplicates, in digest.c's list */
};

struct digest_data {
	struct digest_feed *feeds;         /* by id */
	size_t n_feeds, feeds_alloc;
	struct digest_article *arts;       /* by entries.id */
	size_t n_arts, arts_alloc;
};

/* All feeds, each marked wanted when it is in feeds[] (if any) and has
 * one of tags[] (if any).  A feed URL not subscribed is EX_DATAERR. */
int digest_load_feeds(struct rounds_store *st, const char *const *feeds,
		      size_t n_feeds, const char *const *tags, size_t n_tags,
		      struct digest_data *d, struct rounds_err *err) ROUNDS_WUR;
/* Entries of wanted feeds whose time is in [since, until). */
int digest_load_entries(struct rounds_store *st, int64_t since,
			int64_t until, struct digest_data *d,
			struct rounds_err *err) ROUNDS_WUR;
/* Entries of wanted feeds whose time is in [from, since) and whose
 * threads grew in [since, until): the "continued" articles. */
int digest_load_continued(struct rounds_store *st, int64_t from,
			  int64_t since, int64_t until, struct digest_data *d,
			  struct rounds_err *err) ROUNDS_WUR;
/* Comments of the articles not dropped, in one query. */
int digest_load_comments(struct rounds_store *st, struct digest_data *d,
			 struct rounds_err *err) ROUNDS_WUR;
void digest_data_release(struct digest_data *d);

/* ---- who is talking (digest_discuss.c) ---- */

/* Sets each comment's by_author (the article's author, matched by name,
 * uri or e-mail) and who. */
void digest_comments_people(struct digest_article *a);

/* One comment as the score sees it. */
struct digest_talk {
	const char *who;         /* NULL: a person of its own */
	size_t up;               /* the parent's index, or ROUNDS_THREAD_NONE;
				  * no cycles */
	bool by_author;
	bool fresh;              /* written in the window */
};

/* The discussion figures and score of a thread (formula: the file). */
void digest_discussion(const struct digest_talk *t, size_t n,
		       struct digest_discussion *out);
/* a->disc over the comments written in [since, until), each marked
 * fresh: an undated one by when it was first seen, or always when since
 * is INT64_MIN. */
void digest_discuss(struct digest_article *a, int64_t since, int64_t until);

/* ---- the pipeline's state (digest.c) and its JSON (digest_model.c) ---- */

#define DIGEST_DEFAULT_TITLE "Health IT Rounds"

enum digest_group { DIGEST_BY_SOURCE, DIGEST_BY_TOPIC };
enum digest_order { DIGEST_NEWEST, DIGEST_DISCUSSED };

struct digest_settings {
	const char *tz;
	enum digest_group group;
	enum digest_order order;
	long per_feed;              /* 0 = no cap */
	long excerpt_length;
	long max_comments;
	long comment_window;        /* [fetch] comment_window_days, days */
	bool mask_contacts;         /* [digest] mask_contacts, default yes */
	struct digest_terms include, exclude;
	struct digest_topics topics;
	char **feeds, **tags;       /* from the config when not given */
	size_t n_feeds, n_tags;
};

struct digest_build {
	const struct digest_settings *set;
	struct digest_data d;
	size_t *also;               /* duplicates, grouped by main */
	size_t n_also;
	size_t *kept;               /* main articles shown, in model order */
	size_t n_kept;
};

/* The section an article goes to with topic grouping: its first topic,
 * else the topics' count ("Other"). */
size_t digest_section_of(const struct digest_build *b,
			 const struct digest_article *a);
/* The shown articles as sections; *comments = the sum of their counts. */
json_t *digest_sections_json(const struct digest_build *b, int64_t *comments);
/* The shown articles of a continued build as "continued": each with only
 * its fresh comments, a top-level one with the "context" it answers. */
json_t *digest_continued_json(const struct digest_build *b);
/* "<site title> — 2026-W47", or with the window's first and last days. */
int digest_model_title(const struct rounds_conf *conf,
		       const struct rounds_digest_opts *opts, const char *tz,
		       char **out, struct rounds_err *err) ROUNDS_WUR;
json_t *digest_site_json(const struct rounds_conf *conf);
/* Sets key to s when it is known (not NULL or "") and valid UTF-8. */
void digest_set_str(json_t *o, const char *key, const char *s);
/* Sets key to t as YYYY-MM-DDTHH:MM:SSZ. */
void digest_set_date(json_t *o, const char *key, int64_t t);

/* ---- the model's last pass (digest_safe.c) ---- */

/* Every stored TEXT, URL and HTML value of the model through safe.h's
 * rules again (and the site's rel on links); what a rule refuses goes. */
void digest_model_safe(json_t *model);

/* ---- the model's pieces (digest.c) ---- */

/* Marks duplicates among the articles not dropped: the same canonical
 * link, or the same title key from another feed.  Each story's earliest
 * article (by when, then row) stays, its main = itself; the others get
 * main = its index and dropped = true.  Returns their indexes grouped by
 * main, each group by when and row (n_also of them; caller frees); a
 * main's also / n_also say where its group is. */
size_t *digest_dedupe(struct digest_article *arts, size_t n, size_t *n_also);

/* The plain-text excerpt of an article: from its summary, else its
 * content; at most max bytes.  NULL when there is no text. */
char *digest_excerpt(const char *summary, const char *content, size_t max);

#endif
