#!/usr/bin/env python3
"""feedcheck.py: the rules of the published feeds that a schema cannot
say, written from the specifications: RFC 4287 (Atom: feed.xml,
river.xml), the RSS 2.0 specification (feed.rss, with RFC 822 dates) and
JSON Feed 1.1 (feed.json), plus what feed validators warn about (a feed
without its own rel="self" link, two entries updated at the same instant,
an id not in the canonical form of RFC 3986, relative URLs in HTML
content, script in content).  Entries copied from other feeds (the
river's) keep their publishers' ids and times, as RFC 4287 4.2.6 and the
validator's own advice on those warnings say.

check_atom(), check_rss() and check_json() take the document's bytes and
return a list of messages, empty when the feed is clean.  Where html5lib
is installed (Debian's python3-html5lib), HTML content must also pass its
strict parser, as validators parse it.  As a program:
  feedcheck.py SITE_DIR     checks feed.xml, river.xml, feed.rss and
                            feed.json there, prints each message, exits 1
                            when there is one."""
import datetime
import html.parser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

try:  # Debian's python3-html5lib: HTML read as the validators read it
    import html5lib
except ImportError:
    html5lib = None

ATOM = "http://www.w3.org/2005/Atom"
A = "{%s}" % ATOM
JSONFEED_11 = "https://jsonfeed.org/version/1.1"

# RFC 3339 date-time (RFC 4287 3.3): upper-case T and Z, seconds required.
RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?"
                     r"(Z|[+-]\d\d:\d\d)$")
# RFC 822 section 5 as RSS 2.0 uses it (4-digit years, as the RSS Advisory
# Board recommends); the day name, when given, must be the date's.
RFC822 = re.compile(r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) "
                    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"(\d{4}) (\d\d):(\d\d)(?::(\d\d))? "
                    r"(UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|"
                    r"[+-]\d{4})$")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
DAYS = "Mon Tue Wed Thu Fri Sat Sun".split()
# RFC 3986 scheme ":" and something; RFC 4151 for tag: URIs.
ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
TAG = re.compile(r"^tag:([A-Za-z0-9.-]+|[^@\s]+@[A-Za-z0-9.-]+),"
                 r"\d{4}(-\d\d(-\d\d)?)?:[^\s]*$")


def rfc3339(text):
    """The instant of an RFC 3339 date-time, or None."""
    m = RFC3339.match(text or "")
    if not m:
        return None
    try:
        t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t


def rfc822(text):
    """The instant of an RFC 822 date as RSS 2.0 uses it, or None."""
    m = RFC822.match(text or "")
    if not m:
        return None
    day, dd, mon, yyyy, hh, mi, ss, zone = m.groups()
    try:
        t = datetime.datetime(int(yyyy), MONTHS.index(mon) + 1, int(dd),
                              int(hh), int(mi), int(ss or 0))
    except ValueError:
        return None
    if day and DAYS[t.weekday()] != day:
        return None
    return t


# An id is compared character by character (RFC 4287 4.2.6.1), so
# validators want it plain ASCII URI characters; urn: as RFC 2141 has it.
URI_ID = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:"
                    r"([A-Za-z0-9;/?:@&=+$,_.!~*'()#-]|%[0-9A-Fa-f]{2})+$")
URN = re.compile(r"^urn:[A-Za-z0-9][A-Za-z0-9-]{1,31}:"
                 r"([A-Za-z0-9()+,.:=@;$_!*'-]|%[0-9A-Fa-f]{2})+$", re.I)


def iri(text):
    """An IRI that is absolute, and a well-formed tag: URI if it is one."""
    if not text or not ABSOLUTE.match(text):
        return False
    return not text.startswith("tag:") or bool(TAG.match(text))


def entry_id(text):
    """An absolute URI fit for an atom:id: URI characters only, tag: and
    urn: well-formed, http(s) with a host."""
    if not text or not URI_ID.match(text) or not iri(text):
        return False
    if text.lower().startswith("urn:"):
        return bool(URN.match(text))
    if re.match(r"^https?:", text, re.I):
        return re.match(r"^https?://[^/]", text, re.I) is not None
    return True


UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                 "0123456789-._~")
DEFAULT_PORTS = {"http": "80", "https": "443"}


def _pct(text, lower=False):
    """RFC 3986 6.2.2.1-2: escapes in upper-case hex, an unreserved
    character's escape decoded; with lower, the rest lower-cased."""
    def one(m):
        if m.group(1):
            c = chr(int(m.group(1), 16))
            if c in UNRESERVED:
                return c.lower() if lower else c
            return "%" + m.group(1).upper()
        return m.group(0).lower() if lower else m.group(0)
    return re.sub(r"%([0-9A-Fa-f]{2})|[^%]+|%", one, text)


def _no_dots(path):
    """RFC 3986 5.2.4, remove_dot_segments."""
    out = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith("./") or path.startswith("/./"):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:]
            if out:
                out.pop()
        elif path in (".", ".."):
            path = ""
        else:
            i = path.find("/", 1)
            i = len(path) if i < 0 else i
            out.append(path[:i])
            path = path[i:]
    return "".join(out)


def canonical(text):
    """The form an id is compared in (RFC 3986 section 6, as the feed
    validator's NonCanonicalURI warning asks): scheme and host
    lower-case, escapes normalised, no dot segments, no default port, "/"
    for an empty path after an authority.  None when text is no URI."""
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):(//([^/?#]*))?([^?#]*)(.*)$",
                 text or "", re.S)
    if not m:
        return None
    scheme, auth, path, rest = m.group(1).lower(), m.group(3), m.group(4), \
        m.group(5)
    if auth is None:
        return scheme + ":" + _pct(path + rest)
    user, at, host = auth.rpartition("@")
    port = ""
    hp = re.match(r"^(\[[^\]]*\]|[^:]*)(?::(\d*))?$", host)
    if hp:
        host, port = hp.group(1), hp.group(2) or ""
        if port:
            port = str(int(port))
        if port == DEFAULT_PORTS.get(scheme):
            port = ""
    return "%s://%s%s%s%s%s" % (
        scheme, _pct(user) + at, _pct(host, lower=True),
        ":" + port if port else "", _no_dots(_pct(path)) or "/", _pct(rest))


def web_url(text):
    return bool(text) and re.match(r"^https?://[^/\s]+", text) is not None


class _Refs(html.parser.HTMLParser):
    """The URLs an HTML fragment refers to, and what it should not hold:
    elements that run or load things, and attributes beyond the plain
    ones that feed readers keep (validators allow a list of them: no
    ARIA, no event handlers, no media controls, whatever their value).
    PLAIN_ATTRS is the list src/render/outfeed_html.c keeps."""
    URL_ATTRS = {"href", "src", "cite", "poster", "action", "longdesc"}
    PLAIN_ATTRS = {
        "abbr", "alt", "cite", "class", "colspan", "datetime", "default",
        "dir", "height", "href", "hreflang", "id", "kind", "label", "lang",
        "loop", "media", "muted", "name", "open", "poster", "preload",
        "rel", "reversed", "rowspan", "scope", "sizes", "span", "src",
        "srclang", "srcset", "start", "target", "title", "type", "value",
        "width"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []
        self.risks = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "style", "form",
                   "meta", "link", "base"):
            self.risks.append("<%s>" % tag)
        for k, v in attrs:
            if k not in self.PLAIN_ATTRS and not k.startswith(
                    ("on", "data-")) and k != "style":
                self.risks.append("%s=" % k)
            if k.startswith("on"):
                self.risks.append("%s=" % k)
            elif k == "style":
                self.risks.append("style=")
            elif k in self.URL_ATTRS and v is not None:
                self.urls.append(v)
                if re.match(r"^\s*(javascript|vbscript|data):", v, re.I) \
                        and not (k == "src" and v.startswith("data:image/")):
                    self.risks.append("%s=%s" % (k, v.split(":")[0]))
            elif k == "srcset" and v:
                self.urls.extend(p.split()[0] for p in v.split(",")
                                 if p.strip())


