"""Writes the hostile inputs of issue 24 (the attack run's cases), for tests and by hand.

Each function writes one case into a folder and returns what it wrote, so a
test states the attack in one line and asserts what the user sees. Run as a
script to write every file case into a folder for a manual attack run::

    python tests/hostile_inputs.py /tmp/hostile

Cases: a title that is HTML markup (``Budget <img src="/dev/zero"> vote``),
bidi overrides and terminal escape sequences in titles and names, quote-dense
articles (the 100 KB file with 8,653 quotes and a single 5 MB line), flipped
bytes and deleted files in an index's segments, bad settings (an out-of-range
delay, a link to /dev/zero, a huge file) and a deeply nested ``outlets.json``.
For reading files (item 2): front-matter blocks with one bad value each, the
"billion laughs", and folders holding FIFOs, device links, unreadable and
absurdly deep subfolders beside good articles.
A full disk is made by ``full_disk`` (a real tmpfs when this process may
mount one, else ``None``: the caller simulates ENOSPC).
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

MARKUP_TITLE = 'Budget <img src="/dev/zero"> vote'
RLO, PDF, RLE, FSI, PDI = "\u202e", "\u202c", "\u202b", "\u2068", "\u2069"
BIDI_TITLE = f"Minister calls report {RLO}live{PDF} and false"  # shows "evil" once reordered
UNTERMINATED_RLE_AUTHOR = f"{RLE}Staff writer"  # no PDF: reorders what follows it
TERMINAL_TITLE = "Budget \x1b]0;pwned\x07vote\x1b[2J\x1b[31m red"
TERMINAL_NAME = "esc\x1b[2Jname.txt"


def markup_title_file(folder: Path) -> Path:
    """A text file whose first line (its title) is HTML markup that loads /dev/zero."""
    path = folder / "markup-title.txt"
    path.write_text(f"{MARKUP_TITLE}\n\nThe council met on Monday. \u201cWe will vote,\u201d "
                    f"said <b>Jane Roe</b> <img src=\"/dev/zero\">.\n", encoding="utf-8")
    return path


def bidi_file(folder: Path) -> Path:
    """A title with a right-to-left override and a byline with an unterminated embedding."""
    path = folder / "bidi-title.md"
    path.write_text(f"---\ntitle: \"{BIDI_TITLE}\"\nauthor: \"{UNTERMINATED_RLE_AUTHOR}\"\n"
                    f"outlet: Example News\n---\n\n# {BIDI_TITLE}\n\n"
                    f"The minister said the numbers were {RLO}eurt{PDF} and would stand.\n",
                    encoding="utf-8")
    return path


def terminal_file(folder: Path) -> Path:
    """Escape sequences (set window title, clear screen, colour) in the title and the file name."""
    path = folder / TERMINAL_NAME
    path.write_text(f"{TERMINAL_TITLE}\n\nSnippet words \x1b[2J with escapes and budget.\n",
                    encoding="utf-8")
    return path


def quote_dense_text(quotes: int = 8653, single_line: bool = False) -> str:
    """About 11.6 characters per quote: 8,653 quotes make the attack's 100 KB file."""
    unit = "“q{:05d}” x. " if not single_line else "“q{:05d}” "
    return "Quote-dense\n\n" + "".join(unit.format(i % 100000) for i in range(quotes))


def quote_dense_file(folder: Path, quotes: int = 8653, single_line: bool = False) -> Path:
    path = folder / ("quote-line.txt" if single_line else "quote-dense.txt")
    path.write_text(quote_dense_text(quotes, single_line), encoding="utf-8")
    return path


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Where the quotes of a quote-dense text are (inside the marks), as an analyser finds them."""
    return [(m.start() + 1, m.end() - 1) for m in re.finditer(r"“[^”]*”", text)]


# -- damaged indexes ------------------------------------------------------------------
SEGMENT_TARGETS = ("_stored.col", "title.col", "_title_len.col", "path.col", "quote_list.col",
                   "entity_list.col", "_body_len.col", ".trm", ".pst")


def segment_files(location: Path, suffix: str) -> list[Path]:
    """The index's segment files whose name ends with ``suffix``."""
    return sorted(p for p in (Path(location) / "whoosh").iterdir()
                  if p.name.startswith("articles_") and p.name.endswith(suffix))


def flip_bytes(path: Path, offsets: Iterable[int] = (0, 7), mask: int = 0xFF) -> None:
    """Flip bytes in place (the file's time changes as a disk's or an editor's write would)."""
    data = bytearray(path.read_bytes())
    for offset in offsets:
        if data:
            data[offset % len(data)] ^= mask
    path.write_bytes(bytes(data))


