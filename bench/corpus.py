"""Deterministic benchmark corpus for pressgen, Hugo and Pelican.

``python bench/corpus.py --releases N --languages en,fr,es --out DIR [--seed 1]``
writes the same press releases three times:

* ``DIR/pressgen/`` -- a pressgen site (``pressgen.toml`` + ``releases/<id>/``),
* ``DIR/hugo/``     -- a theme-less multilingual Hugo site (page bundles),
* ``DIR/pelican/``  -- a Pelican site using the default theme,

plus ``DIR/corpus.json``, a manifest the runner reads.  The output depends only
on the arguments: every release is drawn from its own ``random.Random`` seeded
with ``(seed, index)``, and nothing reads the clock, so the corpus for ``N``
releases is byte-identical between runs and is a prefix of the corpus for any
larger ``N``.

The module also offers helpers the runner uses to edit one release in all
three formats (:func:`touch_release`) and to undo such edits.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from prose import EN, PEOPLE, Lexicon, ProseWriter, phrases, upper_first

CORPUS_FORMAT = 1
MANIFEST = "corpus.json"
EDITING = "EDITING"  # present while a benchmark has edited the corpus and not yet undone it
FORMATS = ("pressgen", "hugo", "pelican")
BASE_URL = "https://newsroom.example.org/"
Manifest = dict[str, Any]

REGIONS = {
    "asia-pacific": "Asia and the Pacific",
    "africa": "Africa",
    "americas": "Americas",
    "europe": "Europe",
}
TOPICS = {
    "border-management": "Border management",
    "climate": "Climate and migration",
    "health": "Migration health",
}
SITE_TITLES = {"en": "Newsroom", "fr": "Salle de presse", "es": "Sala de prensa"}
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
RELEASE_TYPES = ("press-release", "statement", "media-advisory", "news")
RELEASE_TYPE_WEIGHTS = (60, 15, 10, 15)
TYPE_LABELS = {
    "press-release": "Press release",
    "statement": "Statement",
    "media-advisory": "Media advisory",
    "news": "News",
}
UTC_OFFSETS = ("+00:00", "+01:00", "-05:00", "+07:00")
SLUG_WORDS = phrases(
    """
    border | health | climate | return | flood | camp | labour | youth | drought | census |
    shelter | water | routes | data | cyclone | rights
    """
)
FIRST_DATE = datetime(2000, 1, 1)
DATE_SPAN_DAYS = (datetime(2025, 12, 31) - FIRST_DATE).days
DRAFT_SHARE, WITHDRAWN_SHARE, EMBARGO_SHARE = 0.03, 0.02, 0.02


@dataclass(frozen=True)
class Contact:
    """A media contact printed at the foot of a release."""

    name: str
    email: str
    org: str


@dataclass(frozen=True)
class Text:
    """One language version of a release."""

    title: str
    dateline: str
    summary: str
    contacts: tuple[Contact, ...]
    body: str


@dataclass(frozen=True)
class Release:
    """A release with its metadata and every language version."""

    id: str
    date: str
    type: str
    original: str
    regions: tuple[str, ...]
    topics: tuple[str, ...]
    status: str
    embargo: str | None
    texts: dict[str, Text] = field(default_factory=dict)

    @property
    def embargoed(self) -> bool:
        """True when the release is under an embargo that ends after 2026-01-01."""
        return self.embargo is not None


def ascii_slug(name: str) -> str:
    """Lower-case ASCII letters of ``name`` (for e-mail local parts)."""
    table = str.maketrans("áàéèíóúñçüöä", "aaeeiouncuoa")
    return "".join(c for c in name.lower().translate(table) if c.isascii() and c.isalpha())


def contact_for(name: str, lex: Lexicon) -> Contact:
    """A contact whose address is derived from the person's name."""
    first, *rest = name.split()
    email = f"{ascii_slug(first)[:1]}{ascii_slug(''.join(rest))}@example.org"
    return Contact(name=name, email=email, org=lex.org)