def html_problems(where, text):
    """Relative references (a reader has no base to resolve them against:
    the feed sets no xml:base) and script in an HTML fragment."""
    p = _Refs()
    p.feed(text or "")
    p.close()
    out = ["%s: relative URL '%s' in HTML" % (where, u) for u in p.urls
           if not ABSOLUTE.match(u.strip())]
    out += ["%s: HTML holds %s" % (where, r) for r in p.risks]
    if html5lib is not None:
        try:
            html5lib.HTMLParser(strict=True).parseFragment(text or "")
        except Exception as e:  # html5lib's ParseError, or worse
            out.append("%s: not valid HTML: %s" % (where, e))
    return out


# ---- Atom ----------------------------------------------------------------

def _text(el):
    return (el.text or "").strip() if el is not None else ""


def _one(parent, name, where, msgs, required=True):
    """The only child atom:name, checking it is there at most (or exactly)
    once."""
    found = parent.findall(A + name)
    if len(found) > 1:
        msgs.append("%s: %d atom:%s elements, at most one allowed"
                    % (where, len(found), name))
    if required and not found:
        msgs.append("%s: missing atom:%s" % (where, name))
    return found[0] if found else None


def implausible(t):
    """Validators take a date before 1990 for a broken clock."""
    return t is not None and t.year < 1990


def _date(parent, name, where, msgs, required=True):
    el = _one(parent, name, where, msgs, required)
    if el is None:
        return None
    t = rfc3339(_text(el))
    if t is None:
        msgs.append("%s: atom:%s '%s' is not an RFC 3339 date-time"
                    % (where, name, _text(el)))
    elif implausible(t):
        msgs.append("%s: atom:%s %s is implausible" % (where, name,
                                                       _text(el)))
    return t


def _id(parent, where, msgs, copied=False):
    """An atom:id; in canonical form unless copied (an entry copied from
    another feed keeps its id as its publisher wrote it: RFC 4287 4.2.6,
    and the validator's advice on its NonCanonicalURI warning)."""
    el = _one(parent, "id", where, msgs)
    if el is not None and not entry_id(_text(el)):
        msgs.append("%s: atom:id '%s' is not an absolute IRI (or not a "
                    "well-formed tag: or urn: URI)" % (where, _text(el)))
    elif el is not None and not copied and \
            canonical(_text(el)) != _text(el):
        msgs.append("%s: atom:id '%s' is not in canonical form (the "
                    "canonical form would be '%s')"
                    % (where, _text(el), canonical(_text(el))))
    return _text(el)


def _links(parent, where, msgs):
    """RFC 4287 4.1.1/4.1.2: at most one alternate link per type and
    hreflang; every href an absolute IRI (no xml:base is set)."""
    seen = set()
    links = parent.findall(A + "link")
    for ln in links:
        href = ln.get("href")
        rel = ln.get("rel", "alternate")
        if not href:
            msgs.append("%s: atom:link without href" % where)
        elif not iri(href):
            msgs.append("%s: atom:link href '%s' is relative" % (where, href))
        if rel == "alternate":
            key = (ln.get("type"), ln.get("hreflang"))
            if key in seen:
                msgs.append("%s: two alternate links with type %s and "
                            "hreflang %s" % (where, key[0], key[1]))
            seen.add(key)
    return links


def _persons(parent, name, where, msgs):
    found = parent.findall(A + name)
    for p in found:
        if not _text(p.find(A + "name")):
            msgs.append("%s: atom:%s without a name" % (where, name))
        uri = p.find(A + "uri")
        if uri is not None and not iri(_text(uri)):
            msgs.append("%s: atom:%s uri '%s' is not absolute"
                        % (where, name, _text(uri)))
        email = p.find(A + "email")
        if email is not None and not re.match(r"^[^@\s]+@[^@\s]+$",
                                              _text(email)):
            msgs.append("%s: atom:%s email '%s' is not an address"
                        % (where, name, _text(email)))
    return found


def _text_construct(parent, name, where, msgs, required=False):
    el = _one(parent, name, where, msgs, required)
    if el is None:
        return
    kind = el.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        msgs.append("%s: atom:%s type '%s'" % (where, name, kind))
    if kind == "html":
        msgs.extend(html_problems("%s atom:%s" % (where, name), el.text))


