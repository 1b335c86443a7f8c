/* test_discuss.c: who is talking in a thread: the article's author found
 * among the commenters, and the discussion score that ranks threads
 * where people answer each other above piles of one-off remarks. */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/thread.h"
#include "digest/digest_int.h"
#include "../tap.h"

#define NO ROUNDS_THREAD_NONE

/* Small threads: each comment's writer, the index it answers, whether the
 * article's author wrote it, and whether it is new in the window. */
struct thread_case {
	const char *name;
	size_t n;
	struct digest_talk t[12];
	double score;
	int64_t participants, depth;
};

#define C(who, up)      { who, up, false, true }
#define AU(who, up)     { who, up, true, true }
#define OLD(who, up)    { who, up, false, false }

static const struct thread_case threads[] = {
	{ "three answer each other", 3,
	  { C("a", NO), C("b", 0), C("c", 1) }, 8.0, 3, 3 },
	{ "the author answers", 2,
	  { C("a", NO), AU("author", 0) }, 7.0, 2, 2 },
	{ "a dialogue", 3,
	  { C("a", NO), C("b", 0), C("a", 1) }, 6.5, 2, 3 },
	{ "twelve one-off remarks", 12,
	  { C("a", NO), C("b", NO), C("c", NO), C("d", NO), C("e", NO),
	    C("f", NO), C("g", NO), C("h", NO), C("i", NO), C("j", NO),
	    C("k", NO), C("l", NO) }, 6.0, 12, 1 },
	{ "two without names answering", 2,
	  { C(NULL, NO), C(NULL, 0) }, 5.0, 2, 2 },
	{ "a new reply to an old comment", 3,
	  { OLD("a", NO), OLD("b", 0), C("c", 1) }, 5.5, 1, 3 },
	{ "one person answering themself", 3,
	  { C("a", NO), C("a", 0), C("a", 1) }, 3.5, 1, 3 },
	{ "six one-off remarks", 6,
	  { C("a", NO), C("b", NO), C("c", NO), C("d", NO), C("e", NO),
	    C("f", NO) }, 3.0, 6, 1 },
	{ "the author alone", 1, { AU("author", NO) }, 0.5, 1, 1 },
	{ "only old comments", 2, { OLD("a", NO), OLD("b", 0) }, 0.0, 0, 0 },
};

#define N_THREADS (sizeof(threads) / sizeof(threads[0]))

static const char *const want_order[N_THREADS] = {
	"three answer each other", "the author answers", "a dialogue",
	"twelve one-off remarks", "a new reply to an old comment",
	"two without names answering", "one person answering themself",
	"six one-off remarks", "the author alone", "only old comments",
};

static double scores[N_THREADS];

static int by_score(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	if (scores[a] != scores[b])
		return scores[a] > scores[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void test_scores(void)
{
	struct digest_discussion d;
	size_t i, order[N_THREADS];

	for (i = 0; i < N_THREADS; i++) {
		digest_discussion(threads[i].t, threads[i].n, &d);
		scores[i] = d.score;
		order[i] = i;
		ok(d.score == threads[i].score && d.participants ==
		   threads[i].participants && d.depth == threads[i].depth,
		   "%s: score %.1f, %lld people, depth %lld", threads[i].name,
		   d.score, (long long)d.participants, (long long)d.depth);
	}
	/* Listed in a shuffled order, sorted by score. */
	qsort(order, N_THREADS, sizeof(*order), by_score);
	for (i = 0; i < N_THREADS; i++)
		is_str(threads[order[i]].name, want_order[i], "rank %zu",
		       i + 1);
	digest_discussion(NULL, 0, &d);
	ok(d.score == 0 && d.new_comments == 0, "no comments: no discussion");
}

/* ---- the article's author among the commenters ---- */

static const struct {
	const char *authors, *commenter;
	bool by_author;
} people[] = {
	{ "[{\"name\":\"Ana Ruiz\"}]", "{\"name\":\"Ana Ruiz\"}", true },
	{ "[{\"name\":\"Ana Ruiz\"}]", "{\"name\":\"  ana   RUIZ \"}", true },
	{ "[{\"name\":\"Ana Ruiz\"}]", "{\"name\":\"Ana Ruiz-Lopez\"}", false },
	{ "[{\"name\":\"A. Ruiz\",\"uri\":\"https://b.example/ana/\"}]",
	  "{\"name\":\"Ana\",\"uri\":\"https://B.example/ana\"}", true },
	{ "[{\"email\":\"ana@b.example\"}]",
	  "{\"name\":\"Ana\",\"email\":\"ANA@b.example\"}", true },
	{ "[{\"name\":\"Tom\"},{\"name\":\"Ana Ruiz\"}]",
	  "{\"name\":\"ana ruiz\"}", true },
	{ "[{\"uri\":\"https://b.example/ana\"}]",
	  "{\"uri\":\"https://b.example/tom\"}", false },
	{ NULL, "{\"name\":\"Ana Ruiz\"}", false },
	{ "[{\"name\":\"Ana Ruiz\"}]", NULL, false },
	{ "[{}]", "{}", false },
	/* Blogger gives every author noreply@blogger.com: no one by it */
	{ "[{\"name\":\"Dana\",\"email\":\"noreply@blogger.com\"}]",
	  "{\"name\":\"Ken\",\"email\":\"noreply@blogger.com\"}", false },
	{ "[{\"name\":\"Dana\",\"email\":\"noreply@blogger.com\"}]",
	  "{\"name\":\"Dana\",\"email\":\"noreply@blogger.com\"}", true },
	{ "[{\"email\":\"no-reply@b.example\"}]",
	  "{\"email\":\"No-Reply@b.example\"}", false },
	/* "Anonymous" is whoever did not sign, not the author */
	{ "[{\"name\":\"Anonymous\"}]", "{\"name\":\"anonymous\"}", false },
};

static void test_people(void)
{
	struct digest_article a;
	struct digest_comment c;
	size_t i;

	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
		memset(&a, 0, sizeof(a));
		memset(&c, 0, sizeof(c));
		a.authors = (char *)people[i].authors;
		c.author = (char *)people[i].commenter;
		a.comments = &c;
		a.n_comments = 1;
		digest_comments_people(&a);
		is_int(c.by_author, people[i].by_author, "by_author case %zu",
		       i);
		free(c.who);
		json_decref(c.author_j);
	}
}

int main(void)
{
	test_scores();
	test_people();
	return done_testing();
}