def release_date(rng: random.Random) -> str:
    """An ISO 8601 timestamp between 2000 and 2025 with one of four UTC offsets."""
    day = FIRST_DATE + timedelta(days=rng.randrange(DATE_SPAN_DAYS + 1))
    moment = day.replace(hour=rng.randint(6, 20), minute=rng.choice((0, 15, 30, 45)))
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + rng.choice(UTC_OFFSETS)


def future_embargo(rng: random.Random) -> str:
    """A UTC timestamp in 2030, after the benchmark's fixed ``now`` of 2026-01-01."""
    moment = datetime(2030, 1, 1) + timedelta(days=rng.randrange(365), hours=rng.randint(6, 18))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_release(index: int, languages: Sequence[str], seed: int) -> Release:
    """Build release number ``index`` (1-based); it depends only on index, languages, seed."""
    rng = random.Random(f"{seed}:{index}")
    slug = "-".join(rng.sample(SLUG_WORDS, 2))
    roll = rng.random()
    status = "published"
    if roll < DRAFT_SHARE:
        status = "draft"
    elif roll < DRAFT_SHARE + WITHDRAWN_SHARE:
        status = "withdrawn"
    embargo = None
    if DRAFT_SHARE + WITHDRAWN_SHARE <= roll < DRAFT_SHARE + WITHDRAWN_SHARE + EMBARGO_SHARE:
        embargo = future_embargo(rng)
    if rng.random() < 0.1:
        regions: tuple[str, ...] = ("global",)
    else:
        regions = tuple(sorted(rng.sample(sorted(REGIONS), rng.randint(1, 2))))
    topics = tuple(sorted(rng.sample(sorted(TOPICS), rng.randint(1, 2))))
    city_index = rng.randrange(len(EN.cities))
    people = rng.sample(PEOPLE, rng.randint(1, 2))
    release = Release(
        id=f"r-{index:05d}-{slug}",
        date=release_date(rng),
        type=rng.choices(RELEASE_TYPES, weights=RELEASE_TYPE_WEIGHTS)[0],
        original=languages[0],
        regions=regions,
        topics=topics,
        status=status,
        embargo=embargo,
    )
    for lang in languages:
        writer = ProseWriter(lang, random.Random(f"{seed}:{index}:{lang}"))
        lex = writer.lex
        title = upper_first(writer.clause()).replace("**", "")
        release.texts[lang] = Text(
            title=title,
            dateline=lex.cities[city_index % len(lex.cities)],
            summary=writer.sentence(),
            contacts=tuple(contact_for(name, lex) for name in people),
            body=writer.body(),
        )
    return release


# --------------------------------------------------------------------------- pressgen


def q(value: str) -> str:
    """Quote a scalar string for YAML or TOML (a JSON string is valid in both)."""
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values: Sequence[str]) -> str:
    """A YAML flow sequence of quoted strings."""
    return "[" + ", ".join(q(v) for v in values) + "]"


def pressgen_config(languages: Sequence[str]) -> str:
    """The site's ``pressgen.toml``."""
    lines = [
        "[site]",
        f"base_url = {q(BASE_URL)}",
        f"default_language = {q(languages[0])}",
        "languages = [" + ", ".join(q(lang) for lang in languages) + "]",
        "",
        "[site.title]",
        *(f"{lang} = {q(SITE_TITLES.get(lang, f'Newsroom ({lang})'))}" for lang in languages),
        "",
        "[regions]",
        *(f"{key} = {q(label)}" for key, label in REGIONS.items()),
        "",
        "[topics]",
        *(f"{key} = {q(label)}" for key, label in TOPICS.items()),
    ]
    return "\n".join(lines) + "\n"