def _source(entry, where, msgs):
    """RFC 4287 4.2.11, and what validators ask of it: the source feed's
    id, title, updated and a link, so it can stand for that feed."""
    src = _one(entry, "source", where, msgs, required=False)
    if src is None:
        return
    w = where + " atom:source"
    for name in ("id", "title", "updated"):
        if src.find(A + name) is None:
            msgs.append("%s: missing atom:%s" % (w, name))
    if src.find(A + "id") is not None:
        _id(src, w, msgs)
        if _text(src.find(A + "id")).startswith("file:"):
            msgs.append("%s: atom:id is a local file" % w)
    _date(src, "updated", w, msgs, required=False)
    links = _links(src, w, msgs)
    if not links:
        msgs.append("%s: no atom:link" % w)
    for ln in links:
        if (ln.get("href") or "").startswith("file:"):
            msgs.append("%s: link to a local file" % w)


def check_atom(data, copies=False):
    """copies: the entries are copied from other feeds (river.xml, the
    digest feeds), and keep their publishers' ids and updated times: two
    of them may then share an updated time (the validator asks no action
    when the times are true) and their ids need not be in canonical
    form."""
    msgs = []
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        return ["not well-formed XML: %s" % e]
    if root.tag != A + "feed":
        return ["the root is %s, not atom:feed" % root.tag]
    _id(root, "feed", msgs)
    _text_construct(root, "title", "feed", msgs, required=True)
    _text_construct(root, "subtitle", "feed", msgs)
    _date(root, "updated", "feed", msgs)
    links = _links(root, "feed", msgs)
    if not any(ln.get("rel") == "self" for ln in links):
        msgs.append("feed: no atom:link rel=\"self\" (validators ask for "
                    "the feed's own URL)")
    for ln in links:
        if ln.get("rel") == "self" and ln.get("type") not in (
                None, "application/atom+xml"):
            msgs.append("feed: rel=\"self\" link of type %s"
                        % ln.get("type"))
    feed_author = _persons(root, "author", "feed", msgs)
    ids, updated = {}, {}
    for n, e in enumerate(root.findall(A + "entry"), 1):
        eid = _id(e, "entry %d" % n, msgs, copied=copies)
        where = "entry %d (%s)" % (n, eid or "no id")
        _text_construct(e, "title", where, msgs, required=True)
        up = _date(e, "updated", where, msgs)
        pub = _date(e, "published", where, msgs, required=False)
        if up and pub and up < pub:
            msgs.append("%s: updated %s is before published %s"
                        % (where, up.isoformat(), pub.isoformat()))
        elinks = _links(e, where, msgs)
        authors = _persons(e, "author", where, msgs)
        src = e.find(A + "source")
        if not feed_author and not authors and (
                src is None or src.find(A + "author") is None):
            msgs.append("%s: no atom:author, and the feed has none"
                        % where)
        _persons(e, "contributor", where, msgs)
        for c in e.findall(A + "category"):
            if not c.get("term"):
                msgs.append("%s: atom:category without term" % where)
        _source(e, where, msgs)
        _text_construct(e, "summary", where, msgs)
        content = _one(e, "content", where, msgs, required=False)
        if content is None and not any(ln.get("rel", "alternate") ==
                                       "alternate" for ln in elinks):
            msgs.append("%s: neither atom:content nor an alternate link"
                        % where)
        if content is not None:
            if content.get("src") and e.find(A + "summary") is None:
                msgs.append("%s: out-of-line content needs a summary"
                            % where)
            if content.get("type") == "html":
                msgs.extend(html_problems(where + " atom:content",
                                          content.text))
        if eid:
            if eid in ids:
                msgs.append("%s: the same atom:id as entry %d"
                            % (where, ids[eid]))
            ids.setdefault(eid, n)
        if up and not copies:
            if up in updated:
                msgs.append("%s: the same atom:updated as entry %d (two "
                            "entries with the same value)"
                            % (where, updated[up]))
            updated.setdefault(up, n)
    return msgs


