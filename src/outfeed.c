/* outfeed.c: output feeds.  (Not written yet.) */
#include "rounds/outfeed.h"

int rounds_outfeed_digest(json_t *model, enum rounds_outfeed_kind kind,
			  char **out, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

int rounds_outfeed_issues(json_t *site, json_t *issues,
			  enum rounds_outfeed_kind kind, const char *self,
			  char **out, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

int rounds_outfeed_river(json_t *site, json_t *articles, const char *self,
			 char **out, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }
