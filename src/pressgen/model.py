"""The validated, immutable model that `read` produces and every later stage trusts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .problems import Problem

STATUSES = ("draft", "published", "withdrawn")


def N_(message: str) -> str:
    """Mark an English label for the catalogs; it is translated where it is shown."""
    return message


DEFAULT_TYPES: Mapping[str, str] = {
    "press-release": N_("Press release"),
    "statement": N_("Statement"),
    "media-advisory": N_("Media advisory"),
    "news": N_("News"),
}
DEFAULT_REGIONS: Mapping[str, str] = {"global": N_("Global")}

MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".pdf")


def utc(instant: datetime) -> datetime:
    """`instant` in UTC, to compare it: Python compares two times of one zone by their clock
    readings, so that on an autumn night 02:45 summer time would come after 02:30 winter
    time, three quarters of an hour later."""
    return instant.astimezone(UTC)


RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None
    phone: str | None = None
    org: str | None = None


@dataclass(frozen=True)
class ImageText:
    """What a language says about the release's photo (the photo itself may be missing)."""

    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


@dataclass(frozen=True)
class Photo:
    """A photo file of a release as the reader measured it: upright size and format.

    Pages need the size for `width`/`height` and to plan renditions, without opening the
    image again; `read` opens each photo once to check it is an image at all."""

    name: str
    width: int
    height: int
    format: str  # Pillow's name: JPEG, PNG, WEBP or GIF


@dataclass(frozen=True)
class Correction:
    """A dated change to a published release, with a note per language."""

    date: datetime
    notes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Translation:
    """One language version of a release: its front matter and Markdown body.

    `body` is None in a release that comes from the build cache, which keeps releases without
    their Markdown (most of their size); converted bodies are cached on their own, and a body
    that must be converted again is read from its file then."""

    lang: str
    title: str
    dateline: str
    body: str | None
    summary: str | None = None
    image: ImageText | None = None
    contacts: tuple[Contact, ...] = ()
    translated_from: str | None = None
    images: Mapping[str, ImageText] = field(default_factory=dict)  # by file name, gallery form
    # when it went out, for a translation added after its release was public (`Release.out_in`)
    published: datetime | None = None

    def image_text(self, name: str | None, lead: str | None) -> ImageText | None:
        """What this language says about photo `name` (the single `image:` form describes
        the lead photo `lead`, or a caption without a photo when there is none)."""
        if name is not None and name in self.images:
            return self.images[name]
        return self.image if name == lead else None