def pressgen_release_yaml(release: Release) -> str:
    """A release's ``release.yaml``."""
    lines = [
        f"date: {release.date}",
        f"type: {release.type}",
        f"original: {q(release.original)}",
        f"regions: {yaml_list(release.regions)}",
        f"topics: {yaml_list(release.topics)}",
        f"status: {release.status}",
    ]
    if release.embargo:
        lines.append(f"embargo: {release.embargo}")
    return "\n".join(lines) + "\n"


def pressgen_text(text: Text) -> str:
    """A ``<lang>.md`` file: YAML front matter, then the Markdown body."""
    lines = [
        "---",
        f"title: {q(text.title)}",
        f"dateline: {q(text.dateline)}",
        f"summary: {q(text.summary)}",
        "contacts:",
    ]
    for contact in text.contacts:
        lines += [
            f"  - name: {q(contact.name)}",
            f"    email: {q(contact.email)}",
            f"    org: {q(contact.org)}",
        ]
    return "\n".join([*lines, "---", text.body])


def write_pressgen_site(root: Path, languages: Sequence[str]) -> None:
    """Write the pressgen site's configuration under ``root``."""
    write(root / "pressgen.toml", pressgen_config(languages))


def write_pressgen_release(root: Path, release: Release) -> None:
    """Write one release of the pressgen site under ``root``."""
    folder = root / "releases" / release.id
    write(folder / "release.yaml", pressgen_release_yaml(release))
    for lang, text in release.texts.items():
        write(folder / f"{lang}.md", pressgen_text(text))


# --------------------------------------------------------------------------- Hugo

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} – {{ .Site.Title }}{{ end }}</title>
{{ range .AlternativeOutputFormats -}}
<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{ end -}}
{{ range .Translations -}}
<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end -}}
</head>
<body>
<header><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="dateline">{{ .Params.dateline }},
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">
{{- .Date.Format "2 January 2006" }}</time></p>
<p class="summary">{{ .Summary }}</p>
{{ .Content }}
<h2>Contacts</h2>
<ul class="contacts">
{{ range .Params.contacts -}}
<li>{{ .name }}, {{ .org }}, <a href="mailto:{{ .email }}">{{ .email }}</a></li>
{{ end -}}
</ul>
<p class="terms">
{{ range .GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
</p>
{{ with .Translations }}<nav class="translations">
{{ range . }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">
{{- .Language.LanguageName }}</a> {{ end }}
</nav>{{ end }}
</article>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}
<ul>
{{ range $paginator.Pages -}}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end -}}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