# ---- RSS 2.0 -------------------------------------------------------------

def check_rss(data):
    msgs = []
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        return ["not well-formed XML: %s" % e]
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["not an RSS 2.0 document (<rss version=\"2.0\">)"]
    chans = root.findall("channel")
    if len(chans) != 1:
        return ["%d channel elements, one required" % len(chans)]
    ch = chans[0]
    for name in ("title", "link", "description"):
        if len(ch.findall(name)) != 1:
            msgs.append("channel: %d <%s>, exactly one required"
                        % (len(ch.findall(name)), name))
    if ch.find("link") is not None and not web_url(_text(ch.find("link"))):
        msgs.append("channel: <link> '%s' is not a web URL"
                    % _text(ch.find("link")))
    selfs = [ln for ln in ch.findall(A + "link") if ln.get("rel") == "self"]
    if not selfs:
        msgs.append("channel: no atom:link rel=\"self\"")
    for ln in selfs:
        if not web_url(ln.get("href")):
            msgs.append("channel: atom:link self '%s' is not a web URL"
                        % ln.get("href"))
        if ln.get("type") not in (None, "application/rss+xml"):
            msgs.append("channel: self link of type %s" % ln.get("type"))
    for name in ("pubDate", "lastBuildDate"):
        el = ch.find(name)
        if el is not None and rfc822(_text(el)) is None:
            msgs.append("channel: <%s> '%s' is not an RFC 822 date"
                        % (name, _text(el)))
        elif el is not None and implausible(rfc822(_text(el))):
            msgs.append("channel: <%s> %s is implausible" % (name,
                                                          _text(el)))
    guids = {}
    for n, it in enumerate(ch.findall("item"), 1):
        where = "item %d" % n
        if it.find("title") is None and it.find("description") is None:
            msgs.append("%s: neither <title> nor <description>" % where)
        for name in ("title", "link", "description", "pubDate", "guid",
                     "comments", "source"):
            if len(it.findall(name)) > 1:
                msgs.append("%s: more than one <%s>" % (where, name))
        link = it.find("link")
        if link is not None and not ABSOLUTE.match(_text(link)):
            msgs.append("%s: <link> '%s' is relative" % (where, _text(link)))
        g = it.find("guid")
        if g is None:
            msgs.append("%s: no <guid>" % where)
        else:
            perma = g.get("isPermaLink", "true")
            if perma not in ("true", "false"):
                msgs.append("%s: isPermaLink '%s'" % (where, perma))
            if perma == "true" and not web_url(_text(g)):
                msgs.append("%s: guid '%s' is a permalink but not a URL "
                            "(isPermaLink=\"false\" needed)"
                            % (where, _text(g)))
            if _text(g) in guids:
                msgs.append("%s: the same guid as item %d"
                            % (where, guids[_text(g)]))
            guids.setdefault(_text(g), n)
        d = it.find("pubDate")
        if d is not None and rfc822(_text(d)) is None:
            msgs.append("%s: <pubDate> '%s' is not an RFC 822 date"
                        % (where, _text(d)))
        elif d is not None and implausible(rfc822(_text(d))):
            msgs.append("%s: <pubDate> %s is implausible" % (where,
                                                          _text(d)))
        if it.find("author") is not None and not re.match(
                r"^\S+@\S+", _text(it.find("author"))):
            msgs.append("%s: <author> must start with an e-mail address"
                        % where)
        src = it.find("source")
        if src is not None and not web_url(src.get("url")):
            msgs.append("%s: <source url> '%s' is not a web URL"
                        % (where, src.get("url")))
        desc = it.find("description")
        if desc is not None:
            msgs.extend(html_problems(where + " <description>", desc.text))
    return msgs


# ---- JSON Feed 1.1 -------------------------------------------------------

def _strings(obj, keys, where, msgs):
    for k in keys:
        if k in obj and not isinstance(obj[k], str):
            msgs.append("%s: %s is not a string" % (where, k))


