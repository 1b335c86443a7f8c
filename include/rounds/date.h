/* date.h: feed dates to Unix seconds (UTC).  Liberal: RFC 822/1123 with
 * zone names and offsets, RFC 3339 / ISO 8601 / W3CDTF (partial forms),
 * and the broken forms real feeds use.  Never guesses: a text it does not
 * understand returns false and *out is untouched. */
#ifndef ROUNDS_DATE_H
#define ROUNDS_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* Reads:
 *   2026-11-24T09:30:00.123+01:00, lower-case t/z, a space for T, no
 *     seconds, +hh:mm/+hhmm/+hh/Z/zone name after an optional space;
 *     2026-11-24, 2026-11, 2026 (the first day/month); basic format
 *     20261124T093000Z, 20261124; ISO 8601 reduced forms -03-12 and -0312
 *     (a month), 03-12-31 and 031231; ordinal days 2003-335, 2003335,
 *     03335; week dates 2026-W48-2, 2026W482, 2026-W48; a month
 *     zero-padded to three digits, 2003-012-31.
 *   [Tue,] 24 Nov 2026 09:30[:00] zone   (RFC 822/1123/2822; weekday
 *     ignored, even when wrong; seconds optional)
 *   [Tuesday,] 24-Nov-26 09:30:00 GMT   (RFC 850)
 *   Tue Nov 24 09:30:00 [zone] 2026     (asctime, date(1))
 *   [Tuesday,] November 24[th], 2026 [9:30 AM|a.m.|pm] [zone]
 *   [Fri,] 2006/09/15 08:19:53 EDT
 *   Greek (Κυρ, 11 Ιούλ 2004 11:17:18 EEST), Hungarian (2004. július
 *     13. 23:18:12, július 13., 2004 ..., 2004-július-13T9:15-05:00) and
 *     Korean (2004-05-25 오후 11:23:17, 2004년 05월 28일 01:31:15: with no
 *     zone these are +09:00, Korea's only zone).
 * Month and weekday names in any case, full or abbreviated ("Sept",
 * "Tues", "Wedn", "Thurs", "Nov."); extra spaces and commas between tokens.
 * Zones: UT UTC GMT Z Etc/GMT Etc/UTC, the RFC 822 US names, the
 * two-letter AT ET CT MT PT (standard time), numeric +hhmm/+hh:mm/+hh,
 * GMT+0100 / UTC-5, glued to the time (14:12:04GMT), written twice with
 * one meaning (EST EST), a trailing "(comment)", and these names: AKST
 * AKDT HST HDT AST ADT NST NDT WET WEST BST(+01) CET CEST MET MEST EET
 * EEST MSK JST KST HKT SGT AWST ACST ACDT AEST AEDT NZST NZDT.  Names
 * that mean several zones (IST ...) are refused.  Military single letters
 * follow RFC 822's table (A -0100 .. M -1200, N +0100 .. Y +1200, Z UT;
 * RFC 1123 says those signs were meant the other way, but feeds that use
 * letters took them from RFC 822); J is refused.  No zone means UTC.
 * Two-digit years: 00-49 are 20xx, 50-99 19xx (RFC 2822, also in the ISO
 * reduced forms); three digits: + 1900.
 * Every field is range-checked (day against its month, leap years,
 * hours 0-23, minutes 0-59, seconds 0-60 with :60 counted as the next
 * second, offsets up to 23:59); years 1-9999.  Names come from tables,
 * not from the C locale.  Result: Unix seconds, UTC, any int64 (before
 * 1970 negative). */
bool rounds_date_parse(const char *text, int64_t *out);

#endif