@dataclass(frozen=True)
class Release:
    """What is true of a release in every language, and its language versions."""

    id: str
    folder: Path
    date: datetime
    type: str
    original: str
    status: str
    translations: Mapping[str, Translation]
    regions: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    embargo: datetime | None = None
    image: str | None = None
    corrections: tuple[Correction, ...] = ()
    media: tuple[str, ...] = ()
    # what a reader would hit that still publishes (see read/content.py, contacts.py), found
    # when the files were read and kept with the release, so that a build reusing it says so
    warnings: tuple[Problem, ...] = ()
    gallery: tuple[str, ...] = ()  # the photos after the lead one (`images:` in release.yaml)
    photos: Mapping[str, Photo] = field(default_factory=dict)  # measured, by file name
    withdrawn: datetime | None = None  # when it was withdrawn (`withdrawn:`), if it says
    # the size of each picture among `media` (shown in a body), for `width` and `height`
    media_sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    # every word of its bodies, in any language, that an address could name a release by
    # (`paths.path_words`), kept in the cache without the bodies: a build knows, without
    # reading any language version, which releases the release may link to
    path_words: tuple[str, ...] = ()
    # when each translation added later went out (`published:` in its file), kept with the
    # release as `path_words` is: every feed is dated without reading a language version
    added: Mapping[str, datetime] = field(default_factory=dict)

    @property
    def photo_names(self) -> tuple[str, ...]:
        """The release's photos in the order the page shows them, the lead one first."""
        return ((self.image,) if self.image else ()) + self.gallery

    @property
    def picture_sizes(self) -> dict[str, tuple[int, int]]:
        """The size of every picture of the release a body may show, by file name."""
        sizes = {name: (p.width, p.height) for name, p in self.photos.items()}
        return {**self.media_sizes, **sizes}

    @property
    def media_files(self) -> tuple[str, ...]:
        """Every file of the release that the output carries: its photos and body media."""
        return tuple(sorted({*self.media, *self.photo_names}))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.translations))

    def source(self, lang: str) -> Path:
        """The file a language version is written in (derived, so the model cache holds no
        path per language: paths are slow to unpickle)."""
        return self.folder / f"{lang}.md"

    @property
    def updated(self) -> datetime:
        """The instant of the last change a reader should know about: never before the
        release was public (a sitemap's `lastmod` of its date, while an embargo ran past it,
        told search engines of a change before the page was there)."""
        return max([self.scheduled_from, *(c.date for c in self.corrections)], key=utc)

    def out_in(self, lang: str) -> datetime:
        """The instant the release came out in `lang`: when it did in every language, or,
        for a translation added later, the instant its file says (`published:`), so that
        the language's feeds show it among their newest items."""
        added = self.added.get(lang)
        if added is not None and utc(added) > utc(self.scheduled_from):
            return added
        return self.scheduled_from

    def updated_in(self, lang: str) -> datetime:
        """`updated` in one language: it came out there, or a correction since."""
        return max(self.out_in(lang), self.updated, key=utc)

    @property
    def scheduled_from(self) -> datetime:
        """The instant from which the release is public, or would be if it were published:
        its date, or the end of its embargo if that is later."""
        if self.embargo is not None and utc(self.embargo) > utc(self.date):
            return self.embargo
        return self.date

    @property
    def held_by_embargo(self) -> bool:
        """Whether its embargo, ending after its date, is what decides `scheduled_from`."""
        return utc(self.scheduled_from) != utc(self.date)

    @property
    def public_from(self) -> datetime | None:
        """The instant from which the release is public; None for a draft or a withdrawn
        release, which never is.

        The one publication rule: every stage, and every command, asks it."""
        return self.scheduled_from if self.status == "published" else None

    def withdrawn_at(self, now: datetime) -> bool:
        """Withdrawn after its instant of publication: its addresses then say it was
        withdrawn. A release withdrawn before it was ever public (before its date or the end
        of its embargo, when `withdrawn:` says so) leaves no trace."""
        public_from = self.scheduled_from
        never_public = self.withdrawn is not None and utc(self.withdrawn) < utc(public_from)
        return self.status == "withdrawn" and utc(public_from) <= utc(now) and not never_public

    def has_an_address(self, now: datetime) -> bool:
        """Whether a link to the release may be published at `now`: it is public, or was and
        its address says it was withdrawn (otherwise its id would give it away)."""
        return self.is_public(now) or self.withdrawn_at(now)

    def is_public(self, now: datetime) -> bool:
        """Published, dated, and out of embargo at `now`: the only state that reaches output."""
        public_from = self.public_from
        return public_from is not None and utc(public_from) <= utc(now)


DEFAULT_TIMEOUT = 900.0  # seconds a deploy may take: a first copy of an archive takes minutes
OUTPUT_WORD = "{output}"  # replaced by the output folder, in any word of the deploy command


@dataclass(frozen=True)
class PublishSettings:
    """How the public output reaches readers (`[publish]`); `deploy` None: build only."""

    deploy: tuple[str, ...] | None = None
    timeout: float = DEFAULT_TIMEOUT

    def command(self, out_dir: Path) -> tuple[str, ...]:
        """The deploy command's words, `{output}` replaced by the output folder."""
        assert self.deploy is not None
        return tuple(word.replace(OUTPUT_WORD, str(out_dir)) for word in self.deploy)


