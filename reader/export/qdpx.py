"""A REFI-QDA project (``.qdpx``) that QualCoder, ATLAS.ti, MAXQDA and NVivo open.

A ``.qdpx`` is a zip: ``project.qde`` (QDA-XML, ``urn:QDA-XML:project:1.0``) and
``Sources/`` with one plain-text file per ``TextSource``. Each article is a
source; each coded span is a ``PlainTextSelection`` whose ``Coding``s point at
codes of a codebook built from what was coded (speakers grouped by speaker type,
statement kinds; or entities grouped by type). Article metadata are variables
on each source; each outlet is a case holding its articles.

Positions. Project.xsd types ``startPosition``/``endPosition`` as plain integers
and says nothing of their unit; the REFI-QDA standard counts characters from 0,
end exclusive, and the tools read the source file as decoded text (QualCoder
slices a Python string: Unicode code points). So positions here are code points
into the source file exactly as written: an emoji or a CJK Extension B character
is one position, not two UTF-16 units. Line ends are written as ``\\n`` (importers
read sources with universal newlines, which would shrink ``\\r\\n`` and shift every
later position), with offsets moved to match. Source files have no BOM, which a
reader would count as a character.

GUIDs are derived from what they name (an article's hash, a quote's index, a
code's name), so exporting the same evidence twice gives the same project.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
import shutil
import tempfile
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Callable, Iterable
from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr

NAMESPACE = "urn:QDA-XML:project:1.0"
_GUIDS = uuid.UUID("6f1d3c52-8a4e-5b7f-9c21-70a1e3d5b8f4")  # Parallax's namespace for uuid5
# characters XML 1.0 cannot hold (surrogates cannot come from decoded text, but are cheap to exclude)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# (name, typeOfVariable) of each source's variables, in the order they are declared
VARIABLES = (("Outlet", "Text"), ("Lean", "Text"), ("Lean rated by", "Text"),
             ("Lean rated on", "Text"), ("Ownership", "Text"), ("Article kind", "Text"),
             ("Published", "Date"), ("Author", "Text"), ("URL", "Text"))


def guid(*parts: str) -> str:
    """A GUID that names ``parts`` (the same parts give the same GUID)."""
    return str(uuid.uuid5(_GUIDS, "\x1f".join(parts)))


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text or "")


def _attr(text: str) -> str:
    """A quoted attribute value (line breaks and tabs kept as character references)."""
    return quoteattr(_clean(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _text(text: str) -> str:
    return escape(_clean(text))


def plain_text(body: str) -> tuple[str, Callable[[int], int]]:
    """The source text as written into ``Sources/`` (``\\n`` line ends) and a function
    moving an offset into ``body`` to the same place in it."""
    if "\r" not in body:
        return body, lambda offset: offset
    dropped = [m.start() for m in re.finditer("\r\n", body)]  # each "\r" of a "\r\n" goes
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return text, lambda offset: offset - bisect.bisect_left(dropped, offset)


@dataclass(frozen=True)
class CodeRef:
    """A code by where it sits: ``group`` (top level), then ``subgroup`` (may be ""), then ``name``.

    A code is one per (group, name): when a name comes with several subgroups
    (a speaker typed a person here and an organisation there) it sits under the
    one it came with most often."""

    group: str
    name: str
    subgroup: str = ""


@dataclass
class Segment:
    """A coded span of a source: offsets into the article text as stored."""

    start: int
    end: int
    codes: tuple[CodeRef, ...]
    key: str  # names the selection (its GUID), unique within the source
    name: str = ""
    description: str = ""


@dataclass
class Source:
    key: str  # names the source (its GUID): the article's hash
    name: str
    text: str
    description: str = ""
    case: str = ""  # the outlet: the case this source belongs to
    case_description: str = ""
    variables: dict[str, str] = field(default_factory=dict)  # by VARIABLES name


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class _Codebook:
    def __init__(self, colors: dict[str, str], groups: Iterable[str] = ()) -> None:
        self.colors = colors
        self.groups: dict[str, None] = dict.fromkeys(groups)  # given order, then first-seen
        self.codes: dict[tuple[str, str], Counter] = {}  # (group, name) -> subgroup counts, first-seen order

    def declare(self, code: CodeRef) -> str:
        self.groups.setdefault(code.group, None)
        self.codes.setdefault((code.group, code.name), Counter())[code.subgroup] += 1
        return guid("code", code.group, code.name)

    def xml(self) -> str:
        parts = []
        for group in (g for g in self.groups if any(key[0] == g for key in self.codes)):
            parts.append(f'<Code guid="{guid("group", group)}" name={_attr(group)} isCodable="false"'
                         f'{self._color(group)}>')
            placed: dict[str, list[str]] = {}
            for (g, name), subgroups in self.codes.items():
                if g == group:
                    placed.setdefault(subgroups.most_common(1)[0][0], []).append(name)
            for name in placed.pop("", []):  # codes right under the group: in the order they came
                parts.append(self._leaf(group, name))
            for subgroup in sorted(placed, key=str.casefold):
                parts.append(f'<Code guid="{guid("subgroup", group, subgroup)}" name={_attr(subgroup)} '
                             f'isCodable="false"{self._color(subgroup)}>')
                parts.extend(self._leaf(group, n, subgroup) for n in sorted(placed[subgroup], key=str.casefold))
                parts.append("</Code>")
            parts.append("</Code>")
        return "<CodeBook><Codes>" + "".join(parts) + "</Codes></CodeBook>" if parts else ""

    def _leaf(self, group: str, name: str, subgroup: str = "") -> str:
        color = self._color(name) or self._color(subgroup)
        return f'<Code guid="{guid("code", group, name)}" name={_attr(name)} isCodable="true"{color}/>'

    def _color(self, name: str) -> str:
        color = self.colors.get(name)
        return f' color="{color}"' if color else ""


class QdpxWriter:
    """Streams sources into a ``.qdpx`` zip; ``finish`` writes ``project.qde``.

    Source texts go into the zip as they come and their XML into a spooled
    temporary file, because the codebook, which comes first in the XML, is only
    known once every source has been seen.
    """

    def __init__(self, fh: IO[bytes], project: str, origin: str, colors: dict[str, str] | None = None,
                 groups: Iterable[str] = (), created: dt.datetime | None = None) -> None:
        """``groups``: the order of the codebook's top-level codes (others follow as they come)."""
        self._zip = zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED)
        self._project = project or "Parallax export"
        self._origin = origin
        self._created = (created or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._user = guid("user", origin)
        self._codebook = _Codebook(colors or {}, groups)
        self._sources = tempfile.SpooledTemporaryFile(max_size=16 * 2**20, mode="w+b")
        self._cases: dict[str, tuple[str, list[str]]] = {}  # outlet -> (description, source GUIDs)
        self._used_variables: set[str] = set()
        self.sources = 0
        self.selections = 0

    def declare(self, code: CodeRef) -> None:
        """Put a code in the codebook before any span uses it (it keeps this place)."""
        self._codebook.declare(code)

    def add_source(self, source: Source, segments: Iterable[Segment]) -> None:
        text, moved = plain_text(source.text)
        sid = guid("source", source.key)
        self._zip.writestr(f"Sources/{sid}.txt", text.encode("utf-8"))
        out = [f'<TextSource guid="{sid}" name={_attr(source.name or source.key)} '
               f'plainTextPath="internal://{sid}.txt" creatingUser="{self._user}" '
               f'creationDateTime="{self._created}">']
        if source.description:
            out.append(f"<Description>{_text(source.description)}</Description>")
        for seg in segments:
            start, end = moved(seg.start), moved(seg.end)
            if not 0 <= start < end <= len(text):
                continue  # an offset outside the text: never a selection of the wrong words
            sel = guid("selection", source.key, seg.key)
            out.append(f'<PlainTextSelection guid="{sel}" name={_attr(_short(seg.name or text[start:end], 80))} '
                       f'startPosition="{start}" endPosition="{end}" creatingUser="{self._user}" '
                       f'creationDateTime="{self._created}">')
            if seg.description:
                out.append(f"<Description>{_text(seg.description)}</Description>")
            for code in dict.fromkeys(seg.codes):
                code_guid = self._codebook.declare(code)
                out.append(f'<Coding guid="{guid("coding", source.key, seg.key, code_guid)}" '
                           f'creatingUser="{self._user}" creationDateTime="{self._created}">'
                           f'<CodeRef targetGUID="{code_guid}"/></Coding>')
            out.append("</PlainTextSelection>")
            self.selections += 1
        for name, kind in VARIABLES:
            value = (source.variables.get(name) or "").strip()
            if not value or (kind == "Date" and not _valid_date(value)):
                continue
            self._used_variables.add(name)
            element = "DateValue" if kind == "Date" else "TextValue"
            out.append(f'<VariableValue><VariableRef targetGUID="{guid("variable", name)}"/>'
                       f"<{element}>{_text(value)}</{element}></VariableValue>")
        out.append("</TextSource>\n")
        self._sources.write("".join(out).encode("utf-8"))
        if source.case:
            self._cases.setdefault(source.case, (source.case_description, []))[1].append(sid)
        self.sources += 1

    def finish(self, description: str = "") -> None:
        """Write ``project.qde`` and close the zip (the file handle stays open)."""
        head = [f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NAMESPACE}" '
                f'name={_attr(self._project)} origin={_attr(self._origin)} '
                f'creatingUserGUID="{self._user}" creationDateTime="{self._created}">\n',
                f'<Users><User guid="{self._user}" name={_attr(self._origin)}/></Users>\n',
                self._codebook.xml(), "\n"]
        used = [(n, k) for n, k in VARIABLES if n in self._used_variables]
        if used:
            head.append("<Variables>" + "".join(
                f'<Variable guid="{guid("variable", n)}" name={_attr(n)} typeOfVariable="{k}"/>'
                for n, k in used) + "</Variables>\n")
        if self._cases:
            head.append("<Cases>")
            for outlet, (about, sids) in self._cases.items():
                head.append(f'<Case guid="{guid("case", outlet)}" name={_attr(outlet)}>')
                if about:
                    head.append(f"<Description>{_text(about)}</Description>")
                head.extend(f'<SourceRef targetGUID="{sid}"/>' for sid in sids)
                head.append("</Case>")
            head.append("</Cases>\n")
        tail = "</Sources>\n" if self.sources else ""
        if description:
            tail += f"<Description>{_text(description)}</Description>\n"
        tail += "</Project>\n"
        with self._zip.open("project.qde", "w") as qde:
            qde.write("".join(head).encode("utf-8"))
            if self.sources:
                qde.write(b"<Sources>\n")
                self._sources.seek(0)
                shutil.copyfileobj(self._sources, qde)
            qde.write(tail.encode("utf-8"))
        self.close()

    def close(self) -> None:
        """Release the zip and the spooled XML (``finish`` calls it; call it after a failure)."""
        self._sources.close()
        try:
            self._zip.close()
        except ValueError:  # failed while writing project.qde: the file is discarded anyway
            pass


def _valid_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