def _authors(obj, where, msgs):
    if "author" in obj:
        msgs.append("%s: 'author' is JSON Feed 1.0; 1.1 has 'authors'"
                    % where)
    if "authors" not in obj:
        return
    if not isinstance(obj["authors"], list) or not obj["authors"]:
        msgs.append("%s: authors is not a non-empty array" % where)
        return
    for a in obj["authors"]:
        if not isinstance(a, dict) or not any(k in a for k in (
                "name", "url", "avatar")):
            msgs.append("%s: an author without name, url or avatar" % where)


def check_json(data):
    msgs = []
    try:
        feed = json.loads(data)
    except ValueError as e:
        return ["not JSON: %s" % e]
    if not isinstance(feed, dict):
        return ["the top level is not an object"]
    if feed.get("version") != JSONFEED_11:
        msgs.append("version is %r, not %s" % (feed.get("version"),
                                                JSONFEED_11))
    if not isinstance(feed.get("title"), str) or not feed.get("title"):
        msgs.append("feed: no title")
    if not isinstance(feed.get("items"), list):
        return msgs + ["feed: items is not an array"]
    _strings(feed, ("home_page_url", "feed_url", "description",
                    "language", "icon", "favicon"), "feed", msgs)
    for k in ("home_page_url", "feed_url"):
        if k in feed and not web_url(feed[k]):
            msgs.append("feed: %s '%s' is not a web URL" % (k, feed[k]))
    if "feed_url" not in feed:
        msgs.append("feed: no feed_url (the spec strongly recommends it)")
    _authors(feed, "feed", msgs)
    ids = {}
    for n, it in enumerate(feed["items"], 1):
        where = "item %d" % n
        if not isinstance(it, dict):
            msgs.append("%s: not an object" % where)
            continue
        if not isinstance(it.get("id"), str) or not it["id"]:
            msgs.append("%s: no id (a string)" % where)
        elif it["id"] in ids:
            msgs.append("%s: the same id as item %d" % (where,
                                                        ids[it["id"]]))
        else:
            ids[it["id"]] = n
        if "content_html" not in it and "content_text" not in it:
            msgs.append("%s: neither content_html nor content_text" % where)
        _strings(it, ("url", "external_url", "title", "content_html",
                      "content_text", "summary", "image", "banner_image",
                      "date_published", "date_modified", "language"),
                 where, msgs)
        for k in ("url", "external_url"):
            if k in it and not ABSOLUTE.match(it[k]):
                msgs.append("%s: %s '%s' is relative" % (where, k, it[k]))
        for k in ("date_published", "date_modified"):
            if k in it and rfc3339(it[k]) is None:
                msgs.append("%s: %s '%s' is not RFC 3339" % (where, k,
                                                             it[k]))
            elif k in it and implausible(rfc3339(it[k])):
                msgs.append("%s: %s %s is implausible" % (where, k, it[k]))
        if "date_published" in it and "date_modified" in it and \
                rfc3339(it["date_published"]) and \
                rfc3339(it["date_modified"]) and \
                rfc3339(it["date_modified"]) < rfc3339(it["date_published"]):
            msgs.append("%s: date_modified before date_published" % where)
        if "tags" in it and (not isinstance(it["tags"], list) or not all(
                isinstance(t, str) for t in it["tags"])):
            msgs.append("%s: tags is not an array of strings" % where)
        _authors(it, where, msgs)
        if isinstance(it.get("content_html"), str):
            msgs.extend(html_problems(where + " content_html",
                                      it["content_html"]))
    return msgs


def check_copies(data):
    """An Atom feed of copied entries (river.xml)."""
    return check_atom(data, copies=True)


CHECKS = (("feed.xml", check_atom), ("river.xml", check_copies),
          ("feed.rss", check_rss), ("feed.json", check_json))


def check_site(site):
    """Every message of the site's four feeds, each prefixed by its file."""
    out = []
    for name, fn in CHECKS:
        with open(os.path.join(site, name), "rb") as f:
            out.extend("%s: %s" % (name, m) for m in fn(f.read()))
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: feedcheck.py SITE_DIR")
    problems = check_site(sys.argv[1])
    for m in problems:
        print(m)
    sys.exit(1 if problems else 0)