@dataclass(frozen=True)
class MailSettings:
    """`[mail]` in pressgen.toml, validated: how `pressgen mail` reaches journalists.

    The SMTP login is never here: it comes from PRESSGEN_SMTP_USER and PRESSGEN_SMTP_PASSWORD.
    """

    sender: str  # `from`: "IOM Media <media@example.org>"
    host: str
    port: int
    security: str = "starttls"  # starttls | ssl | none
    reply_to: str | None = None
    unsubscribe: str | None = None  # mailto: or https: URL, `{email}` replaced per recipient
    rate: float = 10.0  # messages per second, at most
    retries: int = 3  # further attempts after a temporary failure, with back-off


@dataclass(frozen=True)
class Brand:
    """How the site looks as the organisation's own: `[brand]` in pressgen.toml.

    `logo` and `favicon` name files of the site's `assets/` folder; colours are CSS hex
    colours, checked for contrast when read."""

    logo: str | None = None
    logo_size: tuple[int, int] = (0, 0)  # measured when read, for width and height
    favicon: str | None = None
    stylesheet: str | None = None  # linked after pressgen's own
    accent: str | None = None
    text: str | None = None
    background: str | None = None


@dataclass(frozen=True)
class MediaContact:
    """One press officer on the site's media-contacts page (`[[contacts]]`).

    Texts are per language (a plain string in pressgen.toml counts for every language)."""

    name: Mapping[str, str]
    role: Mapping[str, str] = field(default_factory=dict)
    org: Mapping[str, str] = field(default_factory=dict)
    email: str | None = None
    phone: str | None = None


# Where a newsroom's house style is not CLDR's default for the language: Arabic press
# releases write Arabic-Indic digits ("١٥ مارس ٢٠٢١", as release-format.md shows), which
# CLDR's `ar` does not (it has Latin ones); `ar_EG` does, with the same month names.
HOUSE_LOCALES = {"ar": "ar_EG"}


def locale_name(lang: str, locales: Mapping[str, str]) -> str:
    """The CLDR locale id that formats `lang`: `[site.locales]`, else the house style, else
    the tag itself."""
    return locales.get(lang) or HOUSE_LOCALES.get(lang) or lang.replace("-", "_")


@dataclass(frozen=True)
class SiteConfig:
    """`pressgen.toml`, validated: everything site-wide that rendering needs."""

    base_url: str
    default_language: str
    languages: tuple[str, ...]
    titles: Mapping[str, str]
    types: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TYPES))
    regions: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_REGIONS))
    topics: Mapping[str, str] = field(default_factory=dict)
    publishers: Mapping[str, str] = field(default_factory=dict)
    feed_length: int = 50
    feed_authority: str | None = None
    # The CLDR locale formatting each language, where it is not the language's own default
    # (en = "en_GB": dates, times, numbers and lists in British style; URLs keep "en").
    locales: Mapping[str, str] = field(default_factory=dict)

    def locale(self, lang: str) -> str:
        """The CLDR locale id that formats `lang` (see `locale_name`)."""
        return locale_name(lang, self.locales)

    mail: MailSettings | None = None
    publish: PublishSettings = field(default_factory=PublishSettings)
    pdf_enabled: bool = True  # [pdf] enabled: a PDF of every release-language
    pdf_paper: str = "a4"  # [pdf] paper: "a4" or "us-letter"
    timezone: str | None = None  # as written in [site]; times without an offset are in it
    page_size: int = 20  # releases per list page: `[archive] page_size`
    brand: Brand = field(default_factory=Brand)
    about: Mapping[str, str] = field(default_factory=dict)  # Markdown per language
    contacts: tuple[MediaContact, ...] = ()

    def publisher(self, lang: str) -> str:
        """The organisation's name in `lang` (falling back to the site title)."""
        return (
            self.publishers.get(lang)
            or self.publishers.get(self.default_language)
            or self.title(lang)
        )

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get(self.default_language) or "Newsroom"


@dataclass(frozen=True)
class Site:
    """Everything `pressgen build` reads from a site folder."""

    root: Path
    config: SiteConfig
    releases: tuple[Release, ...]
    templates_dir: Path | None = None
    locales_dir: Path | None = None
    assets_dir: Path | None = None  # published as it is, under assets/
    # the problems of releases a build leaves out (see `read.read_site`), shown as warnings
    left_out: tuple[Problem, ...] = ()