HUGO_INDEX = """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ $paginator := .Paginate (where .Site.RegularPages "Section" "releases") }}
<ul>
{{ range $paginator.Pages -}}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time><br>{{ .Summary }}</li>
{{ end -}}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""


def hugo_config(languages: Sequence[str]) -> str:
    """``hugo.toml``: one Hugo language per corpus language, files named ``index.<lang>.md``."""
    lines = [
        f"baseURL = {q(BASE_URL)}",
        f"defaultContentLanguage = {q(languages[0])}",
        "defaultContentLanguageInSubdir = true",
        f"title = {q(SITE_TITLES.get(languages[0], 'Newsroom'))}",
        "paginate = 20",
        "enableRobotsTXT = false",
        "",
        "[outputs]",
        'home = ["HTML", "RSS"]',
        'section = ["HTML", "RSS"]',
        "",
        "[taxonomies]",
        'region = "regions"',
        'topic = "topics"',
    ]
    for weight, lang in enumerate(languages, start=1):
        lines += [
            "",
            f"[languages.{lang}]",
            f"languageName = {q(LANGUAGE_NAMES.get(lang, lang))}",
            f"title = {q(SITE_TITLES.get(lang, f'Newsroom ({lang})'))}",
            f"weight = {weight}",
        ]
    return "\n".join(lines) + "\n"


def hugo_page(release: Release, lang: str) -> str:
    """``content/releases/<id>/index.<lang>.md`` with TOML front matter.

    Custom fields (dateline, contacts, ...) sit at the top level, which every
    Hugo version maps to ``.Params`` (a ``[params]`` table needs Hugo 0.123+).

    Drafts get ``draft = true``; an embargoed release gets its embargo as
    ``publishDate`` (so Hugo leaves it out); a withdrawn one is rendered but
    kept out of lists (``_build.list = "never"``), like Pelican's ``hidden``.
    """
    text = release.texts[lang]
    lines = [
        "+++",
        f"title = {q(text.title)}",
        f"date = {release.date}",
        f"draft = {'true' if release.status == 'draft' else 'false'}",
        f"summary = {q(text.summary)}",
        f"regions = {yaml_list(release.regions)}",
        f"topics = {yaml_list(release.topics)}",
        f"dateline = {q(text.dateline)}",
        f"release_type = {q(release.type)}",
        f"original = {q(release.original)}",
        f"status = {q(release.status)}",
    ]
    if release.embargo:
        lines.append(f"publishDate = {release.embargo}")
    if release.status == "withdrawn":
        lines += ["", "[_build]", 'list = "never"']
    for contact in text.contacts:
        lines += [
            "",
            "[[contacts]]",
            f"name = {q(contact.name)}",
            f"email = {q(contact.email)}",
            f"org = {q(contact.org)}",
        ]
    return "\n".join([*lines, "+++", text.body])


def write_hugo_site(root: Path, languages: Sequence[str]) -> None:
    """Write the Hugo site's configuration, layouts and section pages under ``root``."""
    write(root / "hugo.toml", hugo_config(languages))
    layouts = root / "layouts"
    write(layouts / "_default" / "baseof.html", HUGO_BASEOF)
    write(layouts / "_default" / "single.html", HUGO_SINGLE)
    write(layouts / "_default" / "list.html", HUGO_LIST)
    write(layouts / "index.html", HUGO_INDEX)
    for lang in languages:
        write(
            root / "content" / "releases" / f"_index.{lang}.md",
            f"+++\ntitle = {q('Releases')}\n+++\n",
        )


def write_hugo_release(root: Path, release: Release) -> None:
    """Write one release's page bundle under ``root``."""
    for lang in release.texts:
        path = root / "content" / "releases" / release.id / f"index.{lang}.md"
        write(path, hugo_page(release, lang))


# --------------------------------------------------------------------------- Pelican


def pelican_config(languages: Sequence[str]) -> str:
    """``pelicanconf.py``: default theme, UTC, all-articles feeds only, reader cache on."""
    site_url = BASE_URL.rstrip("/")
    lines = [
        '"""Pelican settings for the pressgen benchmark corpus (generated)."""',
        "",
        f"AUTHOR = {q(EN.org)}",
        f"SITENAME = {q(SITE_TITLES.get(languages[0], 'Newsroom'))}",
        f"SITEURL = {q(site_url)}",
        'PATH = "content"',
        'TIMEZONE = "UTC"',
        f"DEFAULT_LANG = {q(languages[0])}",
        "RELATIVE_URLS = False",
        "DEFAULT_PAGINATION = 20",
        "",
        f"FEED_DOMAIN = {q(site_url)}",
        'FEED_ALL_ATOM = "feeds/all.atom.xml"',
        'FEED_ALL_RSS = "feeds/all.rss.xml"',
        'TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"',
        "CATEGORY_FEED_ATOM = None",
        "CATEGORY_FEED_RSS = None",
        "AUTHOR_FEED_ATOM = None",
        "AUTHOR_FEED_RSS = None",
        "",
        "CACHE_CONTENT = True",
        "LOAD_CONTENT_CACHE = True",
        'CONTENT_CACHING_LAYER = "reader"',
        'CACHE_PATH = "cache"',
    ]
    return "\n".join(lines) + "\n"