def damage(location: Path, suffix: str, how: str) -> Path:
    """Damage the first segment file ending with ``suffix``: ``flip``, ``truncate`` or ``delete``."""
    path = segment_files(location, suffix)[0]
    if how == "flip":
        size = path.stat().st_size
        flip_bytes(path, (size // 3, size // 2, size - 1))
    elif how == "truncate":
        with open(path, "r+b") as fh:
            fh.truncate(max(0, path.stat().st_size // 2))
    elif how == "delete":
        path.unlink()
    else:
        raise ValueError(how)
    return path


# -- configuration -------------------------------------------------------------------
def _config_file(config: Path, name: str) -> Path:
    path = config / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def settings_out_of_range(config: Path) -> Path:
    path = _config_file(config, "parallax.ini")
    path.write_text("[prefs]\nsearchDelayMs=99999999999\n", encoding="utf-8")
    return path


def settings_link_to_dev_zero(config: Path) -> Path:
    path = _config_file(config, "parallax.ini")
    os.symlink("/dev/zero", path)
    return path


def settings_fifo(config: Path) -> Path:
    path = _config_file(config, "parallax.ini")
    os.mkfifo(path)
    return path


def settings_huge(config: Path, megabytes: int = 40) -> Path:
    path = _config_file(config, "parallax.ini")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[state]\nlastQuery=")
        fh.write("x" * (megabytes * 1024 * 1024))
        fh.write("\n")
    return path


def nested_outlets(config: Path, depth: int = 100_000) -> Path:
    """An ``outlets.json`` nested far deeper than Python's recursion limit."""
    path = _config_file(config, "outlets.json")
    path.write_text('{"version": 1, "labels": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    return path


def outlets_link_to_dev_zero(config: Path) -> Path:
    path = _config_file(config, "outlets.json")
    os.symlink("/dev/zero", path)
    return path


# -- a full disk -----------------------------------------------------------------------
@contextlib.contextmanager
def full_disk(size_kb: int = 1024) -> Iterator[Path | None]:
    """A small real tmpfs (Linux, where this process may mount one: root or a user namespace),
    else ``None`` so the caller simulates ENOSPC."""
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        yield None
        return
    mount_point = Path(tempfile.mkdtemp(prefix="parallax-full-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount_point)],
                             capture_output=True).returncode == 0
    try:
        yield mount_point if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)
        shutil.rmtree(mount_point, ignore_errors=True)


@contextlib.contextmanager
def simulated_full_disk(budget: int = 4096) -> Iterator[None]:
    """Every index file Whoosh creates fails with ENOSPC once ``budget`` bytes are written
    (where no tmpfs can be mounted, this is the full disk)."""
    import errno

    from whoosh.filedb.filestore import FileStorage

    original = FileStorage.create_file
    left = [budget]

    class FullFile:
        def __init__(self, inner, name):
            self._inner, self._name = inner, name

        def write(self, data):
            if len(data) > left[0]:
                raise OSError(errno.ENOSPC, "No space left on device", self._name)
            left[0] -= len(data)
            return self._inner.write(data)

        def __getattr__(self, name):
            return getattr(self._inner, name)

    def create_file(self, name, *args, **kwargs):
        handle = original(self, name, *args, **kwargs)
        handle.file = FullFile(handle.file, os.path.join(self.folder, name))
        return handle

    FileStorage.create_file = create_file
    try:
        yield
    finally:
        FileStorage.create_file = original


def fill(folder: Path, leave: int = 0) -> None:
    """Write filler until the disk holding ``folder`` is full (``leave`` bytes spare at most)."""
    chunk = b"\0" * 65536
    with open(folder / "filler.bin", "wb") as fh:
        try:
            while True:
                free = shutil.disk_usage(folder).free
                if free <= leave:
                    break
                fh.write(chunk[: max(1, min(len(chunk), free - leave))])
                fh.flush()
        except OSError:
            pass


GOOD_BODY = ("Officials said on Monday that the pipeline talks would resume next week after a pause of "
             "two months, according to a statement from the ministry.\n\n"
             "“We are ready to talk,” said Maria Lopez, the delegation's head.\n")

# name -> (front-matter lines, the field that must be dropped, words its warning contains)
BAD_FRONT_MATTER = {
    "day-30-feb": ("date: 2020-02-30", "published", "not a real date"),
    "month-13": ("date: 2022-13-05", "published", "not a real date"),
    "ambiguous-day": ('date: "03/04/2022"', "published", "either day/month"),
    "month-only": ('date: "January 2022"', "published", "names a month"),
    "long-digits": ("title: " + "7" * 5000, "title", "5,000 characters"),
    "title-list": ("title: [a, b]", "title", "not a list"),
    "outlet-map": ("outlet: {name: Gazette}", "outlet", "not a map"),
    "bad-kind": ("kind: gossip", "kind", "not one of"),
    "bad-url": ('url: "javascript:alert(1)"', "url", "not a web address"),
}


def billion_laughs() -> str:
    """The 414-byte YAML bomb: nine levels of aliases, each ten times the one before."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    lines.append("title: *i")
    return "\n".join(lines)


def write_front_matter_cases(folder: Path) -> dict[str, Path]:
    """One file per bad value (the rest of its block good), plus the structural attacks."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (line, _field, _why) in BAD_FRONT_MATTER.items():
        good = {"title": "title: Pipeline talks resume", "outlet": "outlet: Riverside Gazette",
                "published": "date: 2022-02-24"}
        bad_field = BAD_FRONT_MATTER[name][1]
        lines = [line] + [v for k, v in good.items() if k != bad_field]
        path = folder / f"{name}.md"
        path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + GOOD_BODY, encoding="utf-8")
        out[name] = path
    structural = {
        "billion-laughs.md": billion_laughs(),
        "nested-lists.md": "title: " + "[" * 20000 + "]" * 20000,
        "nested-maps.md": "title: x\nk: " + "{a: " * 5000 + "1" + "}" * 5000,
        "nested-blocks.md": "title: x\n" + "".join(" " * i + "k:\n" for i in range(200)) + " " * 200 + "v: 1",
        "not-closed.txt": "title: No end\noutlet: Nowhere",
    }
    for name, block in structural.items():
        path = folder / name
        closing = "" if name == "not-closed.txt" else "---\n"
        path.write_text("---\n" + block + "\n" + closing + "\n" + GOOD_BODY, encoding="utf-8")
        out[name.rsplit(".", 1)[0]] = path
    return out


def write_good_articles(folder: Path, count: int, prefix: str = "good") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        path = folder / f"{prefix}-{i:02d}.txt"
        path.write_text(f"Pipeline talks resume, part {i}\n\n{GOOD_BODY}Edition {prefix} {i}.\n", encoding="utf-8")
        out.append(path)
    return out


def remove_deep(deep: Path) -> None:
    """Delete a deeply nested tree from the bottom up (``shutil.rmtree`` recurses, and fails on
    990 levels, which would leave pytest unable to clean its temporary folders)."""
    path = deep
    while path.is_dir() and not path.is_symlink():
        subs = [p for p in path.iterdir() if p.is_dir() and not p.is_symlink()]
        if subs:
            path = subs[0]
            continue
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
        if path == deep:
            break
        path = path.parent


def write_hostile_folder(folder: Path, depth: int = 990) -> dict[str, Path]:
    """A folder of articles with a FIFO, links to devices, a dangling link, a link back up
    the tree and ``depth`` nested subfolders (an article at the bottom)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {"good": write_good_articles(folder, 2)[0]}
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    out["fifo"] = fifo
    for name, target in (("zero.txt", "/dev/zero"), ("null.md", "/dev/null")):
        link = folder / name
        link.symlink_to(target)
        out[name.split(".")[0]] = link
    dangling = folder / "gone.txt"
    dangling.symlink_to(folder / "no-such-file.txt")
    out["dangling"] = dangling
    loop = folder / "sub"
    loop.mkdir()
    (loop / "inner.txt").write_text("Inner article\n\n" + GOOD_BODY, encoding="utf-8")
    (loop / "up").symlink_to(folder, target_is_directory=True)
    out["loop"] = loop / "up"
    locked = folder / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text("Secret\n\n" + GOOD_BODY, encoding="utf-8")
    out["locked"] = locked
    deep = folder / "deep"
    path = deep
    deep.mkdir()
    for _ in range(depth):  # one level at a time: mkdir(parents=True) recurses
        path = path / "d"
        os.mkdir(path)
    (path / "bottom.txt").write_text("Bottom article\n\n" + GOOD_BODY, encoding="utf-8")
    out["deep"] = deep
    return out


def write_all(folder: Path) -> list[Path]:
    """Every file case, for a manual run (``parallax add FOLDER``)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [markup_title_file(folder), bidi_file(folder), terminal_file(folder),
               quote_dense_file(folder)]
    written += write_front_matter_cases(folder / "front-matter").values()
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-inputs")
    for p in write_all(out):
        print(repr(str(p)))  # one of the names holds escape sequences
