"""draftedit.py: what an editor does to the sample's draft of 2026-W47,
as text edits of the Markdown (cut, move, edit, add, a note, a cut
comment, a renamed section, a cut section; in the conversations that go
on a cut comment and the editor's words), for the draft tests."""


def _block(lines, start):
    """The article at lines[start] ("### ..."): up to the next heading."""
    end = start + 1
    while end < len(lines) and not lines[end].startswith(("## ", "### ")):
        end += 1
    return end


def _find(lines, prefix):
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            return i
    raise ValueError("draft has no line starting " + repr(prefix))


def _cut(lines, prefix):
    i = _find(lines, prefix)
    end = _block(lines, i)
    block = lines[i:end]
    del lines[i:end]
    return block


def edit(md):
    lines = md.split("\n")
    # the editor's note, under the marker
    i = _find(lines, "<!-- note:")
    lines[i + 1:i + 1] = ["", "This week, the *night shift* and the "
                          "payment rules.", ""]
    # cut an article; cut a whole section
    _cut(lines, "### [Thanking the night shift]")
    for t in ("Quick links", "Interpreters on video", "The digital front"):
        _cut(lines, "### [" + t)
    del lines[_find(lines, "## Virtual Visit")]
    # move an article up to the top of its section
    block = _cut(lines, "### [Vendor risk questionnaires")
    i = _find(lines, "### [Weekend reading")
    lines[i:i] = block
    # an edited title, a renamed section
    i = _find(lines, "### [Break-glass access logs")
    lines[i] = lines[i].replace("Break-glass access logs: reviewing them "
                                "without drowning",
                                "Break-glass logs, reviewed")
    lines[_find(lines, "## Payment Matters")] = "## Payment and policy"
    # the editor's words under an article, above its excerpt
    i = _find(lines, "### [Weekend reading")
    lines[i + 4:i + 4] = ["Worth forwarding to your privacy officer: "
                          "**two sentences** per letter.", ""]
    # an edited excerpt
    i = _find(lines, "### [MIPS scores are out")
    j = _find(lines[i:], "Tags: ") + i + 2
    lines[j] = "Read your feedback report before you appeal anything."
    # a cut comment: its reply stays, one level up
    del lines[_find(lines, "- **José Ibáñez**")]
    # an article added by hand
    i = _find(lines, "### [Patient matching is still")
    end = _block(lines, i)
    lines[end:end] = ["### [A reader's guide to TEFCA]"
                      "(https://editor-picks.example/tefca-guide)", "",
                      "Not from our feeds, but the clearest account of "
                      "TEFCA we read this week.", ""]
    # the conversation that goes on: a cut comment, the editor's words
    del lines[_find(lines, "- **Greg Hollis**")]
    i = _find(lines, "### [Inbox volume after go-live")
    lines[i + 4:i + 4] = ["The thread that would not stop.", ""]
    return "\n".join(lines)


def cut_continued(md):
    """The edited draft without its conversation that goes on."""
    lines = md.split("\n")
    _cut(lines, "### [Inbox volume after go-live")
    return "\n".join(lines)