def pelican_page(release: Release, lang: str) -> str:
    """``content/<id>-<lang>.md`` with Pelican's ``Key: value`` Markdown metadata.

    Translations share ``Slug`` so Pelican links them.  Withdrawn releases are
    ``hidden``; drafts and embargoed ones are ``draft``.
    """
    text = release.texts[lang]
    status = {"draft": "draft", "withdrawn": "hidden"}.get(release.status, "published")
    if release.embargo:
        status = "draft"
    lines = [
        f"Title: {text.title}",
        f"Date: {release.date}",
        f"Lang: {lang}",
        f"Slug: {release.id}",
        f"Status: {status}",
        f"Category: {TYPE_LABELS[release.type]}",
        f"Tags: {', '.join((*release.regions, *release.topics))}",
        f"Dateline: {text.dateline}",
        f"Summary: {text.summary}",
    ]
    return "\n".join(lines) + "\n\n" + text.body


def write_pelican_site(root: Path, languages: Sequence[str]) -> None:
    """Write the Pelican settings under ``root``."""
    write(root / "pelicanconf.py", pelican_config(languages))


def write_pelican_release(root: Path, release: Release) -> None:
    """Write one release's articles (one per language) under ``root``."""
    for lang in release.texts:
        write(root / "content" / f"{release.id}-{lang}.md", pelican_page(release, lang))


# --------------------------------------------------------------------------- corpus


def write(path: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` line ends, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def prepare_out(out: Path) -> None:
    """Empty ``out`` of a previous corpus; refuse to clear a folder that holds anything else."""
    if not out.exists():
        out.mkdir(parents=True)
        return
    known = {*FORMATS, MANIFEST, EDITING}
    strangers = sorted(p.name for p in out.iterdir() if p.name not in known)
    if strangers:
        raise SystemExit(f"{out} holds files that are not a corpus: {', '.join(strangers[:5])}")
    for name in FORMATS:
        shutil.rmtree(out / name, ignore_errors=True)
    (out / MANIFEST).unlink(missing_ok=True)
    (out / EDITING).unlink(missing_ok=True)


def generate_corpus(out: Path, releases: int, languages: Sequence[str], seed: int = 1) -> Manifest:
    """Write the three sites and ``corpus.json`` into ``out``; return the manifest.

    Releases are made and written one at a time, so memory stays flat whatever
    the corpus size.  The manifest is written last: its presence means the
    corpus is complete.
    """
    if releases < 1 or not languages:
        raise ValueError("need at least one release and one language")
    prepare_out(out)
    write_pressgen_site(out / "pressgen", languages)
    write_hugo_site(out / "hugo", languages)
    write_pelican_site(out / "pelican", languages)
    items = []
    for index in range(1, releases + 1):
        release = make_release(index, languages, seed)
        write_pressgen_release(out / "pressgen", release)
        write_hugo_release(out / "hugo", release)
        write_pelican_release(out / "pelican", release)
        items.append({"id": release.id, "status": release.status, "embargoed": release.embargoed})
    manifest = {
        "format": CORPUS_FORMAT,
        "releases": releases,
        "languages": list(languages),
        "seed": seed,
        "items": items,
    }
    write(out / MANIFEST, json.dumps(manifest, indent=1) + "\n")
    return manifest


def read_manifest(corpus: Path) -> Manifest | None:
    """The corpus manifest, or None when the corpus is absent or incomplete."""
    try:
        manifest = json.loads((corpus / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def is_current(corpus: Path, releases: int, languages: Sequence[str], seed: int) -> bool:
    """True when ``corpus`` holds a complete, unedited corpus made with these arguments."""
    manifest = read_manifest(corpus)
    return (
        manifest is not None
        and not (corpus / EDITING).exists()
        and manifest.get("format") == CORPUS_FORMAT
        and manifest.get("releases") == releases
        and manifest.get("languages") == list(languages)
        and manifest.get("seed") == seed
    )


def pick_release(manifest: Manifest) -> str:
    """A published, non-embargoed release near the middle of the corpus (deterministic)."""
    items = manifest["items"]
    visible = [i["id"] for i in items if i["status"] == "published" and not i["embargoed"]]
    if not visible:
        raise ValueError("corpus has no published release to touch")
    return str(visible[len(visible) // 2])


# --------------------------------------------------------------------------- touching


def release_files(corpus: Path, release_id: str, lang: str) -> dict[str, Path]:
    """The file holding ``release_id`` in ``lang``, for each site format."""
    return {
        "pressgen": corpus / "pressgen" / "releases" / release_id / f"{lang}.md",
        "hugo": corpus / "hugo" / "content" / "releases" / release_id / f"index.{lang}.md",
        "pelican": corpus / "pelican" / "content" / f"{release_id}-{lang}.md",
    }


def touch_sentence(lang: str, serial: int) -> str:
    """A deterministic new sentence; ``serial`` makes successive edits differ."""
    sentence = ProseWriter(lang, random.Random(f"touch:{lang}:{serial}")).sentence()
    return f"({serial}) {sentence}"


def append_paragraph(path: Path, sentence: str) -> None:
    """Append ``sentence`` as a new last paragraph of the Markdown body in ``path``."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_bytes(f"{text}\n\n{sentence}\n".encode())


def touch_release(
    corpus: Path,
    release_id: str,
    lang: str,
    serial: int = 1,
    formats: Sequence[str] = FORMATS,
) -> list[Path]:
    """Append one sentence to one release's ``lang`` file in each of ``formats``."""
    sentence = touch_sentence(lang, serial)
    paths = [release_files(corpus, release_id, lang)[name] for name in formats]
    for path in paths:
        append_paragraph(path, sentence)
    return paths


def snapshot(paths: Sequence[Path]) -> dict[Path, bytes]:
    """The current bytes of ``paths``, for :func:`restore`."""
    return {path: path.read_bytes() for path in paths}


def restore(saved: dict[Path, bytes]) -> None:
    """Write back the bytes taken by :func:`snapshot`."""
    for path, data in saved.items():
        path.write_bytes(data)


# --------------------------------------------------------------------------- CLI


def parse_languages(value: str) -> list[str]:
    """Split ``en,fr,es`` into codes, rejecting empty or duplicate entries."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes or len(set(codes)) != len(codes):
        raise argparse.ArgumentTypeError(f"bad language list: {value!r}")
    return codes


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=200, help="number of releases")
    parser.add_argument("--languages", type=parse_languages, default=["en", "fr", "es"])
    parser.add_argument("--out", type=Path, help="corpus folder to (re)write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--touch-one",
        type=Path,
        metavar="DIR",
        help="instead of generating, append a sentence to one release of the corpus in DIR",
    )
    parser.add_argument("--release", help="release id for --touch-one (default: a middle one)")
    parser.add_argument("--lang", help="language for --touch-one (default: the first)")
    parser.add_argument("--serial", type=int, default=1, help="edit number for --touch-one")
    args = parser.parse_args(argv)
    if args.touch_one:
        manifest = read_manifest(args.touch_one)
        if manifest is None:
            parser.error(f"no corpus in {args.touch_one}")
        release_id = args.release or pick_release(manifest)
        lang = args.lang or manifest["languages"][0]
        for path in touch_release(args.touch_one, release_id, lang, args.serial):
            print(path)
        return 0
    if args.out is None:
        parser.error("--out is required")
    manifest = generate_corpus(args.out, args.releases, args.languages, args.seed)
    counts: dict[str, int] = {}
    for item in manifest["items"]:
        key = "embargoed" if item["embargoed"] else item["status"]
        counts[key] = counts.get(key, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    size = f"{args.releases} releases x {len(args.languages)} languages"
    print(f"wrote {size} to {args.out} ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
